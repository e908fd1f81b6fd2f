use super::fields::HouseholdFields;
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::households::{get_household, UpdateHousehold};
use crate::domain::role::access;
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn EditHouseholdPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let action = ServerAction::<UpdateHousehold>::new();
    let error = action_error(action);
    let household = Resource::new(id, |id| get_household(id, None));
    let draft = Resource::new(id, |id| take_draft(format!("update_household/{id}")));
    view! {
        <RequireRole roles=access::HOUSEHOLDS>
            <Suspense>
                {move || Suspend::new(async move {
                    let draft = draft.await.ok().flatten();
                    match household.await {
                        Ok(h) => {
                            let form = decode_draft(draft, h.form.clone());
                            view! {
                                <p><A href=format!("/households/{}", h.id)>{t!(i18n, common.back_to_household)}</A></p>
                                <PageHeading text=t_string!(i18n, households.household_edit).to_string() />
                                <ErrorSummary error />
                                <ActionForm action=action attr:class="stack">
                                    <input type="hidden" name="id" value=h.id />
                                    <HouseholdFields form error show_status=true />
                                    <button type="submit">{t!(i18n, households.household_save_submit)}</button>
                                </ActionForm>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
