//! "Forgot password": asking for a reset link, and choosing a new password from it.

use crate::api::password_reset::{reset_link_open, RequestPasswordReset, ResetPassword};
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary, TextField};
use crate::ui::heading::PageHeading;
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = action_error(action);
    let sent = move || {
        use_query_map().with(|q| q.get("sent").is_some())
            || action.value().get().is_some_and(|r| r.is_ok())
    };
    view! {
        <PageHeading text=t_string!(i18n, accounts.forgot_title).to_string() />
        <Show when=sent fallback=move || view! {
            <p>{t!(i18n, accounts.forgot_intro)}</p>
            <ErrorSummary error />
            <ActionForm action=action attr:class="stack narrow">
                <TextField name="email" field="email" label=t_string!(i18n, common.field_email).to_string()
                    value="" error kind="email" autocomplete="username" required=true />
                <button type="submit">{t!(i18n, accounts.forgot_submit)}</button>
            </ActionForm>
        }>
            <p class="notice" role="status">{t!(i18n, accounts.forgot_sent)}</p>
        </Show>
        <p><A href="/login">{t!(i18n, common.nav_login)}</A></p>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = move || {
        use_params_map()
            .with(|p| p.get("token"))
            .unwrap_or_default()
    };
    let open = Resource::new(token, reset_link_open);
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action);
    view! {
        <PageHeading text=t_string!(i18n, accounts.reset_title).to_string() />
        <Suspense>
            {move || Suspend::new(async move {
                if open.await.unwrap_or(false) {
                    view! {
                        <ErrorSummary error />
                        <ActionForm action=action attr:class="stack narrow">
                            <input type="hidden" name="token" value=token />
                            <TextField name="new_password" field="new_password"
                                label=t_string!(i18n, common.field_new_password).to_string()
                                hint=t_string!(i18n, accounts.password_hint).to_string()
                                value="" error kind="password" autocomplete="new-password" required=true />
                            <TextField name="confirm_password" field="confirm_password"
                                label=t_string!(i18n, common.field_confirm_password).to_string()
                                value="" error kind="password" autocomplete="new-password" required=true />
                            <button type="submit">{t!(i18n, accounts.reset_submit)}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <p class="error-summary" role="alert">{t!(i18n, errors.err_invalid_reset_link)}</p>
                        <p><A href="/forgot-password">{t!(i18n, accounts.forgot_title)}</A></p>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}
