use super::fields::{HouseholdFields, MemberFields};
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::households::CreateHousehold;
use crate::domain::role::access;
use crate::domain::{HouseholdForm, MemberForm};
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use leptos::prelude::*;

#[component]
pub fn NewHouseholdPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateHousehold>::new();
    let error = action_error(action);
    let draft = Resource::new(|| (), |_| take_draft("create_household".into()));
    view! {
        <RequireRole roles=access::HOUSEHOLDS>
            <PageHeading text=t_string!(i18n, households.household_new_title).to_string() />
            <ErrorSummary error />
            <Suspense>
                {move || Suspend::new(async move {
                    let (household, member): (HouseholdForm, MemberForm) =
                        decode_draft(draft.await.ok().flatten(), Default::default());
                    view! {
                        <ActionForm action=action attr:class="stack" attr:id="household-form">
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
