//! Accounts, their roles and password hashes.

use super::{now, Tx};
use crate::domain::schedule::AgendaKind;
use crate::domain::{InterfaceLanguage, Programme, Role, Roles};
use sqlx::{AnyPool, FromRow};

/// An account as stored, with its password hash: never sent to a browser.
#[derive(Debug, Clone, FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub language: InterfaceLanguage,
    pub active: i64,
}

#[derive(Debug, Clone)]
pub struct AccountListRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub active: i64,
    pub roles: Option<String>,
}

const SELECT: &str =
    "SELECT id, email, display_name, password_hash, language, active FROM accounts";

pub async fn by_email(pool: &AnyPool, email: &str) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE email = $1"))
        .bind(email)
        .fetch_optional(pool)
        .await
}

/// [`by_id`] inside a transaction.
pub async fn by_id_in<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    id: i64,
) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// (name, language) of an account, for what is written to it.
pub async fn name_and_language(
    pool: &AnyPool,
    id: i64,
) -> Result<(String, InterfaceLanguage), sqlx::Error> {
    sqlx::query_as("SELECT display_name, language FROM accounts WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// An account's roles; pass the pool, or the transaction of a change.
pub async fn roles<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    account_id: i64,
) -> Result<Roles, sqlx::Error> {
    let names: Vec<(String,)> =
        sqlx::query_as("SELECT role FROM account_roles WHERE account_id = $1")
            .bind(account_id)
            .fetch_all(executor)
            .await?;
    Ok(Roles::new(
        names.iter().filter_map(|(n,)| Role::parse(n)).collect(),
    ))
}

/// Creates an account with its roles inside `tx`; returns its id. The email must be new.
pub async fn create(
    tx: &mut Tx,
    email: &str,
    display_name: &str,
    password_hash: &str,
    language: InterfaceLanguage,
    roles: &Roles,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO accounts (email, display_name, password_hash, language, active, created_at) \
         VALUES ($1, $2, $3, $4, 1, $5) RETURNING id",
    )
    .bind(email)
    .bind(display_name)
    .bind(password_hash)
    .bind(language)
    .bind(now())
    .fetch_one(&mut **tx)
    .await?;
    set_roles(tx, id, roles).await?;
    Ok(id)
}

pub async fn set_roles(tx: &mut Tx, account_id: i64, roles: &Roles) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM account_roles WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    for role in roles.iter() {
        sqlx::query("INSERT INTO account_roles (account_id, role) VALUES ($1, $2)")
            .bind(account_id)
            .bind(role.code())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn add_programme(
    tx: &mut Tx,
    account_id: i64,
    programme: Programme,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO volunteer_programmes (account_id, programme) VALUES ($1, $2)")
        .bind(account_id)
        .bind(programme.code())
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// (account, programme) for every volunteer in a programme.
pub async fn programmes(pool: &AnyPool) -> Result<Vec<(i64, Programme)>, sqlx::Error> {
    sqlx::query_as("SELECT account_id, programme FROM volunteer_programmes ORDER BY programme")
        .fetch_all(pool)
        .await
}

/// Sets an account's password hash; pass the pool, or the transaction of a reset.
pub async fn set_password_hash<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    account_id: i64,
    hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(account_id)
        .execute(executor)
        .await
        .map(|_| ())
}

pub async fn set_language(
    pool: &AnyPool,
    account_id: i64,
    language: InterfaceLanguage,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET language = $1 WHERE id = $2")
        .bind(language)
        .bind(account_id)
        .execute(pool)
        .await
        .map(|_| ())
}

pub async fn list(pool: &AnyPool) -> Result<Vec<AccountListRow>, sqlx::Error> {
    // Roles are joined in Rust rather than with a dialect-specific string aggregate.
    let accounts: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT id, email, display_name, active FROM accounts ORDER BY display_name, id",
    )
    .fetch_all(pool)
    .await?;
    let roles: Vec<(i64, String)> =
        sqlx::query_as("SELECT account_id, role FROM account_roles ORDER BY role")
            .fetch_all(pool)
            .await?;
    Ok(accounts
        .into_iter()
        .map(|(id, email, display_name, active)| {
            let names: Vec<&str> = roles
                .iter()
                .filter(|(a, _)| *a == id)
                .map(|(_, r)| r.as_str())
                .collect();
            AccountListRow {
                id,
                email,
                display_name,
                active,
                roles: (!names.is_empty()).then(|| names.join(",")),
            }
        })
        .collect())
}

/// (id, name) of every account with `role`, by name.
pub async fn names_with_role(
    pool: &AnyPool,
    role: Role,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.display_name FROM accounts a JOIN account_roles r ON r.account_id = a.id \
         WHERE r.role = $1 ORDER BY a.display_name",
    )
    .bind(role.code())
    .fetch_all(pool)
    .await
}

pub async fn count(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM accounts")
        .fetch_one(pool)
        .await?;
    Ok(n)
}

/// Failed logins for an address in the last `window` seconds, for throttling.
/// Activates or deactivates an account; deactivating also ends its sessions at once (its feed
/// token stops answering with the account, see `calendar_feeds::account_of`).
pub async fn set_active(tx: &mut Tx, account_id: i64, active: bool) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE accounts SET active = $1 WHERE id = $2")
        .bind(i64::from(active))
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    if !active {
        end_sessions(tx, account_id).await?;
    }
    Ok(done.rows_affected() == 1)
}

/// Active admins other than `except`.
pub async fn other_active_admins(tx: &mut Tx, except: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM accounts a JOIN account_roles r ON r.account_id = a.id \
         WHERE r.role = 'admin' AND a.active = 1 AND a.id <> $1",
    )
    .bind(except)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n)
}

/// An account row read inside a transaction (locked on PostgreSQL).
pub async fn lock(
    tx: &mut Tx,
    account_id: i64,
    postgres: bool,
) -> Result<Option<AccountRow>, sqlx::Error> {
    let lock = if postgres { " FOR UPDATE" } else { "" };
    sqlx::query_as(&format!("{SELECT} WHERE id = $1{lock}"))
        .bind(account_id)
        .fetch_optional(&mut **tx)
        .await
}

/// Ends every session of an account (after a password reset, or on deactivation).
pub async fn end_sessions(tx: &mut Tx, account_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// The household member an account belongs to: (member id, household id, name).
pub async fn member_of(
    pool: &AnyPool,
    account_id: i64,
) -> Result<Option<(i64, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, household_id, first_name || ' ' || last_name FROM members \
         WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(pool)
    .await
}

/// A future event that a deactivated account was to take part in.
#[derive(Debug, Clone, FromRow)]
pub struct OrphanRow {
    pub kind: AgendaKind,
    pub starts_at: i64,
    pub ends_at: i64,
    pub person: String,
    pub link: String,
}

/// Future events still going ahead in which a deactivated account takes part, soonest first:
/// they need a new owner (or to be cancelled).
pub async fn orphaned_events(pool: &AnyPool, now: i64) -> Result<Vec<OrphanRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.kind, e.starts_at, e.ends_at, a.display_name AS person, \
            CASE \
              WHEN m.assignment_id IS NOT NULL THEN '/assignments/' || m.assignment_id \
              WHEN c.event_id IS NOT NULL THEN '/consultations/' || c.event_id \
              WHEN ss.series_id IS NOT NULL THEN '/workshops/' || ss.series_id \
              ELSE '/calendar' END AS link \
         FROM occupancy o \
         JOIN events e ON e.id = o.event_id \
         JOIN accounts a ON o.resource = 'person:' || a.id \
         LEFT JOIN meetings m ON m.event_id = e.id \
         LEFT JOIN consultations c ON c.event_id = e.id \
         LEFT JOIN series_sessions ss ON ss.event_id = e.id \
         WHERE a.active = 0 AND e.ends_at > $1 AND e.status IN ('pending', 'confirmed') \
         ORDER BY e.starts_at LIMIT 500",
    )
    .bind(now)
    .fetch_all(pool)
    .await
}

/// Changes an account's login email; `Ok(false)` when another account has it.
pub async fn set_email(tx: &mut Tx, account_id: i64, email: &str) -> Result<bool, sqlx::Error> {
    let taken: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM accounts WHERE email = $1 AND id <> $2")
            .bind(email)
            .bind(account_id)
            .fetch_optional(&mut **tx)
            .await?;
    if taken.is_some() {
        return Ok(false);
    }
    sqlx::query("UPDATE accounts SET email = $1 WHERE id = $2")
        .bind(email)
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}
