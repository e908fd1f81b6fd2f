//! `/households.csv` (with the list page's filters), `/volunteers.csv`,
//! `/workshops/{id}/roster.csv` and `/reception.csv?office=&date=`: the lists as CSV
//! (`tugi_app::api::list_export`), for whom the pages are. Exports of people are audited.

use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tugi_app::api::dates::reader_of;
use tugi_app::api::list_export;
use tugi_app::db;
use tugi_app::domain::{access, AuditAction, AuditSubject, HouseholdFilter};
use tugi_app::error::AppError;

fn answer(result: Result<(&'static str, String), AppError>) -> Response {
    match result {
        Ok((name, csv)) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                        .unwrap_or(HeaderValue::from_static("attachment")),
                ),
            ],
            csv,
        )
            .into_response(),
        Err(error) => (error.status_code(), error.to_string()).into_response(),
    }
}

#[derive(Deserialize)]
pub struct HouseholdQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    status: String,
}

pub async fn households_csv(
    State(state): State<AppState>,
    Query(query): Query<HouseholdQuery>,
    headers: HeaderMap,
) -> Response {
    answer(households(&state, &query, &headers).await)
}

async fn households(
    state: &AppState,
    query: &HouseholdQuery,
    headers: &HeaderMap,
) -> Result<(&'static str, String), AppError> {
    let account = super::calendar::account_with_role(state, headers, access::HOUSEHOLDS).await?;
    let db = &state.ctx.db;
    let filter = HouseholdFilter::from_query(&query.q, &query.city, &query.language, &query.status);
    let csv = list_export::households(db, &filter, reader_of(headers)).await?;
    db::audit::read(
        db.pool(),
        account,
        AuditAction::HouseholdsSearch,
        AuditSubject::Household,
        None,
        Some("csv"),
    )
    .await?;
    Ok(("tugi-households.csv", csv))
}

pub async fn volunteers_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    answer(volunteers(&state, &headers).await)
}

async fn volunteers(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(&'static str, String), AppError> {
    super::calendar::account_with_role(state, headers, access::VOLUNTEERS).await?;
    let csv = list_export::volunteers(&state.ctx.db, reader_of(headers)).await?;
    Ok(("tugi-volunteers.csv", csv))
}

pub async fn roster_csv(
    State(state): State<AppState>,
    Path(series): Path<i64>,
    headers: HeaderMap,
) -> Response {
    answer(roster(&state, series, &headers).await)
}

async fn roster(
    state: &AppState,
    series: i64,
    headers: &HeaderMap,
) -> Result<(&'static str, String), AppError> {
    let account =
        super::calendar::account_with_role(state, headers, access::WORKSHOP_STAFF).await?;
    let csv =
        list_export::series_roster(&state.ctx.db, account, series, reader_of(headers)).await?;
    Ok(("tugi-roster.csv", csv))
}

#[derive(Deserialize)]
pub struct DayQuery {
    office: i64,
    date: String,
}

pub async fn reception_csv(
    State(state): State<AppState>,
    Query(query): Query<DayQuery>,
    headers: HeaderMap,
) -> Response {
    answer(reception(&state, &query, &headers).await)
}

async fn reception(
    state: &AppState,
    query: &DayQuery,
    headers: &HeaderMap,
) -> Result<(&'static str, String), AppError> {
    let account = super::calendar::account_with_role(state, headers, access::RECEPTION).await?;
    let csv = list_export::reception_day(
        &state.ctx.db,
        account,
        query.office,
        &query.date,
        reader_of(headers),
    )
    .await?;
    Ok(("tugi-reception-day.csv", csv))
}
