//! The consultations still to come, for the dashboards of households, support persons and
//! coordinators.
//!
//! Each page loads the list inside its own single resource (see `with_consultations`): a
//! second resource of its own beside the page's made hydration fail now and then.

use crate::api::consultation_record::ConsultationView;
use crate::api::consultations::my_consultations;
use crate::domain::role::access;
use crate::error::AppError;
use crate::i18n::*;
use crate::names::name;
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::components::A;

/// Awaits a page's own data and the user's upcoming consultations together, for one resource.
pub async fn with_consultations<T>(
    page: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<(T, Vec<ConsultationView>), AppError> {
    let data = page.await?;
    let consultations = my_consultations().await?;
    Ok((data, consultations))
}

/// "Upcoming consultations" with a link to book one.
#[component]
pub fn UpcomingConsultations(rows: Vec<ConsultationView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="upcoming-consultations">
            <div class="page-head">
                <h2 id="upcoming-consultations">{t!(i18n, consultations.upcoming_consultations)}</h2>
                <A href="/consultations/book" attr:class="button">{t!(i18n, common.book_link)}</A>
            </div>
            {if rows.is_empty() {
                view! { <p>{t!(i18n, consultations.no_consultations)}</p> }.into_any()
            } else {
                view! {
                    <ul class="consultations">
                        {rows.into_iter().map(|c| view! {
                            <li>
                                <A href=format!("/consultations/{}", c.id)><strong>{c.when}</strong></A>
                                " — " {c.office} ", " {name(i18n, c.topic)}
                                " (" {c.household_name} ", " {c.coordinator} ")"
                                {c.interpreter.map(|l| view! { " · " {t!(i18n, common.field_interpreter)} ": " {name(i18n, l)} })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn MyConsultationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| my_consultations());
    view! {
        <RequireRole roles=access::CONSULTATIONS>
            <PageHeading text=t_string!(i18n, consultations.my_consultations_title).to_string() />
            <Suspense>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) => view! { <UpcomingConsultations rows /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
