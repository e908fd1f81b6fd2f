//! Invitations: admins invite people to any role, coordinators to the roles that are not staff,
//! and a household's coordinator or current support person invites an adult member to a login
//! of their own. Each invitation is emailed through the outbox in the invitee's language; it
//! works once, for seven days, and can be revoked or sent again (with a new link).

use crate::domain::{account::InviteState, Role};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{auth::CurrentUser, context, credentials, notify_accounts},
    crate::db,
    crate::domain::{
        access, account::may_invite, parse_required_text, Email, ErrorCode, FieldErrors,
        InterfaceLanguage, Roles, Validator,
    },
    crate::domain::{AuditAction, AuditSubject},
};

/// The invitation form; each role is a checkbox that sends "on" when ticked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub email: String,
    pub display_name: String,
    /// The language of the invitation and of the new account.
    pub language: String,
    pub admin: Option<String>,
    pub coordinator: Option<String>,
    pub support_person: Option<String>,
    pub volunteer: Option<String>,
    pub facilitator: Option<String>,
    pub beneficiary: Option<String>,
    pub return_counsellor: Option<String>,
    pub approver: Option<String>,
    pub partner_caseworker: Option<String>,
}

impl InviteForm {
    pub fn ticked(&self, role: Role) -> bool {
        let field = match role {
            Role::Admin => &self.admin,
            Role::Coordinator => &self.coordinator,
            Role::SupportPerson => &self.support_person,
            Role::Volunteer => &self.volunteer,
            Role::Facilitator => &self.facilitator,
            Role::Beneficiary => &self.beneficiary,
            Role::ReturnCounsellor => &self.return_counsellor,
            Role::Approver => &self.approver,
            Role::PartnerCaseworker => &self.partner_caseworker,
        };
        field.is_some()
    }
}

/// An invitation not yet accepted, as the Invitations page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub state: InviteState,
    /// Tallinn time.
    pub expires: String,
    pub sent_count: i64,
}

/// A language Tugi speaks, else the inviter's own.
#[cfg(feature = "ssr")]
fn language_or(asked: &str, user: &CurrentUser) -> InterfaceLanguage {
    InterfaceLanguage::parse(asked).unwrap_or(user.language)
}

/// Writes an invitation and its email in one transaction; answers the link.
#[cfg(feature = "ssr")]
pub(crate) struct Invitation<'a> {
    /// None for a member reached by phone: the link is passed on by the inviter, and the
    /// member chooses the login's email when accepting.
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub name: &'a str,
    pub roles: &'a Roles,
    pub language: InterfaceLanguage,
    pub member_id: Option<i64>,
}

#[cfg(feature = "ssr")]
pub(crate) async fn send(
    tx: &mut db::Tx,
    invitation: &Invitation<'_>,
    by: Option<i64>,
    now: i64,
) -> Result<String, AppError> {
    let token = credentials::new_token();
    let roles: Vec<Role> = invitation.roles.iter().collect();
    let role_codes = db::codes::CodeList::joined(&roles);
    db::invites::create(
        tx,
        &db::invites::NewInvite {
            token_hash: &credentials::token_hash(&token),
            email: invitation.email,
            phone: invitation.phone,
            display_name: invitation.name,
            roles: &role_codes,
            language: invitation.language,
            member_id: invitation.member_id,
            created_by: by,
        },
        now,
    )
    .await?;
    let link = format!("/invite/{token}");
    let whom = invitation
        .email
        .or(invitation.phone)
        .unwrap_or(invitation.name);
    let detail = format!("{whom} ({role_codes})");
    db::audit::security(
        &mut **tx,
        by,
        AuditAction::InviteCreate,
        Some(&detail),
        &context::client_address(),
    )
    .await?;
    if let Some(email) = invitation.email {
        let to = notify_accounts::To {
            account_id: None,
            email,
            name: invitation.name,
            language: invitation.language,
        };
        let full_link = format!("{}{link}", context::public_url());
        notify_accounts::invitation(tx, &to, &roles, &full_link, now).await?;
    }
    Ok(link)
}

/// Invites a person; the email goes out through the outbox. Returns the link's path
/// (`/invite/<token>`) so that the inviter can also pass it on by phone; it is stored only as
/// a hash.
#[server(endpoint = "create_invite")]
pub async fn create_invite(#[server(default)] form: InviteForm) -> Result<String, AppError> {
    let user = context::require(access::INVITE).await?;
    let db = context::db()?;
    let mut v = Validator::new();
    let email = v.check("email", Email::parse(&form.email));
    if let Some(email) = &email {
        if db::accounts::by_email(db.pool(), email.as_str())
            .await?
            .is_some()
        {
            v.add("email", ErrorCode::EmailTaken);
        }
    }
    let name = v.check("display_name", parse_required_text(&form.display_name, 100));
    let roles = Roles::ticked(|r| form.ticked(r));
    if roles.is_empty() {
        v.add("roles", ErrorCode::NoRole);
    } else if !roles.iter().all(|r| may_invite(&user.roles, r)) {
        v.add("roles", ErrorCode::RoleNotAllowed);
    }
    let (email, name) = match v.finish(|| Some((email?, name?))) {
        Ok(valid) => valid,
        Err(errors) => {
            super::drafts::keep("create_invite", &form).await?;
            return Err(errors.into());
        }
    };
    let language = language_or(&form.language, &user);
    let now = context::now();
    let mut tx = db.begin().await?;
    let invitation = Invitation {
        email: Some(email.as_str()),
        phone: None,
        name: &name,
        roles: &roles,
        language,
        member_id: None,
    };
    let link = send(&mut tx, &invitation, Some(user.id), now).await?;
    tx.commit().await?;
    if context::is_plain_form_post() {
        // Without JavaScript the link is shown on the page the browser is sent to.
        let token = link.trim_start_matches("/invite/");
        context::redirect(&format!("/invitations?invited={token}"));
    }
    Ok(link)
}

#[cfg(feature = "ssr")]
fn invite_view(row: db::invites::InviteRow, now: i64) -> InviteView {
    let state = InviteState::of(row.revoked_at.is_some(), row.expires_at, now);
    InviteView {
        id: row.id,
        email: row.email.or(row.phone).unwrap_or_default(),
        display_name: row.display_name,
        roles: row.roles.0,
        state,
        expires: super::dates::time(row.expires_at),
        sent_count: row.sent_count,
    }
}

/// Invitations not yet accepted: an admin sees all, a coordinator their own.
#[server(endpoint = "list_invites")]
pub async fn list_invites() -> Result<Vec<InviteView>, AppError> {
    let user = context::require(access::INVITE).await?;
    let db = context::db()?;
    let now = context::now();
    let mine = (!user.roles.has(Role::Admin)).then_some(user.id);
    Ok(db::invites::pending(db.pool(), mine, now)
        .await?
        .into_iter()
        .map(|row| invite_view(row, now))
        .collect())
}

/// The invitation when the user may manage it: admins any, others those they made.
#[cfg(feature = "ssr")]
async fn manageable(user: &CurrentUser, id: i64) -> Result<db::invites::InviteRow, AppError> {
    let db = context::db()?;
    let row = db::invites::by_id(db.pool(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.roles.has(Role::Admin) || row.created_by == Some(user.id) {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(feature = "ssr")]
fn not_open() -> AppError {
    FieldErrors::single("invite", ErrorCode::InviteNotOpen).into()
}

#[server(endpoint = "revoke_invite")]
pub async fn revoke_invite(id: i64) -> Result<(), AppError> {
    let user = context::require(access::INVITE).await?;
    manageable(&user, id).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    if !db::invites::revoke(&mut tx, id, context::now()).await? {
        return Err(not_open());
    }
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::InviteRevoke,
        AuditSubject::Invite,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect("/invitations?revoked=1");
    Ok(())
}

/// Sends an unused invitation again with a new link (the old one stops working) and seven
/// more days; answers the link when there is no email to send it to.
#[server(endpoint = "resend_invite")]
pub async fn resend_invite(id: i64) -> Result<Option<String>, AppError> {
    let user = context::require(access::INVITE).await?;
    let row = manageable(&user, id).await?;
    let db = context::db()?;
    if let Some(email) = &row.email {
        if db::accounts::by_email(db.pool(), email).await?.is_some() {
            return Err(FieldErrors::single("invite", ErrorCode::EmailTaken).into());
        }
    }
    let now = context::now();
    let token = credentials::new_token();
    let mut tx = db.begin().await?;
    if !db::invites::renew(&mut tx, id, &credentials::token_hash(&token), now).await? {
        return Err(not_open());
    }
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::InviteResend,
        AuditSubject::Invite,
        id,
    )
    .await?;
    let roles = row.roles.0.clone();
    match &row.email {
        Some(email) => {
            let to = notify_accounts::To {
                account_id: None,
                email,
                name: &row.display_name,
                language: row.language,
            };
            let link = format!("{}/invite/{token}", context::public_url());
            notify_accounts::invitation(&mut tx, &to, &roles, &link, now).await?;
            tx.commit().await?;
            context::redirect("/invitations?resent=1");
            Ok(None)
        }
        // Reached by phone: the inviter passes the new link on.
        None => {
            tx.commit().await?;
            context::redirect(&format!("/invitations?invited={token}"));
            Ok(Some(format!("/invite/{token}")))
        }
    }
}

/// Whether the user may give members of this household logins: a coordinator, or the
/// household's support person while the assignment is open.
#[cfg(feature = "ssr")]
pub(crate) async fn may_manage_logins(
    user: &CurrentUser,
    household_id: i64,
) -> Result<bool, AppError> {
    let db = context::db()?;
    if db::households::by_id(db.pool(), household_id)
        .await?
        .is_none()
    {
        return Ok(false);
    }
    if user.roles.has(Role::Coordinator) {
        return Ok(true);
    }
    Ok(user.roles.has(Role::SupportPerson)
        && db::assignments::open_of_household(db.pool(), household_id)
            .await?
            .is_some_and(|a| a.support_person_id == user.id))
}

/// The form that invites a household member to their own login.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberInviteForm {
    /// Either the email address the invitation is sent to…
    pub email: String,
    /// …or a phone number, for a member without email: the inviter passes the link on.
    pub phone: String,
    pub language: String,
}

/// Invites an adult household member to a login of their own; accepting ties the new account
/// to the member. Answers the link when there is no email to send it to (the inviter passes
/// it on by phone).
#[server(endpoint = "invite_member")]
pub async fn invite_member(
    household_id: i64,
    member_id: i64,
    form: MemberInviteForm,
) -> Result<Option<String>, AppError> {
    let user = context::require(access::MEMBER_LOGINS).await?;
    if !may_manage_logins(&user, household_id).await? {
        return Err(AppError::NotFound);
    }
    let db = context::db()?;
    // An erased household's members have no names or addresses left to invite.
    if db::households::is_erased(db.pool(), household_id).await? {
        return Err(AppError::NotFound);
    }
    let member = db::households::members(db.pool(), household_id)
        .await?
        .into_iter()
        .find(|m| m.id == member_id)
        .ok_or(AppError::NotFound)?;
    let mut v = Validator::new();
    let adult = chrono::NaiveDate::parse_from_str(&member.date_of_birth, "%Y-%m-%d")
        .map(|born| crate::domain::workshops::age_on(born, context::today()) >= 18)
        .unwrap_or(false);
    if !adult {
        v.add("member", ErrorCode::MemberNotAdult);
    }
    if db::households::member_account(db.pool(), member_id)
        .await?
        .is_some()
    {
        v.add("member", ErrorCode::MemberHasLogin);
    }
    let email = match form.email.trim() {
        "" => None,
        text => v.check("email", Email::parse(text)),
    };
    if let Some(email) = &email {
        if db::accounts::by_email(db.pool(), email.as_str())
            .await?
            .is_some()
        {
            v.add("email", ErrorCode::EmailTaken);
        }
    }
    let phone = v
        .check("phone", crate::domain::parse_phone(&form.phone))
        .flatten();
    if form.email.trim().is_empty() && phone.is_none() && form.phone.trim().is_empty() {
        v.add("email", ErrorCode::EmailOrPhone);
    }
    let (email, phone) = v.finish(|| Some((email, phone)))?;
    let language = language_or(&form.language, &user);
    let name = format!("{} {}", member.first_name, member.last_name);
    let now = context::now();
    let mut tx = db.begin().await?;
    let roles = Roles::new(vec![Role::Beneficiary]);
    let invitation = Invitation {
        email: email.as_ref().map(Email::as_str),
        phone: phone.as_deref(),
        name: &name,
        roles: &roles,
        language,
        member_id: Some(member_id),
    };
    let link = send(&mut tx, &invitation, Some(user.id), now).await?;
    db::audit::household(
        &mut *tx,
        user.id,
        AuditAction::HouseholdInviteMember,
        household_id,
    )
    .await?;
    tx.commit().await?;
    // Without email the inviter passes the link on: a plain form post goes back to its page
    // with the link; otherwise no redirect, which sends it back to the page it came from.
    if invitation.email.is_some() {
        return Ok(None);
    }
    if context::is_plain_form_post() {
        let token = link.trim_start_matches("/invite/");
        context::redirect(&format!("{}?login_link={token}", context::referer_path()));
    }
    Ok(Some(link))
}

/// Unties a member's login from the member (the account stays, without a household).
#[server(endpoint = "unlink_member")]
pub async fn unlink_member(household_id: i64, member_id: i64) -> Result<(), AppError> {
    let user = context::require(access::MEMBER_LOGINS).await?;
    if !may_manage_logins(&user, household_id).await? {
        return Err(AppError::NotFound);
    }
    let db = context::db()?;
    let mut tx = db.begin().await?;
    if !db::households::unlink_account(&mut tx, household_id, member_id).await? {
        return Err(AppError::NotFound);
    }
    db::audit::household(
        &mut *tx,
        user.id,
        AuditAction::HouseholdUnlinkLogin,
        household_id,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A household member and their login, for the household and assignment pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberLoginView {
    pub member_id: i64,
    pub name: String,
    pub adult: bool,
    /// The login's email, and whether it is active.
    pub login: Option<(String, bool)>,
    /// An open invitation: (email, valid until in Tallinn time).
    pub invited: Option<(String, String)>,
}

#[server(endpoint = "member_logins")]
pub async fn member_logins(household_id: i64) -> Result<Vec<MemberLoginView>, AppError> {
    let user = context::require(access::MEMBER_LOGINS).await?;
    if !may_manage_logins(&user, household_id).await? {
        return Err(AppError::NotFound);
    }
    logins_of(household_id).await
}

/// The members of a household with their logins and open invitations (the caller has checked
/// that the user may see them).
#[cfg(feature = "ssr")]
pub(crate) async fn logins_of(household_id: i64) -> Result<Vec<MemberLoginView>, AppError> {
    let db = context::db()?;
    let now = context::now();
    let today = context::today();
    let logins = db::households::member_logins(db.pool(), household_id).await?;
    let invites = db::invites::open_of_members(db.pool(), household_id, now).await?;
    Ok(db::households::members(db.pool(), household_id)
        .await?
        .into_iter()
        .map(|m| MemberLoginView {
            member_id: m.id,
            name: format!("{} {}", m.first_name, m.last_name),
            adult: chrono::NaiveDate::parse_from_str(&m.date_of_birth, "%Y-%m-%d")
                .map(|born| crate::domain::workshops::age_on(born, today) >= 18)
                .unwrap_or(false),
            login: logins
                .iter()
                .find(|(id, ..)| *id == m.id)
                .map(|(_, email, active)| (email.clone(), *active == 1)),
            invited: invites.iter().find(|i| i.member_id == Some(m.id)).map(|i| {
                let to = i.email.clone().or(i.phone.clone()).unwrap_or_default();
                (to, super::dates::time(i.expires_at))
            }),
        })
        .collect())
}
