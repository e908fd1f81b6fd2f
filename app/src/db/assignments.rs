//! Assignments of support persons to households, their extensions and ends.

use super::{now, Tx};
use crate::domain::{
    AssignmentStatus, EndReason, NewAssignment, ValidEnd, ValidExtension, ValidHandover,
};
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct AssignmentRow {
    pub id: i64,
    pub household_id: i64,
    pub support_person_id: i64,
    pub support_person: String,
    pub start_date: String,
    pub planned_end: String,
    pub first_planned_end: String,
    pub status: AssignmentStatus,
    pub override_reason: Option<String>,
    pub end_reason: Option<EndReason>,
    pub ended_on: Option<String>,
    pub end_note: Option<String>,
    pub handover_date: Option<String>,
    pub handover_note: Option<String>,
    pub previous_id: Option<i64>,
    /// The household's first member, "First Last".
    pub household_name: String,
    pub household_city: String,
}

const SELECT: &str = "SELECT s.id, s.household_id, s.support_person_id, \
     a.display_name AS support_person, s.start_date, s.planned_end, s.first_planned_end, s.status, \
     s.override_reason, s.end_reason, s.ended_on, s.end_note, s.handover_date, s.handover_note, \
     s.previous_id, \
     COALESCE((SELECT m.first_name || ' ' || m.last_name FROM members m \
        WHERE m.household_id = s.household_id ORDER BY m.id LIMIT 1), '') AS household_name, \
     h.city AS household_city \
     FROM assignments s JOIN accounts a ON a.id = s.support_person_id \
     JOIN households h ON h.id = s.household_id";

pub async fn by_id<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    id: i64,
) -> Result<Option<AssignmentRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// Every assignment of a household, newest first.
pub async fn of_household(
    pool: &AnyPool,
    household_id: i64,
) -> Result<Vec<AssignmentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE s.household_id = $1 ORDER BY s.id DESC"
    ))
    .bind(household_id)
    .fetch_all(pool)
    .await
}

/// A support person's assignments, open ones first, then the newest.
pub async fn of_support_person(
    pool: &AnyPool,
    account_id: i64,
) -> Result<Vec<AssignmentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE s.support_person_id = $1 \
         ORDER BY CASE WHEN s.status IN ('active', 'extended') THEN 0 ELSE 1 END, s.planned_end, s.id DESC"
    ))
    .bind(account_id)
    .fetch_all(pool)
    .await
}

/// All open assignments, the soonest planned end first.
pub async fn open(pool: &AnyPool) -> Result<Vec<AssignmentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE s.status IN ('active', 'extended') ORDER BY s.planned_end, s.id"
    ))
    .fetch_all(pool)
    .await
}

/// The open assignment of a household, if any.
pub async fn open_of_household<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    household_id: i64,
) -> Result<Option<AssignmentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE s.household_id = $1 AND s.status IN ('active', 'extended')"
    ))
    .bind(household_id)
    .fetch_optional(executor)
    .await
}

/// Active households with no open assignment, the longest waiting first.
pub async fn unassigned_households(
    pool: &AnyPool,
) -> Result<Vec<(i64, String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT h.id, COALESCE((SELECT m.first_name || ' ' || m.last_name FROM members m \
            WHERE m.household_id = h.id ORDER BY m.id LIMIT 1), '') AS name, h.city, h.arrival_date \
         FROM households h WHERE h.status = 'active' AND NOT EXISTS \
           (SELECT 1 FROM assignments s WHERE s.household_id = h.id AND s.status IN ('active', 'extended')) \
         ORDER BY h.arrival_date, h.id",
    )
    .fetch_all(pool)
    .await
}

pub async fn open_count<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    support_person_id: i64,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM assignments WHERE support_person_id = $1 \
         AND status IN ('active', 'extended')",
    )
    .bind(support_person_id)
    .fetch_one(executor)
    .await?;
    Ok(n)
}

/// Writes a new open assignment. A second open one for the household breaks the unique index:
/// `Ok(None)` then.
pub async fn create(
    tx: &mut Tx,
    household_id: i64,
    new: &NewAssignment,
    previous: Option<&AssignmentRow>,
    created_by: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let at = now();
    let end = new.period.end.to_string();
    // A reassignment continues the household's period: extensions still count from its start.
    let first_end = previous.map_or(end.clone(), |p| p.first_planned_end.clone());
    let result: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO assignments (household_id, support_person_id, start_date, planned_end, \
         first_planned_end, status, override_reason, previous_id, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(household_id)
    .bind(new.support_person_id)
    .bind(new.period.start.to_string())
    .bind(&end)
    .bind(&first_end)
    .bind(new.override_reason.as_deref())
    .bind(previous.map(|p| p.id))
    .bind(created_by)
    .bind(at)
    .fetch_one(&mut **tx)
    .await;
    match result {
        Ok((id,)) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn extend(
    tx: &mut Tx,
    id: i64,
    previous_end: &str,
    extension: &ValidExtension,
    by: i64,
) -> Result<(), sqlx::Error> {
    let at = now();
    sqlx::query(
        "UPDATE assignments SET planned_end = $1, status = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(extension.new_end.to_string())
    .bind(AssignmentStatus::Extended.code())
    .bind(at)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO assignment_extensions (assignment_id, previous_end, new_end, reason, \
         recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(previous_end)
    .bind(extension.new_end.to_string())
    .bind(&extension.reason)
    .bind(by)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// (previous end, new end, reason, who, when) of each extension, oldest first.
pub async fn extensions(
    pool: &AnyPool,
    id: i64,
) -> Result<Vec<(String, String, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.previous_end, e.new_end, e.reason, a.display_name, e.recorded_at \
         FROM assignment_extensions e JOIN accounts a ON a.id = e.recorded_by \
         WHERE e.assignment_id = $1 ORDER BY e.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await
}

pub async fn end(tx: &mut Tx, id: i64, end: &ValidEnd) -> Result<(), sqlx::Error> {
    end_with(
        tx,
        id,
        end.reason,
        &end.ended_on.to_string(),
        end.note.as_deref(),
    )
    .await
}

/// Ends an open assignment with any reason (a reassignment uses `Reassigned`).
pub async fn end_with(
    tx: &mut Tx,
    id: i64,
    reason: EndReason,
    ended_on: &str,
    note: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE assignments SET status = $1, end_reason = $2, ended_on = $3, end_note = $4, \
         updated_at = $5 WHERE id = $6",
    )
    .bind(AssignmentStatus::Ended.code())
    .bind(reason.code())
    .bind(ended_on)
    .bind(note)
    .bind(now())
    .bind(id)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

pub async fn plan_handover(
    tx: &mut Tx,
    id: i64,
    handover: &ValidHandover,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE assignments SET handover_date = $1, handover_note = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(handover.date.to_string())
    .bind(&handover.note)
    .bind(now())
    .bind(id)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

pub async fn mark_handed_over(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    let at = now();
    sqlx::query(
        "UPDATE assignments SET status = $1, handed_over_at = $2, updated_at = $2 WHERE id = $3",
    )
    .bind(AssignmentStatus::HandedOver.code())
    .bind(at)
    .bind(id)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}
