//! Return cases: the person, their family members returning with them, and the audited steps
//! from one stage to the next. Every change of stage is a conditional update on the stage it
//! starts from, so two people acting at once cannot both move a case.

use super::Tx;
use crate::domain::reintegration::{
    CaseStatus, Relation, ValidDeparture, ValidDeparturePlan, ValidFamilyMember, ValidReturnCase,
};
use crate::domain::{Gender, InterfaceLanguage};
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct ReturnCaseRow {
    pub id: i64,
    pub status: CaseStatus,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub gender: Gender,
    pub language: InterfaceLanguage,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub nationality: String,
    pub return_country: String,
    pub return_city: String,
    pub country_office_id: Option<i64>,
    pub country_office_name: Option<String>,
    pub counsellor_id: Option<i64>,
    pub counsellor_name: Option<String>,
    pub decision_on: Option<String>,
    pub planned_departure_on: Option<String>,
    pub departed_on: Option<String>,
    pub arrived_on: Option<String>,
    pub first_contact_on: Option<String>,
    pub first_contact_note: Option<String>,
    pub contact_extended_to: Option<String>,
    pub extension_reason: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const SELECT: &str = "SELECT c.id, c.status, c.first_name, c.last_name, c.date_of_birth, \
     c.gender, c.language, c.phone, c.email, c.nationality, c.return_country, c.return_city, \
     c.country_office_id, o.name AS country_office_name, c.counsellor_id, \
     a.display_name AS counsellor_name, c.decision_on, c.planned_departure_on, c.departed_on, \
     c.arrived_on, c.first_contact_on, c.first_contact_note, c.contact_extended_to, \
     c.extension_reason, c.created_at, c.updated_at \
     FROM return_cases c \
     LEFT JOIN country_offices o ON o.id = c.country_office_id \
     LEFT JOIN accounts a ON a.id = c.counsellor_id";

/// Cases, newest change first: of one country office when `office` is given.
pub async fn list(pool: &AnyPool, office: Option<i64>) -> Result<Vec<ReturnCaseRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE ($1 IS NULL OR c.country_office_id = $1) \
         ORDER BY c.updated_at DESC, c.id DESC"
    ))
    .bind(office)
    .fetch_all(pool)
    .await
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<ReturnCaseRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Returned cases still waiting for their first contact (the three-month rule).
pub async fn awaiting_contact(pool: &AnyPool) -> Result<Vec<ReturnCaseRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE c.status = 'returned' AND c.first_contact_on IS NULL \
         AND c.arrived_on IS NOT NULL ORDER BY c.arrived_on, c.id"
    ))
    .fetch_all(pool)
    .await
}

pub async fn create(
    tx: &mut Tx,
    person: &ValidReturnCase,
    counsellor: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO return_cases (status, first_name, last_name, date_of_birth, gender, \
         language, phone, email, nationality, return_country, return_city, counsellor_id, \
         created_by, created_at, updated_at) \
         VALUES ('enquiry', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $12) \
         RETURNING id",
    )
    .bind(&person.first_name)
    .bind(&person.last_name)
    .bind(person.date_of_birth.to_string())
    .bind(person.gender)
    .bind(person.language)
    .bind(person.phone.as_deref())
    .bind(person.email.as_ref().map(|e| e.as_str()))
    .bind(&person.nationality)
    .bind(&person.return_country)
    .bind(&person.return_city)
    .bind(counsellor)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

pub async fn update_person(
    tx: &mut Tx,
    id: i64,
    person: &ValidReturnCase,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE return_cases SET first_name = $1, last_name = $2, date_of_birth = $3, \
         gender = $4, language = $5, phone = $6, email = $7, nationality = $8, \
         return_country = $9, return_city = $10, updated_at = $11 WHERE id = $12",
    )
    .bind(&person.first_name)
    .bind(&person.last_name)
    .bind(person.date_of_birth.to_string())
    .bind(person.gender)
    .bind(person.language)
    .bind(person.phone.as_deref())
    .bind(person.email.as_ref().map(|e| e.as_str()))
    .bind(&person.nationality)
    .bind(&person.return_country)
    .bind(&person.return_city)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves a case from `from` to `to` and writes the step; false when the case had moved on.
pub async fn step(
    tx: &mut Tx,
    id: i64,
    from: CaseStatus,
    to: CaseStatus,
    comment: Option<&str>,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE return_cases SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(to)
    .bind(now)
    .bind(id)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    record_step(tx, id, Some(from), to, comment, by, now).await?;
    Ok(true)
}

/// Writes a step into the case's history (the first one has no stage before it).
pub async fn record_step(
    tx: &mut Tx,
    id: i64,
    from: Option<CaseStatus>,
    to: CaseStatus,
    comment: Option<&str>,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO return_case_steps (case_id, from_status, to_status, comment, by_account, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(comment)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The decision, planned departure and receiving office.
pub async fn plan_departure(
    tx: &mut Tx,
    id: i64,
    plan: &ValidDeparturePlan,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE return_cases SET decision_on = $1, planned_departure_on = $2, \
         country_office_id = $3 WHERE id = $4",
    )
    .bind(plan.decision_on.to_string())
    .bind(plan.planned_departure_on.to_string())
    .bind(plan.country_office)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn record_departure(
    tx: &mut Tx,
    id: i64,
    departure: ValidDeparture,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE return_cases SET departed_on = $1, arrived_on = $2 WHERE id = $3")
        .bind(departure.departed_on.to_string())
        .bind(departure.arrived_on.to_string())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records the first contact once; false when one was recorded already.
pub async fn record_first_contact(
    tx: &mut Tx,
    id: i64,
    on: chrono::NaiveDate,
    note: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE return_cases SET first_contact_on = $1, first_contact_note = $2, updated_at = $3 \
         WHERE id = $4 AND first_contact_on IS NULL",
    )
    .bind(on.to_string())
    .bind(note)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn extend_contact(
    tx: &mut Tx,
    id: i64,
    until: chrono::NaiveDate,
    reason: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE return_cases SET contact_extended_to = $1, extension_reason = $2, \
         updated_at = $3 WHERE id = $4",
    )
    .bind(until.to_string())
    .bind(reason)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct MemberRow {
    pub id: i64,
    pub relation: Relation,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub gender: Gender,
}

pub async fn members(pool: &AnyPool, case: i64) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, relation, first_name, last_name, date_of_birth, gender \
         FROM return_case_members WHERE case_id = $1 ORDER BY date_of_birth, id",
    )
    .bind(case)
    .fetch_all(pool)
    .await
}

pub async fn add_member(
    tx: &mut Tx,
    case: i64,
    member: &ValidFamilyMember,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO return_case_members (case_id, relation, first_name, last_name, \
         date_of_birth, gender) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(case)
    .bind(member.relation)
    .bind(&member.first_name)
    .bind(&member.last_name)
    .bind(member.date_of_birth.to_string())
    .bind(member.gender)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn remove_member(tx: &mut Tx, case: i64, member: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM return_case_members WHERE id = $1 AND case_id = $2")
        .bind(member)
        .bind(case)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct StepRow {
    pub from_status: Option<CaseStatus>,
    pub to_status: CaseStatus,
    pub comment: Option<String>,
    pub by_name: String,
    pub at: i64,
}

/// The case's history, oldest first.
pub async fn steps(pool: &AnyPool, case: i64) -> Result<Vec<StepRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.from_status, s.to_status, s.comment, a.display_name AS by_name, s.at \
         FROM return_case_steps s JOIN accounts a ON a.id = s.by_account \
         WHERE s.case_id = $1 ORDER BY s.at, s.id",
    )
    .bind(case)
    .fetch_all(pool)
    .await
}

/// Claims a reminder of the contact rule; false when it was queued before.
pub async fn claim_reminder(
    tx: &mut Tx,
    case: i64,
    reminder: crate::domain::reintegration::ContactReminder,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO return_contact_reminders (case_id, kind, queued_at) VALUES ($1, $2, $3) \
         ON CONFLICT (case_id, kind) DO NOTHING",
    )
    .bind(case)
    .bind(reminder.code())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
