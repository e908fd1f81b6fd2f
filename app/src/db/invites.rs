//! One-time invitation links through which a new user sets a password.

use super::{now, Tx};
use sqlx::{AnyPool, FromRow};

/// How long an invitation link stays valid.
pub const LIFETIME_SECS: i64 = 7 * 24 * 60 * 60;

#[derive(Debug, Clone, FromRow)]
pub struct InviteRow {
    pub email: String,
    pub display_name: String,
    pub roles: String,
}

pub async fn create(
    pool: &AnyPool,
    token_hash: &str,
    email: &str,
    display_name: &str,
    roles: &str,
    created_by: Option<i64>,
) -> Result<(), sqlx::Error> {
    let now = now();
    sqlx::query(
        "INSERT INTO invites (token_hash, email, display_name, roles, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(token_hash)
    .bind(email)
    .bind(display_name)
    .bind(roles)
    .bind(created_by)
    .bind(now)
    .bind(now + LIFETIME_SECS)
    .execute(pool)
    .await
    .map(|_| ())
}

/// An unused, unexpired invitation.
pub async fn find_open(pool: &AnyPool, token_hash: &str) -> Result<Option<InviteRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT email, display_name, roles FROM invites \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(pool)
    .await
}

/// Marks the invitation used inside the transaction that creates the account; false when it
/// was used (or expired) in the meantime.
pub async fn consume(tx: &mut Tx, token_hash: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invites SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now())
    .bind(token_hash)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
