//! A beneficiary's workshops: confirmed sign-ups, places on waitlists, and offers to accept.

use super::parts::SignUpCard;
use crate::api::workshop_pages::my_workshops;
use crate::api::workshops::{AcceptOffer, CancelRegistration};
use crate::domain::role::access;
use crate::domain::workshops::RegistrationStatus;
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn MyWorkshopsPage() -> impl IntoView {
    let i18n = use_i18n();
    let accept = ServerAction::<AcceptOffer>::new();
    let cancel = ServerAction::<CancelRegistration>::new();
    let data = Resource::new(
        move || (accept.version().get(), cancel.version().get()),
        |_| my_workshops(),
    );
    let accept_error = action_error(accept);
    let cancel_error = action_error(cancel);
    view! {
        <RequireRole roles=access::BENEFICIARY>
            <div class="page-head">
                <PageHeading text=t_string!(i18n, workshops.my_workshops_title).to_string() />
                <A href="/workshops" attr:class="button secondary">{t!(i18n, workshops.all_workshops)}</A>
            </div>
            <ErrorSummary error=accept_error />
            <ErrorSummary error=cancel_error form="cancel" />
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(m) => {
                            let offers: Vec<_> = m.sign_ups.iter().filter(|s| s.status == RegistrationStatus::Offered).cloned().collect();
                            let rest: Vec<_> = m.sign_ups.iter().filter(|s| s.status != RegistrationStatus::Offered).cloned().collect();
                            let custom = m.custom.clone();
                            view! {
                                {(!offers.is_empty()).then(|| view! {
                                    <h2>{t!(i18n, workshops.offers_for_you)}</h2>
                                    {offers.into_iter().map(|s| view! {
                                        <SignUpCard s custom=custom.clone() accept cancel linked=true />
                                    }).collect_view()}
                                })}
                                <h2>{t!(i18n, workshops.your_sign_ups)}</h2>
                                {if rest.is_empty() {
                                    view! { <p>{t!(i18n, common.no_sign_ups)}</p> }.into_any()
                                } else {
                                    rest.into_iter().map(|s| view! {
                                        <SignUpCard s custom=m.custom.clone() accept cancel linked=true />
                                    }).collect_view().into_any()
                                }}
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
