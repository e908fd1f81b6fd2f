//! Series, their sessions, registrations and the waitlist. Seats are a counter on the series
//! row (`seats_taken`, checked against the capacity by the database); every change to it runs
//! with the series row locked (PostgreSQL `FOR UPDATE`, SQLite's write lock), so sign-ups,
//! cancellations and offers for one series happen one after another, in arrival order.

use super::{now, Backend, Tx};
use crate::domain::workshops::{first_that_fits, NewSeries, Waiting};
use sqlx::{AnyPool, FromRow};

pub const SESSION_KIND: &str = "session";

/// The occupancy resource of a room.
pub fn room(room_id: i64) -> String {
    format!("room:{room_id}")
}

pub async fn activity_codes(pool: &AnyPool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT code FROM activity_types ORDER BY builtin DESC, code")
        .fetch_all(pool)
        .await
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
    let languages = s
        .languages
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(",");
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
            kind: SESSION_KIND,
            span: session.span,
            status: "confirmed",
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
    pub eligibility: String,
    pub drop_in: i64,
    pub auto_book: i64,
    pub offer_hours: i64,
    pub registration_opens: i64,
    pub registration_closes: i64,
    pub cancel_cutoff_hours: i64,
    pub status: String,
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

/// Members of these already signed up (a live registration) for the series.
pub async fn already_signed_up(
    tx: &mut Tx,
    series_id: i64,
    members: &[i64],
) -> Result<Vec<i64>, sqlx::Error> {
    let live: Vec<i64> = sqlx::query_scalar(
        "SELECT member_id FROM registration_people WHERE series_id = $1 AND live = 1",
    )
    .bind(series_id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(members
        .iter()
        .copied()
        .filter(|m| live.contains(m))
        .collect())
}

/// Confirmed, or waiting at this place in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registered {
    Confirmed(i64),
    Waiting(i64),
}

pub struct NewRegistration<'a> {
    pub series_id: i64,
    pub session_id: Option<i64>,
    pub household_id: i64,
    pub members: &'a [i64],
    pub childcare: Option<&'a str>,
    pub booked_by: i64,
    /// When it is made, on the app's clock.
    pub at: i64,
}

/// Takes seats when enough are free, otherwise joins the waitlist. Free seats are never owed to
/// someone waiting: every release offers them to the first waiting request that fits, so those
/// still waiting need more than is free. The caller holds the series lock (`lock_series`).
pub async fn register(
    tx: &mut Tx,
    series: &SeriesRow,
    r: &NewRegistration<'_>,
) -> Result<Registered, sqlx::Error> {
    let seats = r.members.len() as i64;
    let fits = series.seats_taken + seats <= series.capacity;
    if fits {
        sqlx::query("UPDATE series SET seats_taken = seats_taken + $2 WHERE id = $1")
            .bind(series.id)
            .bind(seats)
            .execute(&mut **tx)
            .await?;
    }
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO registrations (series_id, session_id, household_id, booked_by, seats, \
         status, childcare, created_at, updated_at, confirmed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id",
    )
    .bind(series.id)
    .bind(r.session_id)
    .bind(r.household_id)
    .bind(r.booked_by)
    .bind(seats)
    .bind(if fits { "confirmed" } else { "waiting" })
    .bind(r.childcare)
    .bind(at)
    .bind(fits.then_some(r.at))
    .fetch_one(&mut **tx)
    .await?;
    for m in r.members {
        sqlx::query(
            "INSERT INTO registration_people (registration_id, series_id, member_id, live) \
             VALUES ($1, $2, $3, 1)",
        )
        .bind(id)
        .bind(series.id)
        .bind(m)
        .execute(&mut **tx)
        .await?;
    }
    Ok(if fits {
        Registered::Confirmed(id)
    } else {
        Registered::Waiting(id)
    })
}

#[derive(Debug, Clone, FromRow)]
pub struct RegistrationRow {
    pub id: i64,
    pub series_id: i64,
    pub household_id: i64,
    /// The one session of a drop-in sign-up.
    pub session_id: Option<i64>,
    pub booked_by: i64,
    pub seats: i64,
    pub status: String,
    pub offer_expires_at: Option<i64>,
    pub created_at: i64,
}

const REGISTRATIONS: &str = "SELECT id, series_id, household_id, session_id, booked_by, seats, \
     status, offer_expires_at, created_at FROM registrations";

pub async fn registration<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    id: i64,
) -> Result<Option<RegistrationRow>, sqlx::Error> {
    sqlx::query_as(&format!("{REGISTRATIONS} WHERE id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// The waitlist of a series (waiting requests only), in arrival order.
pub async fn waitlist<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    series_id: i64,
) -> Result<Vec<Waiting>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, seats, created_at FROM registrations \
         WHERE series_id = $1 AND status = 'waiting' ORDER BY id",
    )
    .bind(series_id)
    .fetch_all(executor)
    .await?;
    // Ids are handed out in arrival order under the series lock; they order the queue.
    Ok(rows
        .into_iter()
        .map(|(id, seats, _)| Waiting {
            id,
            seats: u32::try_from(seats).unwrap_or(u32::MAX),
            arrived: id,
        })
        .collect())
}

async fn set_registration(
    tx: &mut Tx,
    id: i64,
    status: &str,
    offer_expires_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE registrations SET status = $2, offer_expires_at = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(offer_expires_at)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    if matches!(status, "cancelled" | "expired") {
        sqlx::query("UPDATE registration_people SET live = 0 WHERE registration_id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Gives a registration its seats as of `now_at` (the time a session's roster is read against).
async fn confirm(tx: &mut Tx, id: i64, now_at: i64) -> Result<(), sqlx::Error> {
    set_registration(tx, id, "confirmed", None).await?;
    sqlx::query("UPDATE registrations SET confirmed_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn release_seats(tx: &mut Tx, series_id: i64, seats: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE series SET seats_taken = seats_taken - $2 WHERE id = $1")
        .bind(series_id)
        .bind(seats)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// What happened to the seats a change freed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Nobody,
    Offered(i64),
    Booked(i64),
}

/// Gives free seats to the first waiting request that fits: booked at once when the series
/// books automatically, else offered until `now + offer_hours` (the seats are held meanwhile).
/// Repeats while seats remain and someone fits. The caller holds the series lock.
pub async fn fill_free_seats(
    tx: &mut Tx,
    series: &SeriesRow,
    now_at: i64,
) -> Result<Vec<Next>, sqlx::Error> {
    let mut out = Vec::new();
    let mut taken: i64 = sqlx::query_scalar("SELECT seats_taken FROM series WHERE id = $1")
        .bind(series.id)
        .fetch_one(&mut **tx)
        .await?;
    loop {
        let free = u32::try_from((series.capacity - taken).max(0)).unwrap_or(0);
        let Some(first) = first_that_fits(&waitlist(&mut **tx, series.id).await?, free) else {
            break;
        };
        let seats = i64::from(first.seats);
        sqlx::query("UPDATE series SET seats_taken = seats_taken + $2 WHERE id = $1")
            .bind(series.id)
            .bind(seats)
            .execute(&mut **tx)
            .await?;
        taken += seats;
        if series.auto_book == 1 {
            confirm(tx, first.id, now_at).await?;
            out.push(Next::Booked(first.id));
        } else {
            let expires = now_at + series.offer_hours * 3600;
            set_registration(tx, first.id, "offered", Some(expires)).await?;
            out.push(Next::Offered(first.id));
        }
    }
    Ok(out)
}

/// Cancels a registration; confirmed or offered seats are freed and passed on.
pub async fn cancel(
    tx: &mut Tx,
    series: &SeriesRow,
    reg: &RegistrationRow,
    now_at: i64,
) -> Result<Vec<Next>, sqlx::Error> {
    set_registration(tx, reg.id, "cancelled", None).await?;
    if matches!(reg.status.as_str(), "confirmed" | "offered") {
        release_seats(tx, series.id, reg.seats).await?;
        return fill_free_seats(tx, series, now_at).await;
    }
    Ok(Vec::new())
}

/// Accepts a held offer: the seats it holds become confirmed.
pub async fn accept_offer(
    tx: &mut Tx,
    reg: &RegistrationRow,
    now_at: i64,
) -> Result<(), sqlx::Error> {
    confirm(tx, reg.id, now_at).await
}

/// Ends an offer that ran out, and passes its seats on.
pub async fn expire_offer(
    tx: &mut Tx,
    series: &SeriesRow,
    reg: &RegistrationRow,
    now_at: i64,
) -> Result<Vec<Next>, sqlx::Error> {
    set_registration(tx, reg.id, "expired", None).await?;
    release_seats(tx, series.id, reg.seats).await?;
    fill_free_seats(tx, series, now_at).await
}

/// Offers past their expiry: (registration id, series id).
pub async fn expired_offers(pool: &AnyPool, now_at: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, series_id FROM registrations WHERE status = 'offered' AND offer_expires_at <= $1 \
         ORDER BY offer_expires_at, id",
    )
    .bind(now_at)
    .fetch_all(pool)
    .await
}

/// Counts of a series' registrations: (status, registrations, seats).
pub async fn counts(
    pool: &AnyPool,
    series_id: i64,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT status, COUNT(*), CAST(SUM(seats) AS BIGINT) FROM registrations \
         WHERE series_id = $1 GROUP BY status ORDER BY status",
    )
    .bind(series_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct OpenSeriesRow {
    pub id: i64,
    pub activity: String,
    pub office: String,
    pub capacity: i64,
    pub seats_taken: i64,
    pub languages: String,
    pub eligibility: String,
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

/// Live registrations (confirmed, offered or waiting) for the whole series
/// or for that one session.
pub async fn taking_part(
    tx: &mut Tx,
    series_id: i64,
    session_id: Option<i64>,
) -> Result<Vec<RegistrationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{REGISTRATIONS} WHERE series_id = $1 AND status IN ('confirmed', 'offered', 'waiting') \
         AND (session_id IS NULL OR $2 = 0 OR session_id = $2) ORDER BY id"
    ))
    .bind(series_id)
    .bind(session_id.unwrap_or(0))
    .fetch_all(&mut **tx)
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
        super::calendar::set_status(tx, id, "cancelled").await?;
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

pub async fn add_activity_type(
    tx: &mut Tx,
    t: &crate::domain::workshops::NewActivityType,
) -> Result<(), sqlx::Error> {
    let [n_et, n_en, n_ru, n_uk] = &t.names.0;
    let [d_et, d_en, d_ru, d_uk] = &t.descriptions.0;
    sqlx::query(
        "INSERT INTO activity_types (code, category, builtin, family, name_et, name_en, name_ru, \
         name_uk, description_et, description_en, description_ru, description_uk) \
         VALUES ($1, $2, 0, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&t.code)
    .bind(t.category.code())
    .bind(i64::from(t.family))
    .bind(n_et)
    .bind(n_en)
    .bind(n_ru)
    .bind(n_uk)
    .bind(d_et)
    .bind(d_en)
    .bind(d_ru)
    .bind(d_uk)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}
