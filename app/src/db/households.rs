//! Households, their members, languages and consents.

use super::{like_pattern, now, Tx};
use crate::domain::{Channel, Gender, HouseholdStatus, Language, Level};
use crate::domain::{ConsentPurpose, HouseholdFilter, NewConsent, NewHousehold, NewMember};
use chrono::NaiveDate;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyPool, FromRow, Row};

#[derive(Debug, Clone, FromRow)]
pub struct HouseholdRow {
    pub id: i64,
    pub city: String,
    pub arrival_date: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub channel: Channel,
    pub needs: Option<String>,
    pub notes: Option<String>,
    pub status: HouseholdStatus,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the household was anonymised; its record is then read-only.
    pub erased_at: Option<i64>,
}

#[derive(Debug, Clone, FromRow)]
pub struct MemberRow {
    pub id: i64,
    pub household_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub gender: Gender,
}

#[derive(Debug, Clone, FromRow)]
pub struct LanguageRow {
    pub member_id: i64,
    pub language: Language,
    pub level: Level,
}

#[derive(Debug, Clone, FromRow)]
pub struct ConsentRow {
    pub id: i64,
    pub purpose: ConsentPurpose,
    pub given_on: String,
    pub recorded_by: String,
    pub recorded_at: i64,
    pub withdrawn_on: Option<String>,
    pub withdrawn_by: Option<String>,
}

/// One line of the household list: the household and its first member's name.
#[derive(Debug, Clone, FromRow)]
pub struct ListRow {
    pub id: i64,
    pub city: String,
    pub arrival_date: String,
    pub status: HouseholdStatus,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub member_count: i64,
    /// The first member's, to tell two people of the same name apart.
    pub date_of_birth: Option<String>,
    pub phone: Option<String>,
}

const HOUSEHOLD_COLUMNS: &str = "id, city, arrival_date, phone, email, channel, needs, notes, \
     status, created_at, updated_at, erased_at";

/// Binds the household's fields, in the column order both statements below use ($1 to $8).
fn bind_household<'q>(
    query: Query<'q, Any, AnyArguments<'q>>,
    household: &'q NewHousehold,
) -> Query<'q, Any, AnyArguments<'q>> {
    query
        .bind(&household.city)
        .bind(household.arrival_date.to_string())
        .bind(household.phone.as_deref())
        .bind(household.email.as_ref().map(|e| e.as_str()))
        .bind(household.channel.code())
        .bind(household.needs.as_deref())
        .bind(household.notes.as_deref())
        .bind(household.status.code())
}

pub async fn create(
    tx: &mut Tx,
    household: &NewHousehold,
    created_by: i64,
) -> Result<i64, sqlx::Error> {
    let query = sqlx::query(
        "INSERT INTO households (city, arrival_date, phone, email, channel, needs, notes, status, \
         created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    );
    let row = bind_household(query, household)
        .bind(created_by)
        .bind(now())
        .fetch_one(&mut **tx)
        .await?;
    row.try_get("id")
}

/// False when there is no such household.
pub async fn update(tx: &mut Tx, id: i64, household: &NewHousehold) -> Result<bool, sqlx::Error> {
    let query = sqlx::query(
        "UPDATE households SET city = $1, arrival_date = $2, phone = $3, email = $4, channel = $5, \
         needs = $6, notes = $7, status = $8, updated_at = $9, \
         closed_at = CASE WHEN $8 = 'closed' THEN COALESCE(closed_at, $9) ELSE NULL END \
         WHERE id = $10 AND erased_at IS NULL",
    );
    let done = bind_household(query, household)
        .bind(now())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn add_member(
    tx: &mut Tx,
    household_id: i64,
    member: &NewMember,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO members (household_id, first_name, last_name, date_of_birth, gender, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(household_id)
    .bind(&member.first_name)
    .bind(&member.last_name)
    .bind(member.date_of_birth.to_string())
    .bind(member.gender.code())
    .bind(now())
    .fetch_one(&mut **tx)
    .await?;
    for p in &member.languages {
        sqlx::query(
            "INSERT INTO member_languages (member_id, language, level) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(p.language.code())
        .bind(p.level.code())
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// Links a member to the account through which they log in themselves.
/// Ties a login to a member who has none; false when the member has one already.
pub async fn link_account(
    tx: &mut Tx,
    member_id: i64,
    account_id: i64,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE members SET account_id = $1 WHERE id = $2 AND account_id IS NULL")
            .bind(account_id)
            .bind(member_id)
            .execute(&mut **tx)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Unties the login of a member of the household; false when there was none.
pub async fn unlink_account(
    tx: &mut Tx,
    household_id: i64,
    member_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE members SET account_id = NULL WHERE id = $1 AND household_id = $2 \
         AND account_id IS NOT NULL",
    )
    .bind(member_id)
    .bind(household_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The login of a member: (account id, email, active).
pub async fn member_account(
    pool: &AnyPool,
    member_id: i64,
) -> Result<Option<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.email, a.active FROM members m JOIN accounts a ON a.id = m.account_id \
         WHERE m.id = $1",
    )
    .bind(member_id)
    .fetch_optional(pool)
    .await
}

/// The logins of a household's members: (member id, email, active).
pub async fn member_logins(
    pool: &AnyPool,
    household_id: i64,
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.id, a.email, a.active FROM members m JOIN accounts a ON a.id = m.account_id \
         WHERE m.household_id = $1",
    )
    .bind(household_id)
    .fetch_all(pool)
    .await
}

/// Rewrites the search text (`domain::search_key`) from the household's current members and
/// contacts. Folding happens here, in Rust: SQLite's `lower()` only folds ASCII, and neither
/// database transliterates.
/// The way `search_text` is written; households written an older way are rewritten at start.
pub const SEARCH_VERSION: i64 = 3;

/// Rewrites the search text of every household written an older way.
pub async fn refresh_old_search_texts(pool: &AnyPool) -> Result<u64, sqlx::Error> {
    let ids: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM households WHERE search_version < $1 AND erased_at IS NULL")
            .bind(SEARCH_VERSION)
            .fetch_all(pool)
            .await?;
    for (id,) in &ids {
        let mut tx = pool.begin().await?;
        refresh_search_text(&mut tx, *id).await?;
        tx.commit().await?;
    }
    Ok(ids.len() as u64)
}

pub async fn refresh_search_text(tx: &mut Tx, household_id: i64) -> Result<(), sqlx::Error> {
    let (city, phone, email): (String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT city, phone, email FROM households WHERE id = $1")
            .bind(household_id)
            .fetch_one(&mut **tx)
            .await?;
    let names: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT first_name, last_name, date_of_birth FROM members WHERE household_id = $1",
    )
    .bind(household_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut text = String::new();
    for (first, last, born) in names {
        text.push_str(&format!("{first} {last} {born} | "));
    }
    text.push_str(&city);
    // The phone also as bare digits: people type `5123 4567`, `51234567` or `+372 5123…`.
    let digits = phone
        .as_deref()
        .map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>());
    for contact in [phone, digits, email].into_iter().flatten() {
        text.push_str(" | ");
        text.push_str(&contact);
    }
    sqlx::query("UPDATE households SET search_text = $1, search_version = $3 WHERE id = $2")
        .bind(crate::domain::search_key(&text))
        .bind(household_id)
        .bind(SEARCH_VERSION)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<HouseholdRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {HOUSEHOLD_COLUMNS} FROM households WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
}

pub async fn members(pool: &AnyPool, household_id: i64) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, household_id, first_name, last_name, date_of_birth, gender FROM members \
         WHERE household_id = $1 ORDER BY id",
    )
    .bind(household_id)
    .fetch_all(pool)
    .await
}

pub async fn languages(pool: &AnyPool, household_id: i64) -> Result<Vec<LanguageRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.member_id, l.language, l.level FROM member_languages l \
         JOIN members m ON m.id = l.member_id WHERE m.household_id = $1 ORDER BY l.language",
    )
    .bind(household_id)
    .fetch_all(pool)
    .await
}

pub async fn consents(pool: &AnyPool, household_id: i64) -> Result<Vec<ConsentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.purpose, c.given_on, a.display_name AS recorded_by, c.recorded_at, \
         c.withdrawn_on, w.display_name AS withdrawn_by \
         FROM consents c JOIN accounts a ON a.id = c.recorded_by \
         LEFT JOIN accounts w ON w.id = c.withdrawn_by \
         WHERE c.household_id = $1 ORDER BY c.id DESC",
    )
    .bind(household_id)
    .fetch_all(pool)
    .await
}

/// Marks one of the household's consents withdrawn as of `on` (a date); false when there is no
/// such consent or it was already withdrawn.
pub async fn withdraw_consent(
    tx: &mut Tx,
    household_id: i64,
    consent_id: i64,
    on: NaiveDate,
    by: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE consents SET withdrawn_on = $1, withdrawn_by = $2, withdrawn_at = $3 \
         WHERE id = $4 AND household_id = $5 AND withdrawn_on IS NULL",
    )
    .bind(on.to_string())
    .bind(by)
    .bind(now())
    .bind(consent_id)
    .bind(household_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether the household withdrew its consent for `purpose` and has not given it again.
pub async fn consent_withdrawn(
    tx: &mut Tx,
    household_id: i64,
    purpose: ConsentPurpose,
) -> Result<bool, sqlx::Error> {
    let (withdrawn, given): (i64, i64) = sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM consents WHERE household_id = $1 AND purpose = $2 \
              AND withdrawn_on IS NOT NULL), \
           (SELECT COUNT(*) FROM consents WHERE household_id = $1 AND purpose = $2 \
              AND withdrawn_on IS NULL)",
    )
    .bind(household_id)
    .bind(purpose.code())
    .fetch_one(&mut **tx)
    .await?;
    Ok(withdrawn > 0 && given == 0)
}

pub async fn record_consent(
    tx: &mut Tx,
    household_id: i64,
    consent: &NewConsent,
    recorded_by: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO consents (household_id, purpose, given_on, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(household_id)
    .bind(consent.purpose.code())
    .bind(consent.given_on.to_string())
    .bind(recorded_by)
    .bind(now())
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Whether the household is there and still holds its data: an erased one takes no new
/// members, consents, support persons or logins.
pub async fn exists_unerased(tx: &mut Tx, id: i64) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM households WHERE id = $1 AND erased_at IS NULL")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.is_some())
}

/// Whether the household's data was erased.
pub async fn is_erased(pool: &AnyPool, id: i64) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM households WHERE id = $1 AND erased_at IS NOT NULL")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    Ok(row.is_some())
}

/// The household list, newest arrivals first, at most `limit` rows.
/// The list's filters; each is "no filter" when its parameter is NULL, so one statement serves
/// all.
const LIST_COLUMNS: &str = "SELECT h.id, h.city, h.arrival_date, h.status, h.phone, \
       (SELECT m.first_name FROM members m WHERE m.household_id = h.id ORDER BY m.id LIMIT 1) AS first_name, \
       (SELECT m.last_name FROM members m WHERE m.household_id = h.id ORDER BY m.id LIMIT 1) AS last_name, \
       (SELECT m.date_of_birth FROM members m WHERE m.household_id = h.id ORDER BY m.id LIMIT 1) AS date_of_birth, \
       (SELECT COUNT(*) FROM members m WHERE m.household_id = h.id) AS member_count";

/// One active household as a list row (a choice kept while staff search for another).
pub async fn active_row(pool: &AnyPool, id: i64) -> Result<Option<ListRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{LIST_COLUMNS} FROM households h WHERE h.id = $1 AND h.status = 'active'"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
}

const LIST_FILTER: &str = "WHERE ($1 IS NULL OR h.search_text LIKE $1 ESCAPE '\\') \
       AND ($2 IS NULL OR h.city = $2) \
       AND ($3 IS NULL OR EXISTS (SELECT 1 FROM member_languages l JOIN members m ON m.id = l.member_id \
                                 WHERE m.household_id = h.id AND l.language = $3)) \
       AND ($4 IS NULL OR h.status = $4)";

fn bind_filter<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    filter: &'q HouseholdFilter,
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    query
        .bind(
            filter
                .text
                .as_deref()
                .map(|t| like_pattern(&crate::domain::search_key(t))),
        )
        .bind(filter.city.as_deref())
        .bind(filter.language.map(|l| l.code()))
        .bind(filter.status.map(|s| s.code()))
}

/// One page of the households that pass `filter`, newest arrivals first.
pub async fn search(
    pool: &AnyPool,
    filter: &HouseholdFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<ListRow>, sqlx::Error> {
    let sql = format!(
        "{LIST_COLUMNS} FROM households h {LIST_FILTER} \
         ORDER BY h.arrival_date DESC, h.id DESC LIMIT $5 OFFSET $6"
    );
    bind_filter(sqlx::query_as(&sql), filter)
        .bind(limit)
        .bind(offset)
        .fetch_all(pool)
        .await
}

/// How many households pass `filter`.
pub async fn search_count(pool: &AnyPool, filter: &HouseholdFilter) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT COUNT(*) FROM households h {LIST_FILTER}");
    let (n,): (i64,) = bind_filter(sqlx::query_as(&sql), filter)
        .fetch_one(pool)
        .await?;
    Ok(n)
}

/// Distinct cities, for the list's filter.
pub async fn cities(pool: &AnyPool) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT DISTINCT city FROM households ORDER BY city")
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}

pub async fn count(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM households")
        .fetch_one(pool)
        .await?;
    Ok(n)
}

/// The household of the member who logs in with `account_id` (a beneficiary).
pub async fn of_account(pool: &AnyPool, account_id: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT household_id FROM members WHERE account_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id,)| id))
}
