//! Support persons: accounts holding the support-person role, with their profile, languages
//! and how many open assignments they carry. A missing profile row reads as the defaults.

use super::{now, Tx};
use crate::domain::SupportStatus;
use crate::domain::{Language, Level, Proficiency, SupportProfile};
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct SupportPersonRow {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub city: String,
    pub phone: Option<String>,
    pub caseload_limit: i64,
    pub status: SupportStatus,
    /// Open (active or extended) assignments.
    pub open: i64,
}

const SELECT: &str = "SELECT a.id, a.display_name, a.email, \
     COALESCE(p.city, '') AS city, p.phone, COALESCE(p.caseload_limit, 5) AS caseload_limit, \
     COALESCE(p.status, 'active') AS status, \
     (SELECT COUNT(*) FROM assignments s WHERE s.support_person_id = a.id \
        AND s.status IN ('active', 'extended')) AS open \
     FROM accounts a JOIN account_roles r ON r.account_id = a.id AND r.role = 'support_person' \
     LEFT JOIN support_profiles p ON p.account_id = a.id";

pub async fn list(pool: &AnyPool) -> Result<Vec<SupportPersonRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE a.active = 1 ORDER BY a.display_name, a.id"
    ))
    .fetch_all(pool)
    .await
}

pub async fn by_id<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    id: i64,
) -> Result<Option<SupportPersonRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// Languages of every support person, as (account id, proficiency).
pub async fn languages(pool: &AnyPool) -> Result<Vec<(i64, Proficiency)>, sqlx::Error> {
    let rows: Vec<(i64, Language, Level)> = sqlx::query_as(
        "SELECT account_id, language, level FROM support_languages ORDER BY account_id, language",
    )
    .fetch_all(pool)
    .await?;
    Ok(super::proficiencies(rows))
}

pub async fn save_profile(
    tx: &mut Tx,
    account_id: i64,
    profile: &SupportProfile,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO support_profiles (account_id, city, phone, caseload_limit, status, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (account_id) DO UPDATE SET city = $2, phone = $3, caseload_limit = $4, \
         status = $5, updated_at = $6",
    )
    .bind(account_id)
    .bind(&profile.city)
    .bind(profile.phone.as_deref())
    .bind(profile.caseload_limit)
    .bind(profile.status.code())
    .bind(now())
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM support_languages WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    for p in &profile.languages {
        sqlx::query(
            "INSERT INTO support_languages (account_id, language, level) VALUES ($1, $2, $3)",
        )
        .bind(account_id)
        .bind(p.language.code())
        .bind(p.level.code())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Takes the support person's row for the rest of the transaction (PostgreSQL), so that two
/// coordinators cannot both fill the last place of a caseload. SQLite already holds the write lock.
pub async fn lock(
    tx: &mut Tx,
    backend: super::Backend,
    account_id: i64,
) -> Result<(), sqlx::Error> {
    if backend == super::Backend::Postgres {
        sqlx::query("SELECT id FROM accounts WHERE id = $1 FOR UPDATE")
            .bind(account_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
