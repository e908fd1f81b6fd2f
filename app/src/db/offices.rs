//! Offices and their rooms.

use super::now;
use crate::domain::{ValidOffice, ValidRoom};
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct OfficeRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub address: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct RoomRow {
    pub id: i64,
    pub office_id: i64,
    pub name: String,
    pub capacity: i64,
}

pub async fn list(pool: &AnyPool) -> Result<Vec<OfficeRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, code, name, address FROM offices ORDER BY id")
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
    sqlx::query_as("SELECT id, code, name, address FROM offices WHERE id = $1")
        .bind(id)
        .fetch_optional(executor)
        .await
}

pub async fn rooms(pool: &AnyPool, office_id: i64) -> Result<Vec<RoomRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, office_id, name, capacity FROM rooms WHERE office_id = $1 ORDER BY name",
    )
    .bind(office_id)
    .fetch_all(pool)
    .await
}

/// Inserts an office unless one with `code` exists; returns its id.
pub async fn ensure(pool: &AnyPool, code: &str, office: &ValidOffice) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO offices (code, name, address, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (code) DO NOTHING",
    )
    .bind(code)
    .bind(&office.name)
    .bind(&office.address)
    .bind(now())
    .execute(pool)
    .await?;
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM offices WHERE code = $1")
        .bind(code)
        .fetch_one(pool)
        .await?;
    Ok(id)
}

/// False when there is no such office.
pub async fn update(pool: &AnyPool, id: i64, office: &ValidOffice) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE offices SET name = $1, address = $2, updated_at = $3 WHERE id = $4")
            .bind(&office.name)
            .bind(&office.address)
            .bind(now())
            .bind(id)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds a room; `Ok(None)` when the office already has a room of that name.
pub async fn add_room(
    pool: &AnyPool,
    office_id: i64,
    room: &ValidRoom,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO rooms (office_id, name, capacity) VALUES ($1, $2, $3) \
         ON CONFLICT (office_id, name) DO NOTHING RETURNING id",
    )
    .bind(office_id)
    .bind(&room.name)
    .bind(room.capacity)
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
