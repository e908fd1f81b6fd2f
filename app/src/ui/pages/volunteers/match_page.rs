//! One match: what it is about, its check-ins and hours, and closing it with feedback. Its
//! volunteer logs check-ins; the volunteer or a coordinator closes it.

use super::parts::NeedFacts;
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::matches::{
    get_match, CloseMatch, FirstContact, GiveMatchFeedback, LogCheckIn, MatchDetail,
};
use crate::domain::matching::MatchStatus;
use crate::domain::matching::{CheckInForm, CloseReason};
use crate::i18n::*;
use crate::names::{name, options};
use crate::ui::form::{action_error, ConfirmFirst, ErrorSummary, SelectField, TextField};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageTitle;
use crate::ui::matching_text::hours;
use crate::ui::pages::ErrorView;
use crate::ui::text::written_date;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn MatchPage() -> impl IntoView {
    let id = id_param("id");
    let check_in = ServerAction::<LogCheckIn>::new();
    let close = ServerAction::<CloseMatch>::new();
    let feedback = ServerAction::<GiveMatchFeedback>::new();
    let data = Resource::new(
        move || {
            (
                id(),
                check_in.version().get(),
                close.version().get(),
                feedback.version().get(),
            )
        },
        |(id, _, _, _)| async move {
            let detail = get_match(id).await?;
            let draft = take_draft(format!("check_in/{id}")).await?;
            Ok::<_, crate::error::AppError>((detail, draft))
        },
    );
    view! {
        <RequireRole roles=&[]>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((m, draft)) => view! { <MatchView m draft check_in close feedback /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
fn MatchView(
    m: MatchDetail,
    draft: Option<String>,
    check_in: ServerAction<LogCheckIn>,
    close: ServerAction<CloseMatch>,
    feedback: ServerAction<GiveMatchFeedback>,
) -> impl IntoView {
    let i18n = use_i18n();
    let check_error = action_error(check_in);
    let close_error = action_error(close);
    let feedback_error = action_error(feedback);
    let form: CheckInForm = decode_draft(
        draft,
        CheckInForm {
            on_date: m.today.clone(),
            ..Default::default()
        },
    );
    let active = m.status == MatchStatus::Active;
    let closed = m.status == MatchStatus::Closed;
    let own_feedback = if m.mine {
        m.feedback_volunteer.clone()
    } else {
        m.feedback_household.clone()
    };
    let reasons = options::<CloseReason>(i18n);
    let title = t_string!(
        i18n,
        volunteers.match_title,
        programme = name(i18n, m.need.programme),
        name = m.need.first_name.clone()
    )
    .to_string();
    view! {
            <p>
                {if m.mine {
                    view! { <A href="/volunteer">{t!(i18n, common.nav_my_matches)}</A> }.into_any()
                } else {
                    view! { <A href="/matching">{t!(i18n, common.nav_matching)}</A> }.into_any()
                }}
            </p>
            <PageTitle text=t_string!(i18n, common.nav_matching).to_string() />
    <h1>{title}</h1>
            <p>
                {name(i18n, m.status)} " · " {t!(i18n, common.field_volunteer)} ": " {m.volunteer_name.clone()}
                {m.since.clone().map(|s| view! { " · " {t!(i18n, volunteers.since)} " " {s} })}
                " · " {t!(i18n, common.hours_value, h = hours(m.minutes))}
            </p>
            {m.quiet.then(|| view! { <p class="flag"><strong>{t!(i18n, volunteers.quiet_flag)}</strong></p> })}
            {m.household.clone().map(|(id, name)| view! {
                <p><A href=format!("/households/{id}")>{name}</A></p>
            })}
            {m.first_contact.clone().map(|contact| view! { <NextSteps contact /> })}
            <NeedFacts need=m.need.clone() />
            {m.decline_reason.clone().map(|r| view! { <p>{t!(i18n, volunteers.decline_reason_is)} ": " {r}</p> })}
            {m.close_reason.map(|r| view! { <p>{t!(i18n, volunteers.field_close_reason)} ": " {name(i18n, r)}</p> })}
            {m.feedback_volunteer.clone().map(|f| view! { <p>{t!(i18n, volunteers.feedback_volunteer)} ": " {f}</p> })}
            {m.feedback_household.clone().map(|f| view! { <p>{t!(i18n, volunteers.feedback_household)} ": " {f}</p> })}

            <h2 id="check-ins">{t!(i18n, volunteers.check_ins_title)}</h2>
            {if m.check_ins.is_empty() {
                view! { <p>{t!(i18n, volunteers.no_check_ins)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {m.check_ins.into_iter().map(|c| view! {
                            <li><strong>{written_date(i18n, &c.on_date)}</strong> " — " {t!(i18n, volunteers.minutes_value, n = c.minutes)} {c.note.map(|n| view! { " — " {n} })}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(active && m.mine).then(|| view! {
                <h3>{t!(i18n, volunteers.log_check_in)}</h3>
                <ErrorSummary error=check_error form="check_in" />
                <ActionForm action=check_in attr:class="stack">
                    <input type="hidden" name="id" value=m.id />
                    <TextField name="check_in[on_date]" field="on_date" form="check_in" label=t_string!(i18n, volunteers.field_check_in_date).to_string()
                        hint=t_string!(i18n, common.date_hint).to_string() value=form.on_date.clone() error=check_error inputmode="numeric" />
                    <TextField name="check_in[minutes]" field="minutes" form="check_in" label=t_string!(i18n, common.field_minutes).to_string()
                        value=form.minutes.clone() error=check_error inputmode="numeric" />
                    <TextField name="check_in[note]" field="note" form="check_in" label=t_string!(i18n, volunteers.field_check_in_note).to_string()
                        value=form.note.clone() error=check_error />
                    <button type="submit">{t!(i18n, volunteers.log_check_in)}</button>
                </ActionForm>
            })}
            {active.then(|| view! {
                <h2>{t!(i18n, volunteers.close_match)}</h2>
                <ErrorSummary error=close_error form="close" />
                <ConfirmFirst label=t_string!(i18n, volunteers.close_match).to_string()
                    question=t_string!(i18n, volunteers.confirm_close_match).to_string()
                    open=close_error.get_untracked().is_some()>
                <ActionForm action=close attr:class="stack">
                    <input type="hidden" name="id" value=m.id />
                    <SelectField name="close[reason]" field="reason" form="close" label=t_string!(i18n, volunteers.field_close_reason).to_string()
                        value=String::new() options=reasons.clone() error=close_error placeholder=t_string!(i18n, common.choose).to_string() />
                    <TextField name="close[feedback]" field="feedback" form="close" label=t_string!(i18n, common.field_feedback).to_string()
                        value=String::new() error=close_error multiline=true />
                    <button type="submit" class="danger">{t!(i18n, volunteers.close_match)}</button>
                </ActionForm>
                </ConfirmFirst>
            })}
            {(closed && own_feedback.is_none()).then(|| view! {
                <h2>{t!(i18n, volunteers.give_feedback)}</h2>
                <ErrorSummary error=feedback_error form="feedback" />
                <ActionForm action=feedback attr:class="stack">
                    <input type="hidden" name="id" value=m.id />
                    <TextField name="feedback" field="feedback" form="feedback" label=t_string!(i18n, common.field_feedback).to_string()
                        value=String::new() error=feedback_error multiline=true />
                    <button type="submit">{t!(i18n, volunteers.give_feedback)}</button>
                </ActionForm>
            })}
        }
}

/// For the volunteer once they accepted: who gets in touch, and how the first contact is made.
#[component]
fn NextSteps(contact: FirstContact) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card next-steps" aria-labelledby="next-steps">
            <h2 id="next-steps">{t!(i18n, volunteers.next_steps_title)}</h2>
            <ol>
                <li>
                    {match contact.coordinator.clone() {
                        Some((name, email)) => t!(i18n, volunteers.next_steps_coordinator, name = name.clone(), email = email.clone()).into_any(),
                        None => t!(i18n, volunteers.next_steps_no_coordinator).into_any(),
                    }}
                </li>
                <li>
                    {match contact.direct.clone() {
                        Some(direct) => view! {
                            {t!(i18n, volunteers.next_steps_direct, channel = name(i18n, direct.channel))}
                            " "
                            {match direct.link.clone() {
                                Some(link) => view! { <a href=link rel="external noopener">{direct.shown.clone()}</a> }.into_any(),
                                None => view! { <span>{direct.shown.clone()}</span> }.into_any(),
                            }}
                        }.into_any(),
                        None => t!(i18n, volunteers.next_steps_via_coordinator).into_any(),
                    }}
                </li>
                <li>{t!(i18n, volunteers.next_steps_log)}</li>
            </ol>
        </section>
    }
}
