//! `/admin/audit.csv?who=&action=&household=&from=&until=`: the audit page's entries as CSV, for
//! admins only. The export is itself audited.

use crate::AppState;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use tugi_app::api::audit_admin::{entries, to_csv, MAX_ROWS};
use tugi_app::api::context::last_forwarded_address;
use tugi_app::db;
use tugi_app::domain::AuditAction;
use tugi_app::domain::{access, AuditFilter};
use tugi_app::error::AppError;
use tugi_app::names::locale;

pub async fn audit_csv(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(filter): Query<AuditFilter>,
    headers: HeaderMap,
) -> Response {
    match export(&state, peer, &filter, &headers).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"tugi-audit.csv\"",
                ),
            ],
            csv,
        )
            .into_response(),
        Err(error) => (error.status_code(), error.to_string()).into_response(),
    }
}

async fn export(
    state: &AppState,
    peer: SocketAddr,
    filter: &AuditFilter,
    headers: &HeaderMap,
) -> Result<String, AppError> {
    let db = &state.ctx.db;
    let account = super::calendar::account_with_role(state, headers, access::ADMIN).await?;
    let rows = entries(db, filter, MAX_ROWS).await?;
    let client = state
        .ctx
        .trusted_proxy_header
        .as_ref()
        .and_then(|name| headers.get(name))
        .and_then(|v| v.to_str().ok())
        .and_then(last_forwarded_address)
        .unwrap_or(peer.ip());
    let detail = format!("{} rows", rows.len());
    db::audit::security(
        db.pool(),
        Some(account),
        AuditAction::AuditExport,
        Some(&detail),
        &client.to_string(),
    )
    .await?;
    let (_, language) = db::accounts::name_and_language(db.pool(), account).await?;
    Ok(to_csv(&rows, locale(language)))
}
