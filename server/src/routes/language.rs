//! `/lang/{code}?next=/path`: remembers the language in a cookie (and on the account when
//! logged in), then returns to the page. A plain link, so it works without JavaScript.

use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tugi_app::api::auth::safe_next;
use tugi_app::api::context::{
    cookie_header, cookie_in, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, SESSION_COOKIE,
};
use tugi_app::api::credentials::token_hash;
use tugi_app::db;
use tugi_app::domain::workshops::UI_LANGUAGES;

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
    if !UI_LANGUAGES.contains(&code.as_str()) {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    }
    if let Some(hash) = cookie_in(&headers, SESSION_COOKIE).map(|t| token_hash(&t)) {
        let pool = state.ctx.db.pool();
        if let Ok(Some(account_id)) = db::sessions::account_of(pool, &hash).await {
            if let Err(error) = db::accounts::set_language(pool, account_id, &code).await {
                tracing::error!(%error, "could not store language preference");
            }
        }
    }
    let cookie = cookie_header(
        LOCALE_COOKIE,
        &code,
        LOCALE_COOKIE_MAX_AGE,
        false,
        state.ctx.secure_cookies,
    );
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, safe_next(query.next.as_deref())),
            (header::SET_COOKIE, cookie),
        ],
    )
        .into_response()
}
