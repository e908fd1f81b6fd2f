//! Form drafts of visitors without a login (see `api::drafts`), kept for a few minutes.

use sqlx::AnyPool;

pub async fn set(
    pool: &AnyPool,
    token_hash: &str,
    form: &str,
    body: &str,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO visitor_drafts (token_hash, form, body, expires_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (token_hash, form) DO UPDATE SET body = excluded.body, \
         expires_at = excluded.expires_at",
    )
    .bind(token_hash)
    .bind(form)
    .bind(body)
    .bind(expires_at)
    .execute(pool)
    .await
    .map(|_| ())
}

/// Returns and forgets the draft of `form`, unless it ran out.
pub async fn take(
    pool: &AnyPool,
    token_hash: &str,
    form: &str,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "DELETE FROM visitor_drafts WHERE token_hash = $1 AND form = $2 AND expires_at > $3 \
         RETURNING body",
    )
    .bind(token_hash)
    .bind(form)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(b,)| b))
}

pub async fn sweep(pool: &AnyPool, now: i64) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM visitor_drafts WHERE expires_at <= $1")
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
}
