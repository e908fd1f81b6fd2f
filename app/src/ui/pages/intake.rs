//! The coordinators' inbox of contact requests, and one request with what can be done with it:
//! take it, note the contact made, register a household from it, or close it with a reason.

use crate::api::intake::{
    get_intake, intake_inbox, CloseIntake, IntakeLine, NoteIntake, TakeIntake,
};
use crate::domain::role::access;
use crate::domain::{IntakeOutcome, IntakeStatus};
use crate::i18n::*;
use crate::names::name;
use crate::ui::form::{action_error, ErrorSummary, SelectField, TextField};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::{
    components::{Form, A},
    hooks::use_query_map,
};

fn status_text(i18n: crate::names::I18n, line: &IntakeLine) -> String {
    match (line.status, line.outcome, &line.taken_by) {
        (IntakeStatus::Closed, Some(outcome), _) => name(i18n, outcome),
        (IntakeStatus::Taken, _, Some(by)) => format!("{} ({by})", name(i18n, line.status)),
        (status, _, _) => name(i18n, status),
    }
}

#[component]
fn IntakeTable(lines: Vec<IntakeLine>, caption: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table>
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, households.intake_arrived)}</th>
                    <th scope="col">{t!(i18n, households.intake_from)}</th>
                    <th scope="col">{t!(i18n, households.intake_help)}</th>
                    <th scope="col">{t!(i18n, households.intake_where)}</th>
                    <th scope="col">{t!(i18n, common.field_status)}</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| {
                        let status = status_text(i18n, &l);
                        let place = match &l.office {
                            Some(office) => format!("{} · {office}", l.city),
                            None => l.city.clone(),
                        };
                        view! {
                            <tr class:overdue=l.overdue>
                                <td>
                                    {l.arrived.clone()} <br />
                                    <span class="hint">{t!(i18n, households.intake_age, days = l.age_days)}</span>
                                    {l.overdue.then(|| view! { " " <strong class="badge-warning">{t!(i18n, households.intake_overdue)}</strong> })}
                                </td>
                                <td><A href=format!("/intake/{}", l.id)>{l.name.clone()}</A><br /><span class="hint">{name(i18n, l.requester)}</span></td>
                                <td>{name(i18n, l.help)}</td>
                                <td>{place}</td>
                                <td>{status}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn IntakeInboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let office = move || query.with(|q| q.get("office")).unwrap_or_default();
    let inbox = Resource::new(office, |office| intake_inbox(office.parse().ok()));
    view! {
        <RequireRole roles=access::INTAKE>
            <PageHeading text=t_string!(i18n, households.intake_title).to_string() />
            <p>{t!(i18n, households.intake_intro)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    let inbox = match inbox.await {
                        Ok(inbox) => inbox,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    let chosen = office();
                    let mut choices = vec![(String::new(), t_string!(i18n, households.intake_all_offices).to_string())];
                    choices.extend(inbox.offices.iter().map(|(id, n)| (id.to_string(), n.clone())));
                    choices.push(("0".to_string(), t_string!(i18n, households.intake_no_office).to_string()));
                    let overdue = inbox.open.iter().filter(|l| l.overdue).count();
                    view! {
                        <Form method="GET" action="/intake" attr:class="filters">
                            <div class="field">
                                <label for="f-office">{t!(i18n, common.field_office)}</label>
                                <select id="f-office" name="office">
                                    {choices.into_iter().map(|(value, text)| {
                                        let selected = value == chosen;
                                        view! { <option value=value selected=selected>{text}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <button type="submit">{t!(i18n, households.intake_show)}</button>
                        </Form>
                        <p role="status">{t!(i18n, households.intake_counts, open = inbox.open.len(), overdue = overdue)}</p>
                        {if inbox.open.is_empty() {
                            view! { <p>{t!(i18n, households.intake_none)}</p> }.into_any()
                        } else {
                            view! { <IntakeTable lines=inbox.open caption=t_string!(i18n, households.intake_open).to_string() /> }.into_any()
                        }}
                        {(!inbox.closed.is_empty()).then(|| view! {
                            <IntakeTable lines=inbox.closed caption=t_string!(i18n, households.intake_closed_recently).to_string() />
                        })}
                    }.into_any()
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
pub fn IntakePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let take = ServerAction::<TakeIntake>::new();
    let note = ServerAction::<NoteIntake>::new();
    let close = ServerAction::<CloseIntake>::new();
    let take_error = action_error(take);
    let note_error = action_error(note);
    let close_error = action_error(close);
    let detail = Resource::new(id, get_intake);
    view! {
        <RequireRole roles=access::INTAKE>
            <Suspense>
                {move || Suspend::new(async move {
                    let d = match detail.await {
                        Ok(d) => d,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    let id = d.line.id;
                    let open = d.line.status != IntakeStatus::Closed;
                    let reasons: Vec<(String, String)> = IntakeOutcome::CLOSE_REASONS
                        .iter()
                        .map(|o| (o.code().to_string(), name(i18n, *o)))
                        .collect();
                    let dash = || "—".to_string();
                    view! {
                        <PageHeading text=t_string!(i18n, households.intake_request_title, name = d.line.name.clone()).to_string() />
                        <p><A href="/intake">{t!(i18n, households.intake_back)}</A></p>
                        <ErrorSummary error=take_error />
                        <dl class="facts">
                            <dt>{t!(i18n, households.intake_arrived)}</dt>
                            <dd>{d.line.arrived.clone()} {d.line.overdue.then(|| view! { " " <strong class="badge-warning">{t!(i18n, households.intake_overdue)}</strong> })}</dd>
                            <dt>{t!(i18n, households.intake_from)}</dt>
                            <dd>{name(i18n, d.line.requester)} {d.organisation.clone().map(|o| format!(" · {o}"))}</dd>
                            <dt>{t!(i18n, common.field_phone)}</dt><dd>{d.phone.clone().unwrap_or_else(dash)}</dd>
                            <dt>{t!(i18n, common.field_email)}</dt><dd>{d.email.clone().unwrap_or_else(dash)}</dd>
                            <dt>{t!(i18n, common.field_channel)}</dt><dd>{name(i18n, d.channel)}</dd>
                            <dt>{t!(i18n, households.intake_answer_language)}</dt><dd>{d.language.endonym()}</dd>
                            <dt>{t!(i18n, households.intake_where)}</dt>
                            <dd>{d.line.city.clone()} {d.line.office.clone().map(|o| format!(" · {o}"))}</dd>
                            <dt>{t!(i18n, households.intake_help)}</dt><dd>{name(i18n, d.line.help)}</dd>
                            <dt>{t!(i18n, common.field_status)}</dt><dd>{status_text(i18n, &d.line)}</dd>
                        </dl>
                        <h2>{t!(i18n, households.intake_message)}</h2>
                        <p class="prose">{d.message.clone()}</p>
                        {d.erased.then(|| view! { <p class="notice">{t!(i18n, households.intake_erased)}</p> })}
                        {d.contact_note.clone().map(|n| view! {
                            <h2>{t!(i18n, households.intake_contact_made)}</h2>
                            <p class="hint">{d.contacted_at.clone()}</p>
                            <p class="prose">{n}</p>
                        })}
                        {(!open).then(|| view! {
                            <h2>{t!(i18n, households.intake_outcome)}</h2>
                            <p>{d.line.outcome.map(|o| name(i18n, o))} " · " {d.closed_by.clone()} " · " {d.closed_at.clone()}</p>
                            {d.close_note.clone().map(|n| view! { <p class="prose">{n}</p> })}
                            {d.household_id.map(|h| view! {
                                <p>
                                    <A href=format!("/households/{h}")>{t!(i18n, households.intake_open_household)}</A> " · "
                                    <A href=format!("/consultations/book?household={h}")>{t!(i18n, households.intake_book)}</A>
                                </p>
                            })}
                        })}
                        {open.then(|| view! {
                            {(d.line.status == IntakeStatus::New).then(|| view! {
                                <ActionForm action=take>
                                    <input type="hidden" name="id" value=id />
                                    <button type="submit">{t!(i18n, households.intake_take)}</button>
                                </ActionForm>
                            })}
                            <section aria-labelledby="contact-note">
                                <h2 id="contact-note">{t!(i18n, households.intake_contact_made)}</h2>
                                <ErrorSummary error=note_error form="note" />
                                <ActionForm action=note attr:class="stack narrow">
                                    <input type="hidden" name="id" value=id />
                                    <TextField name="note" field="note" form="note" label=t_string!(i18n, households.intake_note_label).to_string()
                                        value=d.contact_note.clone().unwrap_or_default() error=note_error multiline=true required=true />
                                    <button type="submit">{t!(i18n, workshops.save)}</button>
                                </ActionForm>
                            </section>
                            <section aria-labelledby="next-step">
                                <h2 id="next-step">{t!(i18n, households.intake_next_step)}</h2>
                                <p><A href=format!("/households/new?intake={id}") attr:class="button">{t!(i18n, households.intake_register)}</A></p>
                                <ErrorSummary error=close_error form="close" />
                                <ActionForm action=close attr:class="stack narrow">
                                    <input type="hidden" name="id" value=id />
                                    <SelectField name="outcome" field="outcome" form="close" label=t_string!(i18n, households.intake_close_reason).to_string()
                                        value="" options=reasons.clone() error=close_error />
                                    <TextField name="note" field="note" form="close" label=t_string!(i18n, common.field_note).to_string()
                                        value="" error=close_error multiline=true />
                                    <button type="submit">{t!(i18n, households.intake_close)}</button>
                                </ActionForm>
                            </section>
                        })}
                    }.into_any()
                })}
            </Suspense>
        </RequireRole>
    }
}
