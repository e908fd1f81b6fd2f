//! The subscription address and the busy-time upload on a person's calendar page.

use crate::api::calendar::{BusyImportInfo, DeleteBusyTimes, FeedAddress, NewFeedAddress};
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

/// The translated outcome of the last upload, from the page's query.
fn upload_message(i18n: I18n) -> Option<UploadMessage> {
    let query = use_query_map();
    let q = query.read_untracked();
    let text_of = |key: &str| q.get(key).unwrap_or_default();
    let number = |key: &str| text_of(key).parse::<usize>().unwrap_or(0);
    if let Some(done) = q.get("busy") {
        if done == "deleted" {
            return Some(UploadMessage {
                saved: true,
                text: t_string!(i18n, calendar.cal_busy_deleted).to_string(),
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
    let text = match q.get("busy_error")?.as_str() {
        "empty" => t_string!(i18n, calendar.ical_err_empty).to_string(),
        "too_big" => t_string!(i18n, calendar.ical_err_too_big).to_string(),
        "not_calendar" => t_string!(i18n, calendar.ical_err_not_calendar).to_string(),
        "truncated" => t_string!(i18n, calendar.ical_err_truncated).to_string(),
        "too_many_events" => t_string!(i18n, calendar.ical_err_too_many_events).to_string(),
        "too_many_busy" => t_string!(i18n, calendar.ical_err_too_many_busy).to_string(),
        "no_events" => t_string!(i18n, calendar.ical_err_no_events).to_string(),
        reason @ ("zone" | "date" | "rule") => {
            event_problem(i18n, reason, text_of("event"), text_of("detail"))
        }
        _ => t_string!(i18n, calendar.ical_err_unreadable).to_string(),
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
            {busy.map(|b| view! {
                <p>{t!(i18n, calendar.cal_busy_current, count = b.spans, date = b.uploaded.clone())}</p>
                <ActionForm action=delete>
                    <button type="submit" class="secondary">{t!(i18n, calendar.cal_busy_delete)}</button>
                </ActionForm>
            })}
            <form method="post" action="/calendar/busy" enctype="multipart/form-data">
                <label for="busy-file">{t!(i18n, calendar.cal_busy_file)}</label>
                <input id="busy-file" name="file" type="file" accept=".ics,text/calendar" required />
                <button type="submit">{t!(i18n, calendar.cal_busy_upload)}</button>
            </form>
        </section>
    }
}
