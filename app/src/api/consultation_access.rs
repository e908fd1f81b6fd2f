//! Who may see a consultation and book for a household: coordinators every household, a
//! support person the households of their open assignments, a beneficiary their own.

#![cfg(feature = "ssr")]

use super::{auth::CurrentUser, context};
use crate::db::{self, consultations::ConsultationRow};
use crate::domain::{ErrorCode, FieldErrors, Role};
use crate::error::AppError;

pub(crate) fn is_coordinator(user: &CurrentUser) -> bool {
    user.roles.has(Role::Coordinator)
}

/// The consultation when the user may see it: coordinators every one, a support person those of
/// their households, a beneficiary their own household's. Anything else is 404.
pub(crate) async fn visible<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    user: &CurrentUser,
    id: i64,
) -> Result<ConsultationRow, AppError> {
    let row = db::consultations::by_id(executor, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if may_book_for(user, row.household_id).await? {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether the user may book for (and see the consultations of) a household.
pub(crate) async fn may_book_for(user: &CurrentUser, household_id: i64) -> Result<bool, AppError> {
    let pool = context::db()?;
    let pool = pool.pool();
    if is_coordinator(user) {
        return Ok(db::households::by_id(pool, household_id).await?.is_some());
    }
    // A support person's access lasts while the assignment is open: an ended or handed-over
    // case stays on their page as history, but they no longer act for the household.
    if user.roles.has(Role::SupportPerson)
        && db::assignments::open_of_household(pool, household_id)
            .await?
            .is_some_and(|a| a.support_person_id == user.id)
    {
        return Ok(true);
    }
    Ok(user.roles.has(Role::Beneficiary)
        && db::households::of_account(pool, user.id).await? == Some(household_id))
}

/// The household a booking is for: the chosen one when the user may book for it, else (for a
/// beneficiary) their own.
pub(crate) async fn household_for(user: &CurrentUser, field: &str) -> Result<i64, AppError> {
    let refused = |code| AppError::from(FieldErrors::single("household", code));
    match field.trim() {
        "" => {
            let db = context::db()?;
            match db::households::of_account(db.pool(), user.id).await? {
                Some(id) if user.roles.has(Role::Beneficiary) => Ok(id),
                _ => Err(refused(ErrorCode::Required)),
            }
        }
        text => match text.parse::<i64>() {
            Ok(id) if may_book_for(user, id).await? => Ok(id),
            _ => Err(refused(ErrorCode::InvalidChoice)),
        },
    }
}
