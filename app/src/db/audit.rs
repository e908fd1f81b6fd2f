//! Who read or changed which record, and when.

use super::now;
use sqlx::{Any, AnyPool, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct AuditEntry {
    pub account_id: i64,
    pub actor: String,
    pub action: String,
    pub at: i64,
}

/// Writes one entry; pass the pool, or the transaction of the change it describes.
pub async fn record<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    account_id: i64,
    action: &str,
    subject_type: &str,
    subject_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (account_id, action, subject_type, subject_id, at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(account_id)
    .bind(action)
    .bind(subject_type)
    .bind(subject_id)
    .bind(now())
    .execute(executor)
    .await
    .map(|_| ())
}

/// The newest entries about one record.
pub async fn for_subject(
    pool: &AnyPool,
    subject_type: &str,
    subject_id: i64,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.account_id, a.display_name AS actor, l.action, l.at \
         FROM audit_log l JOIN accounts a ON a.id = l.account_id \
         WHERE l.subject_type = $1 AND l.subject_id = $2 ORDER BY l.id DESC LIMIT $3",
    )
    .bind(subject_type)
    .bind(subject_id)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Writes one entry about a household (most of what staff do is about one).
pub async fn household<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    account_id: i64,
    action: &str,
    household_id: i64,
) -> Result<(), sqlx::Error> {
    record(executor, account_id, action, "household", household_id).await
}
