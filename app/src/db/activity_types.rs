//! Activity types: the built-in ones (named in the locale files) and those an admin adds with
//! their names and descriptions in the four interface languages.

use super::Tx;
use sqlx::{AnyPool, FromRow};

/// Every type's code, the built-in ones first.
pub async fn activity_codes(pool: &AnyPool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT code FROM activity_types ORDER BY builtin DESC, code")
        .fetch_all(pool)
        .await
}

/// Whether a type is for whole families (several people per sign-up) or for one person.
pub async fn is_family(tx: &mut Tx, code: &str) -> Result<bool, sqlx::Error> {
    let family: i64 = sqlx::query_scalar("SELECT family FROM activity_types WHERE code = $1")
        .bind(code)
        .fetch_one(&mut **tx)
        .await?;
    Ok(family == 1)
}

/// An admin's own type's names in et, en, ru and uk; `None` for a built-in type.
pub type Names = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

pub async fn custom_names(tx: &mut Tx, code: &str) -> Result<Option<Names>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name_et, name_en, name_ru, name_uk FROM activity_types \
         WHERE code = $1 AND builtin = 0",
    )
    .bind(code)
    .fetch_optional(&mut **tx)
    .await
}

/// Activity types an admin added: code, category, family, names and descriptions (et, en, ru, uk).
#[derive(Debug, Clone, FromRow)]
pub struct CustomTypeRow {
    pub code: String,
    pub name_et: Option<String>,
    pub name_en: Option<String>,
    pub name_ru: Option<String>,
    pub name_uk: Option<String>,
    pub description_et: Option<String>,
    pub description_en: Option<String>,
    pub description_ru: Option<String>,
    pub description_uk: Option<String>,
}

pub async fn custom_types(pool: &AnyPool) -> Result<Vec<CustomTypeRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT code, name_et, name_en, name_ru, name_uk, description_et, description_en, \
         description_ru, description_uk FROM activity_types WHERE builtin = 0 ORDER BY code",
    )
    .fetch_all(pool)
    .await
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
