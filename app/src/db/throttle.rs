//! Attempt counters shared by every server instance (password-reset requests per address and
//! per client). Each attempt is written before it is judged, so that parallel requests count.

use sqlx::AnyPool;

/// Records one attempt under (`scope`, `key`) at `now` and answers how many there were in the
/// last `window` seconds, this one included. Rows older than a day are swept on the way.
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
    sqlx::query("DELETE FROM throttle_hits WHERE at < $1")
        .bind(now - 24 * 3600)
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
