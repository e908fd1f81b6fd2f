//! Routes that are not pages: health, language switch, static files.

mod health;
mod language;
pub mod status;

use crate::AppState;
use axum::routing::get;
use axum::Router;
use tower_http::services::ServeDir;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/lang/{code}", get(language::switch))
}

/// The browser files (wasm, JS, CSS) under `/pkg`, with the gzipped copies the build makes.
pub fn pkg_files(site_root: &str) -> ServeDir {
    ServeDir::new(std::path::Path::new(site_root).join("pkg")).precompressed_gzip()
}
