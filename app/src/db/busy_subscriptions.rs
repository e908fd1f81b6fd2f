//! Calendars people follow by their address, and the record of fetching them: when next, the
//! cache validators of the last answer, the last success and the last error, and whether the
//! subscription was paused after failing too long.

use super::Tx;
use crate::domain::ics::subscription::EVERY_SECS;
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct Subscription {
    pub account_id: i64,
    pub address_sealed: String,
    pub address_masked: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub next_fetch_at: i64,
    pub last_fetch_at: Option<i64>,
    pub last_success_at: Option<i64>,
    pub last_error: Option<String>,
    pub last_error_at: Option<i64>,
    pub failing_since: Option<i64>,
    pub paused_at: Option<i64>,
}

/// What an answer said about itself, sent back on the next fetch (`If-None-Match`,
/// `If-Modified-Since`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// Starts following (or follows another address instead): fetched just now with `validators`.
pub async fn follow(
    tx: &mut Tx,
    account_id: i64,
    sealed: &str,
    masked: &str,
    validators: &Validators,
    now: i64,
) -> Result<(), sqlx::Error> {
    stop(tx, account_id).await?;
    sqlx::query(
        "INSERT INTO busy_subscriptions (account_id, address_sealed, address_masked, etag, \
         last_modified, next_fetch_at, last_fetch_at, last_success_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7)",
    )
    .bind(account_id)
    .bind(sealed)
    .bind(masked)
    .bind(validators.etag.as_deref())
    .bind(validators.last_modified.as_deref())
    .bind(now + EVERY_SECS)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn of<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    account_id: i64,
) -> Result<Option<Subscription>, sqlx::Error> {
    sqlx::query_as(
        "SELECT account_id, address_sealed, address_masked, etag, last_modified, next_fetch_at, \
         last_fetch_at, last_success_at, last_error, last_error_at, failing_since, paused_at \
         FROM busy_subscriptions WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(executor)
    .await
}

pub async fn stop(tx: &mut Tx, account_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM busy_subscriptions WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Active people's subscriptions due for a fetch, the longest waiting first: (account, the time
/// it was due, to claim it with).
pub async fn due(pool: &AnyPool, now: i64, limit: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.account_id, s.next_fetch_at FROM busy_subscriptions s \
         JOIN accounts a ON a.id = s.account_id \
         WHERE s.next_fetch_at <= $1 AND s.paused_at IS NULL AND a.active = 1 \
         ORDER BY s.next_fetch_at LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Takes a due subscription for this instance by moving its next fetch on; `false` when
/// another instance took it first.
pub async fn claim(
    pool: &AnyPool,
    account_id: i64,
    was_due: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE busy_subscriptions SET next_fetch_at = $1, last_fetch_at = $2 \
         WHERE account_id = $3 AND next_fetch_at = $4 AND paused_at IS NULL",
    )
    .bind(now + EVERY_SECS)
    .bind(now)
    .bind(account_id)
    .bind(was_due)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a fetch that worked (the busy times are replaced by the caller in the same
/// transaction, unless the calendar had not changed).
pub async fn succeeded(
    tx: &mut Tx,
    account_id: i64,
    validators: &Validators,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE busy_subscriptions SET etag = $1, last_modified = $2, last_fetch_at = $3, \
         last_success_at = $3, last_error = NULL, last_error_at = NULL, failing_since = NULL, \
         next_fetch_at = $4 WHERE account_id = $5",
    )
    .bind(validators.etag.as_deref())
    .bind(validators.last_modified.as_deref())
    .bind(now)
    .bind(now + EVERY_SECS)
    .bind(account_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records a failed fetch; answers since when the calendar has been failing.
pub async fn failed(
    tx: &mut Tx,
    account_id: i64,
    problem: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (since,): (i64,) = sqlx::query_as(
        "UPDATE busy_subscriptions SET last_fetch_at = $1, last_error = $2, last_error_at = $1, \
         failing_since = COALESCE(failing_since, $1), next_fetch_at = $3 \
         WHERE account_id = $4 RETURNING failing_since",
    )
    .bind(now)
    .bind(problem)
    .bind(now + EVERY_SECS)
    .bind(account_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(since)
}

pub async fn pause(tx: &mut Tx, account_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE busy_subscriptions SET paused_at = $1 WHERE account_id = $2")
        .bind(now)
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Un-pauses a subscription: its failures start counting afresh.
pub async fn resume(tx: &mut Tx, account_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE busy_subscriptions SET paused_at = NULL, failing_since = NULL \
         WHERE account_id = $1",
    )
    .bind(account_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
