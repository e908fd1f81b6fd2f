//! Routes that are not pages: health, language switch, calendar files, static files.

mod audit_export;
mod calendar;
mod calendar_follow;
mod data_export;
pub mod failure_page;
mod health;
mod language;
mod list_export;
mod report_export;
pub mod status;

use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use tower_http::services::ServeDir;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/admin/audit.csv", get(audit_export::audit_csv))
        .route("/reports.csv", get(report_export::report_csv))
        .route("/households.csv", get(list_export::households_csv))
        .route("/volunteers.csv", get(list_export::volunteers_csv))
        .route("/workshops/{id}/roster.csv", get(list_export::roster_csv))
        .route("/reception.csv", get(list_export::reception_csv))
        .route(
            "/households/{id}/data.json",
            get(data_export::household_json),
        )
        .route("/my-data.json", get(data_export::own_json))
        .route(
            "/lang/{code}",
            get(language::by_link).post(language::choose),
        )
        .route("/calendar/feed/{file}", get(calendar::personal_feed))
        .route("/calendar/offices/{file}", get(calendar::office_feed))
        .route("/calendar/events/{file}", get(calendar::event_file))
        .route("/calendar/follow", post(calendar_follow::follow))
        .route("/calendar/follow/refresh", post(calendar_follow::refresh))
        .route("/calendar/follow/stop", post(calendar_follow::stop))
        .route(
            "/calendar/busy",
            post(calendar::upload_busy).layer(DefaultBodyLimit::max(calendar::UPLOAD_BODY_LIMIT)),
        )
}

/// The browser files (wasm, JS, CSS) under `/pkg`, with the brotli and gzip copies the build
/// makes.
pub fn pkg_files(site_root: &str) -> ServeDir {
    ServeDir::new(std::path::Path::new(site_root).join("pkg"))
        .precompressed_br()
        .precompressed_gzip()
}
