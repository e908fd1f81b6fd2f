//! The coordinator's view of the support-person service: open assignments with checklist
//! progress, ending soon, load per support person, households waiting, hours per month.

use crate::api::assignments::AssignmentView;
use crate::api::dashboards::{coordinator_overview, CaseRow, HoursRow};
use crate::domain::role::access;
use crate::i18n::*;
use crate::names::{name, names};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use crate::ui::text::written_date;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn CoordinatorOverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| coordinator_overview());
    view! {
        <RequireRole roles=access::HOUSEHOLDS>
            <div class="page-head">
                <PageHeading text=t_string!(i18n, support.support_service_title).to_string() />
                <A href="/support-persons" attr:class="button">{t!(i18n, common.nav_support_persons)}</A>
            </div>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => view! {
                            <h2>{t!(i18n, support.ending_soon_title)}</h2>
                            <EndingSoon cases=o.cases.clone() />
                            <h2>{t!(i18n, support.unassigned_title)}</h2>
                            {if o.unassigned.is_empty() {
                                view! { <p>{t!(i18n, support.none_now)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul>
                                        {o.unassigned.into_iter().map(|h| view! {
                                            <li>
                                                <A href=format!("/households/{}", h.household_id)>{h.name}</A>
                                                ", " {h.city} ", " {t!(i18n, support.arrived_on, date = written_date(i18n, &h.arrival_date))} " — "
                                                <A href=format!("/households/{}/assign", h.household_id)>{t!(i18n, common.assign_link)}</A>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <h2>{t!(i18n, support.load_title)}</h2>
                            <div class="table-wrap">
                            <table>
                                <thead><tr>
                                    <th scope="col">{t!(i18n, names.role_support_person)}</th>
                                    <th scope="col">{t!(i18n, common.field_city)}</th>
                                    <th scope="col">{t!(i18n, common.field_status)}</th>
                                    <th scope="col">{t!(i18n, support.col_caseload)}</th>
                                    <th scope="col">{t!(i18n, support.col_hours_year)}</th>
                                </tr></thead>
                                <tbody>
                                    {o.load.into_iter().map(|l| view! {
                                        <tr>
                                            <td><A href=format!("/support-persons/{}", l.id)>{l.name}</A></td>
                                            <td>{l.city}</td>
                                            <td>{name(i18n, l.status)}</td>
                                            <td>{format!("{} / {}", l.open, l.caseload_limit)}</td>
                                            <td>{l.hours}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                            <h2>{t!(i18n, support.open_assignments_title)}</h2>
                            <Cases rows=o.cases show_person=true />
                            <h2>{t!(i18n, support.hours_title)}</h2>
                            <Hours rows=o.hours />
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

/// Assignments in their last 14 days (or past their planned end), with the handover action.
#[component]
pub fn EndingSoon(cases: Vec<CaseRow>) -> impl IntoView {
    let i18n = use_i18n();
    let rows: Vec<AssignmentView> = cases
        .into_iter()
        .filter(|c| c.assignment.ending_soon)
        .map(|c| c.assignment)
        .collect();
    if rows.is_empty() {
        return view! { <p>{t!(i18n, support.none_now)}</p> }.into_any();
    }
    view! {
        <ul>
            {rows.into_iter().map(|a| view! {
                <li>
                    <A href=format!("/assignments/{}", a.id)>{a.household_name}</A>
                    " (" {a.support_person} "), " {t!(i18n, common.planned_end_on, date = written_date(i18n, &a.planned_end))}
                    " — "
                    {match a.handover_date {
                        Some(date) => view! { <span>{t!(i18n, support.handover_planned_on, date = date)}</span> }.into_any(),
                        None => view! { <A href=format!("/assignments/{}#handover", a.id)>{t!(i18n, support.plan_handover_link)}</A> }.into_any(),
                    }}
                    " · "
                    <A href=format!("/consultations/book?household={}&topic=handover", a.household_id)>{t!(i18n, support.book_handover_link)}</A>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Open assignments with checklist progress and gaps.
#[component]
pub fn Cases(rows: Vec<CaseRow>, show_person: bool) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p>{t!(i18n, support.none_now)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
        <table>
            <thead><tr>
                <th scope="col">{t!(i18n, support.household_title)}</th>
                {show_person.then(|| view! { <th scope="col">{t!(i18n, names.role_support_person)}</th> })}
                <th scope="col">{t!(i18n, common.field_planned_end)}</th>
                <th scope="col">{t!(i18n, common.field_status)}</th>
                <th scope="col">{t!(i18n, support.checklist_title)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|c| {
                    let gaps = names(i18n, &c.gaps);
                    view! {
                        <tr>
                            <td><A href=format!("/assignments/{}", c.assignment.id)>{c.assignment.household_name.clone()}</A></td>
                            {show_person.then(|| view! { <td>{c.assignment.support_person.clone()}</td> })}
                            <td>{written_date(i18n, &c.assignment.planned_end)}</td>
                            <td>{name(i18n, c.assignment.status)}</td>
                            <td>
                                {format!("{} / {}", c.settled, c.total)}
                                {(!gaps.is_empty()).then(|| view! { <br /><span class="hint">{t!(i18n, support.gaps_label)} " " {gaps.clone()}</span> })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

/// Held-meeting hours per support person and month.
#[component]
pub fn Hours(rows: Vec<HoursRow>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p>{t!(i18n, support.no_hours)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
        <table>
            <thead><tr>
                <th scope="col">{t!(i18n, support.col_month)}</th>
                <th scope="col">{t!(i18n, names.role_support_person)}</th>
                <th scope="col">{t!(i18n, support.col_meetings)}</th>
                <th scope="col">{t!(i18n, common.col_hours)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|h| view! {
                    <tr><td>{h.month}</td><td>{h.support_person}</td><td>{h.meetings}</td><td>{h.hours}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

/// Ended assignments, with how they ended.
#[component]
pub fn PastAssignments(rows: Vec<AssignmentView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul>
            {rows.into_iter().map(|a| view! {
                <li>
                    <A href=format!("/assignments/{}", a.id)>{a.household_name}</A>
                    ", " {written_date(i18n, &a.start_date)} " – " {written_date(i18n, &a.ended_on.unwrap_or_default())} ", "
                    {name(i18n, a.status)}
                    {a.end_reason.map(|r| format!(" ({})", name(i18n, r)))}
                </li>
            }).collect_view()}
        </ul>
    }
}
