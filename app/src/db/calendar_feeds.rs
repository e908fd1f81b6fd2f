//! Secret feed tokens, the feeds' rate-limit counters, and imported busy times.

use super::Tx;
use crate::domain::schedule::Span;
use sqlx::AnyPool;

/// Stores the hash of a new feed token for the account, replacing (and so revoking) the old
/// one. The token itself is never stored.
pub async fn replace_token(
    tx: &mut Tx,
    account_id: i64,
    token_hash: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM calendar_feeds WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO calendar_feeds (account_id, token_hash, created_at) VALUES ($1, $2, $3)",
    )
    .bind(account_id)
    .bind(token_hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The active account whose feed token has this hash.
pub async fn account_of(pool: &AnyPool, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT f.account_id FROM calendar_feeds f JOIN accounts a ON a.id = f.account_id \
         WHERE f.token_hash = $1 AND a.active = 1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// The hash of the account's current feed token and when it was made.
pub async fn current(
    pool: &AnyPool,
    account_id: i64,
) -> Result<Option<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT token_hash, created_at FROM calendar_feeds WHERE account_id = $1")
        .bind(account_id)
        .fetch_optional(pool)
        .await
}

/// Counts one request in `bucket` for the minute of `now` and answers the minute's count so far.
/// Counters older than ten minutes are cleared on the way.
pub async fn hit(pool: &AnyPool, bucket: &str, now: i64) -> Result<i64, sqlx::Error> {
    let minute = now.div_euclid(60);
    let (hits,): (i64,) = sqlx::query_as(
        "INSERT INTO feed_hits (bucket, minute, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (bucket, minute) DO UPDATE SET hits = feed_hits.hits + 1 RETURNING hits",
    )
    .bind(bucket)
    .bind(minute)
    .fetch_one(pool)
    .await?;
    if hits == 1 {
        sqlx::query("DELETE FROM feed_hits WHERE minute < $1")
            .bind(minute - 10)
            .execute(pool)
            .await?;
    }
    Ok(hits)
}

/// An account's imported calendar: how many events it had and when it came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusyImport {
    pub events: i64,
    pub uploaded_at: i64,
    pub spans: i64,
}

/// Replaces the account's busy times with `spans`.
pub async fn replace_busy(
    tx: &mut Tx,
    account_id: i64,
    events: usize,
    spans: &[Span],
    now: i64,
) -> Result<(), sqlx::Error> {
    delete_busy(tx, account_id).await?;
    sqlx::query("INSERT INTO busy_imports (account_id, events, uploaded_at) VALUES ($1, $2, $3)")
        .bind(account_id)
        .bind(events as i64)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    for span in spans {
        sqlx::query("INSERT INTO busy_times (account_id, starts_at, ends_at) VALUES ($1, $2, $3)")
            .bind(account_id)
            .bind(span.start)
            .bind(span.end)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn delete_busy(tx: &mut Tx, account_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM busy_times WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM busy_imports WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn busy_import(
    pool: &AnyPool,
    account_id: i64,
) -> Result<Option<BusyImport>, sqlx::Error> {
    let row: Option<(i64, i64, i64)> = sqlx::query_as(
        "SELECT i.events, i.uploaded_at, \
         (SELECT CAST(COUNT(*) AS BIGINT) FROM busy_times t WHERE t.account_id = i.account_id) \
         FROM busy_imports i WHERE i.account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(events, uploaded_at, spans)| BusyImport {
        events,
        uploaded_at,
        spans,
    }))
}

/// Imported busy spans of the account that overlap `window`.
pub async fn busy_in<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    account_id: i64,
    window: Span,
) -> Result<Vec<Span>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT starts_at, ends_at FROM busy_times \
         WHERE account_id = $1 AND starts_at < $2 AND ends_at > $3 ORDER BY starts_at",
    )
    .bind(account_id)
    .bind(window.end)
    .bind(window.start)
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(start, end)| Span { start, end })
        .collect())
}

/// Everyone's imported busy times that touch `window`, as (account, span), for matching.
pub async fn busy_of_everyone(
    pool: &sqlx::AnyPool,
    window: Span,
) -> Result<Vec<(i64, Span)>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT account_id, starts_at, ends_at FROM busy_times \
         WHERE starts_at < $1 AND ends_at > $2 ORDER BY account_id, starts_at",
    )
    .bind(window.end)
    .bind(window.start)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(account, start, end)| (account, Span { start, end }))
        .collect())
}
