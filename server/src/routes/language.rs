//! The language switch. `POST /lang/{code}` (the header's buttons, a plain form that works
//! without JavaScript) remembers the language in a cookie and on the account when logged in;
//! `GET /lang/{code}?next=/path`, for links from outside, only sets the cookie. Both return to
//! `next` when it is a path on this site.

use crate::AppState;
use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tugi_app::api::context::{
    cookie_header, cookie_in, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, SESSION_COOKIE,
};
use tugi_app::api::credentials::token_hash;
use tugi_app::db;
use tugi_app::domain::InterfaceLanguage;
use tugi_app::domain::LocalPath;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn by_link(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<Next>,
) -> Response {
    back_in(&state, &code, query.next.as_deref())
}

pub async fn choose(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    Form(form): Form<Next>,
) -> Response {
    if let Some(language) = InterfaceLanguage::parse(&code) {
        if let Some(hash) = cookie_in(&headers, SESSION_COOKIE).map(|t| token_hash(&t)) {
            let pool = state.ctx.db.pool();
            if let Ok(Some(account_id)) =
                db::sessions::account_of(pool, &hash, state.ctx.session_idle_secs).await
            {
                if let Err(error) = db::accounts::set_language(pool, account_id, language).await {
                    tracing::error!(%error, "could not store language preference");
                }
            }
        }
    }
    back_in(&state, &code, form.next.as_deref())
}

fn back_in(state: &AppState, code: &str, next: Option<&str>) -> Response {
    if InterfaceLanguage::parse(code).is_none() {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    }
    let cookie = cookie_header(
        LOCALE_COOKIE,
        code,
        LOCALE_COOKIE_MAX_AGE,
        false,
        state.ctx.secure_cookies,
    );
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, LocalPath::or_home(next).to_string()),
            (header::SET_COOKIE, cookie),
        ],
    )
        .into_response()
}
