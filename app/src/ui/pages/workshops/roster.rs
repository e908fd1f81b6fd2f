//! A session's roster for its facilitators and coordinators: name, languages and childcare
//! need of each participant (nothing else), attendance marking, and a print layout.

use super::parts::activity_title;
use crate::api::workshop_staff::{session_roster, MarkSessionAttendance, RosterView};
use crate::domain::role::access;
use crate::domain::workshops::Mark;
use crate::i18n::*;
use crate::names::{name, names};
use crate::ui::form::{action_error, ErrorSummary};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageTitle;
use crate::ui::islands::PrintButton;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn RosterPage() -> impl IntoView {
    let id = id_param("id");
    let mark = ServerAction::<MarkSessionAttendance>::new();
    let data = Resource::new(
        move || (id(), mark.version().get()),
        |(id, _)| session_roster(id),
    );
    view! {
        <RequireRole roles=access::WORKSHOP_STAFF>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(r) => view! { <Roster r mark /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
fn Roster(r: RosterView, mark: ServerAction<MarkSessionAttendance>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(mark);
    let title = activity_title(i18n, &r.custom, &r.activity);
    let count = r.people.len();
    let rows = r
        .people
        .iter()
        .map(|p| {
            let languages = names(i18n, &p.languages);
            let marks = Mark::ALL
                .iter()
                .map(|m| {
                    let id = format!("mark-{}-{}", p.member, m.code());
                    let checked = p.mark == Some(*m);
                    view! {
                        <span class="radio">
                            <input type="radio" id=id.clone() name=format!("form[marks][{}]", p.member)
                                value=m.code() checked=checked />
                            <label for=id>{name(i18n, m)}</label>
                        </span>
                    }
                })
                .collect_view();
            let printed = p.mark.map(|m| name(i18n, m)).unwrap_or_default();
            view! {
                <tr>
                    <th scope="row">{p.name.clone()}</th>
                    <td>{languages}</td>
                    <td>{p.childcare.clone().unwrap_or_default()}</td>
                    <td class="print-only signature"></td>
                    <td>
                        <fieldset class="marks no-print">
                            <legend class="visually-hidden">{t!(i18n, workshops.attendance_of, name = p.name.clone())}</legend>
                            {marks}
                        </fieldset>
                        <span class="print-only">{printed}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    // Lines for people who come without signing up, on paper only.
    let walk_ins = (0..5)
        .map(|_| view! { <tr class="print-only blank"><th scope="row"></th><td></td><td></td><td></td><td></td></tr> })
        .collect_view();
    view! {
            <div class="print-only print-head">
                {(!r.organisation.is_empty()).then(|| view! { <p class="organisation">{r.organisation.clone()}</p> })}
                <p>{t!(i18n, workshops.funded_by)}</p>
            </div>
            <div class="page-head">
                <PageTitle text=title.clone() />
    <h1>{title} " — " {r.when.clone()}</h1>
                <A href=format!("/workshops/{}", r.series) attr:class="button secondary no-print">{t!(i18n, workshops.back_to_series)}</A>
            </div>
            <p>{r.office.clone()} " · " {r.place.clone()} " · " {t!(i18n, workshops.participants_n, n = count)}</p>
            {r.cancelled.then(|| view! { <p class="notice warning">{t!(i18n, workshops.session_cancelled)}</p> })}
            <ErrorSummary error />
            {if r.people.is_empty() {
                view! { <p>{t!(i18n, workshops.no_participants)}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=mark attr:class="roster-form">
                        <input type="hidden" name="session" value=r.session />
                        <div class="table-wrap">
                            <table class="roster">
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, common.col_name)}</th>
                                        <th scope="col">{t!(i18n, common.field_languages)}</th>
                                        <th scope="col">{t!(i18n, common.field_childcare)}</th>
                                        <th scope="col" class="print-only">{t!(i18n, workshops.col_signature)}</th>
                                        <th scope="col">{t!(i18n, workshops.col_attendance)}</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}{walk_ins}</tbody>
                            </table>
                        </div>
                        <div class="actions no-print">
                            <button type="submit">{t!(i18n, common.save_attendance)}</button>
                            <PrintButton label=t_string!(i18n, workshops.print_roster).to_string() />
                        </div>
                    </ActionForm>
                    <p class="print-only">{t!(i18n, workshops.printed_on, date = r.printed_on.clone())}</p>
                    <p class="no-print"><a href=format!("/workshops/{}/roster.csv", r.series) download="">{t!(i18n, workshops.roster_csv)}</a></p>
                }.into_any()
            }}
        }
}
