//! Who in a household has a login of their own, with the forms that invite an adult member to
//! one and that untie a login from its member.

use crate::api::invitations::{member_logins, InviteMember, UnlinkMember};
use crate::domain::workshops::UI_LANGUAGES;
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary};
use crate::ui::text::language_name;
use leptos::prelude::*;

#[component]
pub fn MemberLogins(household_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let invite = ServerAction::<InviteMember>::new();
    let unlink = ServerAction::<UnlinkMember>::new();
    let error = Signal::derive(move || {
        invite
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| unlink.value().get().and_then(|r| r.err()))
    });
    let _ = action_error(invite);
    let logins = Resource::new(
        move || (household_id, invite.version().get(), unlink.version().get()),
        |(id, ..)| member_logins(id),
    );
    view! {
        <section aria-labelledby="logins-title">
            <h2 id="logins-title">{t!(i18n, logins_title)}</h2>
            <p>{t!(i18n, logins_intro)}</p>
            <ErrorSummary error form="login" />
            <Suspense>
                {move || Suspend::new(async move {
                    let Ok(rows) = logins.await else { return ().into_any() };
                    view! {
                        <ul class="members">
                            {rows.into_iter().map(|m| {
                                let member_id = m.member_id;
                                let state = match (&m.login, &m.invited) {
                                    (Some((email, true)), _) => t_string!(i18n, login_has, email = email.clone()).to_string(),
                                    (Some((email, false)), _) => t_string!(i18n, login_inactive, email = email.clone()).to_string(),
                                    (None, Some((email, until))) => t_string!(i18n, login_invited, email = email.clone(), until = until.clone()).to_string(),
                                    (None, None) => t_string!(i18n, login_none).to_string(),
                                };
                                let may_invite = m.adult && m.login.is_none();
                                let has_login = m.login.is_some();
                                let name = m.name.clone();
                                let email_id = format!("f-login-email-{member_id}");
                                let language_id = format!("f-login-language-{member_id}");
                                let locale = i18n.get_locale_untracked().to_string();
                                view! {
                                    <li>
                                        <strong>{m.name.clone()}</strong> ": " {state}
                                        {may_invite.then(|| view! {
                                            <ActionForm action=invite attr:class="stack narrow">
                                                <input type="hidden" name="household_id" value=household_id />
                                                <input type="hidden" name="member_id" value=member_id />
                                                <div class="field">
                                                    <label for=email_id.clone()>{t!(i18n, field_email)}</label>
                                                    <input id=email_id.clone() name="form[email]" type="email" autocomplete="off" />
                                                </div>
                                                <div class="field">
                                                    <label for=language_id.clone()>{t!(i18n, invite_language)}</label>
                                                    <select id=language_id.clone() name="form[language]">
                                                        {UI_LANGUAGES.iter().map(|l| view! {
                                                            <option value=*l selected=*l == locale>{language_name(i18n, l)}</option>
                                                        }).collect_view()}
                                                    </select>
                                                </div>
                                                <button type="submit">{t!(i18n, login_invite)} " " {name.clone()}</button>
                                            </ActionForm>
                                        })}
                                        {has_login.then(|| view! {
                                            <ActionForm action=unlink attr:class="inline">
                                                <input type="hidden" name="household_id" value=household_id />
                                                <input type="hidden" name="member_id" value=member_id />
                                                <button type="submit" class="secondary">{t!(i18n, login_unlink)} " " {m.name.clone()}</button>
                                            </ActionForm>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}
