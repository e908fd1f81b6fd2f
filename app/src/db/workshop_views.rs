//! What the workshop pages read: a series with its sessions, a household's sign-ups, a
//! session's roster, and the figures per series for coordinators.

use super::codes::CodeList;
use crate::domain::schedule::EventStatus;
use crate::domain::workshops::{Eligibility, Mark, PlaceKind, RegistrationStatus, SeriesStatus};
use crate::domain::Language;
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct SeriesDetailRow {
    pub id: i64,
    pub activity: String,
    pub office_id: i64,
    pub office: String,
    pub office_address: String,
    pub place_kind: PlaceKind,
    pub room: Option<String>,
    pub address: Option<String>,
    pub online_link: Option<String>,
    pub capacity: i64,
    pub seats_taken: i64,
    pub languages: CodeList<Language>,
    pub interpretation: i64,
    pub eligibility: Eligibility,
    pub childcare: i64,
    pub drop_in: i64,
    pub auto_book: i64,
    pub offer_hours: i64,
    pub registration_opens: i64,
    pub registration_closes: i64,
    pub cancel_cutoff_hours: i64,
    pub status: SeriesStatus,
    pub family: i64,
}

pub async fn series<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    id: i64,
) -> Result<Option<SeriesDetailRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, s.activity, s.office_id, o.name AS office, o.address AS office_address, \
         s.place_kind, r.name AS room, s.address, s.online_link, s.capacity, s.seats_taken, \
         s.languages, s.interpretation, s.eligibility, s.childcare, s.drop_in, s.auto_book, \
         s.offer_hours, s.registration_opens, s.registration_closes, s.cancel_cutoff_hours, \
         s.status, t.family \
         FROM series s JOIN offices o ON o.id = s.office_id \
         JOIN activity_types t ON t.code = s.activity \
         LEFT JOIN rooms r ON r.id = s.room_id WHERE s.id = $1",
    )
    .bind(id)
    .fetch_optional(executor)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub uid: String,
    pub series_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: EventStatus,
    pub moved_from: Option<String>,
}

const SESSIONS: &str =
    "SELECT e.id, e.uid, x.series_id, e.starts_at, e.ends_at, e.status, x.moved_from \
     FROM series_sessions x JOIN events e ON e.id = x.event_id";

pub async fn sessions<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    series_id: i64,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SESSIONS} WHERE x.series_id = $1 ORDER BY e.starts_at"
    ))
    .bind(series_id)
    .fetch_all(executor)
    .await
}

pub async fn session<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    id: i64,
) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SESSIONS} WHERE e.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// Names of the series' facilitators.
pub async fn facilitators(
    pool: &AnyPool,
    series_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.display_name FROM series_facilitators f JOIN accounts a \
         ON a.id = f.account_id WHERE f.series_id = $1 ORDER BY a.display_name",
    )
    .bind(series_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct SignUpRow {
    pub id: i64,
    pub series_id: i64,
    pub activity: String,
    pub office: String,
    pub session_id: Option<i64>,
    pub seats: i64,
    pub status: RegistrationStatus,
    pub offer_expires_at: Option<i64>,
    pub childcare: Option<String>,
    pub cancel_cutoff_hours: i64,
    pub online_link: Option<String>,
}

/// A household's registrations: every one of a series (`series_id` > 0), or the live ones of
/// all series still open.
pub async fn household_sign_ups(
    pool: &AnyPool,
    household_id: i64,
    series_id: i64,
) -> Result<Vec<SignUpRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.id, r.series_id, s.activity, o.name AS office, r.session_id, r.seats, r.status, \
         r.offer_expires_at, r.childcare, s.cancel_cutoff_hours, s.online_link \
         FROM registrations r JOIN series s ON s.id = r.series_id \
         JOIN offices o ON o.id = s.office_id WHERE r.household_id = $1 \
         AND (($2 > 0 AND r.series_id = $2) OR ($2 = 0 AND s.status = 'open' \
              AND r.status IN ('confirmed', 'waiting', 'offered'))) ORDER BY r.id DESC",
    )
    .bind(household_id)
    .bind(series_id)
    .fetch_all(pool)
    .await
}

/// First names of the people of a registration.
pub async fn people_of<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    registration_id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT m.first_name FROM registration_people p JOIN members m ON m.id = p.member_id \
         WHERE p.registration_id = $1 ORDER BY m.id",
    )
    .bind(registration_id)
    .fetch_all(executor)
    .await
}

/// Members of the household signed up (live) for the series.
pub async fn signed_up_members(
    pool: &AnyPool,
    series_id: i64,
    household_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT p.member_id FROM registration_people p JOIN members m ON m.id = p.member_id \
         WHERE p.series_id = $1 AND p.live = 1 AND m.household_id = $2",
    )
    .bind(series_id)
    .bind(household_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct RosterRow {
    pub member_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub childcare: Option<String>,
    pub mark: Option<Mark>,
}

/// Confirmed participants of a session (the whole series', and drop-ins for that session), with
/// their mark if any. Who got a seat only after the session ended was not there.
pub async fn roster(
    pool: &AnyPool,
    series_id: i64,
    session_id: i64,
) -> Result<Vec<RosterRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.id AS member_id, m.first_name, m.last_name, r.childcare, a.status AS mark \
         FROM registrations r JOIN registration_people p ON p.registration_id = r.id \
         JOIN members m ON m.id = p.member_id \
         JOIN events e ON e.id = $2 \
         LEFT JOIN attendance a ON a.session_id = $2 AND a.member_id = m.id \
         WHERE r.series_id = $1 AND (r.session_id IS NULL OR r.session_id = $2) \
         AND r.status = 'confirmed' AND r.confirmed_at < e.ends_at \
         ORDER BY m.last_name, m.first_name, m.id",
    )
    .bind(series_id)
    .bind(session_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct SeriesRosterRow {
    pub member_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub childcare: Option<String>,
    /// The one session of a drop-in sign-up; `None` for the whole series.
    pub session_id: Option<i64>,
    pub confirmed_at: Option<i64>,
}

/// Everyone holding a confirmed seat in the series (whole series or one session), by name.
pub async fn series_roster(
    pool: &AnyPool,
    series_id: i64,
) -> Result<Vec<SeriesRosterRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.id AS member_id, m.first_name, m.last_name, r.childcare, r.session_id, \
         r.confirmed_at FROM registrations r \
         JOIN registration_people p ON p.registration_id = r.id \
         JOIN members m ON m.id = p.member_id \
         WHERE r.series_id = $1 AND r.status = 'confirmed' \
         ORDER BY m.last_name, m.first_name, m.id",
    )
    .bind(series_id)
    .fetch_all(pool)
    .await
}

/// (session id, member id, mark) of every mark in the series.
pub async fn series_marks(
    pool: &AnyPool,
    series_id: i64,
) -> Result<Vec<(i64, i64, Mark)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.session_id, a.member_id, a.status FROM attendance a \
         JOIN series_sessions x ON x.event_id = a.session_id WHERE x.series_id = $1",
    )
    .bind(series_id)
    .fetch_all(pool)
    .await
}

/// (member id, language) of the roster's people.
pub async fn roster_languages(
    pool: &AnyPool,
    series_id: i64,
) -> Result<Vec<(i64, Language)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.member_id, l.language FROM member_languages l \
         JOIN registration_people p ON p.member_id = l.member_id \
         WHERE p.series_id = $1 AND p.live = 1 ORDER BY l.member_id, l.language",
    )
    .bind(series_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct SeriesFiguresRow {
    pub id: i64,
    pub activity: String,
    pub office: String,
    pub status: SeriesStatus,
    pub capacity: i64,
    pub seats_taken: i64,
    pub waiting: i64,
    pub sessions: i64,
    pub first_start: Option<i64>,
    pub last_start: Option<i64>,
    pub present: i64,
    pub marked: i64,
}

/// Fill and attendance per series with a session since `since` (running, coming or just over),
/// optionally only those a facilitator runs (`facilitator` > 0).
pub async fn figures(
    pool: &AnyPool,
    since: i64,
    facilitator: i64,
) -> Result<Vec<SeriesFiguresRow>, sqlx::Error> {
    let rows: Vec<SeriesFiguresRow> = sqlx::query_as(
        "SELECT s.id, s.activity, o.name AS office, s.status, s.capacity, s.seats_taken, \
         (SELECT CAST(COALESCE(SUM(r.seats), 0) AS BIGINT) FROM registrations r \
            WHERE r.series_id = s.id AND r.status = 'waiting') AS waiting, \
         (SELECT COUNT(*) FROM series_sessions x JOIN events e ON e.id = x.event_id \
            WHERE x.series_id = s.id AND e.status <> 'cancelled') AS sessions, \
         (SELECT MIN(e.starts_at) FROM series_sessions x JOIN events e ON e.id = x.event_id \
            WHERE x.series_id = s.id AND e.status <> 'cancelled') AS first_start, \
         (SELECT MAX(e.starts_at) FROM series_sessions x JOIN events e ON e.id = x.event_id \
            WHERE x.series_id = s.id) AS last_start, \
         (SELECT COUNT(*) FROM attendance a JOIN series_sessions x ON x.event_id = a.session_id \
            WHERE x.series_id = s.id AND a.status = 'present') AS present, \
         (SELECT COUNT(*) FROM attendance a JOIN series_sessions x ON x.event_id = a.session_id \
            WHERE x.series_id = s.id) AS marked \
         FROM series s JOIN offices o ON o.id = s.office_id \
         WHERE ($1 = 0 OR EXISTS (SELECT 1 FROM series_facilitators f \
            WHERE f.series_id = s.id AND f.account_id = $1)) ORDER BY s.id",
    )
    .bind(facilitator)
    .fetch_all(pool)
    .await?;
    let mut rows: Vec<SeriesFiguresRow> = rows
        .into_iter()
        .filter(|r| r.last_start.is_some_and(|l| l >= since))
        .collect();
    rows.sort_by_key(|r| (r.first_start, r.id));
    Ok(rows)
}

/// Whether the account facilitates the series.
pub async fn facilitates(
    pool: &AnyPool,
    series_id: i64,
    account_id: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM series_facilitators WHERE series_id = $1 AND account_id = $2",
    )
    .bind(series_id)
    .bind(account_id)
    .fetch_one(pool)
    .await?;
    Ok(n > 0)
}
