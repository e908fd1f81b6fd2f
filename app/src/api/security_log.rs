//! Security events into the audit log, with the client's address.

use super::context;
use crate::db;
use crate::domain::AuditAction;
use crate::error::AppError;

/// Records `action` (`login`, `login.failed`, `password.change`, …) about `account` (None when
/// the address has no account), with `detail` such as the address typed.
pub(crate) async fn log(
    account: Option<i64>,
    action: AuditAction,
    detail: Option<&str>,
) -> Result<(), AppError> {
    let db = context::db()?;
    db::audit::security(
        db.pool(),
        account,
        action,
        detail,
        &context::client_address(),
    )
    .await?;
    Ok(())
}
