//! Who in a household has a login of their own, with the forms that invite an adult member to
//! one and that untie a login from its member.

use crate::api::invitations::{InviteMember, MemberLoginView, UnlinkMember};
use crate::domain::InterfaceLanguage;
use crate::i18n::*;
use crate::ui::form::ErrorSummary;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The two actions of the section; the page that shows it refetches its data when they run.
#[derive(Clone, Copy)]
pub struct LoginActions {
    pub invite: ServerAction<InviteMember>,
    pub unlink: ServerAction<UnlinkMember>,
}

impl LoginActions {
    pub fn new() -> Self {
        LoginActions {
            invite: ServerAction::new(),
            unlink: ServerAction::new(),
        }
    }

    /// Rises with every run of either action.
    pub fn version(&self) -> usize {
        self.invite.version().get() + self.unlink.version().get()
    }
}

impl Default for LoginActions {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn MemberLogins(
    household_id: i64,
    rows: Vec<MemberLoginView>,
    actions: LoginActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let LoginActions { invite, unlink } = actions;
    let error = Signal::derive(move || {
        invite
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| unlink.value().get().and_then(|r| r.err()))
    });
    // A link to pass on by phone: from the action (JavaScript) or the redirect (without).
    let pass_on = move || {
        invite
            .value()
            .get()
            .and_then(|r| r.ok())
            .flatten()
            .or_else(|| {
                use_query_map()
                    .with(|q| q.get("login_link"))
                    .map(|t| format!("/invite/{t}"))
            })
    };
    view! {
        <section aria-labelledby="logins-title">
            <h2 id="logins-title">{t!(i18n, accounts.logins_title)}</h2>
            <p>{t!(i18n, accounts.logins_intro)}</p>
            <ErrorSummary error form="login" />
            {move || pass_on().map(|link| view! {
                <div class="notice" role="status">
                    <p>{t!(i18n, accounts.login_link_pass_on)}</p>
                    <p><code class="invite-link">{link}</code></p>
                </div>
            })}
                        <ul class="members">
                            {rows.into_iter().map(|m| {
                                let member_id = m.member_id;
                                let state = match (&m.login, &m.invited) {
                                    (Some((email, true)), _) => t_string!(i18n, accounts.login_has, email = email.clone()).to_string(),
                                    (Some((email, false)), _) => t_string!(i18n, accounts.login_inactive, email = email.clone()).to_string(),
                                    (None, Some((email, until))) => t_string!(i18n, accounts.login_invited, email = email.clone(), until = until.clone()).to_string(),
                                    (None, None) => t_string!(i18n, accounts.login_none).to_string(),
                                };
                                let may_invite = m.adult && m.login.is_none();
                                let has_login = m.login.is_some();
                                let name = m.name.clone();
                                let email_id = format!("f-login-email-{member_id}");
                                let language_id = format!("f-login-language-{member_id}");
                                let phone_id = format!("f-login-phone-{member_id}");
                                let locale = i18n.get_locale_untracked().to_string();
                                view! {
                                    <li>
                                        <strong>{m.name.clone()}</strong> ": " {state}
                                        {may_invite.then(|| view! {
                                            <ActionForm action=invite attr:class="stack narrow">
                                                <input type="hidden" name="household_id" value=household_id />
                                                <input type="hidden" name="member_id" value=member_id />
                                                <div class="field">
                                                    <label for=email_id.clone()>{t!(i18n, common.field_email)}</label>
                                                    <input id=email_id.clone() name="form[email]" type="email" autocomplete="off" />
                                                </div>
                                                <div class="field">
                                                    <label for=phone_id.clone()>{t!(i18n, accounts.login_phone)}</label>
                                                    <p class="hint" id=format!("{phone_id}-hint")>{t!(i18n, accounts.login_phone_hint)}</p>
                                                    <input id=phone_id.clone() name="form[phone]" type="tel" autocomplete="off"
                                                        inputmode="tel" aria-describedby=format!("{phone_id}-hint") />
                                                </div>
                                                <div class="field">
                                                    <label for=language_id.clone()>{t!(i18n, accounts.invite_language)}</label>
                                                    <select id=language_id.clone() name="form[language]">
                                                        {InterfaceLanguage::ALL.iter().map(|l| view! {
                                                            <option value=l.code() selected=l.code() == locale>{crate::names::name(i18n, l)}</option>
                                                        }).collect_view()}
                                                    </select>
                                                </div>
                                                <button type="submit">{t!(i18n, accounts.login_invite)} " " {name.clone()}</button>
                                            </ActionForm>
                                        })}
                                        {has_login.then(|| view! {
                                            <ActionForm action=unlink attr:class="inline">
                                                <input type="hidden" name="household_id" value=household_id />
                                                <input type="hidden" name="member_id" value=member_id />
                                                <button type="submit" class="secondary">{t!(i18n, accounts.login_unlink)} " " {m.name.clone()}</button>
                                            </ActionForm>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
        </section>
    }
}
