//! The outbox: messages written in the same transaction as the change they tell of, and
//! delivered later by a worker. A row is claimed for a short lease before delivery, so that every
//! server instance may run the worker; a failed delivery waits for its next attempt and is never
//! dropped.

use super::{Backend, Db, Tx};
use crate::domain::InterfaceLanguage;
use sqlx::{AnyPool, FromRow};

/// How long a claimed message is left to its worker before another may try it.
pub const LEASE_SECS: i64 = 120;

pub struct NewMessage<'a> {
    pub account_id: Option<i64>,
    pub recipient: &'a str,
    pub language: InterfaceLanguage,
    pub kind: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub event_id: Option<i64>,
    /// The event as an iCalendar invitation or cancellation, sent inline with the text.
    pub calendar: Option<&'a str>,
}

#[derive(Debug, Clone, FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub recipient: String,
    pub language: String,
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub event_id: Option<i64>,
    pub calendar: Option<String>,
    pub attempts: i64,
    pub created_at: i64,
}

pub async fn enqueue(tx: &mut Tx, message: &NewMessage<'_>, now: i64) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO outbox (account_id, channel, recipient, language, kind, subject, body, \
         event_id, calendar, created_at, next_attempt_at) \
         VALUES ($1, 'email', $2, $3, $4, $5, $6, $7, $8, $9, $9) \
         RETURNING id",
    )
    .bind(message.account_id)
    .bind(message.recipient)
    .bind(message.language)
    .bind(message.kind)
    .bind(message.subject)
    .bind(message.body)
    .bind(message.event_id)
    .bind(message.calendar)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Takes the next message that is due at `now` for this worker: its next attempt moves a lease
/// ahead and its attempt count rises, in one transaction. One message at a time, so that the
/// lease (two minutes) always outlasts the delivery it covers (an SMTP timeout is 20 s) and no
/// other instance sends it meanwhile. PostgreSQL skips rows another instance holds; SQLite has
/// one writer at a time.
pub async fn claim_next(db: &Db, now: i64) -> Result<Option<MessageRow>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let lock = match db.backend() {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let row: Option<MessageRow> = sqlx::query_as(&format!(
        "SELECT id, recipient, language, kind, subject, body, event_id, calendar, attempts, created_at \
         FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
         ORDER BY id LIMIT 1{lock}"
    ))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(row) = &row {
        sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1 WHERE id = $2",
        )
        .bind(now + LEASE_SECS)
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(row)
}

/// Sets a message aside after a permanent failure: it is not tried again until an admin asks.
pub async fn mark_failed_for_good(
    pool: &AnyPool,
    id: i64,
    error: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    let error: String = error.chars().take(500).collect();
    sqlx::query("UPDATE outbox SET last_error = $1, failed_at = $2 WHERE id = $3")
        .bind(error)
        .bind(at)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
}

/// A message that failed for good, for the admins' list.
#[derive(Debug, Clone, FromRow)]
pub struct FailedRow {
    pub id: i64,
    pub recipient: String,
    pub kind: String,
    pub subject: String,
    pub attempts: i64,
    pub failed_at: i64,
    pub last_error: Option<String>,
}

pub async fn failed(pool: &AnyPool) -> Result<Vec<FailedRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, recipient, kind, subject, attempts, failed_at, last_error FROM outbox \
         WHERE failed_at IS NOT NULL AND sent_at IS NULL ORDER BY failed_at DESC LIMIT 200",
    )
    .fetch_all(pool)
    .await
}

/// How many messages failed for good and wait for an admin.
pub async fn failed_count(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL AND sent_at IS NULL",
    )
    .fetch_one(pool)
    .await
}

/// Puts a failed message back in the queue, due now with a fresh count; false when it is not
/// a failed message.
pub async fn retry(pool: &AnyPool, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox SET failed_at = NULL, attempts = 0, next_attempt_at = $1 \
         WHERE id = $2 AND failed_at IS NOT NULL AND sent_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that a worker finished a run (for `/healthz`).
pub async fn worker_ran(pool: &AnyPool, instance: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO worker_runs (instance, finished_at) VALUES ($1, $2) \
         ON CONFLICT (instance) DO UPDATE SET finished_at = excluded.finished_at",
    )
    .bind(instance)
    .bind(at)
    .execute(pool)
    .await
    .map(|_| ())
}

/// When any instance's worker last finished a run.
pub async fn last_worker_run(pool: &AnyPool) -> Result<Option<i64>, sqlx::Error> {
    let (at,): (Option<i64>,) = sqlx::query_as("SELECT MAX(finished_at) FROM worker_runs")
        .fetch_one(pool)
        .await?;
    Ok(at)
}

pub async fn mark_sent(pool: &AnyPool, id: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox SET sent_at = $1, last_error = NULL WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Records a failed attempt; the message is tried again at `retry_at`.
pub async fn mark_failed(
    pool: &AnyPool,
    id: i64,
    error: &str,
    retry_at: i64,
) -> Result<(), sqlx::Error> {
    let error: String = error.chars().take(500).collect();
    sqlx::query("UPDATE outbox SET last_error = $1, next_attempt_at = $2 WHERE id = $3")
        .bind(error)
        .bind(retry_at)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
}

/// After this many failed attempts a message is set aside as failed.
pub const MAX_ATTEMPTS: i64 = 10;

/// Seconds to wait after the `attempts`-th failure: one minute, doubling, at most an hour.
pub fn backoff(attempts: i64) -> i64 {
    let exponent = attempts.clamp(1, 7) - 1;
    (60_i64 << exponent).min(3600)
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(1), 60);
        assert_eq!(backoff(2), 120);
        assert_eq!(backoff(6), 1920);
        assert_eq!(backoff(7), 3600);
        assert_eq!(backoff(40), 3600);
        assert_eq!(backoff(0), 60);
    }
}
