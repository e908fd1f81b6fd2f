use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};
use tugi_app::db;

/// 200 with `"database": "ok"` when the database answers, 503 otherwise; with when a
/// background worker (of any instance) last finished a run and how many messages failed for
/// good.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let pool = state.ctx.db.pool();
    match state.ctx.db.ping().await {
        Ok(()) => {
            let now = state.ctx.clock.now();
            let last = db::outbox::last_worker_run(pool).await.ok().flatten();
            let failed = db::outbox::failed_count(pool).await.unwrap_or(0);
            let worker = match last {
                Some(at) => json!({ "last_run": at, "seconds_ago": now - at }),
                None => json!({ "last_run": null }),
            };
            (
                StatusCode::OK,
                Json(json!({
                    "status": "ok",
                    "database": "ok",
                    "worker": worker,
                    "failed_messages": failed,
                })),
            )
        }
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "degraded", "database": "unreachable" })),
            )
        }
    }
}
