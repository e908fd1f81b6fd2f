//! Offices and their rooms. A closed office stays for history but takes nothing new.

use super::{now, Tx};
use crate::domain::consultation::Topic;
use crate::domain::schedule::AgendaKind;
use crate::domain::{ValidOffice, ValidRoom};
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct OfficeRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub address: String,
    pub city: String,
    pub closed_at: Option<i64>,
}

#[derive(Debug, Clone, FromRow)]
pub struct RoomRow {
    pub id: i64,
    pub office_id: i64,
    pub name: String,
    pub capacity: i64,
    pub accessibility: String,
}

const SELECT: &str = "SELECT id, code, name, address, city, closed_at FROM offices";

/// The open offices, where people can book and meet.
pub async fn list(pool: &AnyPool) -> Result<Vec<OfficeRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE closed_at IS NULL ORDER BY id"))
        .fetch_all(pool)
        .await
}

/// Every office, closed ones last, for admins.
pub async fn list_all(pool: &AnyPool) -> Result<Vec<OfficeRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} ORDER BY CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, id"
    ))
    .fetch_all(pool)
    .await
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<OfficeRow>, sqlx::Error> {
    by_id_in(pool, id).await
}

/// As `by_id`, inside a transaction.
pub async fn by_id_in<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    id: i64,
) -> Result<Option<OfficeRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

pub async fn rooms(pool: &AnyPool, office_id: i64) -> Result<Vec<RoomRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, office_id, name, capacity, accessibility FROM rooms WHERE office_id = $1 \
         ORDER BY name",
    )
    .bind(office_id)
    .fetch_all(pool)
    .await
}

/// Whether another office (not `except`) has this name, ignoring case.
pub async fn name_taken(pool: &AnyPool, name: &str, except: i64) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM offices WHERE lower(name) = lower($1) AND id <> $2")
            .bind(name)
            .bind(except)
            .fetch_optional(pool)
            .await?;
    Ok(row.is_some())
}

/// Inserts an office unless one with `code` exists; returns its id.
pub async fn ensure(pool: &AnyPool, code: &str, office: &ValidOffice) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO offices (code, name, address, city, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (code) DO NOTHING",
    )
    .bind(code)
    .bind(&office.name)
    .bind(&office.address)
    .bind(&office.city)
    .bind(now())
    .execute(pool)
    .await?;
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM offices WHERE code = $1")
        .bind(code)
        .fetch_one(pool)
        .await?;
    Ok(id)
}

/// Creates an office under a code made from its name (numbered when taken); `Ok(None)` when an
/// office of that name exists (the unique index decides, also between two admins at once).
pub async fn create(pool: &AnyPool, office: &ValidOffice) -> Result<Option<i64>, sqlx::Error> {
    let base = office.code();
    let mut code = base.clone();
    for n in 2.. {
        let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM offices WHERE code = $1")
            .bind(&code)
            .fetch_optional(pool)
            .await?;
        if taken.is_none() {
            break;
        }
        code = format!("{base}-{n}");
    }
    let inserted = sqlx::query_as::<_, (i64,)>(
        "INSERT INTO offices (code, name, address, city, updated_at) VALUES ($1, $2, $3, $4, $5) \
         RETURNING id",
    )
    .bind(&code)
    .bind(&office.name)
    .bind(&office.address)
    .bind(&office.city)
    .bind(now())
    .fetch_one(pool)
    .await;
    match inserted {
        Ok((id,)) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e),
    }
}

/// False when there is no such office; a name another office has is a unique violation.
pub async fn update(pool: &AnyPool, id: i64, office: &ValidOffice) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE offices SET name = $1, address = $2, city = $3, updated_at = $4 WHERE id = $5",
    )
    .bind(&office.name)
    .bind(&office.address)
    .bind(&office.city)
    .bind(now())
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Locks the office row for a close or reopen (PostgreSQL; SQLite holds its write lock).
pub async fn lock(tx: &mut Tx, id: i64, postgres: bool) -> Result<Option<OfficeRow>, sqlx::Error> {
    let lock = if postgres { " FOR UPDATE" } else { "" };
    sqlx::query_as(&format!("{SELECT} WHERE id = $1{lock}"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
}

/// Closes (`Some(now)`) or reopens (`None`) an office.
pub async fn set_closed(tx: &mut Tx, id: i64, closed_at: Option<i64>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE offices SET closed_at = $1, updated_at = $2 WHERE id = $3")
        .bind(closed_at)
        .bind(now())
        .bind(id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// What keeps an office from closing: a future consultation or workshop session there that is
/// still going ahead.
#[derive(Debug, Clone, FromRow)]
pub struct Blocker {
    /// A consultation or a session.
    pub kind: AgendaKind,
    pub starts_at: i64,
    /// A consultation's topic.
    pub topic: Option<Topic>,
    /// A session's activity code, and its names when an admin added it.
    pub activity: Option<String>,
    pub name_et: Option<String>,
    pub name_en: Option<String>,
    pub name_ru: Option<String>,
    pub name_uk: Option<String>,
    /// The page where it can be moved or cancelled.
    pub link: String,
}

pub async fn blockers<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    office_id: i64,
    now: i64,
) -> Result<Vec<Blocker>, sqlx::Error> {
    sqlx::query_as(
        "SELECT 'consultation' AS kind, e.starts_at, c.topic AS topic, NULL AS activity, \
                NULL AS name_et, NULL AS name_en, NULL AS name_ru, NULL AS name_uk, \
                '/consultations/' || e.id AS link \
         FROM consultations c JOIN events e ON e.id = c.event_id \
         WHERE c.office_id = $1 AND e.ends_at > $2 AND e.status IN ('pending', 'confirmed') \
         UNION ALL \
         SELECT 'session' AS kind, e.starts_at, NULL AS topic, s.activity AS activity, \
                t.name_et, t.name_en, t.name_ru, t.name_uk, '/workshops/' || s.id AS link \
         FROM series_sessions ss JOIN series s ON s.id = ss.series_id \
         JOIN activity_types t ON t.code = s.activity \
         JOIN events e ON e.id = ss.event_id \
         WHERE s.office_id = $1 AND s.status = 'open' AND e.ends_at > $2 \
           AND e.status IN ('pending', 'confirmed') \
         ORDER BY starts_at LIMIT 50",
    )
    .bind(office_id)
    .bind(now)
    .fetch_all(executor)
    .await
}

/// Adds a room; `Ok(None)` when the office already has a room of that name.
pub async fn add_room(
    pool: &AnyPool,
    office_id: i64,
    room: &ValidRoom,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO rooms (office_id, name, capacity, accessibility) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (office_id, name) DO NOTHING RETURNING id",
    )
    .bind(office_id)
    .bind(&room.name)
    .bind(room.capacity)
    .bind(&room.accessibility)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// False when the room is not in that office.
pub async fn remove_room(
    pool: &AnyPool,
    office_id: i64,
    room_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM rooms WHERE id = $1 AND office_id = $2")
        .bind(room_id)
        .bind(office_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// How many open offices have at least one room, and how many office-hour windows exist: the
/// first two steps of a new installation's setup.
pub async fn setup_counts(pool: &AnyPool) -> Result<(i64, i64), sqlx::Error> {
    let (offices,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM offices o WHERE o.closed_at IS NULL \
         AND EXISTS (SELECT 1 FROM rooms r WHERE r.office_id = o.id)",
    )
    .fetch_one(pool)
    .await?;
    let (hours,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM office_hours")
        .fetch_one(pool)
        .await?;
    Ok((offices, hours))
}
