//! The steps of a return case up to the first contact abroad: counselling held, departure
//! planned, departure and arrival, the first contact, and the reasoned decision when it did not
//! come in time (a later deadline, or closing as "no contact"); and withdrawal at any stage
//! that allows it. Each step checks what the reader may do, moves the stage only from the stage
//! it saw, and writes the step and the audit line in one transaction.

use crate::domain::reintegration::{
    DepartureForm, DeparturePlanForm, ExtensionForm, FirstContactForm,
};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::auth::CurrentUser,
    super::context,
    super::return_cases::{day, get_actions, visible_case},
    crate::db,
    crate::db::return_cases::ReturnCaseRow,
    crate::domain::reintegration::{contact_deadline, CaseStatus, NOTE_MAX},
    crate::domain::{
        access, parse_optional_text, parse_required_text, AuditAction, AuditSubject, ErrorCode,
        FieldErrors,
    },
};

/// The answer when the case's stage (or the reader's part in it) does not allow a step.
#[cfg(feature = "ssr")]
pub(crate) fn refused() -> AppError {
    FieldErrors::single("case", ErrorCode::CaseStepRefused).into()
}

/// The case, when the reader may take the step `allowed` names.
#[cfg(feature = "ssr")]
async fn case_for(
    user: &CurrentUser,
    id: i64,
    allowed: impl Fn(&super::return_cases::CaseActions) -> bool,
) -> Result<ReturnCaseRow, AppError> {
    let case = visible_case(user, id).await?;
    if !allowed(&get_actions(user, &case)) {
        return Err(refused());
    }
    Ok(case)
}

/// Moves the case to `to` inside `tx`, with its audit line; refused when the stage does not
/// lead there or the case moved meanwhile.
#[cfg(feature = "ssr")]
async fn advance(
    tx: &mut db::Tx,
    user: &CurrentUser,
    case: &ReturnCaseRow,
    to: CaseStatus,
    comment: Option<&str>,
) -> Result<(), AppError> {
    case.status.move_to(to).map_err(|_| refused())?;
    let now = context::now();
    if !db::return_cases::step(tx, case.id, case.status, to, comment, user.id, now).await? {
        return Err(refused());
    }
    audited(tx, user, AuditAction::ReturnCaseStep, case.id).await
}

/// Takes one step with its comment in a transaction of its own.
#[cfg(feature = "ssr")]
async fn step_alone(
    user: &CurrentUser,
    case: &ReturnCaseRow,
    to: CaseStatus,
    comment: Option<String>,
) -> Result<(), AppError> {
    let db = context::db()?;
    let mut tx = db.begin().await?;
    advance(&mut tx, user, case, to, comment.as_deref()).await?;
    tx.commit().await?;
    done(case.id)
}

/// The parsed form, or its errors after keeping what was typed for the page (without
/// JavaScript the page is loaded anew).
#[cfg(feature = "ssr")]
pub(crate) async fn kept<T, F: serde::Serialize>(
    parsed: Result<T, FieldErrors>,
    draft: &str,
    form: &F,
) -> Result<T, AppError> {
    match parsed {
        Ok(value) => Ok(value),
        Err(errors) => {
            super::drafts::keep(draft, form).await?;
            Err(errors.into())
        }
    }
}

/// Writes the audit line of a change to a case.
#[cfg(feature = "ssr")]
pub(crate) async fn audited(
    tx: &mut db::Tx,
    user: &CurrentUser,
    action: AuditAction,
    id: i64,
) -> Result<(), AppError> {
    db::audit::record(&mut **tx, user.id, action, AuditSubject::ReturnCase, id).await?;
    Ok(())
}

#[cfg(feature = "ssr")]
fn comment(text: &str, required: bool) -> Result<Option<String>, AppError> {
    let parsed = if required {
        parse_required_text(text, NOTE_MAX).map(Some)
    } else {
        parse_optional_text(text, NOTE_MAX)
    };
    parsed.map_err(|code| FieldErrors::single("comment", code).into())
}

#[cfg(feature = "ssr")]
fn done(id: i64) -> Result<(), AppError> {
    context::redirect_done(&format!("/returns/{id}"), crate::domain::Done::Saved);
    Ok(())
}

/// The counselling on the options and the form has been given.
#[server(endpoint = "counsel_return_case")]
pub async fn counsel_return_case(id: i64, comment: String) -> Result<(), AppError> {
    let user = context::require(access::RETURN_COUNSELLING).await?;
    let case = case_for(&user, id, |may| may.counsel).await?;
    let comment = self::comment(&comment, false)?;
    step_alone(&user, &case, CaseStatus::Counselled, comment).await
}

/// The voluntary-return decision, the planned departure and the receiving office; saved again
/// while the departure is planned.
#[server(endpoint = "plan_return_departure")]
pub async fn plan_return_departure(id: i64, form: DeparturePlanForm) -> Result<(), AppError> {
    let user = context::require(access::RETURN_COUNSELLING).await?;
    let case = case_for(&user, id, |may| may.plan_departure).await?;
    let db = context::db()?;
    let mut plan = form.parse(context::today());
    if let Ok(p) = &plan {
        if db::country_offices::by_id(db.pool(), p.country_office)
            .await?
            .is_none()
        {
            plan = Err(FieldErrors::single(
                "country_office",
                ErrorCode::InvalidChoice,
            ));
        }
    }
    let plan = kept(plan, &format!("plan_return_departure/{id}"), &form).await?;
    let mut tx = db.begin().await?;
    db::return_cases::plan_departure(&mut tx, id, &plan).await?;
    if case.status == CaseStatus::Counselled {
        advance(&mut tx, &user, &case, CaseStatus::DeparturePlanned, None).await?;
    } else {
        audited(&mut tx, &user, AuditAction::ReturnCaseUpdate, id).await?;
    }
    tx.commit().await?;
    done(id)
}

/// The person left Estonia and arrived in the country of return.
#[server(endpoint = "record_return_departure")]
pub async fn record_return_departure(id: i64, form: DepartureForm) -> Result<(), AppError> {
    let user = context::require(access::RETURN_CASES).await?;
    let case = case_for(&user, id, |may| may.record_departure).await?;
    let departure = kept(
        form.parse(context::today()),
        &format!("record_return_departure/{id}"),
        &form,
    )
    .await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    db::return_cases::record_departure(&mut tx, id, departure).await?;
    advance(&mut tx, &user, &case, CaseStatus::Returned, None).await?;
    tx.commit().await?;
    done(id)
}

/// The country office records the returnee's first contact.
#[server(endpoint = "record_first_contact")]
pub async fn record_first_contact(id: i64, form: FirstContactForm) -> Result<(), AppError> {
    let user = context::require(access::RETURN_CASES).await?;
    let case = case_for(&user, id, |may| may.first_contact).await?;
    let arrived = day(case.arrived_on.as_deref()).ok_or_else(refused)?;
    let (on, note) = kept(
        form.parse(arrived, context::today()),
        &format!("record_first_contact/{id}"),
        &form,
    )
    .await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let now = context::now();
    if !db::return_cases::record_first_contact(&mut tx, id, on, note.as_deref(), now).await? {
        return Err(refused());
    }
    audited(&mut tx, &user, AuditAction::ReturnCaseContact, id).await?;
    tx.commit().await?;
    done(id)
}

/// A later deadline for the first contact, with the reason.
#[server(endpoint = "extend_contact_deadline")]
pub async fn extend_contact_deadline(id: i64, form: ExtensionForm) -> Result<(), AppError> {
    let user = context::require(access::RETURN_CASES).await?;
    let case = case_for(&user, id, |may| may.extend).await?;
    let arrived = day(case.arrived_on.as_deref()).ok_or_else(refused)?;
    let current =
        day(case.contact_extended_to.as_deref()).unwrap_or_else(|| contact_deadline(arrived));
    let (until, reason) = kept(
        form.parse(current, context::today()),
        &format!("extend_contact_deadline/{id}"),
        &form,
    )
    .await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    db::return_cases::extend_contact(&mut tx, id, until, &reason, context::now()).await?;
    audited(&mut tx, &user, AuditAction::ReturnCaseUpdate, id).await?;
    tx.commit().await?;
    done(id)
}

/// Closes a case whose person never made contact, once the deadline has passed.
#[server(endpoint = "close_without_contact")]
pub async fn close_without_contact(id: i64, comment: String) -> Result<(), AppError> {
    let user = context::require(access::RETURN_CASES).await?;
    let case = case_for(&user, id, |may| may.close_no_contact).await?;
    let overdue =
        super::return_cases::contact_of_case(&case, context::today()).is_some_and(|c| c.overdue);
    if !overdue {
        return Err(FieldErrors::single("case", ErrorCode::ContactDeadlineNotPassed).into());
    }
    let comment = self::comment(&comment, true)?;
    step_alone(&user, &case, CaseStatus::NoContact, comment).await
}

/// The person withdraws from the programme, with the reason.
#[server(endpoint = "withdraw_return_case")]
pub async fn withdraw_return_case(id: i64, comment: String) -> Result<(), AppError> {
    let user = context::require(access::RETURN_CASES).await?;
    let case = case_for(&user, id, |may| may.withdraw).await?;
    let comment = self::comment(&comment, true)?;
    step_alone(&user, &case, CaseStatus::Withdrawn, comment).await
}
