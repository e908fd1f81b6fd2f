//! The hosts an admin allows followed calendars to be fetched from although their addresses are
//! private (a calendar server in the NGO's own network). Every other private, loopback or
//! link-local address is refused, so that an address pasted by a user cannot make the server
//! read what only it can reach.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context,
    crate::db,
    crate::domain::ics::subscription::{parse_allowed_hosts, MAX_ALLOWED_HOSTS},
    crate::domain::{access, AuditAction, AuditSubject, ErrorCode, FieldErrors},
};

#[cfg(feature = "ssr")]
const SETTING: &str = "calendar_allowed_hosts";

/// The allowed hosts, lower case (none when the setting is unset).
#[cfg(feature = "ssr")]
pub async fn allowed_hosts(pool: &sqlx::AnyPool) -> Result<Vec<String>, sqlx::Error> {
    let text = db::site_settings::get(pool, SETTING).await?;
    Ok(text
        .and_then(|t| parse_allowed_hosts(&t))
        .unwrap_or_default())
}

/// The setting as the admin wrote it, one host per line.
#[server(endpoint = "calendar_hosts")]
pub async fn calendar_hosts() -> Result<String, AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    Ok(allowed_hosts(db.pool()).await?.join("\n"))
}

#[server(endpoint = "save_calendar_hosts")]
pub async fn save_calendar_hosts(hosts: String) -> Result<(), AppError> {
    let user = context::require(access::ADMIN).await?;
    let Some(hosts) = parse_allowed_hosts(&hosts) else {
        return Err(FieldErrors::single(
            "hosts",
            ErrorCode::InvalidHosts {
                max: MAX_ALLOWED_HOSTS,
            },
        )
        .into());
    };
    let db = context::db()?;
    let now = context::now();
    let mut tx = db.begin().await?;
    match hosts.is_empty() {
        true => db::site_settings::remove(&mut *tx, SETTING).await?,
        false => db::site_settings::set(&mut *tx, SETTING, &hosts.join("\n"), now).await?,
    }
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::SettingsCalendarHosts,
        AuditSubject::Settings,
        0,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done("/admin/settings", crate::domain::Done::Saved);
    Ok(())
}
