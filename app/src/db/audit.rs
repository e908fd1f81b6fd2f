//! Who read or changed which record, and the security events (logins, password changes,
//! invitations, exports), when and from which client. Rows are only ever added (the database
//! refuses updates).

use super::now;
use crate::domain::{AuditAction, AuditSubject};
use sqlx::{Any, AnyPool, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub account_id: Option<i64>,
    pub actor: String,
    pub action: AuditAction,
    pub subject_type: AuditSubject,
    pub subject_id: Option<i64>,
    pub at: i64,
    pub detail: Option<String>,
    pub client: Option<String>,
}

/// Writes one entry; pass the pool, or the transaction of the change it describes.
pub async fn record<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    account_id: i64,
    action: AuditAction,
    subject_type: AuditSubject,
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

/// A change the system made by itself (the retention job), with no account behind it.
pub async fn system<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    action: AuditAction,
    subject_type: AuditSubject,
    subject_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (account_id, action, subject_type, subject_id, at) \
         VALUES (NULL, $1, $2, $3, $4)",
    )
    .bind(action)
    .bind(subject_type)
    .bind(subject_id)
    .bind(now())
    .execute(executor)
    .await
    .map(|_| ())
}

/// A security event about an account (None: an address with no account, say), with the
/// client's address and what else identifies it (the address typed at a failed login).
pub async fn security<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    account_id: Option<i64>,
    action: AuditAction,
    detail: Option<&str>,
    client: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (account_id, action, subject_type, subject_id, at, detail, client) \
         VALUES ($1, $2, 'account', $1, $3, $4, $5)",
    )
    .bind(account_id)
    .bind(action)
    .bind(now())
    .bind(detail)
    .bind(client)
    .execute(executor)
    .await
    .map(|_| ())
}

/// A staff read of personal data: who looked at what (`subject_id` None for a search, whose
/// terms go into `detail`).
pub async fn read(
    pool: &AnyPool,
    account_id: i64,
    action: AuditAction,
    subject_type: AuditSubject,
    subject_id: Option<i64>,
    detail: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (account_id, action, subject_type, subject_id, at, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(account_id)
    .bind(action)
    .bind(subject_type)
    .bind(subject_id)
    .bind(now())
    .bind(detail)
    .execute(pool)
    .await
    .map(|_| ())
}

const ENTRY: &str = "SELECT l.id, l.account_id, COALESCE(a.display_name, '') AS actor, l.action, \
     l.subject_type, l.subject_id, l.at, l.detail, l.client \
     FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id";

/// The newest entries about one record.
pub async fn for_subject(
    pool: &AnyPool,
    subject_type: AuditSubject,
    subject_id: i64,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{ENTRY} WHERE l.subject_type = $1 AND l.subject_id = $2 ORDER BY l.id DESC LIMIT $3"
    ))
    .bind(subject_type)
    .bind(subject_id)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// What the audit page filters by; empty parts match everything.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Part of the actor's name or email.
    pub who: String,
    /// The start of the action (`household`, `login`, `household.view`).
    pub action: String,
    pub household: Option<i64>,
    /// UTC instants, inclusive from, exclusive until.
    pub from: Option<i64>,
    pub until: Option<i64>,
}

/// The newest entries matching `query`, at most `limit`.
pub async fn search(
    pool: &AnyPool,
    query: &AuditQuery,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let who = format!("%{}%", query.who.trim().to_lowercase());
    let action = format!("{}%", query.action.trim());
    sqlx::query_as(&format!(
        "{ENTRY} WHERE ($1 = '%%' OR LOWER(COALESCE(a.display_name, '')) LIKE $1 \
         OR LOWER(COALESCE(a.email, '')) LIKE $1 OR LOWER(COALESCE(l.detail, '')) LIKE $1) \
         AND l.action LIKE $2 \
         AND ($3 < 0 OR (l.subject_type = 'household' AND l.subject_id = $3)) \
         AND l.at >= $4 AND l.at < $5 ORDER BY l.id DESC LIMIT $6"
    ))
    .bind(who)
    .bind(action)
    .bind(query.household.unwrap_or(-1))
    .bind(query.from.unwrap_or(i64::MIN))
    .bind(query.until.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Writes one entry about a household (most of what staff do is about one).
pub async fn household<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    account_id: i64,
    action: AuditAction,
    household_id: i64,
) -> Result<(), sqlx::Error> {
    record(
        executor,
        account_id,
        action,
        AuditSubject::Household,
        household_id,
    )
    .await
}

/// When `action` was last recorded, by anyone.
pub async fn last_at(pool: &AnyPool, action: AuditAction) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT MAX(at) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(pool)
        .await
}

/// Who last did `action` to the record, if anyone did (the coordinator who approved a match).
pub async fn last_actor<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    action: AuditAction,
    subject_type: AuditSubject,
    subject_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(Option<i64>,)> = sqlx::query_as(
        "SELECT account_id FROM audit_log WHERE action = $1 AND subject_type = $2 \
         AND subject_id = $3 ORDER BY id DESC LIMIT 1",
    )
    .bind(action)
    .bind(subject_type)
    .bind(subject_id)
    .fetch_optional(executor)
    .await?;
    Ok(row.and_then(|(id,)| id))
}
