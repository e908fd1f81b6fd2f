//! `/lang/{code}?next=/path`: remembers the language in a cookie (and on the account when
//! logged in), then returns to the page. A plain link, so it works without JavaScript.

use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tugi_app::api::auth::safe_next;
use tugi_app::api::context::{LOCALE_COOKIE, SESSION_COOKIE};
use tugi_app::api::credentials::token_hash;
use tugi_app::db;

const SUPPORTED: [&str; 4] = ["et", "en", "ru", "uk"];

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn switch(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<Next>,
    headers: HeaderMap,
) -> Response {
    if !SUPPORTED.contains(&code.as_str()) {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    }
    let session = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == SESSION_COOKIE)
        .map(|c| token_hash(c.value()));
    if let Some(hash) = session {
        let pool = state.ctx.db.pool();
        if let Ok(Some(account_id)) = db::sessions::account_of(pool, &hash).await {
            if let Err(error) = db::accounts::set_language(pool, account_id, &code).await {
                tracing::error!(%error, "could not store language preference");
            }
        }
    }
    let secure = if state.ctx.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!("{LOCALE_COOKIE}={code}; Path=/; Max-Age=31536000; SameSite=Lax{secure}");
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, safe_next(query.next.as_deref())),
            (header::SET_COOKIE, cookie),
        ],
    )
        .into_response()
}
