//! Login sessions, stored in the database so that any server instance can serve any request.
//! Only a hash of the token is stored: a copy of the table opens no session.

use super::now;
use crate::domain::{InterfaceLanguage, Role, Roles};
use sqlx::AnyPool;

/// How long a session lives after login, however busy.
pub const LIFETIME_SECS: i64 = 12 * 60 * 60;
/// The last request of a session is written down at most this often.
const TOUCH_EVERY_SECS: i64 = 60;

pub async fn create(pool: &AnyPool, token_hash: &str, account_id: i64) -> Result<(), sqlx::Error> {
    let now = now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, created_at, expires_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $3)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(now)
    .bind(now + LIFETIME_SECS)
    .execute(pool)
    .await
    .map(|_| ())
}

/// The account of a live session on an active account: not past its lifetime, and used within
/// the last `idle_secs`. Counts this request as use.
pub async fn account_of(
    pool: &AnyPool,
    token_hash: &str,
    idle_secs: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let now = now();
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT s.account_id, s.last_seen_at FROM sessions s \
         JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND a.active = 1",
    )
    .bind(token_hash)
    .bind(now)
    .bind(now - idle_secs)
    .fetch_optional(pool)
    .await?;
    let Some((account_id, last_seen)) = row else {
        return Ok(None);
    };
    touch(pool, token_hash, last_seen, now).await?;
    Ok(Some(account_id))
}

/// The person holding a live session, as every page and server function needs them.
#[derive(Debug, Clone)]
pub struct Holder {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub language: InterfaceLanguage,
    pub roles: Roles,
}

/// [`account_of`] with the account and its roles, in one read (one row per role).
pub async fn holder(
    pool: &AnyPool,
    token_hash: &str,
    idle_secs: i64,
) -> Result<Option<Holder>, sqlx::Error> {
    type Row = (i64, String, String, InterfaceLanguage, i64, Option<Role>);
    let now = now();
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.id, a.email, a.display_name, a.language, s.last_seen_at, r.role \
         FROM sessions s JOIN accounts a ON a.id = s.account_id \
         LEFT JOIN account_roles r ON r.account_id = a.id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND a.active = 1",
    )
    .bind(token_hash)
    .bind(now)
    .bind(now - idle_secs)
    .fetch_all(pool)
    .await?;
    let roles = Roles::new(rows.iter().filter_map(|row| row.5).collect());
    let Some((id, email, display_name, language, last_seen, _)) = rows.into_iter().next() else {
        return Ok(None);
    };
    touch(pool, token_hash, last_seen, now).await?;
    Ok(Some(Holder {
        id,
        email,
        display_name,
        language,
        roles,
    }))
}

/// Writes the session's use down, at most every [`TOUCH_EVERY_SECS`].
async fn touch(
    pool: &AnyPool,
    token_hash: &str,
    last_seen: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    if last_seen < now - TOUCH_EVERY_SECS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(token_hash)
            .execute(pool)
            .await?;
    }
    Ok(())
}

/// Deletes sessions past their lifetime or idle for `idle_secs` (their drafts go with them);
/// answers how many.
pub async fn sweep(pool: &AnyPool, now: i64, idle_secs: i64) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(now - idle_secs)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
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
