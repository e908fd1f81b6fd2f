//! The directory of country offices abroad, and which partner caseworkers belong to each.

use super::Tx;
use crate::domain::reintegration::ValidCountryOffice;
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct CountryOfficeRow {
    pub id: i64,
    pub country: String,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub languages: String,
    pub working_hours: String,
}

const SELECT: &str = "SELECT id, country, name, address, phone, email, languages, working_hours \
     FROM country_offices";

pub async fn list(pool: &AnyPool) -> Result<Vec<CountryOfficeRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} ORDER BY country, name"))
        .fetch_all(pool)
        .await
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<CountryOfficeRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Another office already has this name.
pub async fn name_taken(pool: &AnyPool, name: &str, except: i64) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM country_offices WHERE name = $1 AND id <> $2")
            .bind(name)
            .bind(except)
            .fetch_optional(pool)
            .await?;
    Ok(row.is_some())
}

pub async fn create(
    tx: &mut Tx,
    office: &ValidCountryOffice,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO country_offices (country, name, address, phone, email, languages, \
         working_hours, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         RETURNING id",
    )
    .bind(&office.country)
    .bind(&office.name)
    .bind(&office.address)
    .bind(&office.phone)
    .bind(office.email.as_str())
    .bind(&office.languages)
    .bind(&office.working_hours)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

pub async fn update(
    tx: &mut Tx,
    id: i64,
    office: &ValidCountryOffice,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE country_offices SET country = $1, name = $2, address = $3, phone = $4, \
         email = $5, languages = $6, working_hours = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(&office.country)
    .bind(&office.name)
    .bind(&office.address)
    .bind(&office.phone)
    .bind(office.email.as_str())
    .bind(&office.languages)
    .bind(&office.working_hours)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The country office a partner caseworker works for.
pub async fn of_account(pool: &AnyPool, account: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT country_office_id FROM country_office_staff WHERE account_id = $1")
        .bind(account)
        .fetch_optional(pool)
        .await
}

/// The caseworkers of an office: (account id, name, email, active).
pub async fn staff(
    pool: &AnyPool,
    office: i64,
) -> Result<Vec<(i64, String, String, bool)>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT a.id, a.display_name, a.email, a.active FROM country_office_staff s \
         JOIN accounts a ON a.id = s.account_id WHERE s.country_office_id = $1 \
         ORDER BY a.display_name, a.id",
    )
    .bind(office)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, email, active)| (id, name, email, active == 1))
        .collect())
}

/// Active partner caseworkers, with the office each works for if any: (id, name, office).
pub async fn caseworkers(pool: &AnyPool) -> Result<Vec<(i64, String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.display_name, s.country_office_id FROM accounts a \
         JOIN account_roles r ON r.account_id = a.id AND r.role = 'partner_caseworker' \
         LEFT JOIN country_office_staff s ON s.account_id = a.id \
         WHERE a.active = 1 ORDER BY a.display_name, a.id",
    )
    .fetch_all(pool)
    .await
}

/// Puts a caseworker at an office (moving them from any other).
pub async fn attach(tx: &mut Tx, office: i64, account: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM country_office_staff WHERE account_id = $1")
        .bind(account)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO country_office_staff (account_id, country_office_id) VALUES ($1, $2)")
        .bind(account)
        .bind(office)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Takes a caseworker off an office; false when they were not there.
pub async fn detach(tx: &mut Tx, office: i64, account: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM country_office_staff WHERE account_id = $1 AND country_office_id = $2",
    )
    .bind(account)
    .bind(office)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct SupplierRow {
    pub id: i64,
    pub name: String,
    pub registration_no: String,
    pub contact: String,
    pub bank_details: String,
}

/// An office's suppliers, by name.
pub async fn suppliers(pool: &AnyPool, office: i64) -> Result<Vec<SupplierRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, registration_no, contact, bank_details FROM suppliers \
         WHERE country_office_id = $1 ORDER BY name, id",
    )
    .bind(office)
    .fetch_all(pool)
    .await
}

/// Adds a supplier (`id` 0) or saves one of the office's; the new or saved id, None when the
/// office has no such supplier.
pub async fn save_supplier(
    tx: &mut Tx,
    office: i64,
    id: i64,
    supplier: &crate::domain::reintegration::ValidSupplier,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    if id == 0 {
        return sqlx::query_scalar(
            "INSERT INTO suppliers (country_office_id, name, registration_no, contact, \
             bank_details, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) \
             RETURNING id",
        )
        .bind(office)
        .bind(&supplier.name)
        .bind(&supplier.registration_no)
        .bind(&supplier.contact)
        .bind(&supplier.bank_details)
        .bind(now)
        .fetch_one(&mut **tx)
        .await
        .map(Some);
    }
    let done = sqlx::query(
        "UPDATE suppliers SET name = $1, registration_no = $2, contact = $3, bank_details = $4, \
         updated_at = $5 WHERE id = $6 AND country_office_id = $7",
    )
    .bind(&supplier.name)
    .bind(&supplier.registration_no)
    .bind(&supplier.contact)
    .bind(&supplier.bank_details)
    .bind(now)
    .bind(id)
    .bind(office)
    .execute(&mut **tx)
    .await?;
    Ok((done.rows_affected() == 1).then_some(id))
}
