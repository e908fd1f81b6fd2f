//! A person's events as their calendar shows them, from every side they take part: as support
//! person or household (meetings), coordinator or household (consultations), facilitator or
//! participant (workshop sessions), volunteer or beneficiary (check-ins), and the handovers of
//! households between support persons. Each row names the other side by first name only.

use crate::db::{Backend, Db};
use crate::domain::consultation::Topic;
use crate::domain::schedule::{AgendaKind, EventStatus, Span};
use serde::Deserialize;
use sqlx::FromRow;

/// One event as a calendar lists it. Its fields are in the order of [`COLUMNS`]: a list read as
/// JSON arrives as one array per row.
#[derive(Debug, Clone, FromRow, Deserialize)]
pub struct AgendaRow {
    pub uid: String,
    pub kind: AgendaKind,
    /// UTC instants; for a whole-day item (`day` set) the Tallinn day's bounds.
    pub starts_at: i64,
    pub ends_at: i64,
    /// A whole-day item's Tallinn date (YYYY-MM-DD).
    pub day: Option<String>,
    pub status: EventStatus,
    pub place: Option<String>,
    pub sequence: i64,
    pub updated_at: i64,
    /// A consultation's topic.
    pub topic: Option<Topic>,
    /// A session's activity code (built in, or added by an admin).
    pub activity: Option<String>,
    /// The other side: a first name, or a staff member's display name.
    pub person: Option<String>,
    pub office: Option<String>,
    /// A session's online link, for its facilitators and confirmed participants.
    pub online_link: Option<String>,
    /// An admin-added activity's names (et, en, ru, uk).
    pub name_et: Option<String>,
    pub name_en: Option<String>,
    pub name_ru: Option<String>,
    pub name_uk: Option<String>,
    pub minutes: Option<i64>,
    /// The event's page, a path.
    pub link: String,
}

const EVENT_COLUMNS: &str = "e.uid, e.kind, e.starts_at, e.ends_at, NULL AS day, e.status, \
    e.place, e.sequence, e.updated_at";
const NO_NAMES: &str = "NULL AS name_et, NULL AS name_en, NULL AS name_ru, NULL AS name_uk";
const ACTIVITY_NAMES: &str = "t.name_et, t.name_en, t.name_ru, t.name_uk";
/// The households `$1` belongs to.
const MINE: &str = "(SELECT household_id FROM members WHERE account_id = $1)";
/// The first name of the household `h`'s first member.
fn first_name(household: &str) -> String {
    format!("(SELECT first_name FROM members WHERE household_id = {household} ORDER BY id LIMIT 1)")
}

/// Consultations seen from `side`, the other side named by `person`.
fn consultations(side: &str, person: &str) -> String {
    format!(
        "SELECT {EVENT_COLUMNS}, c.topic AS topic, NULL AS activity, {person} AS person, o.name || ', ' || o.address AS office, \
         NULL AS online_link, {NO_NAMES}, CAST(NULL AS BIGINT) AS minutes, \
         '/consultations/' || e.id AS link \
         FROM events e JOIN consultations c ON c.event_id = e.id \
         JOIN offices o ON o.id = c.office_id WHERE {side}"
    )
}

/// Who sees a session's online link.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnlineLink {
    /// Its facilitators and participants.
    Shown,
    /// The public.
    Hidden,
}

/// Workshop and group sessions where `side` holds; `link` is the page each points to.
fn sessions(side: &str, link: &str, online: OnlineLink) -> String {
    let online_link = match online {
        OnlineLink::Shown => "s.online_link",
        OnlineLink::Hidden => "NULL AS online_link",
    };
    format!(
        "SELECT {EVENT_COLUMNS}, NULL AS topic, s.activity AS activity, NULL AS person, o.name AS office, \
         {online_link}, {ACTIVITY_NAMES}, CAST(NULL AS BIGINT) AS minutes, {link} AS link \
         FROM events e JOIN series_sessions ss ON ss.event_id = e.id \
         JOIN series s ON s.id = ss.series_id JOIN offices o ON o.id = s.office_id \
         JOIN activity_types t ON t.code = s.activity WHERE {side}"
    )
}

/// The staff member a household meets, named in full.
const COORDINATOR: &str = "(SELECT display_name FROM accounts WHERE id = c.coordinator_id)";

fn personal_query() -> String {
    let meetings = |side: &str, person: &str| {
        format!(
            "SELECT {EVENT_COLUMNS}, NULL AS topic, NULL AS activity, {person} AS person, NULL AS office, \
             NULL AS online_link, {NO_NAMES}, CAST(NULL AS BIGINT) AS minutes, '/assignments/' || a.id AS link \
             FROM events e JOIN meetings m ON m.event_id = e.id \
             JOIN assignments a ON a.id = m.assignment_id WHERE {side}"
        )
    };
    let check_ins = |side: &str, person: &str| {
        format!(
            "SELECT 'check-in-' || c.id || '@tugi' AS uid, 'check_in' AS kind, CAST(0 AS BIGINT) AS starts_at, \
             CAST(0 AS BIGINT) AS ends_at, c.on_date AS day, 'held' AS status, NULL AS place, CAST(0 AS BIGINT) AS sequence, \
             c.created_at AS updated_at, NULL AS topic, NULL AS activity, {person} AS person, NULL AS office, \
             NULL AS online_link, {NO_NAMES}, CAST(c.minutes AS BIGINT) AS minutes, '/matches/' || x.id AS link \
             FROM check_ins c JOIN matches x ON x.id = c.match_id \
             JOIN match_requests r ON r.id = x.request_id JOIN members b ON b.id = r.member_id \
             WHERE {side}"
        )
    };
    let household_name = first_name("a.household_id");
    let parts = [
        meetings("a.support_person_id = $1", &household_name),
        meetings(
            &format!("a.household_id IN {MINE}"),
            "(SELECT display_name FROM accounts WHERE id = a.support_person_id)",
        ),
        consultations("c.coordinator_id = $1", &first_name("c.household_id")),
        consultations(&format!("c.household_id IN {MINE}"), COORDINATOR),
        sessions(
            "s.id IN (SELECT f.series_id FROM series_facilitators f WHERE f.account_id = $1)",
            "'/workshops/sessions/' || e.id",
            OnlineLink::Shown,
        ),
        sessions(
            // The first condition lets the read start from the household's sign-ups.
            &format!(
                "s.id IN (SELECT r.series_id FROM registrations r WHERE r.status = 'confirmed' \
                 AND r.household_id IN {MINE}) \
                 AND EXISTS (SELECT 1 FROM registrations g WHERE g.series_id = s.id \
                 AND g.status = 'confirmed' AND g.household_id IN {MINE} \
                 AND (g.session_id IS NULL OR g.session_id = e.id))"
            ),
            "'/workshops/' || s.id",
            OnlineLink::Shown,
        ),
        check_ins("x.volunteer_id = $1", "b.first_name"),
        check_ins(
            "b.account_id = $1",
            "(SELECT display_name FROM accounts WHERE id = x.volunteer_id)",
        ),
        format!(
            "SELECT 'handover-' || a.id || '@tugi' AS uid, 'handover' AS kind, CAST(0 AS BIGINT) AS starts_at, \
             CAST(0 AS BIGINT) AS ends_at, a.handover_date AS day, 'confirmed' AS status, NULL AS place, \
             CAST(0 AS BIGINT) AS sequence, a.updated_at, NULL AS topic, NULL AS activity, {household_name} AS person, \
             NULL AS office, NULL AS online_link, {NO_NAMES}, CAST(NULL AS BIGINT) AS minutes, \
             '/assignments/' || a.id AS link FROM assignments a \
             WHERE a.handover_date IS NOT NULL AND a.id IN \
             (SELECT id FROM assignments WHERE support_person_id = $1 \
              UNION SELECT previous_id FROM assignments WHERE support_person_id = $1)"
        ),
    ];
    parts.join(" UNION ALL ")
}

/// The columns of [`AgendaRow`], in its order.
const COLUMNS: &str = "uid, kind, starts_at, ends_at, day, status, place, sequence, updated_at, \
    topic, activity, person, office, online_link, name_et, name_en, name_ru, name_uk, minutes, link";

/// Keeps the rows inside the window (whole-day rows by their date); a cancelled event stays
/// while it is still to come, and once past for as long as `cancelled_since` allows. The rows
/// come as one JSON array of arrays in one row: a feed of 10,000 events then leaves SQLite's
/// thread in one message instead of 10,000 (three times faster to read). Unordered:
/// [`in_order`] sorts them once whole-day rows have their times.
fn windowed(backend: Backend, inner: &str) -> String {
    let rows = match backend {
        Backend::Sqlite => format!("json_group_array(json_array({COLUMNS}))"),
        Backend::Postgres => format!("COALESCE(json_agg(json_build_array({COLUMNS}))::text, '[]')"),
    };
    format!(
        "SELECT {rows} AS agenda FROM ({inner}) x WHERE \
         ((day IS NULL AND ends_at > $2 AND starts_at < $3) OR (day >= $5 AND day <= $6)) \
         AND (status <> 'cancelled' OR updated_at > $4 OR ends_at > $7)"
    )
}

/// Reads the rows that [`windowed`] gathered.
fn from_json(rows: &str) -> Result<Vec<AgendaRow>, sqlx::Error> {
    serde_json::from_str(rows).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// Which part of the calendar to read.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub span: Span,
    /// Past cancelled events changed before this are left out.
    pub cancelled_since: i64,
    /// Cancelled events still to come are always kept, so that every subscriber learns of them.
    pub now: i64,
}

type AgendaQuery<'q> = sqlx::query::QueryScalar<'q, sqlx::Any, String, sqlx::any::AnyArguments<'q>>;

impl Window {
    /// Binds `$2`–`$7` of [`windowed`] after the query's own `$1`.
    fn bind<'q>(&self, query: AgendaQuery<'q>) -> AgendaQuery<'q> {
        let day = |at: i64| {
            crate::domain::schedule::tallinn_wall_clock(at)
                .map(|(d, _)| d.to_string())
                .unwrap_or_default()
        };
        query
            .bind(self.span.start)
            .bind(self.span.end)
            .bind(self.cancelled_since)
            .bind(day(self.span.start))
            .bind(day(self.span.end))
            .bind(self.now)
    }
}

/// Everything in the calendar of account `account_id` inside `window`, one row per event.
pub async fn personal(
    db: &Db,
    account_id: i64,
    window: Window,
) -> Result<Vec<AgendaRow>, sqlx::Error> {
    static QUERIES: std::sync::OnceLock<[String; 2]> = std::sync::OnceLock::new();
    let queries = QUERIES.get_or_init(|| {
        [Backend::Sqlite, Backend::Postgres].map(|backend| windowed(backend, &personal_query()))
    });
    let query = &queries[usize::from(db.backend() == Backend::Postgres)];
    let rows: String = window
        .bind(sqlx::query_scalar(query).bind(account_id))
        .fetch_one(db.pool())
        .await?;
    let mut rows = in_order(from_json(&rows)?);
    // One person may see an event from two sides (a facilitator who is also signed up): the
    // two rows have the same time and UID, so they are next to each other now.
    rows.dedup_by(|a, b| a.uid == b.uid);
    Ok(rows)
}

/// Sessions of open series as anyone may see them: no online link, no participants.
fn public_sessions() -> String {
    sessions(
        "s.status = 'open'",
        "'/workshops/' || s.id",
        OnlineLink::Hidden,
    )
}

/// The workshop and group sessions of an office's open series; with `staff`, also its
/// consultations (named by the household's first name).
pub async fn office(
    db: &Db,
    office_id: i64,
    staff: bool,
    window: Window,
) -> Result<Vec<AgendaRow>, sqlx::Error> {
    let sessions = format!("{} AND s.office_id = $1", public_sessions());
    let consultations = consultations("c.office_id = $1 AND $8 = 1", &first_name("c.household_id"));
    let query = windowed(
        db.backend(),
        &format!("{sessions} UNION ALL {consultations}"),
    );
    let rows: String = window
        .bind(sqlx::query_scalar(&query).bind(office_id))
        .bind(i64::from(staff))
        .fetch_one(db.pool())
        .await?;
    Ok(in_order(from_json(&rows)?))
}

/// Whole-day rows get their Tallinn day's bounds; all rows in order of time.
fn in_order(mut rows: Vec<AgendaRow>) -> Vec<AgendaRow> {
    for row in &mut rows {
        let day = row
            .day
            .as_deref()
            .and_then(|d| d.parse::<chrono::NaiveDate>().ok());
        if let Some(span) = day.and_then(crate::domain::schedule::tallinn_day) {
            row.starts_at = span.start;
            row.ends_at = span.end;
        }
    }
    rows.sort_by(|a, b| (a.starts_at, &a.uid).cmp(&(b.starts_at, &b.uid)));
    rows
}

/// A session of an open series by its UID, as the public sees it (no online link).
pub async fn public_session<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    uid: &str,
) -> Result<Option<AgendaRow>, sqlx::Error> {
    let query = format!("{} AND e.uid = $1", public_sessions());
    sqlx::query_as(&query)
        .bind(uid)
        .fetch_optional(executor)
        .await
}

/// When anything in a calendar last changed: the newest `updated_at` among its rows.
pub fn last_change(rows: &[AgendaRow]) -> i64 {
    rows.iter().map(|r| r.updated_at).max().unwrap_or(0)
}

/// Consultation `event_id` as its household sees it, for the invitation mailed with a message.
pub async fn household_consultation<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    event_id: i64,
) -> Result<Option<AgendaRow>, sqlx::Error> {
    sqlx::query_as(&consultations("e.id = $1", COORDINATOR))
        .bind(event_id)
        .fetch_optional(executor)
        .await
}

/// The sessions of series `series_id` that end after `from` (only session `only` when given),
/// as a participant sees them, for the invitation mailed with a sign-up's message.
pub async fn participant_sessions<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    series_id: i64,
    only: Option<i64>,
    from: i64,
) -> Result<Vec<AgendaRow>, sqlx::Error> {
    let side =
        "ss.series_id = $1 AND e.ends_at > $2 AND (CAST($3 AS BIGINT) IS NULL OR e.id = $3) \
                ORDER BY e.starts_at";
    sqlx::query_as(&sessions(side, "'/workshops/' || s.id", OnlineLink::Shown))
        .bind(series_id)
        .bind(from)
        .bind(only)
        .fetch_all(executor)
        .await
}

/// Event `uid` from account `account_id`'s own calendar (as [`personal`] shows it), at any time.
pub async fn personal_event<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    account_id: i64,
    uid: &str,
) -> Result<Option<AgendaRow>, sqlx::Error> {
    static QUERY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let query = QUERY.get_or_init(|| {
        format!(
            "SELECT * FROM ({}) x WHERE uid = $2 LIMIT 1",
            personal_query()
        )
    });
    let row: Option<AgendaRow> = sqlx::query_as(query)
        .bind(account_id)
        .bind(uid)
        .fetch_optional(executor)
        .await?;
    Ok(row.map(|row| in_order(vec![row]).remove(0)))
}

/// Consultation `uid` as its household sees it, for staff who may open its page without being
/// in it: any coordinator, and the support person of the household.
pub async fn staff_consultation<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    account_id: i64,
    uid: &str,
) -> Result<Option<AgendaRow>, sqlx::Error> {
    let side = "e.uid = $2 AND (EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = $1 \
                AND r.role = 'coordinator') OR EXISTS (SELECT 1 FROM assignments a \
                WHERE a.household_id = c.household_id AND a.support_person_id = $1 \
                AND a.status IN ('active', 'extended')))";
    sqlx::query_as(&consultations(side, COORDINATOR))
        .bind(account_id)
        .bind(uid)
        .fetch_optional(executor)
        .await
}
