//! Lists staff used to copy by hand, written as CSV in the reader's language: the household
//! registry with the list page's filters, and volunteers with their hours. Served by the
//! server's `/households.csv` and `/volunteers.csv`, after its access check.

use super::dashboards::hours_text;
use crate::db::{self, Db};
use crate::domain::report::csv_text;
use crate::domain::HouseholdFilter;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::names::Named;
use leptos_i18n::td_string;

/// The most rows one download holds.
const MAX_ROWS: i64 = 20_000;

pub async fn households(db: &Db, filter: &HouseholdFilter, l: Locale) -> Result<String, AppError> {
    let rows = db::households::search(db.pool(), filter, MAX_ROWS, 0).await?;
    let titles = vec![
        td_string!(l, common.col_name).to_string(),
        td_string!(l, common.field_city).to_string(),
        td_string!(l, households.field_arrival_date).to_string(),
        td_string!(l, households.col_members).to_string(),
        td_string!(l, common.field_status).to_string(),
    ];
    let lines: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| {
            let name = format!(
                "{} {}",
                r.first_name.unwrap_or_default(),
                r.last_name.unwrap_or_default()
            );
            vec![
                name.trim().to_string(),
                r.city,
                r.arrival_date,
                r.member_count.to_string(),
                r.status.name_in(l).to_string(),
            ]
        })
        .collect();
    Ok(csv_text(&titles, &lines))
}

pub async fn volunteers(db: &Db, l: Locale) -> Result<String, AppError> {
    let pool = db.pool();
    let minutes = db::volunteers::logged_minutes(pool).await?;
    let titles = vec![
        td_string!(l, common.col_name).to_string(),
        td_string!(l, common.field_email).to_string(),
        td_string!(l, common.field_status).to_string(),
        td_string!(l, volunteers.field_city_or_online).to_string(),
        td_string!(l, common.field_matches).to_string(),
        td_string!(l, common.col_hours).to_string(),
    ];
    let lines: Vec<Vec<String>> = db::volunteers::list(pool)
        .await?
        .into_iter()
        .map(|v| {
            let spent = minutes
                .iter()
                .find(|(id, _)| *id == v.id)
                .map_or(0, |(_, m)| *m);
            vec![
                v.display_name.clone(),
                v.email.clone(),
                v.status().name_in(l).to_string(),
                v.city.clone().unwrap_or_default(),
                v.busy.to_string(),
                hours_text(spent),
            ]
        })
        .collect();
    Ok(csv_text(&titles, &lines))
}
