//! The coordinator's day at an office: who comes when, with what and in which language; marking
//! attendance with a note for coordinators; registering someone who walks in.

use crate::api::drafts::{decode_draft, take_draft};
use crate::api::reception::{reception_day, MarkAttendance, ReceptionDayView, RegisterWalkIn};
use crate::domain::consultation::{Topic, WalkInForm};
use crate::domain::role::access;
use crate::domain::schedule::EventStatus;
use crate::domain::Language;
use crate::i18n::*;
use crate::names::{name, options};
use crate::ui::form::{action_error, ErrorSummary, SelectField, TextField};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageTitle;
use crate::ui::household_finder::{HouseholdFinder, HouseholdHint};
use crate::ui::pages::ErrorView;
use crate::ui::text::{consultation_status_name, field_error};
use leptos::prelude::*;
use leptos_router::{
    components::{Form, A},
    hooks::use_query_map,
};

#[component]
pub fn ReceptionPage() -> impl IntoView {
    let query = use_query_map();
    let mark = ServerAction::<MarkAttendance>::new();
    let walk_in = ServerAction::<RegisterWalkIn>::new();
    let day = Resource::new(
        move || {
            (
                query.with(|q| {
                    let office = q.get("office").and_then(|o| o.parse().ok());
                    (office, q.get("date"), q.get("who"))
                }),
                mark.version().get(),
                walk_in.version().get(),
            )
        },
        |((office, date, who), _, _)| reception_day(office, date, who),
    );
    view! {
        <RequireRole roles=access::RECEPTION>
            <Suspense>
                {move || Suspend::new(async move {
                    match day.await {
                        Ok(d) => view! { <Day d mark walk_in /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
fn Day(
    d: ReceptionDayView,
    mark: ServerAction<MarkAttendance>,
    walk_in: ServerAction<RegisterWalkIn>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mark_error = action_error(mark);
    let link = |date: &str| format!("/reception?office={}&date={date}", d.office_id);
    let offices = d
        .offices
        .iter()
        .map(|o| {
            let selected = o.id == d.office_id;
            view! { <option value=o.id selected=selected>{o.name.clone()}</option> }
        })
        .collect_view();
    let rows = d
        .consultations
        .clone()
        .into_iter()
        .map(|c| {
            let open = c.status == EventStatus::Confirmed || c.status == EventStatus::Pending;
            let outcome_id = format!("outcome-{}", c.id);
            let note_id = format!("staff-note-{}", c.id);
            let time = c.when.split_once(' ').map(|(_, t)| t.to_string()).unwrap_or_default();
            view! {
                <tr>
                    <td><A href=format!("/consultations/{}", c.id)>{time}</A></td>
                    <td>
                        <A href=format!("/households/{}", c.household_id)>{c.household_name.clone()}</A>
                        {c.walk_in.then(|| view! { " (" {t!(i18n, consultations.walk_in_label)} ")" })}
                    </td>
                    <td>{name(i18n, c.topic)}</td>
                    <td>{c.party_size}</td>
                    <td>{c.interpreter.map(|l| name(i18n, l)).unwrap_or_default()}</td>
                    <td>{c.no_shows.unwrap_or(0)}</td>
                    <td>
                        {if open {
                            view! {
                                <ActionForm action=mark attr:class="inline-form">
                                    <input type="hidden" name="id" value=c.id />
                                    <label for=outcome_id.clone() class="visually-hidden">{t!(i18n, consultations.field_outcome_attendance)}</label>
                                    <select id=outcome_id name="form[outcome]">
                                        <option value="attended">{t!(i18n, names.attendance_attended)}</option>
                                        <option value="no_show">{t!(i18n, names.attendance_no_show)}</option>
                                    </select>
                                    <label for=note_id.clone() class="visually-hidden">{t!(i18n, common.field_staff_note)}</label>
                                    <input id=note_id name="form[staff_note]" type="text" placeholder=t_string!(i18n, common.field_staff_note).to_string() value=c.staff_note.clone().unwrap_or_default() />
                                    <button type="submit">{t!(i18n, common.save_attendance)}</button>
                                </ActionForm>
                            }.into_any()
                        } else {
                            view! {
                                <span>{consultation_status_name(i18n, c.status)}</span>
                                {c.staff_note.clone().filter(|n| !n.is_empty()).map(|n| view! { <br /><span class="hint">{n}</span> })}
                            }.into_any()
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let free = d
        .free
        .iter()
        .flat_map(|day| day.slots.iter().map(|s| s.time.clone()))
        .collect::<Vec<_>>()
        .join(", ");
    let day_csv = format!("/reception.csv?office={}&date={}", d.office_id, d.date);
    view! {
            <PageTitle text=t_string!(i18n, common.nav_reception).to_string() />
    <h1>{t!(i18n, consultations.reception_title, office = d.office.clone(), date = d.date.clone())}</h1>
            <Form method="GET" action="/reception" attr:class="filters">
                <div class="field">
                    <label for="office">{t!(i18n, common.field_office)}</label>
                    <select id="office" name="office">{offices}</select>
                </div>
                <div class="field">
                    <label for="date">{t!(i18n, common.field_day)}</label>
                    <p class="hint" id="date-hint">{t!(i18n, common.date_hint)}</p>
                    <input id="date" name="date" type="text" inputmode="numeric" aria-describedby="date-hint" value=d.date.clone() />
                </div>
                <button type="submit" class="secondary">{t!(i18n, common.show_day)}</button>
            </Form>
            <nav class="day-nav" aria-label=t_string!(i18n, common.field_day).to_string()>
                <A href=link(&d.previous)>{t!(i18n, consultations.previous_day)}</A>
                <A href=format!("/reception?office={}", d.office_id)>{t!(i18n, consultations.today_link)}</A>
                <A href=link(&d.next)>{t!(i18n, consultations.next_day)}</A>
            </nav>
            {d.closed.then(|| view! { <p class="notice">{t!(i18n, consultations.offices_closed_day)}</p> })}
            <ErrorSummary error=mark_error form="mark" />
            {move || mark_error.get().and_then(|e| e.field_errors().and_then(|f| f.get("outcome"))).map(|c| view! { <p class="error-message" role="alert">{field_error(i18n, c)}</p> })}
            {if d.consultations.is_empty() {
                view! { <p>{t!(i18n, consultations.no_consultations_day)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                    <table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, consultations.col_time)}</th>
                            <th scope="col">{t!(i18n, common.field_household)}</th>
                            <th scope="col">{t!(i18n, common.field_topic)}</th>
                            <th scope="col">{t!(i18n, common.field_party_size)}</th>
                            <th scope="col">{t!(i18n, common.field_interpreter)}</th>
                            <th scope="col">{t!(i18n, consultations.col_no_shows)}</th>
                            <th scope="col">{t!(i18n, consultations.field_outcome_attendance)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    </div>
                    <p><a href=day_csv download="">{t!(i18n, consultations.day_csv)}</a></p>
                }.into_any()
            }}
            {(!free.is_empty()).then(|| view! {
                <h2>{t!(i18n, consultations.your_free_times_today)}</h2>
                <p>{free.clone()}</p>
            })}
            {d.is_today.then(|| view! { <WalkIn office=d.office_id households=d.households.clone() action=walk_in /> })}
        }
}

#[component]
fn WalkIn(
    office: i64,
    households: Vec<crate::api::choices::Choice>,
    action: ServerAction<RegisterWalkIn>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    let draft = Resource::new(move || office, |o| take_draft(format!("walk_in/{o}")));
    let who = use_query_map().with_untracked(|q| q.get("who").unwrap_or_default());
    let none_found = households.is_empty();
    let households: Vec<(String, String)> = households
        .into_iter()
        .map(|h| (h.id.to_string(), h.name))
        .collect();
    let topics: Vec<(String, String)> = options::<Topic>(i18n);
    let languages: Vec<(String, String)> = options::<Language>(i18n);
    let modes = vec![
        (
            "next_slot".to_string(),
            t_string!(i18n, consultations.walk_in_next_slot).to_string(),
        ),
        (
            "outside".to_string(),
            t_string!(i18n, consultations.walk_in_outside).to_string(),
        ),
    ];
    view! {
        <section aria-labelledby="walk-in">
            <h2 id="walk-in">{t!(i18n, consultations.walk_in_title)}</h2>
            <HouseholdFinder path="/reception" />
            {none_found.then(|| view! { <HouseholdHint who=who.clone() /> })}
            <Suspense>
                {move || {
                    let (households, topics, languages, modes) = (households.clone(), topics.clone(), languages.clone(), modes.clone());
                    Suspend::new(async move {
                        let form = decode_draft(draft.await.ok().flatten(), WalkInForm {
                            mode: "next_slot".into(),
                            party_size: "1".into(),
                            ..WalkInForm::default()
                        });
                        view! {
                            <ErrorSummary error form="walk" />
                            <ActionForm action=action attr:class="stack">
                                <input type="hidden" name="office" value=office />
                                <SelectField name="form[household]" field="household" form="walk" label=t_string!(i18n, common.field_household).to_string()
                                    value=form.household.clone() options=households error placeholder=t_string!(i18n, consultations.choose_household).to_string() />
                                <SelectField name="form[mode]" field="mode" form="walk" label=t_string!(i18n, common.field_walk_in_mode).to_string()
                                    value=form.mode.clone() options=modes error />
                                <SelectField name="form[topic]" field="topic" form="walk" label=t_string!(i18n, common.field_topic).to_string()
                                    value=form.topic.clone() options=topics error placeholder="".to_string() />
                                <div class="row">
                                    <TextField name="form[party_size]" field="party_size" form="walk" label=t_string!(i18n, common.field_party_size).to_string()
                                        value=form.party_size.clone() error kind="number" inputmode="numeric" />
                                    <TextField name="form[minutes]" field="minutes" form="walk" label=t_string!(i18n, consultations.field_minutes_walk_in).to_string()
                                        value=form.minutes.clone() error inputmode="numeric" />
                                </div>
                                <SelectField name="form[interpreter]" field="interpreter" form="walk" label=t_string!(i18n, common.field_interpreter).to_string()
                                    value=form.interpreter.clone() options=languages error placeholder=t_string!(i18n, consultations.no_interpreter).to_string() />
                                <TextField name="form[staff_note]" field="staff_note" form="walk" label=t_string!(i18n, common.field_staff_note).to_string()
                                    value=form.staff_note.clone() error />
                                <button type="submit">{t!(i18n, consultations.walk_in_submit)}</button>
                            </ActionForm>
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}
