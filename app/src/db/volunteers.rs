//! Volunteers: accounts holding the volunteer role, with their profile, languages, weekly
//! availability, trainings and how many matches they carry. A missing profile reads as an
//! applicant with the defaults.

use super::{now, Tx};
use crate::domain::matching::{VolunteerProfile, VolunteerStatus, Window};
use crate::domain::{Gender, Language, Level, Proficiency, Programme};
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct VolunteerRow {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub status: VolunteerStatus,
    pub city: Option<String>,
    pub online: i64,
    pub capacity: i64,
    pub gender: Option<Gender>,
    pub origin_country: Option<String>,
    pub protection_path: Option<String>,
    pub field_of_work: Option<String>,
    pub practice_language: Option<Language>,
    /// Matches approved (awaiting the volunteer's answer) or active.
    pub busy: i64,
}

impl VolunteerRow {
    pub fn status(&self) -> VolunteerStatus {
        VolunteerStatus::parse(self.status.code()).unwrap_or(VolunteerStatus::Applicant)
    }
}

const SELECT: &str = "SELECT a.id, a.display_name, a.email, \
     COALESCE(p.status, 'applicant') AS status, p.city, COALESCE(p.online, 0) AS online, \
     COALESCE(p.capacity, 1) AS capacity, p.gender, p.origin_country, p.protection_path, \
     p.field_of_work, p.practice_language, \
     (SELECT COUNT(*) FROM matches m WHERE m.volunteer_id = a.id \
        AND m.status IN ('approved', 'active')) AS busy \
     FROM accounts a JOIN account_roles r ON r.account_id = a.id AND r.role = 'volunteer' \
     LEFT JOIN volunteer_profiles p ON p.account_id = a.id";

pub async fn list(pool: &AnyPool) -> Result<Vec<VolunteerRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE a.active = 1 ORDER BY a.display_name, a.id"
    ))
    .fetch_all(pool)
    .await
}

pub async fn by_id<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    id: i64,
) -> Result<Option<VolunteerRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// Languages of every volunteer (or of one), as (account id, proficiency).
pub async fn languages(
    pool: &AnyPool,
    only: Option<i64>,
) -> Result<Vec<(i64, Proficiency)>, sqlx::Error> {
    let rows: Vec<(i64, Language, Level)> = sqlx::query_as(
        "SELECT account_id, language, level FROM volunteer_languages \
         WHERE $1 = 0 OR account_id = $1 ORDER BY account_id, language",
    )
    .bind(only.unwrap_or(0))
    .fetch_all(pool)
    .await?;
    Ok(super::proficiencies(rows))
}

pub async fn programmes(
    pool: &AnyPool,
    only: Option<i64>,
) -> Result<Vec<(i64, Programme)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT account_id, programme FROM volunteer_programmes \
         WHERE $1 = 0 OR account_id = $1 ORDER BY account_id, programme",
    )
    .bind(only.unwrap_or(0))
    .fetch_all(pool)
    .await
}

/// Weekly windows, as (account id, window id, window).
pub async fn availability(
    pool: &AnyPool,
    only: Option<i64>,
) -> Result<Vec<(i64, i64, Window)>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT account_id, id, weekday, start_minute, end_minute FROM volunteer_availability \
         WHERE $1 = 0 OR account_id = $1 ORDER BY account_id, weekday, start_minute",
    )
    .bind(only.unwrap_or(0))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(account, id, day, start, end)| {
            let window = Window::new(
                u8::try_from(day).ok()?,
                u16::try_from(start).ok()?,
                u16::try_from(end).ok()?,
            )?;
            Some((account, id, window))
        })
        .collect())
}

#[derive(Debug, Clone, FromRow)]
pub struct TrainingRow {
    pub account_id: i64,
    pub training: String,
    pub name: String,
    pub builtin: i64,
    pub completed_on: String,
}

pub async fn trainings(pool: &AnyPool, only: Option<i64>) -> Result<Vec<TrainingRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT v.account_id, v.training, t.name, t.builtin, v.completed_on \
         FROM volunteer_trainings v JOIN trainings t ON t.code = v.training \
         WHERE $1 = 0 OR v.account_id = $1 ORDER BY v.account_id, v.completed_on",
    )
    .bind(only.unwrap_or(0))
    .fetch_all(pool)
    .await
}

/// Every kind of training: (code, name, built in).
pub async fn training_kinds(pool: &AnyPool) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT code, name, builtin FROM trainings ORDER BY builtin DESC, name")
        .fetch_all(pool)
        .await
}

pub async fn add_training_kind(tx: &mut Tx, code: &str, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO trainings (code, name, builtin) VALUES ($1, $2, 0)")
        .bind(code)
        .bind(name)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub async fn record_training(
    tx: &mut Tx,
    account_id: i64,
    training: &str,
    completed_on: &str,
    recorded_by: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO volunteer_trainings (account_id, training, completed_on, recorded_by) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (account_id, training) DO UPDATE SET completed_on = $3, recorded_by = $4",
    )
    .bind(account_id)
    .bind(training)
    .bind(completed_on)
    .bind(recorded_by)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Makes sure the profile row exists (as an applicant) so that updates have a row to change.
async fn ensure_profile(tx: &mut Tx, account_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO volunteer_profiles (account_id, updated_at) VALUES ($1, $2) \
         ON CONFLICT (account_id) DO NOTHING",
    )
    .bind(account_id)
    .bind(now())
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

pub async fn save_profile(
    tx: &mut Tx,
    account_id: i64,
    profile: &VolunteerProfile,
) -> Result<(), sqlx::Error> {
    ensure_profile(tx, account_id).await?;
    sqlx::query(
        "UPDATE volunteer_profiles SET city = $2, online = $3, capacity = $4, gender = $5, \
         origin_country = $6, protection_path = $7, field_of_work = $8, practice_language = $9, \
         updated_at = $10 WHERE account_id = $1",
    )
    .bind(account_id)
    .bind(profile.city.as_deref())
    .bind(i64::from(profile.online))
    .bind(profile.capacity)
    .bind(profile.gender.map(|g| g.code()))
    .bind(profile.origin_country.as_deref())
    .bind(profile.protection_path.as_deref())
    .bind(profile.field_of_work.as_deref())
    .bind(profile.practice_language.map(|l| l.code()))
    .bind(now())
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM volunteer_programmes WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    for p in &profile.programmes {
        super::accounts::add_programme(tx, account_id, *p).await?;
    }
    sqlx::query("DELETE FROM volunteer_languages WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    for p in &profile.languages {
        sqlx::query(
            "INSERT INTO volunteer_languages (account_id, language, level) VALUES ($1, $2, $3)",
        )
        .bind(account_id)
        .bind(p.language.code())
        .bind(p.level.code())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub async fn set_status(
    tx: &mut Tx,
    account_id: i64,
    status: VolunteerStatus,
) -> Result<(), sqlx::Error> {
    ensure_profile(tx, account_id).await?;
    sqlx::query("UPDATE volunteer_profiles SET status = $2, updated_at = $3 WHERE account_id = $1")
        .bind(account_id)
        .bind(status.code())
        .bind(now())
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub async fn add_window(tx: &mut Tx, account_id: i64, w: Window) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO volunteer_availability (account_id, weekday, start_minute, end_minute) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(account_id)
    .bind(i64::from(w.weekday()))
    .bind(i64::from(w.start()))
    .bind(i64::from(w.end()))
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Removes one of the volunteer's own windows; false when it is not theirs.
pub async fn remove_window(tx: &mut Tx, account_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM volunteer_availability WHERE id = $1 AND account_id = $2")
        .bind(id)
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Minutes of check-ins each volunteer logged, over all their matches: (account, minutes).
pub async fn logged_minutes(pool: &AnyPool) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.volunteer_id, CAST(SUM(ci.minutes) AS BIGINT) FROM check_ins ci \
         JOIN matches m ON m.id = ci.match_id GROUP BY m.volunteer_id",
    )
    .fetch_all(pool)
    .await
}
