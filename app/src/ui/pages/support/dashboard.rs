//! The support person's own page: my households with checklist gaps, ending soon, next
//! meetings, past households (read-only) and my hours.

use super::overview::{Cases, EndingSoon, Hours, PastAssignments};
use crate::api::dashboards::support_dashboard;
use crate::domain::role::access;
use crate::i18n::*;
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::{with_consultations, ErrorView, UpcomingConsultations};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SupportDashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| with_consultations(support_dashboard()));
    view! {
        <RequireRole roles=access::SUPPORT_PERSON>
            <PageHeading text=t_string!(i18n, support.my_households_title).to_string() />
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((d, consultations)) => view! {
                            <Cases rows=d.cases.clone() show_person=false />
                            <h2>{t!(i18n, support.ending_soon_title)}</h2>
                            <EndingSoon cases=d.cases />
                            <h2>{t!(i18n, support.next_meetings_title)}</h2>
                            {if d.next_meetings.is_empty() {
                                view! { <p>{t!(i18n, support.no_meetings)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul>
                                        {d.next_meetings.into_iter().map(|m| view! {
                                            <li>
                                                <strong>{m.when}</strong> " — "
                                                <A href=format!("/assignments/{}#meetings", m.assignment_id)>{m.household_name}</A>
                                                ", " {m.place}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <h2>{t!(i18n, support.hours_title)}</h2>
                            <Hours rows=d.hours />
                            {(!d.past.is_empty()).then(|| view! {
                                <h2>{t!(i18n, support.past_households_title)}</h2>
                                <PastAssignments rows=d.past />
                            })}
                            <UpcomingConsultations rows=consultations />
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
