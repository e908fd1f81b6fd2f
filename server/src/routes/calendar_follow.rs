//! Following one's own calendar by its address, from the calendar page: `POST
//! /calendar/follow` (the address), `/calendar/follow/refresh` (read it now, un-pausing it) and
//! `/calendar/follow/stop` (forget it and its busy times). Each answers as the upload does: a
//! browser's form is sent back to the calendar page with the outcome, other clients get JSON.

use super::calendar::{failed, outcome, saved, session_account};
use crate::calendar_follow::{self, Outcome};
use crate::AppState;
use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use tugi_app::db;
use tugi_app::domain::access;
use tugi_app::domain::ics::subscription::{FetchFailure, FetchProblem};

#[derive(Deserialize)]
pub struct Address {
    address: String,
}

/// The logged-in person when they may import busy times, or the refusal to answer.
async fn follower(state: &AppState, headers: &HeaderMap) -> Result<i64, Response> {
    let account = match session_account(state, headers).await {
        Ok(Some((id, _))) => id,
        Ok(None) => return Err(StatusCode::UNAUTHORIZED.into_response()),
        Err(error) => return Err(failed(error)),
    };
    match db::accounts::roles(state.ctx.db.pool(), account).await {
        Ok(roles) if roles.has_any(access::BUSY_IMPORT) => Ok(account),
        Ok(_) => Err(StatusCode::FORBIDDEN.into_response()),
        Err(error) => Err(failed(error)),
    }
}

/// The outcome fields of a failed fetch: its code and, for an HTTP status, the status.
fn refusal(headers: &HeaderMap, failure: &FetchFailure) -> Response {
    let mut fields = vec![("busy_error", failure.problem.code().to_owned())];
    if let Some(detail) = &failure.detail {
        fields.push(("detail", detail.clone()));
    }
    outcome(headers, StatusCode::UNPROCESSABLE_ENTITY, fields)
}

pub async fn follow(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<Address>, FormRejection>,
) -> Response {
    let account = match follower(&state, &headers).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let Ok(Form(form)) = form else {
        return refusal(&headers, &FetchProblem::BadAddress.into());
    };
    let ctx = &state.ctx;
    let now = ctx.clock.now();
    match calendar_follow::follow(&ctx.db, &state.calendar_fetch, account, &form.address, now).await
    {
        Ok(Ok(busy)) => outcome(&headers, StatusCode::OK, saved(&busy)),
        Ok(Err(failure)) => refusal(&headers, &failure),
        Err(error) => failed(error),
    }
}

pub async fn refresh(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let account = match follower(&state, &headers).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let ctx = &state.ctx;
    let now = ctx.clock.now();
    let read = calendar_follow::resume(
        &ctx.db,
        &state.calendar_fetch,
        account,
        now,
        &ctx.public_url,
    )
    .await;
    match read {
        Ok(Some(Outcome::Saved(busy))) => outcome(&headers, StatusCode::OK, saved(&busy)),
        Ok(Some(Outcome::Unchanged)) => {
            outcome(&headers, StatusCode::OK, vec![("busy", "unchanged".into())])
        }
        Ok(Some(Outcome::Failed(failure))) => refusal(&headers, &failure),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failed(error),
    }
}

pub async fn stop(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let account = match follower(&state, &headers).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let stopped = async {
        let mut tx = state.ctx.db.begin().await?;
        db::busy_subscriptions::stop(&mut tx, account).await?;
        db::calendar_feeds::delete_busy(&mut tx, account).await?;
        tx.commit().await
    };
    match stopped.await {
        Ok(()) => outcome(&headers, StatusCode::OK, vec![("busy", "stopped".into())]),
        Err(error) => failed(error),
    }
}
