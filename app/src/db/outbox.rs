//! The outbox: messages written in the same transaction as the change they tell of, and
//! delivered later by a worker. A row is claimed for a short lease before delivery, so that every
//! server instance may run the worker; a failed delivery waits for its next attempt and is never
//! dropped.

use super::{Backend, Db, Tx};
use sqlx::{AnyPool, FromRow};

/// How long a claimed message is left to its worker before another may try it.
pub const LEASE_SECS: i64 = 120;

pub struct NewMessage<'a> {
    pub account_id: Option<i64>,
    pub recipient: &'a str,
    pub language: &'a str,
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

/// Takes up to `limit` messages that are due at `now` for this worker: their next attempt moves
/// a lease ahead and their attempt count rises, in one transaction. PostgreSQL skips rows another
/// instance holds; SQLite has one writer at a time.
pub async fn claim_due(db: &Db, now: i64, limit: i64) -> Result<Vec<MessageRow>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let lock = match db.backend() {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let rows: Vec<MessageRow> = sqlx::query_as(&format!(
        "SELECT id, recipient, language, kind, subject, body, event_id, calendar, attempts, created_at \
         FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT $2{lock}"
    ))
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    for row in &rows {
        sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1 WHERE id = $2",
        )
        .bind(now + LEASE_SECS)
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(rows)
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
