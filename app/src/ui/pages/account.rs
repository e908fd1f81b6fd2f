use crate::api::auth::ChangePassword;
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary, TextField};
use crate::ui::guard::RequireRole;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action);
    let changed = move || use_query_map().with(|q| q.get("changed").is_some());
    view! {
        <RequireRole roles=&[]>
            <h1>{t!(i18n, account_title)}</h1>
            <Show when=changed>
                <p class="notice" role="status">{t!(i18n, password_changed)}</p>
            </Show>
            <h2>{t!(i18n, account_change_password)}</h2>
            <ErrorSummary error />
            <ActionForm action=action attr:class="stack narrow">
                <TextField name="current_password" field="current_password"
                    label=t_string!(i18n, field_current_password).to_string()
                    value="" error kind="password" autocomplete="current-password" />
                <TextField name="new_password" field="new_password"
                    label=t_string!(i18n, field_new_password).to_string()
                    hint=t_string!(i18n, password_hint).to_string()
                    value="" error kind="password" autocomplete="new-password" />
                <TextField name="confirm_password" field="confirm_password"
                    label=t_string!(i18n, field_confirm_password).to_string()
                    value="" error kind="password" autocomplete="new-password" />
                <button type="submit">{t!(i18n, change_password_submit)}</button>
            </ActionForm>
        </RequireRole>
    }
}
