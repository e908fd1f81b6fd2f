//! Seats of a series: sign-ups, the waitlist, offers and their expiry. Seats are a counter on
//! the series row (`seats_taken`, checked against the capacity by the database); every change
//! runs with the series row locked (`workshops::lock_series`: PostgreSQL `FOR UPDATE`, SQLite's
//! write lock), so sign-ups, cancellations and offers for one series happen one after another,
//! in arrival order.

use super::workshops::SeriesRow;
use super::{now, Tx};
use crate::domain::workshops::RegistrationStatus;
use crate::domain::workshops::{first_that_fits, Waiting};
use sqlx::{AnyPool, FromRow};

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
    pub status: RegistrationStatus,
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

pub(super) async fn set_registration(
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
    if matches!(
        reg.status,
        RegistrationStatus::Confirmed | RegistrationStatus::Offered
    ) {
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
