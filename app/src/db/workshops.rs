//! Series and their sessions: creating them, reading and locking a series, cancelling it, its
//! capacity and attendance. The seats (sign-ups, waitlist, offers) are in `workshop_seats.rs`.

use super::codes::CodeList;
use super::workshop_seats::{fill_free_seats, set_registration, Next};
use super::{now, Backend, Tx};
use crate::domain::schedule::{AgendaKind, EventStatus};
use crate::domain::workshops::{Eligibility, NewSeries, SeriesStatus};
use crate::domain::Language;
use sqlx::{AnyPool, FromRow};

/// The occupancy resource of a room.
pub fn room(room_id: i64) -> String {
    format!("room:{room_id}")
}

/// (room id, office id) of every room.
pub async fn rooms(pool: &AnyPool) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT id, office_id FROM rooms ORDER BY office_id, name")
        .fetch_all(pool)
        .await
}

/// (account id, name) of every active facilitator.
pub async fn facilitators(pool: &AnyPool) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.display_name FROM accounts a JOIN account_roles r ON r.account_id = a.id \
         WHERE r.role = 'facilitator' AND a.active = 1 ORDER BY a.display_name",
    )
    .fetch_all(pool)
    .await
}

#[derive(Debug)]
pub enum SeriesError {
    /// A session overlaps another event in the same room or of the same facilitator.
    Overlap,
    Db(sqlx::Error),
}

impl From<sqlx::Error> for SeriesError {
    fn from(e: sqlx::Error) -> Self {
        SeriesError::Db(e)
    }
}

/// Writes a series and its sessions (events occupying the room and the facilitators).
pub async fn create_series(
    tx: &mut Tx,
    s: &NewSeries,
    place: &str,
    by: i64,
    uid_prefix: &str,
) -> Result<i64, SeriesError> {
    let at = now();
    let languages = CodeList::joined(&s.languages);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO series (activity, office_id, place_kind, room_id, address, online_link, \
         capacity, languages, interpretation, eligibility, childcare, drop_in, auto_book, \
         offer_hours, registration_opens, registration_closes, cancel_cutoff_hours, status, \
         created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
         $11, $12, $13, $14, $15, $16, $17, 'open', $18, $19, $19) RETURNING id",
    )
    .bind(&s.activity)
    .bind(s.office_id)
    .bind(s.place_kind.code())
    .bind(s.room_id)
    .bind(s.address.as_deref())
    .bind(s.online_link.as_deref())
    .bind(s.capacity)
    .bind(languages)
    .bind(i64::from(s.interpretation))
    .bind(s.eligibility.code())
    .bind(i64::from(s.childcare))
    .bind(i64::from(s.drop_in))
    .bind(i64::from(s.auto_book))
    .bind(s.offer_hours)
    .bind(s.registration_opens)
    .bind(s.registration_closes)
    .bind(s.cancel_cutoff_hours)
    .bind(by)
    .bind(at)
    .fetch_one(&mut **tx)
    .await?;
    for f in &s.facilitators {
        sqlx::query("INSERT INTO series_facilitators (series_id, account_id) VALUES ($1, $2)")
            .bind(id)
            .bind(f)
            .execute(&mut **tx)
            .await?;
    }
    let mut resources: Vec<String> = s
        .facilitators
        .iter()
        .map(|f| super::calendar::person(*f))
        .collect();
    if let Some(r) = s.room_id {
        resources.push(room(r));
    }
    for (n, session) in s.sessions.iter().enumerate() {
        let uid = format!("{uid_prefix}-{n}@tugi");
        let event = super::calendar::NewEvent {
            uid: &uid,
            kind: AgendaKind::Session,
            span: session.span,
            status: EventStatus::Confirmed,
            place: Some(place),
            created_by: by,
            resources: &resources,
            buffer_after: 0,
        };
        let event_id = match super::calendar::create(tx, &event).await {
            Ok(id) => id,
            Err(super::calendar::BookError::Conflict) => return Err(SeriesError::Overlap),
            Err(super::calendar::BookError::Db(e)) => return Err(SeriesError::Db(e)),
        };
        sqlx::query(
            "INSERT INTO series_sessions (event_id, series_id, moved_from) VALUES ($1, $2, $3)",
        )
        .bind(event_id)
        .bind(id)
        .bind(session.moved_from.map(|d| d.to_string()))
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

#[derive(Debug, Clone, FromRow)]
pub struct SeriesRow {
    pub id: i64,
    pub activity: String,
    pub office_id: i64,
    pub capacity: i64,
    pub seats_taken: i64,
    pub eligibility: Eligibility,
    pub drop_in: i64,
    pub auto_book: i64,
    pub offer_hours: i64,
    pub registration_opens: i64,
    pub registration_closes: i64,
    pub cancel_cutoff_hours: i64,
    pub status: SeriesStatus,
    /// The first session's start, if any.
    pub first_start: Option<i64>,
}

const SERIES: &str = "SELECT s.id, s.activity, s.office_id, s.capacity, s.seats_taken, \
     s.eligibility, s.drop_in, s.auto_book, s.offer_hours, s.registration_opens, \
     s.registration_closes, s.cancel_cutoff_hours, s.status, \
     (SELECT MIN(e.starts_at) FROM series_sessions x JOIN events e ON e.id = x.event_id \
        WHERE x.series_id = s.id AND e.status <> 'cancelled') AS first_start \
     FROM series s";

/// Reads the series, taking its row for the rest of the transaction on PostgreSQL.
pub async fn lock_series(
    tx: &mut Tx,
    backend: Backend,
    id: i64,
) -> Result<Option<SeriesRow>, sqlx::Error> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT id FROM series WHERE id = $1 FOR UPDATE")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query_as(&format!("{SERIES} WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
}

#[derive(Debug, Clone, FromRow)]
pub struct OpenSeriesRow {
    pub id: i64,
    pub activity: String,
    pub office: String,
    pub capacity: i64,
    pub seats_taken: i64,
    pub languages: CodeList<Language>,
    pub eligibility: Eligibility,
    pub childcare: i64,
    pub interpretation: i64,
    pub registration_closes: i64,
    /// The next session still to come, if any.
    pub next_start: Option<i64>,
    pub sessions: i64,
}

/// Open series with a session still to come, optionally of one office (0: all) and one
/// activity ('': all), soonest first.
pub async fn open_series(
    pool: &AnyPool,
    now_at: i64,
    office: i64,
    activity: &str,
) -> Result<Vec<OpenSeriesRow>, sqlx::Error> {
    let rows: Vec<OpenSeriesRow> = sqlx::query_as(
        "SELECT s.id, s.activity, o.name AS office, s.capacity, s.seats_taken, s.languages, \
         s.eligibility, s.childcare, s.interpretation, s.registration_closes, \
         (SELECT MIN(e.starts_at) FROM series_sessions x JOIN events e ON e.id = x.event_id \
            WHERE x.series_id = s.id AND e.status <> 'cancelled' AND e.starts_at > $1) AS next_start, \
         (SELECT COUNT(*) FROM series_sessions x JOIN events e ON e.id = x.event_id \
            WHERE x.series_id = s.id AND e.status <> 'cancelled') AS sessions \
         FROM series s JOIN offices o ON o.id = s.office_id \
         WHERE s.status = 'open' AND ($2 = 0 OR s.office_id = $2) AND ($3 = '' OR s.activity = $3)",
    )
    .bind(now_at)
    .bind(office)
    .bind(activity)
    .fetch_all(pool)
    .await?;
    let mut rows: Vec<OpenSeriesRow> = rows
        .into_iter()
        .filter(|r| r.next_start.is_some())
        .collect();
    rows.sort_by_key(|r| (r.next_start, r.id));
    Ok(rows)
}

/// The start of the series' next session after `now_at` that is not cancelled.
pub async fn next_start<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    series_id: i64,
    now_at: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MIN(e.starts_at) FROM series_sessions x JOIN events e ON e.id = x.event_id \
         WHERE x.series_id = $1 AND e.status <> 'cancelled' AND e.starts_at > $2",
    )
    .bind(series_id)
    .bind(now_at)
    .fetch_one(executor)
    .await
}

/// The next session of a series still to come: its start, its end and its place.
pub async fn next_session<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    series_id: i64,
    now_at: i64,
) -> Result<Option<(i64, i64, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.starts_at, e.ends_at, e.place FROM series_sessions x \
         JOIN events e ON e.id = x.event_id WHERE x.series_id = $1 \
         AND e.status <> 'cancelled' AND e.starts_at > $2 ORDER BY e.starts_at LIMIT 1",
    )
    .bind(series_id)
    .bind(now_at)
    .fetch_optional(executor)
    .await
}

/// The series a session belongs to.
pub async fn series_of_session<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    session_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT series_id FROM series_sessions WHERE event_id = $1")
        .bind(session_id)
        .fetch_optional(executor)
        .await
}

/// Cancels a whole series: its sessions still to come and every live registration.
pub async fn cancel_series(tx: &mut Tx, series_id: i64, now_at: i64) -> Result<(), sqlx::Error> {
    let sessions: Vec<i64> = sqlx::query_scalar(
        "SELECT e.id FROM series_sessions x JOIN events e ON e.id = x.event_id \
         WHERE x.series_id = $1 AND e.status <> 'cancelled' AND e.starts_at > $2",
    )
    .bind(series_id)
    .bind(now_at)
    .fetch_all(&mut **tx)
    .await?;
    for id in sessions {
        super::calendar::set_status(tx, id, EventStatus::Cancelled).await?;
    }
    let live: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM registrations WHERE series_id = $1 \
         AND status IN ('confirmed', 'offered', 'waiting')",
    )
    .bind(series_id)
    .fetch_all(&mut **tx)
    .await?;
    for id in live {
        set_registration(tx, id, "cancelled", None).await?;
    }
    sqlx::query(
        "UPDATE series SET status = 'cancelled', seats_taken = 0, updated_at = $2 WHERE id = $1",
    )
    .bind(series_id)
    .bind(now_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets a new capacity (never below the seats taken: the caller checks) and passes any new
/// seats to the waitlist. The caller holds the series lock.
pub async fn set_capacity(
    tx: &mut Tx,
    series: &SeriesRow,
    capacity: i64,
    now_at: i64,
) -> Result<Vec<Next>, sqlx::Error> {
    sqlx::query("UPDATE series SET capacity = $2, updated_at = $3 WHERE id = $1")
        .bind(series.id)
        .bind(capacity)
        .bind(now_at)
        .execute(&mut **tx)
        .await?;
    let series = SeriesRow {
        capacity,
        ..series.clone()
    };
    fill_free_seats(tx, &series, now_at).await
}

/// Records (or changes) how a person was marked at a session.
pub async fn mark_attendance(
    tx: &mut Tx,
    session_id: i64,
    member_id: i64,
    mark: &str,
    by: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO attendance (session_id, member_id, status, marked_by, marked_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (session_id, member_id) \
         DO UPDATE SET status = excluded.status, marked_by = excluded.marked_by, \
         marked_at = excluded.marked_at",
    )
    .bind(session_id)
    .bind(member_id)
    .bind(mark)
    .bind(by)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}
