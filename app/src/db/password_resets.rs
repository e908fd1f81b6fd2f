//! One-use password reset links, valid for an hour; only a hash of the token is stored.

use super::Tx;
use sqlx::AnyPool;

/// How long a reset link stays valid.
pub const LIFETIME_SECS: i64 = 60 * 60;

pub async fn create(
    tx: &mut Tx,
    token_hash: &str,
    account_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO password_resets (token_hash, account_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(now)
    .bind(now + LIFETIME_SECS)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// The account of an unused, unexpired link.
pub async fn open_account(
    pool: &AnyPool,
    token_hash: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT r.account_id FROM password_resets r JOIN accounts a ON a.id = r.account_id \
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND a.active = 1",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Uses the link inside the transaction that sets the password, and every other open link of
/// the account with it; false when it was used or ran out meanwhile.
pub async fn consume(
    tx: &mut Tx,
    token_hash: &str,
    account_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND account_id = $3 \
         AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(token_hash)
    .bind(account_id)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query(
        "UPDATE password_resets SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL",
    )
    .bind(now)
    .bind(account_id)
    .execute(&mut **tx)
    .await?;
    Ok(true)
}
