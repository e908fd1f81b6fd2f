//! Login sessions, stored in the database so that any server instance can serve any request.
//! Only a hash of the token is stored: a copy of the table opens no session.

use super::now;
use sqlx::AnyPool;

/// How long a session lives after login.
pub const LIFETIME_SECS: i64 = 12 * 60 * 60;

pub async fn create(pool: &AnyPool, token_hash: &str, account_id: i64) -> Result<(), sqlx::Error> {
    let now = now();
    // Expired sessions of anyone are swept here rather than by a separate job.
    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
        .bind(now)
        .execute(pool)
        .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(now)
    .bind(now + LIFETIME_SECS)
    .execute(pool)
    .await
    .map(|_| ())
}

/// The account of a live session on an active account.
pub async fn account_of(pool: &AnyPool, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT s.account_id FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.active = 1",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id,)| id))
}

pub async fn delete(pool: &AnyPool, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Ends every other session of an account (after a password change).
pub async fn delete_others(
    pool: &AnyPool,
    account_id: i64,
    keep_token_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
        .bind(account_id)
        .bind(keep_token_hash)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Keeps what a person typed into a form that failed without JavaScript, for the page that
/// shows the form again. Only one draft is kept per session.
pub async fn set_draft(
    pool: &AnyPool,
    token_hash: &str,
    path: &str,
    draft: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET draft_path = $1, draft = $2 WHERE token_hash = $3")
        .bind(path)
        .bind(draft)
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Returns and forgets the draft kept for `path`.
pub async fn take_draft(
    pool: &AnyPool,
    token_hash: &str,
    path: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT draft FROM sessions WHERE token_hash = $1 AND draft_path = $2")
            .bind(token_hash)
            .bind(path)
            .fetch_optional(pool)
            .await?;
    if row.is_some() {
        sqlx::query("UPDATE sessions SET draft_path = NULL, draft = NULL WHERE token_hash = $1")
            .bind(token_hash)
            .execute(pool)
            .await?;
    }
    Ok(row.and_then(|(d,)| d))
}
