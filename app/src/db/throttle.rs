//! Attempt counters shared by every server instance (logins, password changes and resets,
//! invitations, per address and per client). Each attempt is written before it is judged, so
//! that parallel requests all count.

use sqlx::AnyPool;

/// The longest window any counter is judged over; older rows are swept.
pub const LONGEST_WINDOW_SECS: i64 = 24 * 3600;

/// Records one attempt under (`scope`, `key`) at `now` and answers how many there were in the
/// last `window` seconds, this one included. The scope's rows past the window are purged on the
/// way.
pub async fn hit(
    pool: &AnyPool,
    scope: &str,
    key: &str,
    now: i64,
    window: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query("INSERT INTO throttle_hits (scope, key, at) VALUES ($1, $2, $3)")
        .bind(scope)
        .bind(key)
        .bind(now)
        .execute(pool)
        .await?;
    sqlx::query("DELETE FROM throttle_hits WHERE scope = $1 AND key = $2 AND at <= $3")
        .bind(scope)
        .bind(key)
        .bind(now - window)
        .execute(pool)
        .await?;
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM throttle_hits WHERE scope = $1 AND key = $2 AND at > $3",
    )
    .bind(scope)
    .bind(key)
    .bind(now - window)
    .fetch_one(pool)
    .await?;
    Ok(n)
}

/// Forgets the attempts under (`scope`, `key`): a successful login clears its address.
pub async fn forget(pool: &AnyPool, scope: &str, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM throttle_hits WHERE scope = $1 AND key = $2")
        .bind(scope)
        .bind(key)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Deletes every attempt older than the longest window.
pub async fn sweep(pool: &AnyPool, now: i64) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM throttle_hits WHERE at <= $1")
        .bind(now - LONGEST_WINDOW_SECS)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
}
