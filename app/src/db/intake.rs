//! Contact and self-referral requests, and what coordinators do with them.

use super::Tx;
use crate::domain::intake::NewIntake;
use crate::domain::{Channel, HelpKind, IntakeOutcome, IntakeStatus, InterfaceLanguage, Requester};
use sqlx::{AnyPool, FromRow, Row};

#[derive(Debug, Clone, FromRow)]
pub struct IntakeRow {
    pub id: i64,
    pub requester: Requester,
    pub name: String,
    pub organisation: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub channel: Channel,
    pub language: InterfaceLanguage,
    pub city: String,
    pub office_id: Option<i64>,
    pub office_name: Option<String>,
    pub help: HelpKind,
    pub message: String,
    pub status: IntakeStatus,
    pub taken_by_name: Option<String>,
    pub taken_at: Option<i64>,
    pub contact_note: Option<String>,
    pub contacted_at: Option<i64>,
    pub outcome: Option<IntakeOutcome>,
    pub close_note: Option<String>,
    pub household_id: Option<i64>,
    pub closed_by_name: Option<String>,
    pub closed_at: Option<i64>,
    pub created_at: i64,
    pub erased_at: Option<i64>,
}

const SELECT: &str = "SELECT r.id, r.requester, r.name, r.organisation, r.phone, r.email, \
     r.channel, r.language, r.city, r.office_id, o.name AS office_name, r.help, r.message, \
     r.status, t.display_name AS taken_by_name, r.taken_at, r.contact_note, r.contacted_at, \
     r.outcome, r.close_note, r.household_id, c.display_name AS closed_by_name, r.closed_at, \
     r.created_at, r.erased_at \
     FROM intake_requests r \
     LEFT JOIN offices o ON o.id = r.office_id \
     LEFT JOIN accounts t ON t.id = r.taken_by \
     LEFT JOIN accounts c ON c.id = r.closed_by";

pub async fn create(tx: &mut Tx, new: &NewIntake, now: i64) -> Result<i64, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO intake_requests (requester, name, organisation, phone, email, channel, \
         language, city, office_id, help, message, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'new', $12) RETURNING id",
    )
    .bind(new.requester.code())
    .bind(&new.name)
    .bind(new.organisation.as_deref())
    .bind(new.phone.as_deref())
    .bind(new.email.as_ref().map(|e| e.as_str()))
    .bind(new.channel.code())
    .bind(new.language.code())
    .bind(&new.city)
    .bind(new.office_id)
    .bind(new.help.code())
    .bind(&new.message)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    row.try_get("id")
}

/// Open requests (new and in progress), oldest first, optionally of one office (`Some(0)`:
/// those that named no office).
pub async fn open(pool: &AnyPool, office: Option<i64>) -> Result<Vec<IntakeRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT} WHERE r.status <> 'closed' \
         AND ($1 IS NULL OR COALESCE(r.office_id, 0) = $1) ORDER BY r.created_at, r.id"
    );
    sqlx::query_as(&sql).bind(office).fetch_all(pool).await
}

/// Requests closed in the last `since` seconds, newest first.
pub async fn recently_closed(
    pool: &AnyPool,
    since: i64,
    limit: i64,
) -> Result<Vec<IntakeRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE r.status = 'closed' AND r.closed_at >= $1 ORDER BY r.closed_at DESC, r.id DESC LIMIT $2");
    sqlx::query_as(&sql)
        .bind(since)
        .bind(limit)
        .fetch_all(pool)
        .await
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<IntakeRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE r.id = $1");
    sqlx::query_as(&sql).bind(id).fetch_optional(pool).await
}

/// The request linked to a household, if it came through the form.
pub async fn of_household(pool: &AnyPool, household: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM intake_requests WHERE household_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(household)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Takes an open request for `account`; false when it is closed (or gone).
pub async fn take(tx: &mut Tx, id: i64, account: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE intake_requests SET status = 'taken', taken_by = $1, taken_at = $2 \
         WHERE id = $3 AND status <> 'closed'",
    )
    .bind(account)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the contact made (and takes the request, if nobody had); false when closed.
pub async fn note_contact(
    tx: &mut Tx,
    id: i64,
    account: i64,
    note: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE intake_requests SET contact_note = $1, contacted_at = $2, status = 'taken', \
         taken_by = COALESCE(taken_by, $3), taken_at = COALESCE(taken_at, $2) \
         WHERE id = $4 AND status <> 'closed'",
    )
    .bind(note)
    .bind(now)
    .bind(account)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes an open request with `outcome` (and the household registered from it); false when it
/// was already closed.
pub async fn close(
    tx: &mut Tx,
    id: i64,
    account: i64,
    outcome: IntakeOutcome,
    note: Option<&str>,
    household: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE intake_requests SET status = 'closed', outcome = $1, close_note = $2, \
         household_id = $3, closed_by = $4, closed_at = $5, \
         taken_by = COALESCE(taken_by, $4), taken_at = COALESCE(taken_at, $5) \
         WHERE id = $6 AND status <> 'closed'",
    )
    .bind(outcome.code())
    .bind(note)
    .bind(household)
    .bind(account)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// When each open request arrived (for the counts on the coordinators' overview).
pub async fn open_arrivals(pool: &AnyPool) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT created_at FROM intake_requests WHERE status <> 'closed'")
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|(at,)| at).collect())
}

/// Blanks the personal fields of requests closed before `closed_before` (kind, outcome and
/// dates stay for the report). Returns how many.
pub async fn erase_closed(
    pool: &AnyPool,
    closed_before: i64,
    now: i64,
) -> Result<u64, sqlx::Error> {
    sqlx::query(
        "UPDATE intake_requests SET name = '', organisation = NULL, phone = NULL, email = NULL, \
         city = '', message = '', contact_note = NULL, close_note = NULL, erased_at = $1 \
         WHERE status = 'closed' AND closed_at < $2 AND erased_at IS NULL",
    )
    .bind(now)
    .bind(closed_before)
    .execute(pool)
    .await
    .map(|r| r.rows_affected())
}
