//! A household's rights over its data: seeing everything stored about it, having it erased,
//! withdrawing a consent. Coordinators act for any household; a beneficiary sees their own.

use crate::domain::ExportTable;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::context,
    crate::db,
    crate::domain::{access, ExportValue, FieldErrors, Role, Roles},
    crate::domain::{AuditAction, AuditSubject},
};

/// Everything stored about one household, as the data page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredData {
    pub household_id: i64,
    /// Europe/Tallinn time the export was made.
    pub made_at: String,
    /// Times are Europe/Tallinn wall-clock text.
    pub tables: Vec<ExportTable>,
}

/// The household whose data `account` may read: any one (`id`) for coordinators, only their
/// own for a beneficiary. `None` asks for the account's own household.
#[cfg(feature = "ssr")]
async fn readable_household(
    db: &db::Db,
    account: i64,
    roles: Roles,
    id: Option<i64>,
) -> Result<i64, AppError> {
    let own = if roles.has(Role::Beneficiary) {
        db::households::of_account(db.pool(), account).await?
    } else {
        None
    };
    match (id, own) {
        (Some(id), _) if roles.has_any(access::HOUSEHOLDS) => Ok(id),
        (Some(id), Some(own)) if id == own => Ok(id),
        (None, Some(own)) => Ok(own),
        (None, None) if roles.has_any(access::HOUSEHOLDS) => Err(AppError::NotFound),
        _ => Err(AppError::Forbidden),
    }
}

/// Reads and audits the export of a household for `account` (see `readable_household`).
/// Timestamps (columns named `…_at`) are written by `time`.
#[cfg(feature = "ssr")]
pub async fn export_for(
    db: &db::Db,
    account: i64,
    roles: Roles,
    id: Option<i64>,
    time: impl Fn(i64) -> String,
) -> Result<(i64, Vec<ExportTable>), AppError> {
    let household = readable_household(db, account, roles, id).await?;
    let mut tables = db::household_data::export(db.pool(), household)
        .await?
        .ok_or(AppError::NotFound)?;
    db::audit::record(
        db.pool(),
        account,
        AuditAction::HouseholdExport,
        AuditSubject::Household,
        household,
    )
    .await?;
    for table in &mut tables {
        let timed: Vec<bool> = table.columns.iter().map(|c| c.ends_with("_at")).collect();
        for row in &mut table.rows {
            for (value, timed) in row.iter_mut().zip(&timed) {
                if let (true, ExportValue::Number(at)) = (timed, &value) {
                    *value = ExportValue::Text(time(*at));
                }
            }
        }
    }
    Ok((household, tables))
}

/// A UTC instant as RFC 3339, for the JSON download.
#[cfg(feature = "ssr")]
pub fn utc_time(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// The data page: `id` for a coordinator, nothing for a beneficiary's own household.
#[server(endpoint = "household_data")]
pub async fn household_data(#[server(default)] id: Option<i64>) -> Result<StoredData, AppError> {
    let user = context::require_login().await?;
    let db = context::db()?;
    let (household_id, tables) =
        export_for(&db, user.id, user.roles, id, context::local_time).await?;
    Ok(StoredData {
        household_id,
        made_at: context::local_time(context::now()),
        tables,
    })
}

/// Anonymises a household once nothing is open for it any more.
#[server(endpoint = "erase_household")]
pub async fn erase_household(
    household_id: i64,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    // The confirmation box sends "on" when ticked.
    if confirm.as_deref() != Some("on") {
        return Err(FieldErrors::single("confirm", crate::domain::ErrorCode::Required).into());
    }
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let blockers = db::household_data::erasure_blockers(&mut tx, household_id, context::now())
        .await?
        .ok_or(AppError::NotFound)?;
    if let Err(code) = blockers.check() {
        return Err(FieldErrors::single("erase", code).into());
    }
    db::household_data::erase(&mut tx, household_id, context::now()).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::HouseholdErase,
        AuditSubject::Household,
        household_id,
    )
    .await?;
    tx.commit().await?;
    context::redirect(&format!("/households/{household_id}"));
    Ok(())
}

/// Records that the household withdrew one of its consents, as of today.
#[server(endpoint = "withdraw_consent")]
pub async fn withdraw_consent(household_id: i64, consent_id: i64) -> Result<(), AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    if !db::households::withdraw_consent(
        &mut tx,
        household_id,
        consent_id,
        context::today(),
        user.id,
    )
    .await?
    {
        tx.rollback().await?;
        let known = db::households::consents(db.pool(), household_id)
            .await?
            .iter()
            .any(|c| c.id == consent_id);
        return Err(if known {
            FieldErrors::single("consent", crate::domain::ErrorCode::AlreadyWithdrawn).into()
        } else {
            AppError::NotFound
        });
    }
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::ConsentWithdraw,
        AuditSubject::Household,
        household_id,
    )
    .await?;
    tx.commit().await?;
    context::redirect(&format!("/households/{household_id}"));
    Ok(())
}
