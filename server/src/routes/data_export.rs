//! `/households/{id}/data.json` (coordinators) and `/my-data.json` (a beneficiary's own
//! household): everything stored about a household as a JSON download. Audited like the page.

use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use tugi_app::api::data_protection::{export_for, utc_time, StoredData};
use tugi_app::db;
use tugi_app::error::AppError;

pub async fn household_json(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    // A malformed id is a missing household, never a panic or a 500.
    match id.parse::<i64>() {
        Ok(id) => answer(&state, Some(id), &headers).await,
        Err(_) => refused(AppError::NotFound),
    }
}

pub async fn own_json(State(state): State<AppState>, headers: HeaderMap) -> Response {
    answer(&state, None, &headers).await
}

async fn answer(state: &AppState, id: Option<i64>, headers: &HeaderMap) -> Response {
    match export(state, id, headers).await {
        Ok(data) => {
            let disposition = format!(
                "attachment; filename=\"tugi-household-{}.json\"",
                data.household_id
            );
            match serde_json::to_string_pretty(&data) {
                Ok(body) => (
                    [
                        (
                            header::CONTENT_TYPE,
                            "application/json; charset=utf-8".to_string(),
                        ),
                        (header::CONTENT_DISPOSITION, disposition),
                    ],
                    body,
                )
                    .into_response(),
                Err(_) => refused(AppError::Internal),
            }
        }
        Err(error) => refused(error),
    }
}

fn refused(error: AppError) -> Response {
    (error.status_code(), error.to_string()).into_response()
}

async fn export(
    state: &AppState,
    id: Option<i64>,
    headers: &HeaderMap,
) -> Result<StoredData, AppError> {
    let db = &state.ctx.db;
    let (account, _) = super::calendar::session_account(state, headers)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let roles = db::accounts::roles(db.pool(), account).await?;
    let (household_id, tables) = export_for(db, account, roles, id, utc_time).await?;
    Ok(StoredData {
        household_id,
        made_at: utc_time(state.ctx.clock.now()),
        tables,
    })
}
