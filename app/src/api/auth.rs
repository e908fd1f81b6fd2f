//! Login, logout, the current user, password change and invitations.

use crate::domain::{InterfaceLanguage, Roles};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::attempts::{self, Limit},
    super::context::{self, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, SESSION_COOKIE},
    super::credentials,
    super::security_log,
    crate::db,
    crate::domain::AuditAction,
    crate::domain::{ErrorCode, FieldErrors, LocalPath, NewPassword, Validator},
};

/// The logged-in person as the browser may know them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub roles: Roles,
    pub language: InterfaceLanguage,
}

#[server(endpoint = "me")]
pub async fn me() -> Result<Option<CurrentUser>, AppError> {
    context::current_user().await
}

#[cfg(feature = "ssr")]
pub(crate) async fn start_session(
    account_id: i64,
    language: InterfaceLanguage,
) -> Result<(), AppError> {
    let db = context::db()?;
    // A new id at every login: a session id known before login is worth nothing after it.
    if let Some(old) = context::session_token_hash() {
        db::sessions::delete(db.pool(), &old).await?;
    }
    let token = credentials::new_token();
    db::sessions::create(db.pool(), &credentials::token_hash(&token), account_id).await?;
    context::set_cookie(SESSION_COOKIE, &token, db::sessions::LIFETIME_SECS, true);
    context::set_cookie(LOCALE_COOKIE, language.code(), LOCALE_COOKIE_MAX_AGE, false);
    Ok(())
}

/// Login attempts allowed for one address, and from one client, in `WINDOW_SECS`; a
/// successful login clears its address's count.
#[cfg(feature = "ssr")]
const MAX_PER_EMAIL: i64 = 10;
#[cfg(feature = "ssr")]
const MAX_PER_CLIENT: i64 = 100;
#[cfg(feature = "ssr")]
const WINDOW_SECS: i64 = 15 * 60;

#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    // One message for every failure: nobody learns which addresses have accounts.
    let failed = || AppError::Invalid(FieldErrors::single("email", ErrorCode::LoginFailed));
    let db = context::db()?;
    let email = email.trim().to_lowercase();
    if email.is_empty() || email.len() > 254 || password.is_empty() || password.len() > 1024 {
        return Err(failed());
    }
    let client = context::client_address();
    attempts::admit(
        AuditAction::ThrottledLogin,
        &[
            Limit {
                scope: "login:email",
                key: &email,
                max: MAX_PER_EMAIL,
            },
            Limit {
                scope: "login:client",
                key: &client,
                max: MAX_PER_CLIENT,
            },
        ],
        WINDOW_SECS,
    )
    .await?;
    let account = db::accounts::by_email(db.pool(), &email).await?;
    let hash = account.as_ref().and_then(|a| a.password_hash.clone());
    let verified = credentials::verify_password(hash, password).await?;
    let account = match account {
        Some(a) if verified && a.active == 1 => a,
        other => {
            security_log::log(other.map(|a| a.id), AuditAction::LoginFailed, Some(&email)).await?;
            return Err(failed());
        }
    };
    attempts::forget("login:email", &email).await?;
    security_log::log(Some(account.id), AuditAction::Login, None).await?;
    start_session(account.id, account.language).await?;
    context::redirect(LocalPath::or_home(next.as_deref()).as_str());
    Ok(())
}

/// Uses of secret links (invitations, password resets) one client may make in
/// `SECRET_LINK_WINDOW_SECS`: each sets a password, which costs a hash.
#[cfg(feature = "ssr")]
pub(crate) fn secret_link_limit(client: &str) -> Limit<'_> {
    Limit {
        scope: "secret-link:client",
        key: client,
        max: 30,
    }
}
#[cfg(feature = "ssr")]
pub(crate) const SECRET_LINK_WINDOW_SECS: i64 = 60 * 60;

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let db = context::db()?;
    if let Some(hash) = context::session_token_hash() {
        if let Some(user) = context::current_user().await? {
            security_log::log(Some(user.id), AuditAction::Logout, None).await?;
        }
        db::sessions::delete(db.pool(), &hash).await?;
    }
    context::set_cookie(SESSION_COOKIE, "", 0, true);
    context::redirect("/login");
    Ok(())
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    let user = context::require_login().await?;
    let db = context::db()?;
    let account = db::accounts::by_id(db.pool(), user.id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let (id, client) = (user.id.to_string(), context::client_address());
    attempts::admit(
        AuditAction::ThrottledPassword,
        &[
            Limit {
                scope: "password:account",
                key: &id,
                max: MAX_PER_EMAIL,
            },
            Limit {
                scope: "password:client",
                key: &client,
                max: MAX_PER_CLIENT,
            },
        ],
        WINDOW_SECS,
    )
    .await?;
    let mut v = Validator::new();
    if current_password.len() > 1024
        || !credentials::verify_password(account.password_hash, current_password).await?
    {
        v.add("current_password", ErrorCode::WrongPassword);
        security_log::log(Some(user.id), AuditAction::PasswordChangeFailed, None).await?;
    }
    let new = NewPassword::check_pair(&mut v, &new_password, &confirm_password);
    let new = v.finish(|| new)?;
    let hash = credentials::hash_password(new.expose().to_string()).await?;
    db::accounts::set_password_hash(db.pool(), user.id, &hash).await?;
    if let Some(current) = context::session_token_hash() {
        db::sessions::delete_others(db.pool(), user.id, &current).await?;
    }
    let mut tx = db.begin().await?;
    let to = super::notify_accounts::To {
        account_id: Some(user.id),
        email: &account.email,
        name: &account.display_name,
        language: account.language,
    };
    super::notify_accounts::password_changed(&mut tx, &to, context::now()).await?;
    db::audit::security(
        &mut *tx,
        Some(user.id),
        AuditAction::PasswordChange,
        None,
        &context::client_address(),
    )
    .await?;
    tx.commit().await?;
    context::redirect_done("/account", crate::domain::Done::PasswordChanged);
    Ok(())
}

/// Who an invitation is for, shown on the page where the password is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteView {
    /// None when the person (a member reached by phone) chooses the login's email.
    pub email: Option<String>,
    pub display_name: String,
}

#[server(endpoint = "invite_details")]
pub async fn invite_details(token: String) -> Result<InviteView, AppError> {
    let db = context::db()?;
    let invite =
        db::invites::find_open(db.pool(), &credentials::token_hash(&token), context::now())
            .await?
            .ok_or(AppError::NotFound)?;
    Ok(InviteView {
        email: invite.email,
        display_name: invite.display_name,
    })
}

/// Sets the invited person's password: the account is made with the invitation's roles and
/// language (and tied to its household member), all in one transaction. A member invited by
/// phone also gives the email address they will log in with.
#[server(endpoint = "accept_invite")]
pub async fn accept_invite(
    token: String,
    new_password: String,
    confirm_password: String,
    #[server(default)] email: Option<String>,
) -> Result<(), AppError> {
    let db = context::db()?;
    let client = context::client_address();
    attempts::admit(
        AuditAction::ThrottledSecretLink,
        &[secret_link_limit(&client)],
        SECRET_LINK_WINDOW_SECS,
    )
    .await?;
    let token_hash = credentials::token_hash(&token);
    let now = context::now();
    let invalid = || AppError::Invalid(FieldErrors::single("token", ErrorCode::InvalidInvite));
    let invite = db::invites::find_open(db.pool(), &token_hash, now)
        .await?
        .ok_or_else(invalid)?;
    let mut v = Validator::new();
    let login_email = match &invite.email {
        Some(email) => Some(email.clone()),
        None => {
            let chosen = v.check(
                "email",
                crate::domain::Email::parse(email.as_deref().unwrap_or("")),
            );
            match chosen {
                Some(chosen)
                    if db::accounts::by_email(db.pool(), chosen.as_str())
                        .await?
                        .is_some() =>
                {
                    v.add("email", ErrorCode::EmailTaken);
                    None
                }
                chosen => chosen.map(|e| e.as_str().to_string()),
            }
        }
    };
    let new = NewPassword::check_pair(&mut v, &new_password, &confirm_password);
    let (new, login_email) = v.finish(|| Some((new?, login_email?)))?;
    let hash = credentials::hash_password(new.expose().to_string()).await?;
    let roles = Roles::new(invite.roles.0.clone());
    let mut tx = db.begin().await?;
    if !db::invites::consume(&mut tx, &token_hash, now).await? {
        return Err(invalid());
    }
    if db::accounts::by_email(db.pool(), &login_email)
        .await?
        .is_some()
    {
        return Err(AppError::Invalid(FieldErrors::single(
            "token",
            ErrorCode::EmailTaken,
        )));
    }
    // Two people choosing one address at once: the unique index decides.
    let id = match db::accounts::create(
        &mut tx,
        &login_email,
        &invite.display_name,
        &hash,
        invite.language,
        &roles,
    )
    .await
    {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(FieldErrors::single("email", ErrorCode::EmailTaken).into())
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(member) = invite.member_id {
        if !db::households::link_account(&mut tx, member, id).await? {
            return Err(FieldErrors::single("token", ErrorCode::MemberHasLogin).into());
        }
    }
    db::audit::security(
        &mut *tx,
        Some(id),
        AuditAction::InviteAccept,
        None,
        &context::client_address(),
    )
    .await?;
    tx.commit().await?;
    start_session(id, invite.language).await?;
    context::redirect("/");
    Ok(())
}
