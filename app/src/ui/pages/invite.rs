use crate::api::auth::{invite_details, AcceptInvite};
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary, TextField};
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let token = move || {
        use_params_map()
            .with(|p| p.get("token"))
            .unwrap_or_default()
    };
    let invite = Resource::new(token, invite_details);
    let action = ServerAction::<AcceptInvite>::new();
    let error = action_error(action);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match invite.await {
                    Ok(invite) => view! {
                        <PageHeading text=t_string!(i18n, accounts.invite_title).to_string() />
                        {match invite.email.clone() {
                            Some(email) => view! {
                                <p>{t!(i18n, accounts.invite_intro, name = invite.display_name.clone(), email = email)}</p>
                            }.into_any(),
                            None => view! {
                                <p>{t!(i18n, accounts.invite_intro_choose, name = invite.display_name.clone())}</p>
                            }.into_any(),
                        }}
                        <ErrorSummary error />
                        <ActionForm action=action attr:class="stack narrow">
                            <input type="hidden" name="token" value=token />
                            {invite.email.is_none().then(|| view! {
                                <TextField name="email" field="email"
                                    label=t_string!(i18n, common.field_email).to_string()
                                    hint=t_string!(i18n, accounts.invite_email_hint).to_string()
                                    value="" error kind="email" autocomplete="email" required=true />
                            })}
                            <TextField name="new_password" field="new_password"
                                label=t_string!(i18n, common.field_new_password).to_string()
                                hint=t_string!(i18n, accounts.password_hint).to_string()
                                value="" error kind="password" autocomplete="new-password" required=true />
                            <TextField name="confirm_password" field="confirm_password"
                                label=t_string!(i18n, common.field_confirm_password).to_string()
                                value="" error kind="password" autocomplete="new-password" required=true />
                            <button type="submit">{t!(i18n, accounts.invite_submit)}</button>
                        </ActionForm>
                    }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
