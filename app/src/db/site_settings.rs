//! Settings an admin changes in the app, and keys shared by every server instance.

use sqlx::AnyPool;

pub async fn get(pool: &AnyPool, key: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT value FROM site_settings WHERE key = $1")
        .bind(key)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(v,)| v))
}

/// Every setting whose key starts with `prefix`.
pub async fn with_prefix(
    pool: &AnyPool,
    prefix: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT key, value FROM site_settings WHERE key LIKE $1 ORDER BY key")
        .bind(format!("{prefix}%"))
        .fetch_all(pool)
        .await
}

pub async fn set<'e, E>(executor: E, key: &str, value: &str, now: i64) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO site_settings (key, value, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(key)
    .bind(value)
    .bind(now)
    .execute(executor)
    .await
    .map(|_| ())
}

pub async fn remove<'e, E>(executor: E, key: &str) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM site_settings WHERE key = $1")
        .bind(key)
        .execute(executor)
        .await
        .map(|_| ())
}

/// The value under `key`, written as `candidate` by whichever instance asks first: every
/// instance then reads the same one. Only the first call writes.
pub async fn get_or_init(
    pool: &AnyPool,
    key: &str,
    candidate: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    if let Some(value) = get(pool, key).await? {
        return Ok(value);
    }
    sqlx::query(
        "INSERT INTO site_settings (key, value, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(candidate)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(get(pool, key)
        .await?
        .unwrap_or_else(|| candidate.to_string()))
}
