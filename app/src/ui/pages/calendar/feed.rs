//! The subscription address and the busy-time upload on a person's calendar page.

use crate::api::calendar::{
    BusyImportInfo, DeleteBusyTimes, FeedAddress, FollowInfo, NewFeedAddress,
};
use crate::i18n::*;
use crate::ui::islands::CopyButton;
use crate::ui::text::I18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The subscription address: shown once, right after it is made (only its hash is kept);
/// afterwards the box says since when one exists and offers a new one.
#[component]
pub fn FeedBox(
    feed: Option<FeedAddress>,
    since: Option<String>,
    renew: ServerAction<NewFeedAddress>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_feed = since.is_some();
    view! {
        <section class="card" aria-labelledby="feed-title" id="feed">
            <h2 id="feed-title">{t!(i18n, calendar.cal_feed_title)}</h2>
            <p>{t!(i18n, calendar.cal_feed_help)}</p>
            {match (feed, since) {
                (Some(f), _) => {
                    view! {
                        <p class="notice" role="status">{t!(i18n, calendar.cal_feed_made)}</p>
                        <label for="feed-url">{t!(i18n, calendar.cal_feed_address)}</label>
                        <input id="feed-url" type="text" readonly value=f.https.clone() class="wide" />
                        <p class="actions">
                            <a class="button" href=f.webcal.clone()>{t!(i18n, calendar.cal_feed_open)}</a>
                            " "
                            <CopyButton id="feed-copy".to_string() text=f.https.clone()
                                label=t_string!(i18n, calendar.cal_copy).to_string()
                                done_label=t_string!(i18n, calendar.cal_copied).to_string() />
                        </p>
                    }.into_any()
                }
                (None, Some(date)) => view! {
                    <p>{t!(i18n, calendar.cal_feed_hidden, date = date.clone())}</p>
                }.into_any(),
                (None, None) => view! { <p>{t!(i18n, calendar.cal_feed_none)}</p> }.into_any(),
            }}
            <details class="phone-help">
                <summary>{t!(i18n, calendar.cal_help_phones)}</summary>
                <p>{t!(i18n, calendar.cal_help_android)}</p>
                <p>{t!(i18n, calendar.cal_help_iphone)}</p>
            </details>
            <ActionForm action=renew>
                <button type="submit" class=if has_feed { "secondary" } else { "" }>
                    {if has_feed { t!(i18n, calendar.cal_feed_regenerate).into_any() } else { t!(i18n, calendar.cal_feed_create).into_any() }}
                </button>
            </ActionForm>
        </section>
    }
}

/// The outcome of the last upload, translated: whether it was saved, what happened, and the
/// events left out of it with the reason for each.
struct UploadMessage {
    saved: bool,
    text: String,
    skipped: Vec<String>,
}

/// What was wrong with one event (`reason`: zone, date or rule), naming it.
fn event_problem(i18n: I18n, reason: &str, event: String, detail: String) -> String {
    match reason {
        "zone" => t_string!(i18n, calendar.ical_err_zone, event = event, zone = detail).to_string(),
        "date" => {
            t_string!(i18n, calendar.ical_err_date, event = event, value = detail).to_string()
        }
        "rule" => t_string!(i18n, calendar.ical_err_rule, event = event, rule = detail).to_string(),
        _ => t_string!(i18n, calendar.ical_err_unreadable).to_string(),
    }
}

/// Why a file or a followed calendar could not be read as a whole, from its code (`detail`:
/// the HTTP status of `http_status`).
fn problem_text(i18n: I18n, code: &str, detail: String) -> String {
    match code {
        "empty" => t_string!(i18n, calendar.ical_err_empty).to_string(),
        "too_big" => t_string!(i18n, calendar.ical_err_too_big).to_string(),
        "not_calendar" => t_string!(i18n, calendar.ical_err_not_calendar).to_string(),
        "truncated" => t_string!(i18n, calendar.ical_err_truncated).to_string(),
        "too_many_events" => t_string!(i18n, calendar.ical_err_too_many_events).to_string(),
        "too_many_busy" => t_string!(i18n, calendar.ical_err_too_many_busy).to_string(),
        "no_events" => t_string!(i18n, calendar.ical_err_no_events).to_string(),
        "bad_address" => t_string!(i18n, calendar.follow_err_bad_address).to_string(),
        "not_https" => t_string!(i18n, calendar.follow_err_not_https).to_string(),
        "private_address" => t_string!(i18n, calendar.follow_err_private_address).to_string(),
        "too_many_redirects" => t_string!(i18n, calendar.follow_err_too_many_redirects).to_string(),
        "unreachable" => t_string!(i18n, calendar.follow_err_unreachable).to_string(),
        "timeout" => t_string!(i18n, calendar.follow_err_timeout).to_string(),
        "http_status" => {
            t_string!(i18n, calendar.follow_err_http_status, status = detail).to_string()
        }
        _ => t_string!(i18n, calendar.ical_err_unreadable).to_string(),
    }
}

/// The translated outcome of the last upload, from the page's query.
fn upload_message(i18n: I18n) -> Option<UploadMessage> {
    let query = use_query_map();
    let q = query.read_untracked();
    let text_of = |key: &str| q.get(key).unwrap_or_default();
    let number = |key: &str| text_of(key).parse::<usize>().unwrap_or(0);
    if let Some(done) = q.get("busy") {
        let other = match done.as_str() {
            "deleted" => Some(t_string!(i18n, calendar.cal_busy_deleted).to_string()),
            "unchanged" => Some(t_string!(i18n, calendar.cal_follow_unchanged).to_string()),
            "stopped" => Some(t_string!(i18n, calendar.cal_follow_stopped).to_string()),
            _ => None,
        };
        if let Some(text) = other {
            return Some(UploadMessage {
                saved: true,
                text,
                skipped: Vec::new(),
            });
        }
        let (spans, skipped) = (number("spans"), number("skipped"));
        let mut text = t_string!(
            i18n,
            calendar.cal_busy_imported,
            spans = spans,
            events = number("events")
        )
        .to_string();
        if skipped > 0 {
            text.push(' ');
            text.push_str(&t_string!(i18n, calendar.cal_busy_skipped, count = skipped));
        }
        let named = (1..=5)
            .filter_map(|n| {
                let reason = q.get(&format!("skip{n}"))?;
                let event = text_of(&format!("skip{n}_event"));
                let detail = text_of(&format!("skip{n}_detail"));
                Some(event_problem(i18n, &reason, event, detail))
            })
            .collect();
        return Some(UploadMessage {
            saved: true,
            text,
            skipped: named,
        });
    }
    let code = q.get("busy_error")?;
    let text = match code.as_str() {
        reason @ ("zone" | "date" | "rule") => {
            event_problem(i18n, reason, text_of("event"), text_of("detail"))
        }
        code => problem_text(i18n, code, text_of("detail")),
    };
    Some(UploadMessage {
        saved: false,
        text,
        skipped: Vec::new(),
    })
}

#[component]
pub fn BusyBox(
    busy: Option<BusyImportInfo>,
    following: Option<FollowInfo>,
    delete: ServerAction<DeleteBusyTimes>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = upload_message(i18n);
    view! {
        <section class="card" aria-labelledby="busy-title" id="busy">
            <h2 id="busy-title">{t!(i18n, calendar.cal_busy_title)}</h2>
            {message.map(|m| if m.saved {
                view! {
                    <div class="notice" role="status">
                        <p>{m.text}</p>
                        {(!m.skipped.is_empty()).then(|| view! {
                            <ul class="skipped">{m.skipped.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                        })}
                    </div>
                }.into_any()
            } else {
                view! { <p class="error-summary" role="alert">{m.text}</p> }.into_any()
            })}
            <p>{t!(i18n, calendar.cal_busy_help)}</p>
            <FollowPart following />
            {busy.map(|b| view! {
                <p>{t!(i18n, calendar.cal_busy_current, count = b.spans, date = b.uploaded.clone())}</p>
                <ActionForm action=delete>
                    <button type="submit" class="secondary">{t!(i18n, calendar.cal_busy_delete)}</button>
                </ActionForm>
            })}
            <h3>{t!(i18n, calendar.cal_busy_upload_title)}</h3>
            <form method="post" action="/calendar/busy" enctype="multipart/form-data">
                <p class="hint">{t!(i18n, calendar.cal_busy_upload_replaces)}</p>
                <label for="busy-file">{t!(i18n, calendar.cal_busy_file)}</label>
                <input id="busy-file" name="file" type="file" accept=".ics,text/calendar" required />
                <button type="submit">{t!(i18n, calendar.cal_busy_upload)}</button>
            </form>
        </section>
    }
}

/// The calendar the person follows by its address (when it was last read, the last error,
/// whether it is paused), or the form to follow one.
#[component]
fn FollowPart(following: Option<FollowInfo>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(f) = following else {
        return view! {
            <h3>{t!(i18n, calendar.cal_follow_title)}</h3>
            <p>{t!(i18n, calendar.cal_follow_help)}</p>
            <form method="post" action="/calendar/follow" class="stack">
                <label for="follow-address">{t!(i18n, calendar.cal_follow_address)}</label>
                <input id="follow-address" name="address" type="text" inputmode="url"
                    autocomplete="off" spellcheck="false" required class="wide"
                    placeholder="webcal://…" />
                <button type="submit">{t!(i18n, calendar.cal_follow_submit)}</button>
            </form>
            <details class="phone-help">
                <summary>{t!(i18n, calendar.cal_follow_where)}</summary>
                <p>{t!(i18n, calendar.cal_follow_where_google)}</p>
                <p>{t!(i18n, calendar.cal_follow_where_outlook)}</p>
                <p>{t!(i18n, calendar.cal_follow_where_apple)}</p>
                <p>{t!(i18n, calendar.cal_follow_where_nextcloud)}</p>
            </details>
        }
        .into_any();
    };
    let error = f.last_error.map(|(date, code, detail)| {
        let reason = problem_text(i18n, &code, detail.unwrap_or_default());
        view! { <p class="error-summary">{t!(i18n, calendar.cal_follow_last_error, date = date, reason = reason)}</p> }
    });
    view! {
        <h3>{t!(i18n, calendar.cal_follow_title)}</h3>
        <p>{t!(i18n, calendar.cal_follow_following)} " " <code>{f.address}</code></p>
        {f.paused.then(|| view! { <p class="error-summary" role="alert">{t!(i18n, calendar.cal_follow_paused)}</p> })}
        <p>{match f.last_success {
            Some(date) => t!(i18n, calendar.cal_follow_last_ok, date = date).into_any(),
            None => t!(i18n, calendar.cal_follow_never).into_any(),
        }}</p>
        {error}
        <div class="actions">
            <form method="post" action="/calendar/follow/refresh" class="inline">
                <button type="submit">{t!(i18n, calendar.cal_follow_refresh)}</button>
            </form>
            " "
            <form method="post" action="/calendar/follow/stop" class="inline">
                <button type="submit" class="secondary">{t!(i18n, calendar.cal_follow_stop)}</button>
            </form>
        </div>
    }
    .into_any()
}
