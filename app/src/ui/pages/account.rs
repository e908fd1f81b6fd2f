use crate::api::auth::ChangePassword;
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary, TextField};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action);
    view! {
        <RequireRole roles=&[]>
            <PageHeading text=t_string!(i18n, accounts.account_title).to_string() />
            <h2>{t!(i18n, accounts.account_change_password)}</h2>
            <ErrorSummary error />
            <ActionForm action=action attr:class="stack narrow">
                <TextField name="current_password" field="current_password"
                    label=t_string!(i18n, common.field_current_password).to_string()
                    value="" error kind="password" autocomplete="current-password" />
                <TextField name="new_password" field="new_password"
                    label=t_string!(i18n, common.field_new_password).to_string()
                    hint=t_string!(i18n, accounts.password_hint).to_string()
                    value="" error kind="password" autocomplete="new-password" />
                <TextField name="confirm_password" field="confirm_password"
                    label=t_string!(i18n, common.field_confirm_password).to_string()
                    value="" error kind="password" autocomplete="new-password" />
                <button type="submit">{t!(i18n, accounts.change_password_submit)}</button>
            </ActionForm>
        </RequireRole>
    }
}
