//! "Forgot password": a one-use link valid for an hour, sent through the outbox in the
//! account's language. The answer to a request is the same whether or not the address has an
//! account; requests are throttled per address and per client. A reset ends every session of
//! the account and tells its owner by email.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::attempts::{self, Limit},
    super::{context, credentials, notify_accounts},
    crate::db,
    crate::domain::AuditAction,
    crate::domain::{ErrorCode, FieldErrors, NewPassword, Validator},
};

/// Requests per address, and per client, in `WINDOW_SECS`.
#[cfg(feature = "ssr")]
const MAX_PER_EMAIL: i64 = 3;
#[cfg(feature = "ssr")]
const MAX_PER_CLIENT: i64 = 20;
#[cfg(feature = "ssr")]
const WINDOW_SECS: i64 = 60 * 60;

#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let db = context::db()?;
    let email = email.trim().to_lowercase();
    if crate::domain::Email::parse(&email).is_err() {
        return Err(FieldErrors::single("email", ErrorCode::InvalidEmail).into());
    }
    let now = context::now();
    // Counted before anything is looked up, so that parallel requests count too.
    let client = context::client_address();
    attempts::admit(
        AuditAction::ThrottledReset,
        &[
            Limit {
                scope: "reset:client",
                key: &client,
                max: MAX_PER_CLIENT,
            },
            Limit {
                scope: "reset:email",
                key: &email,
                max: MAX_PER_EMAIL,
            },
        ],
        WINDOW_SECS,
    )
    .await?;
    if let Some(account) = db::accounts::by_email(db.pool(), &email)
        .await?
        .filter(|a| a.active == 1)
    {
        let token = credentials::new_token();
        let mut tx = db.begin().await?;
        db::password_resets::create(&mut tx, &credentials::token_hash(&token), account.id, now)
            .await?;
        let to = notify_accounts::To {
            account_id: Some(account.id),
            email: &account.email,
            name: &account.display_name,
            language: account.language,
        };
        let link = format!("{}/reset-password/{token}", context::public_url());
        notify_accounts::password_reset(&mut tx, &to, &link, now).await?;
        db::audit::security(
            &mut *tx,
            Some(account.id),
            AuditAction::PasswordResetRequest,
            None,
            &client,
        )
        .await?;
        tx.commit().await?;
    }
    context::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Whether a reset link can still be used (the page shows the form, or says it cannot).
#[server(endpoint = "reset_link_open")]
pub async fn reset_link_open(token: String) -> Result<bool, AppError> {
    let db = context::db()?;
    let hash = credentials::token_hash(&token);
    Ok(
        db::password_resets::open_account(db.pool(), &hash, context::now())
            .await?
            .is_some(),
    )
}

#[server(endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    let db = context::db()?;
    let client = context::client_address();
    attempts::admit(
        AuditAction::ThrottledSecretLink,
        &[super::auth::secret_link_limit(&client)],
        super::auth::SECRET_LINK_WINDOW_SECS,
    )
    .await?;
    let now = context::now();
    let hash = credentials::token_hash(&token);
    let invalid = || AppError::from(FieldErrors::single("token", ErrorCode::InvalidResetLink));
    let account_id = db::password_resets::open_account(db.pool(), &hash, now)
        .await?
        .ok_or_else(invalid)?;
    let mut v = Validator::new();
    let new = NewPassword::check_pair(&mut v, &new_password, &confirm_password);
    let new = v.finish(|| new)?;
    let password_hash = credentials::hash_password(new.expose().to_string()).await?;
    let account = db::accounts::by_id(db.pool(), account_id)
        .await?
        .ok_or_else(invalid)?;
    let mut tx = db.begin().await?;
    if !db::password_resets::consume(&mut tx, &hash, account_id, now).await? {
        return Err(invalid());
    }
    db::accounts::set_password_hash(&mut *tx, account_id, &password_hash).await?;
    db::accounts::end_sessions(&mut tx, account_id).await?;
    let to = notify_accounts::To {
        account_id: Some(account_id),
        email: &account.email,
        name: &account.display_name,
        language: account.language,
    };
    notify_accounts::password_changed(&mut tx, &to, now).await?;
    db::audit::security(
        &mut *tx,
        Some(account_id),
        AuditAction::PasswordReset,
        None,
        &client,
    )
    .await?;
    tx.commit().await?;
    context::redirect("/login?reset=1");
    Ok(())
}
