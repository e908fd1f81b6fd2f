//! Inviting people: the form (admins any role, coordinators the roles that are not staff) and
//! the invitations not yet accepted, each to revoke or send again.

use crate::api::auth::me;
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::invitations::{list_invites, CreateInvite, InviteForm, ResendInvite, RevokeInvite};
use crate::domain::account::{may_invite, InviteState};
use crate::domain::role::access;
use crate::domain::InterfaceLanguage;
use crate::domain::Role;
use crate::i18n::*;
use crate::names::options;
use crate::ui::form::{action_error, ErrorSummary, SelectField, TextField};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn InvitationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateInvite>::new();
    let revoke = ServerAction::<RevokeInvite>::new();
    let resend = ServerAction::<ResendInvite>::new();
    let error = action_error(action);
    let list_error = Signal::derive(move || {
        revoke
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| resend.value().get().and_then(|r| r.err()))
    });
    let invites = Resource::new(
        move || {
            (
                action.version().get(),
                revoke.version().get(),
                resend.version().get(),
            )
        },
        |_| list_invites(),
    );
    // After an invitation is sent the form starts empty again, so that it is not sent twice.
    let sent = RwSignal::new(0usize);
    Effect::new(move |_| {
        if action.value().get().is_some_and(|r| r.is_ok()) {
            sent.update(|n| *n += 1);
        }
    });
    let page = Resource::new(
        move || sent.get(),
        |_| async move {
            let user = me().await.ok().flatten();
            let draft = take_draft("create_invite".into()).await.ok().flatten();
            (user, draft)
        },
    );
    // The link, from the action (JavaScript) or from the redirect (no JavaScript).
    let invited = move || {
        action.value().get().and_then(|r| r.ok()).or_else(|| {
            use_query_map()
                .with(|q| q.get("invited"))
                .map(|t| format!("/invite/{t}"))
        })
    };
    let notice = move || {
        use_query_map().with(|q| {
            if q.get("revoked").is_some() {
                Some(t_string!(i18n, accounts.invite_revoked).to_string())
            } else if q.get("resent").is_some() {
                Some(t_string!(i18n, accounts.invite_resent).to_string())
            } else {
                None
            }
        })
    };
    view! {
        <RequireRole roles=access::INVITE>
            <PageHeading text=t_string!(i18n, common.invitations_title).to_string() />
            {move || invited().map(|link| view! {
                <div class="notice" role="status">
                    <p>{t!(i18n, accounts.invite_sent)}</p>
                    <p><code class="invite-link">{link}</code></p>
                </div>
            })}
            {move || notice().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <h2>{t!(i18n, accounts.accounts_invite_title)}</h2>
            <ErrorSummary error />
            <Suspense>
                {move || Suspend::new(async move {
                    let (user, draft) = page.await;
                    let Some(user) = user else { return ().into_any() };
                    let mut form: InviteForm = decode_draft(draft, InviteForm::default());
                    if form.language.is_empty() {
                        form.language = user.language.code().to_string();
                    }
                    let checkboxes = Role::ALL.iter().copied().filter(|r| may_invite(&user.roles, *r)).map(|role| {
                        let name = role.code();
                        let id = format!("role-{name}");
                        view! {
                            <div class="checkbox">
                                <input type="checkbox" id=id.clone() name=format!("form[{name}]") checked=form.ticked(role) />
                                <label for=id>{crate::names::name(i18n, role)}</label>
                            </div>
                        }
                    }).collect_view();
                    let languages = options::<InterfaceLanguage>(i18n);
                    view! {
                        <ActionForm action=action attr:class="stack narrow">
                            <TextField name="form[display_name]" field="display_name"
                                label=t_string!(i18n, common.field_display_name).to_string()
                                value=form.display_name.clone() error autocomplete="off" />
                            <TextField name="form[email]" field="email"
                                label=t_string!(i18n, common.field_email).to_string()
                                value=form.email.clone() error kind="email" autocomplete="off" />
                            <SelectField name="form[language]" field="language"
                                label=t_string!(i18n, accounts.invite_language).to_string()
                                value=form.language.clone() options=languages error />
                            <fieldset id="f-roles" class="field">
                                <legend>{t!(i18n, common.field_roles)}</legend>
                                {move || error.get().and_then(|e| e.field_errors().and_then(|f| f.get("roles"))).map(|code| view! {
                                    <p class="error-message">{crate::ui::text::field_error(i18n, code)}</p>
                                })}
                                {checkboxes}
                            </fieldset>
                            <button type="submit">{t!(i18n, accounts.invite_create_submit)}</button>
                        </ActionForm>
                    }.into_any()
                })}
            </Suspense>
            <h2>{t!(i18n, accounts.invitations_pending)}</h2>
            <ErrorSummary error=list_error form="list" />
            <Suspense>
                {move || Suspend::new(async move {
                    match invites.await {
                        Ok(list) if list.is_empty() => view! { <p>{t!(i18n, accounts.invitations_none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <div class="table-wrap">
                            <table>
                                <thead><tr>
                                    <th scope="col">{t!(i18n, common.col_name)}</th>
                                    <th scope="col">{t!(i18n, common.field_email)}</th>
                                    <th scope="col">{t!(i18n, common.field_roles)}</th>
                                    <th scope="col">{t!(i18n, common.field_status)}</th>
                                    <th scope="col">{t!(i18n, common.invite_actions)}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|inv| {
                                        let roles = inv.roles.iter().map(|r| crate::names::name(i18n, *r)).collect::<Vec<_>>().join(", ");
                                        let state = match inv.state {
                                            InviteState::Open => t_string!(i18n, accounts.invite_state_open, until = inv.expires.clone()).to_string(),
                                            InviteState::Expired => t_string!(i18n, accounts.invite_state_expired).to_string(),
                                            InviteState::Revoked => t_string!(i18n, accounts.invite_state_revoked).to_string(),
                                        };
                                        let revocable = inv.state != InviteState::Revoked;
                                        let (id, email, email2) = (inv.id, inv.email.clone(), inv.email.clone());
                                        view! { <tr>
                                            <td>{inv.display_name.clone()}</td><td>{inv.email.clone()}</td><td>{roles}</td><td>{state}</td>
                                            <td>
                                                {revocable.then(|| view! {
                                                    <ActionForm action=resend attr:class="inline">
                                                        <input type="hidden" name="id" value=id />
                                                        <button type="submit" class="secondary">{t!(i18n, accounts.invite_resend)} " " {email.clone()}</button>
                                                    </ActionForm>
                                                    <ActionForm action=revoke attr:class="inline">
                                                        <input type="hidden" name="id" value=id />
                                                        <button type="submit" class="secondary">{t!(i18n, accounts.invite_revoke)} " " {email2.clone()}</button>
                                                    </ActionForm>
                                                })}
                                            </td>
                                        </tr> }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
