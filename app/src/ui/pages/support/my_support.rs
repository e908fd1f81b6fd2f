//! For a beneficiary: who their support person is, how to reach them, and the next meetings.

use crate::api::dashboards::my_support;
use crate::domain::role::access;
use crate::i18n::*;
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::{with_consultations, ErrorView, UpcomingConsultations};
use crate::ui::text::written_date;
use leptos::prelude::*;

#[component]
pub fn MySupportPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| with_consultations(my_support()));
    view! {
        <RequireRole roles=access::BENEFICIARY>
            <PageHeading text=t_string!(i18n, support.my_support_title).to_string() />
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((s, consultations)) => view! {
                            {match s.support {
                                Some(p) => view! {
                                    <dl class="facts">
                                        <dt>{t!(i18n, names.role_support_person)}</dt><dd>{p.name}</dd>
                                        <dt>{t!(i18n, common.field_phone)}</dt><dd>{(!p.phone.is_empty()).then(|| view! { <a href=format!("tel:{}", p.phone.replace(' ', ""))>{p.phone.clone()}</a> })}</dd>
                                        <dt>{t!(i18n, common.field_email)}</dt><dd><a href=format!("mailto:{}", p.email)>{p.email.clone()}</a></dd>
                                        <dt>{t!(i18n, support.support_until)}</dt><dd>{written_date(i18n, &p.planned_end)}</dd>
                                    </dl>
                                }.into_any(),
                                None => view! { <p>{t!(i18n, support.no_support_person)}</p> }.into_any(),
                            }}
                            <h2>{t!(i18n, support.next_meetings_title)}</h2>
                            {if s.meetings.is_empty() {
                                view! { <p>{t!(i18n, support.no_meetings)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul>
                                        {s.meetings.into_iter().map(|m| view! {
                                            <li><strong>{m.when}</strong> " — " {m.place} " (" {m.support_person} ")"</li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <UpcomingConsultations rows=consultations />
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
