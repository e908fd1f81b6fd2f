use crate::api::auth::Login;
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary, TextField};
use crate::ui::heading::PageHeading;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Login>::new();
    let error = action_error(action);
    let next = move || {
        use_query_map()
            .with_untracked(|q| q.get("next"))
            .unwrap_or_default()
    };
    let reset = move || use_query_map().with_untracked(|q| q.get("reset").is_some());
    view! {
        <PageHeading text=t_string!(i18n, accounts.login_title).to_string() />
        <Show when=reset><p class="notice" role="status">{t!(i18n, accounts.reset_done)}</p></Show>
        <ErrorSummary error />
        <ActionForm action=action attr:class="stack narrow">
            <input type="hidden" name="next" value=next />
            <TextField name="email" field="email" label=t_string!(i18n, common.field_email).to_string()
                value="" error kind="email" autocomplete="username" required=true />
            <TextField name="password" field="password" label=t_string!(i18n, common.field_password).to_string()
                value="" error kind="password" autocomplete="current-password" required=true />
            <button type="submit">{t!(i18n, accounts.login_submit)}</button>
        </ActionForm>
        <p><A href="/forgot-password">{t!(i18n, accounts.forgot_link)}</A></p>
    }
}
