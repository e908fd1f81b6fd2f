//! Messages that failed for good, shown to admins with the reason and a way to send them again.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {super::context, crate::db, crate::domain::access};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailedMessageView {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub attempts: i64,
    /// Tallinn time.
    pub failed_at: String,
    pub error: String,
}

#[server(endpoint = "failed_messages")]
pub async fn failed_messages() -> Result<Vec<FailedMessageView>, AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    Ok(db::outbox::failed(db.pool())
        .await?
        .into_iter()
        .map(|r| FailedMessageView {
            id: r.id,
            recipient: r.recipient,
            subject: r.subject,
            attempts: r.attempts,
            failed_at: context::local_time(r.failed_at),
            error: r.last_error.unwrap_or_default(),
        })
        .collect())
}

#[server(endpoint = "retry_message")]
pub async fn retry_message(id: i64) -> Result<(), AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    if !db::outbox::retry(db.pool(), id, context::now()).await? {
        return Err(AppError::NotFound);
    }
    context::redirect_done("/admin/outbox", crate::domain::Done::MessageRetried);
    Ok(())
}
