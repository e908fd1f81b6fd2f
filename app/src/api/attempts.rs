//! Limits on attempts that guess a password or a secret link, or that make the server compute
//! a password hash: per address or account, and per client. Every attempt is counted in the
//! database (so all instances share the count) before it is judged.

use super::context;
use crate::db;
use crate::domain::AuditAction;
use crate::error::AppError;

/// At most `max` attempts under (`scope`, `key`) in a window.
pub(crate) struct Limit<'a> {
    pub scope: &'static str,
    pub key: &'a str,
    pub max: i64,
}

/// Counts this attempt under every limit, then refuses it (429) when any is exceeded, recording
/// `refused` in the audit log.
pub(crate) async fn admit(
    refused: AuditAction,
    limits: &[Limit<'_>],
    window_secs: i64,
) -> Result<(), AppError> {
    let db = context::db()?;
    let now = context::now();
    let mut exceeded = false;
    for limit in limits {
        let count = db::throttle::hit(db.pool(), limit.scope, limit.key, now, window_secs).await?;
        exceeded |= count > limit.max;
    }
    if exceeded {
        let scope = limits.first().map(|l| l.scope).unwrap_or_default();
        tracing::warn!(scope, "attempts refused: limit reached");
        let detail = limits.first().map(|l| l.key);
        super::security_log::log(None, refused, detail).await?;
        return Err(AppError::TooManyRequests);
    }
    Ok(())
}

/// Forgets the attempts under one limit (a successful login clears its address).
pub(crate) async fn forget(scope: &'static str, key: &str) -> Result<(), AppError> {
    let db = context::db()?;
    db::throttle::forget(db.pool(), scope, key).await?;
    Ok(())
}
