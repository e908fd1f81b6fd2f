//! Consultations: an event of kind `consultation` plus what only consultations have.

use super::Tx;
use crate::domain::consultation::Details;
use crate::domain::consultation::Topic;
use crate::domain::schedule::EventStatus;
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct ConsultationRow {
    pub event_id: i64,
    pub uid: String,
    pub office_id: i64,
    pub office: String,
    pub office_address: String,
    pub coordinator_id: i64,
    pub coordinator: String,
    pub household_id: i64,
    pub household_name: String,
    pub booked_by: i64,
    pub topic: Topic,
    pub party_size: i64,
    pub interpreter: Option<crate::domain::Language>,
    pub note: Option<String>,
    pub staff_note: Option<String>,
    pub walk_in: i64,
    pub buffer_minutes: i64,
    pub cancel_reason: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: EventStatus,
    pub sequence: i64,
}

const SELECT: &str = "SELECT e.id AS event_id, e.uid, c.office_id, o.name AS office, \
     o.address AS office_address, c.coordinator_id, a.display_name AS coordinator, c.household_id, \
     COALESCE((SELECT x.first_name || ' ' || x.last_name FROM members x \
        WHERE x.household_id = c.household_id ORDER BY x.id LIMIT 1), '') AS household_name, \
     c.booked_by, c.topic, c.party_size, c.interpreter, c.note, c.staff_note, c.walk_in, \
     c.buffer_minutes, c.cancel_reason, e.starts_at, e.ends_at, e.status, e.sequence \
     FROM consultations c JOIN events e ON e.id = c.event_id \
     JOIN offices o ON o.id = c.office_id JOIN accounts a ON a.id = c.coordinator_id";

pub struct NewConsultation<'a> {
    pub event_id: i64,
    pub office_id: i64,
    pub coordinator_id: i64,
    pub household_id: i64,
    pub booked_by: i64,
    pub details: &'a Details,
    pub staff_note: Option<&'a str>,
    pub walk_in: bool,
    pub buffer_minutes: i64,
    /// True when no reminder is needed (it starts within a day).
    pub reminder_queued: bool,
}

pub async fn create(tx: &mut Tx, new: &NewConsultation<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO consultations (event_id, office_id, coordinator_id, household_id, booked_by, \
         topic, party_size, interpreter, note, staff_note, walk_in, buffer_minutes, \
         reminder_queued) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(new.event_id)
    .bind(new.office_id)
    .bind(new.coordinator_id)
    .bind(new.household_id)
    .bind(new.booked_by)
    .bind(new.details.topic.code())
    .bind(new.details.party_size)
    .bind(new.details.interpreter.map(|l| l.code()))
    .bind(new.details.note.as_deref())
    .bind(new.staff_note)
    .bind(new.walk_in as i64)
    .bind(new.buffer_minutes)
    .bind(new.reminder_queued as i64)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

pub async fn by_id<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    event_id: i64,
) -> Result<Option<ConsultationRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE e.id = $1"))
        .bind(event_id)
        .fetch_optional(executor)
        .await
}

/// Who a list is for.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Household(i64),
    /// Households with an assignment to this support person.
    SupportPerson(i64),
    Coordinator(i64),
    /// One office from `from` to `to` (a day view).
    Office {
        id: i64,
        from: i64,
        to: i64,
    },
}

/// Consultations of a scope, in time order: those still to come (not cancelled) when
/// `upcoming_from` is given, otherwise all of them.
pub async fn list(
    pool: &AnyPool,
    scope: Scope,
    upcoming_from: Option<i64>,
    limit: i64,
) -> Result<Vec<ConsultationRow>, sqlx::Error> {
    let (condition, next) = match scope {
        Scope::Household(_) => ("c.household_id = $1", 2),
        Scope::SupportPerson(_) => (
            "c.household_id IN (SELECT household_id FROM assignments WHERE support_person_id = $1)",
            2,
        ),
        Scope::Coordinator(_) => ("c.coordinator_id = $1", 2),
        Scope::Office { .. } => (
            "c.office_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3",
            4,
        ),
    };
    let (from, limit_at) = (next, next + 1);
    let sql = format!(
        "{SELECT} WHERE {condition} AND (${from} IS NULL OR (e.ends_at > ${from} \
         AND e.status IN ('pending', 'confirmed'))) ORDER BY e.starts_at, e.id LIMIT ${limit_at}"
    );
    let query = sqlx::query_as(&sql);
    let query = match scope {
        Scope::Household(id) | Scope::SupportPerson(id) | Scope::Coordinator(id) => query.bind(id),
        Scope::Office { id, from, to } => query.bind(id).bind(from).bind(to),
    };
    query.bind(upcoming_from).bind(limit).fetch_all(pool).await
}

pub async fn cancel(tx: &mut Tx, event_id: i64, reason: &str, by: i64) -> Result<(), sqlx::Error> {
    super::calendar::set_status(tx, event_id, EventStatus::Cancelled).await?;
    sqlx::query(
        "UPDATE consultations SET cancel_reason = $1, cancelled_by = $2 WHERE event_id = $3",
    )
    .bind(reason)
    .bind(by)
    .bind(event_id)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// After a move: the (possibly other) coordinator and their buffer.
pub async fn moved(
    tx: &mut Tx,
    event_id: i64,
    coordinator_id: i64,
    buffer_minutes: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE consultations SET coordinator_id = $1, buffer_minutes = $2 WHERE event_id = $3",
    )
    .bind(coordinator_id)
    .bind(buffer_minutes)
    .bind(event_id)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// After a move: the reminder is due again unless the new time is within a day.
pub async fn set_reminder_queued(
    tx: &mut Tx,
    event_id: i64,
    queued: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE consultations SET reminder_queued = $1 WHERE event_id = $2")
        .bind(queued as i64)
        .bind(event_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub async fn set_staff_note(
    tx: &mut Tx,
    event_id: i64,
    note: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE consultations SET staff_note = $1 WHERE event_id = $2")
        .bind(note)
        .bind(event_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// No-shows per household, for the households in `ids`.
pub async fn no_shows(pool: &AnyPool, ids: &[i64]) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids
        .iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    sqlx::query_as(&format!(
        "SELECT c.household_id, COUNT(*) FROM consultations c JOIN events e ON e.id = c.event_id \
         WHERE e.status = 'missed' AND c.household_id IN ({list}) GROUP BY c.household_id"
    ))
    .fetch_all(pool)
    .await
}

/// Confirmed consultations starting before `until` whose reminder is not queued yet.
pub async fn reminders_due(pool: &AnyPool, now: i64, until: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT c.event_id FROM consultations c JOIN events e ON e.id = c.event_id \
         WHERE c.reminder_queued = 0 AND e.status IN ('pending', 'confirmed') \
         AND e.starts_at > $1 AND e.starts_at <= $2 ORDER BY e.starts_at",
    )
    .bind(now)
    .bind(until)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Marks the reminder queued; false when another worker did it first.
pub async fn claim_reminder(tx: &mut Tx, event_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE consultations SET reminder_queued = 1 WHERE event_id = $1 AND reminder_queued = 0",
    )
    .bind(event_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
