use super::fields::{HouseholdFields, MemberFields};
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::households::CreateHousehold;
use crate::api::intake::intake_prefill;
use crate::domain::role::access;
use crate::domain::{HouseholdForm, MemberForm};
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewHouseholdPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateHousehold>::new();
    let error = action_error(action);
    // Registering from a contact request: its details fill the form (unless a refused post
    // left a draft), and the request is closed and linked when the household is created.
    let intake = move || {
        use_query_map()
            .with(|q| q.get("intake"))
            .and_then(|v| v.parse::<i64>().ok())
    };
    let draft = Resource::new(|| (), |_| take_draft("create_household".into()));
    let prefill = Resource::new(intake, |intake| async move {
        match intake {
            Some(id) => intake_prefill(id).await.ok(),
            None => None,
        }
    });
    view! {
        <RequireRole roles=access::HOUSEHOLDS>
            <PageHeading text=t_string!(i18n, households.household_new_title).to_string() />
            <ErrorSummary error />
            <Suspense>
                {move || Suspend::new(async move {
                    let prefilled = prefill.await;
                    let from_request = prefilled.as_ref().map(|(_, m): &(HouseholdForm, MemberForm)| {
                        format!("{} {}", m.first_name, m.last_name).trim().to_string()
                    });
                    let (household, member): (HouseholdForm, MemberForm) =
                        decode_draft(draft.await.ok().flatten(), prefilled.unwrap_or_default());
                    view! {
                        {from_request.map(|name| view! {
                            <p class="notice">{t!(i18n, households.intake_registering, name = name)}</p>
                        })}
                        <ActionForm action=action attr:class="stack" attr:id="household-form">
                            {intake().map(|id| view! { <input type="hidden" name="intake" value=id /> })}
                            <fieldset>
                                <legend>{t!(i18n, households.section_household)}</legend>
                                <HouseholdFields form=household error show_status=false />
                            </fieldset>
                            <fieldset>
                                <legend>{t!(i18n, households.section_first_member)}</legend>
                                <MemberFields form=member error />
                            </fieldset>
                            <button type="submit">{t!(i18n, households.household_create_submit)}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
