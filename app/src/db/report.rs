//! The figures of the delivery report, counted by SQL over the service's own records; the same
//! statements on SQLite and PostgreSQL.
//!
//! A report covers [`start`, `end`) as instants and [`from`, `to`] as dates. With an office,
//! consultations and workshop sessions are those held at it, and household-based figures
//! (support persons, volunteer matches, checklists) those of households in the office's city.

use crate::domain::consultation::Topic;
use crate::domain::schedule::EventStatus;
use crate::domain::{Gender, HelpKind, IntakeOutcome, Language, Programme};
use sqlx::AnyPool;

/// What one report is about.
#[derive(Debug, Clone)]
pub struct Scope {
    pub start: i64,
    pub end: i64,
    /// `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    pub office: Option<i64>,
    /// The office's city, lower-cased.
    pub city: Option<String>,
}

/// A household in scope (the office's city, when there is an office). `h` is `households`.
const HOUSEHOLD_IN_SCOPE: &str = "($5 IS NULL OR LOWER(h.city) = $5)";

/// Assignments open at any time in the period.
const ASSIGNMENT_IN_PERIOD: &str =
    "a.start_date <= $4 AND (a.ended_on IS NULL OR a.ended_on >= $3)";

/// Matches that ran at any time in the period (accepted before its end, not closed before its
/// start).
const MATCH_IN_PERIOD: &str = "m.status IN ('active', 'closed') AND m.answered_at < $2 \
     AND (m.closed_at IS NULL OR m.closed_at >= $1)";

type Query<'q, O> = sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>;

/// Binds $1 start, $2 end, $3 from, $4 to, $5 city.
fn bind_period<'q, O>(query: Query<'q, O>, s: &'q Scope) -> Query<'q, O> {
    query
        .bind(s.start)
        .bind(s.end)
        .bind(s.from.as_str())
        .bind(s.to.as_str())
        .bind(s.city.as_deref())
}

/// Every person reached in the period: the members of households registered in it, with a
/// support person or a consultation held, people who attended a workshop or group session, and household members
/// matched with a volunteer. (member id, household id, gender, date of birth).
pub async fn people_reached(
    pool: &AnyPool,
    s: &Scope,
) -> Result<Vec<(i64, i64, Gender, String)>, sqlx::Error> {
    let sql = format!(
        "SELECT p.id, p.household_id, p.gender, p.date_of_birth FROM members p WHERE p.id IN ( \
           SELECT mm.id FROM members mm JOIN assignments a ON a.household_id = mm.household_id \
             JOIN households h ON h.id = a.household_id \
             WHERE {ASSIGNMENT_IN_PERIOD} AND {HOUSEHOLD_IN_SCOPE} \
           UNION SELECT mm.id FROM members mm JOIN households h ON h.id = mm.household_id \
             WHERE h.created_at >= $1 AND h.created_at < $2 AND {HOUSEHOLD_IN_SCOPE} \
           UNION SELECT mm.id FROM members mm JOIN consultations c ON c.household_id = mm.household_id \
             JOIN events e ON e.id = c.event_id \
             WHERE e.status = 'held' AND e.starts_at >= $1 AND e.starts_at < $2 \
             AND ($6 IS NULL OR c.office_id = $6) \
           UNION SELECT t.member_id FROM attendance t JOIN events e ON e.id = t.session_id \
             JOIN series_sessions ss ON ss.event_id = t.session_id \
             JOIN series sr ON sr.id = ss.series_id \
             WHERE t.status = 'present' AND e.starts_at >= $1 AND e.starts_at < $2 \
             AND ($6 IS NULL OR sr.office_id = $6) \
           UNION SELECT r.member_id FROM matches m JOIN match_requests r ON r.id = m.request_id \
             JOIN households h ON h.id = r.household_id \
             WHERE {MATCH_IN_PERIOD} AND {HOUSEHOLD_IN_SCOPE}) \
         ORDER BY p.id"
    );
    bind_period(sqlx::query_as(&sql), s)
        .bind(s.office)
        .fetch_all(pool)
        .await
}

/// (households with a support person, new assignments, ended assignments, meeting minutes held,
/// checklist items done).
pub async fn support(pool: &AnyPool, s: &Scope) -> Result<(i64, i64, i64, i64, i64), sqlx::Error> {
    let sql = format!(
        "SELECT \
           (SELECT COUNT(DISTINCT a.household_id) FROM assignments a \
              JOIN households h ON h.id = a.household_id \
              WHERE {ASSIGNMENT_IN_PERIOD} AND {HOUSEHOLD_IN_SCOPE}), \
           (SELECT COUNT(*) FROM assignments a JOIN households h ON h.id = a.household_id \
              WHERE a.start_date >= $3 AND a.start_date <= $4 AND {HOUSEHOLD_IN_SCOPE}), \
           (SELECT COUNT(*) FROM assignments a JOIN households h ON h.id = a.household_id \
              WHERE a.ended_on >= $3 AND a.ended_on <= $4 AND {HOUSEHOLD_IN_SCOPE}), \
           (SELECT CAST(COALESCE(SUM(mt.held_minutes), 0) AS BIGINT) FROM meetings mt \
              JOIN events e ON e.id = mt.event_id \
              JOIN assignments a ON a.id = mt.assignment_id \
              JOIN households h ON h.id = a.household_id \
              WHERE e.status = 'held' AND e.starts_at >= $1 AND e.starts_at < $2 \
              AND {HOUSEHOLD_IN_SCOPE}), \
           (SELECT COUNT(*) FROM checklist_items ci JOIN households h ON h.id = ci.household_id \
              WHERE ci.status = 'done' AND ci.on_date >= $3 AND ci.on_date <= $4 \
              AND {HOUSEHOLD_IN_SCOPE})"
    );
    bind_period(sqlx::query_as(&sql), s).fetch_one(pool).await
}

/// (office, topic, status, count) of consultations in the period that were held, missed or
/// cancelled.
pub async fn consultations(
    pool: &AnyPool,
    s: &Scope,
) -> Result<Vec<(String, Topic, EventStatus, i64)>, sqlx::Error> {
    let sql = "SELECT o.name, c.topic, e.status, COUNT(*) FROM consultations c \
         JOIN events e ON e.id = c.event_id JOIN offices o ON o.id = c.office_id \
         WHERE e.starts_at >= $1 AND e.starts_at < $2 AND e.status IN ('held', 'missed', 'cancelled') \
         AND ($3 IS NULL OR c.office_id = $3) \
         GROUP BY o.name, c.topic, e.status ORDER BY o.name, c.topic, e.status";
    sqlx::query_as(sql)
        .bind(s.start)
        .bind(s.end)
        .bind(s.office)
        .fetch_all(pool)
        .await
}

/// (interpreter language, consultations held with one).
pub async fn interpreters(pool: &AnyPool, s: &Scope) -> Result<Vec<(Language, i64)>, sqlx::Error> {
    let sql = "SELECT c.interpreter, COUNT(*) FROM consultations c \
         JOIN events e ON e.id = c.event_id \
         WHERE c.interpreter IS NOT NULL AND e.status = 'held' \
         AND e.starts_at >= $1 AND e.starts_at < $2 AND ($3 IS NULL OR c.office_id = $3) \
         GROUP BY c.interpreter ORDER BY c.interpreter";
    sqlx::query_as(sql)
        .bind(s.start)
        .bind(s.end)
        .bind(s.office)
        .fetch_all(pool)
        .await
}

/// Per activity type: (code, custom names et/en/ru/uk, sessions not cancelled, attendances,
/// distinct people who attended).
pub type ActivityRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    i64,
    i64,
);

pub async fn workshops(pool: &AnyPool, s: &Scope) -> Result<Vec<ActivityRow>, sqlx::Error> {
    let sql = "SELECT t.code, t.name_et, t.name_en, t.name_ru, t.name_uk, \
           (SELECT COUNT(*) FROM series_sessions ss JOIN series sr ON sr.id = ss.series_id \
              JOIN events e ON e.id = ss.event_id \
              WHERE sr.activity = t.code AND e.status <> 'cancelled' \
              AND e.starts_at >= $1 AND e.starts_at < $2 AND ($3 IS NULL OR sr.office_id = $3)), \
           (SELECT COUNT(*) FROM attendance a JOIN series_sessions ss ON ss.event_id = a.session_id \
              JOIN series sr ON sr.id = ss.series_id JOIN events e ON e.id = a.session_id \
              WHERE sr.activity = t.code AND a.status = 'present' \
              AND e.starts_at >= $1 AND e.starts_at < $2 AND ($3 IS NULL OR sr.office_id = $3)), \
           (SELECT COUNT(DISTINCT a.member_id) FROM attendance a \
              JOIN series_sessions ss ON ss.event_id = a.session_id \
              JOIN series sr ON sr.id = ss.series_id JOIN events e ON e.id = a.session_id \
              WHERE sr.activity = t.code AND a.status = 'present' \
              AND e.starts_at >= $1 AND e.starts_at < $2 AND ($3 IS NULL OR sr.office_id = $3)) \
         FROM activity_types t ORDER BY t.category, t.code";
    sqlx::query_as(sql)
        .bind(s.start)
        .bind(s.end)
        .bind(s.office)
        .fetch_all(pool)
        .await
}

/// Per programme: (programme, matches started, running, closed in the period).
pub async fn matches(
    pool: &AnyPool,
    s: &Scope,
) -> Result<Vec<(Programme, i64, i64, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT r.programme, \
           CAST(SUM(CASE WHEN m.answered_at >= $1 AND m.answered_at < $2 THEN 1 ELSE 0 END) AS BIGINT), \
           COUNT(*), \
           CAST(SUM(CASE WHEN m.status = 'closed' AND m.closed_at >= $1 AND m.closed_at < $2 \
               THEN 1 ELSE 0 END) AS BIGINT) \
         FROM matches m JOIN match_requests r ON r.id = m.request_id \
         JOIN households h ON h.id = r.household_id \
         WHERE {MATCH_IN_PERIOD} AND {HOUSEHOLD_IN_SCOPE} AND $3 <= $4 \
         GROUP BY r.programme ORDER BY r.programme"
    );
    bind_period(sqlx::query_as(&sql), s).fetch_all(pool).await
}

/// Per programme: (programme, minutes of volunteer check-ins in the period).
pub async fn check_in_minutes(
    pool: &AnyPool,
    s: &Scope,
) -> Result<Vec<(Programme, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT r.programme, CAST(SUM(ci.minutes) AS BIGINT) FROM check_ins ci \
         JOIN matches m ON m.id = ci.match_id JOIN match_requests r ON r.id = m.request_id \
         JOIN households h ON h.id = r.household_id \
         WHERE ci.on_date >= $3 AND ci.on_date <= $4 AND {HOUSEHOLD_IN_SCOPE} AND $1 <= $2 \
         GROUP BY r.programme ORDER BY r.programme"
    );
    bind_period(sqlx::query_as(&sql), s).fetch_all(pool).await
}

/// (volunteers with a match running in the period, volunteers who completed a training in it).
pub async fn volunteers(pool: &AnyPool, s: &Scope) -> Result<(i64, i64), sqlx::Error> {
    let sql = format!(
        "SELECT \
           (SELECT COUNT(DISTINCT m.volunteer_id) FROM matches m \
              JOIN match_requests r ON r.id = m.request_id \
              JOIN households h ON h.id = r.household_id \
              WHERE {MATCH_IN_PERIOD} AND {HOUSEHOLD_IN_SCOPE}), \
           (SELECT COUNT(DISTINCT vt.account_id) FROM volunteer_trainings vt \
              WHERE vt.completed_on >= $3 AND vt.completed_on <= $4)"
    );
    bind_period(sqlx::query_as(&sql), s).fetch_one(pool).await
}

/// (help asked for, outcome — `None` while open, count) of requests that arrived in the period.
pub async fn intake(
    pool: &AnyPool,
    s: &Scope,
) -> Result<Vec<(HelpKind, Option<IntakeOutcome>, i64)>, sqlx::Error> {
    let sql = "SELECT help, outcome, COUNT(*) FROM intake_requests \
         WHERE created_at >= $1 AND created_at < $2 AND ($3 IS NULL OR office_id = $3) \
         GROUP BY help, outcome ORDER BY help, outcome";
    sqlx::query_as(sql)
        .bind(s.start)
        .bind(s.end)
        .bind(s.office)
        .fetch_all(pool)
        .await
}
