//! `/reports.csv?from=&to=&office=&table=`: one table of the delivery report as CSV, for
//! coordinators and admins, in the reader's language. The download is audited.

use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tugi_app::api::dates::reader_of;
use tugi_app::api::report::{build, parse_request};
use tugi_app::db;
use tugi_app::domain::report::csv_text;
use tugi_app::domain::{access, AuditAction, AuditSubject};
use tugi_app::error::AppError;

#[derive(Deserialize)]
pub struct ReportQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    office: String,
    #[serde(default)]
    table: String,
}

pub async fn report_csv(
    State(state): State<AppState>,
    Query(query): Query<ReportQuery>,
    headers: HeaderMap,
) -> Response {
    match export(&state, &query, &headers).await {
        Ok((name, csv)) => {
            let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                .unwrap_or(HeaderValue::from_static("attachment"));
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/csv; charset=utf-8"),
                    ),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                csv,
            )
                .into_response()
        }
        Err(error) => (error.status_code(), error.to_string()).into_response(),
    }
}

async fn export(
    state: &AppState,
    query: &ReportQuery,
    headers: &HeaderMap,
) -> Result<(String, String), AppError> {
    let db = &state.ctx.db;
    let account = super::calendar::account_with_role(state, headers, access::REPORTS).await?;
    let today = tugi_app::domain::schedule::tallinn_wall_clock(state.ctx.clock.now())
        .map(|(date, _)| date)
        .unwrap_or_default();
    let (period, office) = parse_request(&query.from, &query.to, &query.office, today)?;
    let report = build(db, period, office, reader_of(headers)).await?;
    let table = report
        .tables
        .into_iter()
        .find(|t| t.id == query.table)
        .ok_or(AppError::NotFound)?;
    db::audit::record(
        db.pool(),
        account,
        AuditAction::ReportExport,
        AuditSubject::Report,
        0,
    )
    .await?;
    // The funder's acknowledgement follows the figures, after an empty row, as on the page.
    let reader = reader_of(headers);
    let width = table.headers.len();
    let mut rows = table.rows;
    let mut acknowledgement = vec![String::new(); width];
    rows.push(acknowledgement.clone());
    acknowledgement[0] = tugi_app::api::funder::acknowledgement(db, reader).await?;
    rows.push(acknowledgement);
    let name = format!("tugi-{}-{}-{}.csv", table.id, report.from, report.to);
    Ok((name, csv_text(&table.headers, &rows)))
}
