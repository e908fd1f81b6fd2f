//! Events and what they occupy. Every kind of event (meetings now; consultations, sessions and
//! check-ins later) is written through here, so one rule protects them all: no two occupancy rows
//! of one resource overlap. SQLite callers hold the write lock (`Db::begin`), so the re-check
//! below still holds at commit; PostgreSQL also refuses a racing insert with its exclusion
//! constraint, which is reported the same way.

use super::{now, Tx};
use crate::domain::schedule::Span;
use crate::domain::schedule::{AgendaKind, EventStatus};
use sqlx::FromRow;

/// The occupancy resource of a person.
pub fn person(account_id: i64) -> String {
    format!("person:{account_id}")
}

#[derive(Debug)]
pub enum BookError {
    /// A resource is already taken for part of the span.
    Conflict,
    Db(sqlx::Error),
}

impl From<sqlx::Error> for BookError {
    fn from(error: sqlx::Error) -> Self {
        let exclusion =
            matches!(&error, sqlx::Error::Database(e) if e.code().as_deref() == Some("23P01"));
        if exclusion {
            BookError::Conflict
        } else {
            BookError::Db(error)
        }
    }
}

pub struct NewEvent<'a> {
    /// Stable public id, the iCal UID.
    pub uid: &'a str,
    pub kind: AgendaKind,
    pub span: Span,
    pub status: EventStatus,
    pub place: Option<&'a str>,
    pub created_by: i64,
    /// Who and what must be there.
    pub resources: &'a [String],
    /// Seconds the resources stay occupied after the end (a coordinator's buffer).
    pub buffer_after: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    pub id: i64,
    pub uid: String,
    pub kind: AgendaKind,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: EventStatus,
    pub place: Option<String>,
    pub sequence: i64,
}

impl EventRow {
    pub fn span(&self) -> Span {
        Span {
            start: self.starts_at,
            end: self.ends_at,
        }
    }
}

/// Occupied spans of `resource` that overlap `window`; for a person, also the busy times of the
/// calendar they imported.
pub async fn busy<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    resource: &str,
    window: Span,
) -> Result<Vec<Span>, sqlx::Error> {
    // Rooms have no imported calendar: -1 matches no account.
    let account = resource
        .strip_prefix("person:")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(-1);
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT starts_at, ends_at FROM occupancy \
         WHERE resource = $1 AND starts_at < $2 AND ends_at > $3 \
         UNION ALL SELECT starts_at, ends_at FROM busy_times \
         WHERE account_id = $4 AND starts_at < $2 AND ends_at > $3 ORDER BY 1",
    )
    .bind(resource)
    .bind(window.end)
    .bind(window.start)
    .bind(account)
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(start, end)| Span { start, end })
        .collect())
}

/// [`busy`] of several people at once (one read instead of one per person): each person's
/// occupied spans overlapping `window`, in order.
pub async fn busy_people<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    people: &[i64],
    window: Span,
) -> Result<std::collections::BTreeMap<i64, Vec<Span>>, sqlx::Error> {
    let mut out: std::collections::BTreeMap<i64, Vec<Span>> =
        people.iter().map(|id| (*id, Vec::new())).collect();
    if people.is_empty() {
        return Ok(out);
    }
    // $1 and $2 are the window; the people follow as `person:<id>` and as ids.
    let list = |first: usize| {
        (0..people.len())
            .map(|n| format!("${}", first + n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let query = format!(
        "SELECT CAST(substr(resource, 8) AS BIGINT) AS person, starts_at, ends_at FROM occupancy \
         WHERE resource IN ({}) AND starts_at < $1 AND ends_at > $2 \
         UNION ALL SELECT account_id, starts_at, ends_at FROM busy_times \
         WHERE account_id IN ({}) AND starts_at < $1 AND ends_at > $2 ORDER BY 2",
        list(3),
        list(3 + people.len())
    );
    let mut q = sqlx::query_as::<_, (i64, i64, i64)>(&query)
        .bind(window.end)
        .bind(window.start);
    for id in people {
        q = q.bind(person(*id));
    }
    for id in people {
        q = q.bind(*id);
    }
    for (id, start, end) in q.fetch_all(executor).await? {
        out.entry(id).or_default().push(Span { start, end });
    }
    Ok(out)
}

/// Writes an event and its occupancy, or answers `Conflict` and writes nothing that counts
/// (the caller drops the transaction).
pub async fn create(tx: &mut Tx, event: &NewEvent<'_>) -> Result<i64, BookError> {
    let occupied = Span {
        start: event.span.start,
        end: event.span.end + event.buffer_after,
    };
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO events (uid, kind, starts_at, ends_at, status, place, sequence, created_by, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $8) RETURNING id",
    )
    .bind(event.uid)
    .bind(event.kind)
    .bind(event.span.start)
    .bind(event.span.end)
    .bind(event.status)
    .bind(event.place)
    .bind(event.created_by)
    .bind(at)
    .fetch_one(&mut **tx)
    .await?;
    occupy(tx, id, event.resources, occupied).await?;
    Ok(id)
}

/// Occupies `resources` for `span` on behalf of event `id`, unless one of them is taken.
async fn occupy(tx: &mut Tx, id: i64, resources: &[String], span: Span) -> Result<(), BookError> {
    for resource in resources {
        if !busy(&mut **tx, resource, span).await?.is_empty() {
            return Err(BookError::Conflict);
        }
    }
    for resource in resources {
        sqlx::query(
            "INSERT INTO occupancy (event_id, resource, starts_at, ends_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(resource)
        .bind(span.start)
        .bind(span.end)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Moves an event to `span` (its resources occupied until `buffer_after` seconds past the end)
/// and raises its sequence; `Conflict` when a resource is taken then (the caller drops the
/// transaction, which keeps the old time).
pub async fn move_to(
    tx: &mut Tx,
    id: i64,
    span: Span,
    buffer_after: i64,
    resources: &[String],
) -> Result<(), BookError> {
    sqlx::query("DELETE FROM occupancy WHERE event_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let occupied = Span {
        start: span.start,
        end: span.end + buffer_after,
    };
    occupy(tx, id, resources, occupied).await?;
    sqlx::query(
        "UPDATE events SET starts_at = $1, ends_at = $2, sequence = sequence + 1, updated_at = $3 \
         WHERE id = $4",
    )
    .bind(span.start)
    .bind(span.end)
    .bind(now())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn by_id<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    id: i64,
) -> Result<Option<EventRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, uid, kind, starts_at, ends_at, status, place, sequence FROM events WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(executor)
    .await
}

/// Changes an event's status and raises its sequence; a cancelled event frees what it occupied.
pub async fn set_status(tx: &mut Tx, id: i64, status: EventStatus) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE events SET status = $1, sequence = sequence + 1, updated_at = $2 WHERE id = $3",
    )
    .bind(status)
    .bind(now())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if status == EventStatus::Cancelled {
        sqlx::query("DELETE FROM occupancy WHERE event_id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
