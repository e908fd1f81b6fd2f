//! Support-person meetings: an event of kind `meeting` plus what only meetings have.

use super::Tx;
use crate::domain::schedule::EventStatus;
use crate::domain::ChecklistItem;
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct MeetingRow {
    pub event_id: i64,
    pub uid: String,
    pub assignment_id: i64,
    pub household_id: i64,
    pub household_name: String,
    pub support_person_id: i64,
    pub support_person: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: EventStatus,
    pub place: Option<String>,
    pub note: Option<String>,
    pub held_minutes: Option<i64>,
}

const SELECT: &str = "SELECT e.id AS event_id, e.uid, m.assignment_id, s.household_id, \
     COALESCE((SELECT x.first_name || ' ' || x.last_name FROM members x \
        WHERE x.household_id = s.household_id ORDER BY x.id LIMIT 1), '') AS household_name, \
     s.support_person_id, a.display_name AS support_person, e.starts_at, e.ends_at, e.status, \
     e.place, m.note, m.held_minutes \
     FROM meetings m JOIN events e ON e.id = m.event_id \
     JOIN assignments s ON s.id = m.assignment_id JOIN accounts a ON a.id = s.support_person_id";

pub async fn create(
    tx: &mut Tx,
    event_id: i64,
    assignment_id: i64,
    topics: &[ChecklistItem],
    note: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO meetings (event_id, assignment_id, note) VALUES ($1, $2, $3)")
        .bind(event_id)
        .bind(assignment_id)
        .bind(note)
        .execute(&mut **tx)
        .await?;
    for item in topics {
        sqlx::query("INSERT INTO meeting_topics (event_id, item) VALUES ($1, $2)")
            .bind(event_id)
            .bind(item.code())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn by_id<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    event_id: i64,
) -> Result<Option<MeetingRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE e.id = $1"))
        .bind(event_id)
        .fetch_optional(executor)
        .await
}

/// Every meeting of an assignment, in time order.
pub async fn of_assignment(
    pool: &AnyPool,
    assignment_id: i64,
) -> Result<Vec<MeetingRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE m.assignment_id = $1 ORDER BY e.starts_at, e.id"
    ))
    .bind(assignment_id)
    .fetch_all(pool)
    .await
}

/// Planned meetings from `from` on, of one support person or one household.
pub async fn upcoming(
    pool: &AnyPool,
    support_person_id: Option<i64>,
    household_id: Option<i64>,
    from: i64,
    limit: i64,
) -> Result<Vec<MeetingRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE e.status IN ('pending', 'confirmed') AND e.ends_at > $1 \
         AND ($2 IS NULL OR s.support_person_id = $2) AND ($3 IS NULL OR s.household_id = $3) \
         ORDER BY e.starts_at, e.id LIMIT $4"
    ))
    .bind(from)
    .bind(support_person_id)
    .bind(household_id)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// (event id, item) for the meetings of an assignment.
pub async fn topics_of_assignment(
    pool: &AnyPool,
    assignment_id: i64,
) -> Result<Vec<(i64, ChecklistItem)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.event_id, t.item FROM meeting_topics t JOIN meetings m ON m.event_id = t.event_id \
         WHERE m.assignment_id = $1 ORDER BY t.event_id, t.item",
    )
    .bind(assignment_id)
    .fetch_all(pool)
    .await
}

pub async fn set_held_minutes(
    tx: &mut Tx,
    event_id: i64,
    minutes: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE meetings SET held_minutes = $1 WHERE event_id = $2")
        .bind(minutes)
        .bind(event_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Planned meetings of an assignment from `from` on (cancelled when the assignment ends).
pub async fn planned_after(
    tx: &mut Tx,
    assignment_id: i64,
    from: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT e.id FROM meetings m JOIN events e ON e.id = m.event_id \
         WHERE m.assignment_id = $1 AND e.status IN ('pending', 'confirmed') AND e.starts_at >= $2",
    )
    .bind(assignment_id)
    .bind(from)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// One held meeting, for the hours reports.
#[derive(Debug, Clone, FromRow)]
pub struct HeldRow {
    pub support_person_id: i64,
    pub support_person: String,
    pub assignment_id: i64,
    pub starts_at: i64,
    pub held_minutes: i64,
}

/// Held meetings since `from`, of everyone or of one support person.
pub async fn held_since(
    pool: &AnyPool,
    support_person_id: Option<i64>,
    from: i64,
) -> Result<Vec<HeldRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.support_person_id, a.display_name AS support_person, m.assignment_id, \
         e.starts_at, m.held_minutes \
         FROM meetings m JOIN events e ON e.id = m.event_id \
         JOIN assignments s ON s.id = m.assignment_id JOIN accounts a ON a.id = s.support_person_id \
         WHERE e.status = 'held' AND m.held_minutes IS NOT NULL AND e.starts_at >= $1 \
         AND ($2 IS NULL OR s.support_person_id = $2) ORDER BY e.starts_at",
    )
    .bind(from)
    .bind(support_person_id)
    .fetch_all(pool)
    .await
}
