//! Assignments of support persons to households: assigning, extending, ending, handing over
//! and reassigning. Coordinators may act on every assignment; a support person reads their own
//! (any other id is 404).

use crate::domain::{AssignForm, CandidateNote, EndForm, ExtendForm, HandoverForm, ReassignForm};
use crate::domain::{AssignmentStatus, EndReason, Proficiency};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{context, drafts},
    crate::api::auth::CurrentUser,
    crate::db::{self, assignments::AssignmentRow},
    crate::domain::{
        access, check_caseload, ending_soon, rank_candidates, Candidate, ErrorCode, FieldErrors,
        NewAssignment, Period, RankedCandidate, Role, SupportStatus, MAX_EXTENSION_DAYS,
    },
    crate::domain::{schedule::EventStatus, AuditAction},
    chrono::{Days, NaiveDate},
};

/// An assignment as every page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentView {
    pub id: i64,
    pub household_id: i64,
    pub household_name: String,
    pub household_city: String,
    pub support_person_id: i64,
    pub support_person: String,
    pub start_date: String,
    pub planned_end: String,
    pub status: AssignmentStatus,
    pub override_reason: Option<String>,
    pub end_reason: Option<EndReason>,
    pub ended_on: Option<String>,
    pub end_note: Option<String>,
    pub handover_date: Option<String>,
    pub handover_note: Option<String>,
    pub ending_soon: bool,
    /// The latest planned end an extension may set.
    pub latest_extension: String,
}

#[cfg(feature = "ssr")]
pub(crate) fn view_of(row: AssignmentRow, today: NaiveDate) -> AssignmentView {
    let open = is_open(&row);
    let end = NaiveDate::parse_from_str(&row.planned_end, "%Y-%m-%d").ok();
    let latest = NaiveDate::parse_from_str(&row.first_planned_end, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.checked_add_days(Days::new(MAX_EXTENSION_DAYS as u64)))
        .map(|d| d.to_string())
        .unwrap_or_default();
    AssignmentView {
        id: row.id,
        household_id: row.household_id,
        household_name: row.household_name,
        household_city: row.household_city,
        support_person_id: row.support_person_id,
        support_person: row.support_person,
        start_date: row.start_date,
        planned_end: row.planned_end,
        status: row.status,
        override_reason: row.override_reason,
        end_reason: row.end_reason,
        ended_on: row.ended_on,
        end_note: row.end_note,
        handover_date: row.handover_date,
        handover_note: row.handover_note,
        ending_soon: open && end.is_some_and(|e| ending_soon(e, today)),
        latest_extension: latest,
    }
}

/// A date column as stored (ISO text).
#[cfg(feature = "ssr")]
pub(crate) fn parse_day(text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| AppError::Internal)
}

#[cfg(feature = "ssr")]
pub(crate) fn is_open(row: &AssignmentRow) -> bool {
    row.status.is_open()
}

/// The assignment, when `user` may see it: coordinators all, a support person their own.
#[cfg(feature = "ssr")]
pub(crate) async fn visible<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    user: &CurrentUser,
    id: i64,
) -> Result<AssignmentRow, AppError> {
    let row = db::assignments::by_id(executor, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.roles.has(Role::Coordinator) || row.support_person_id == user.id {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// Refuses a change to an assignment that has ended.
#[cfg(feature = "ssr")]
pub(crate) fn require_open(row: &AssignmentRow, field: &str) -> Result<(), AppError> {
    if is_open(row) {
        Ok(())
    } else {
        Err(FieldErrors::single(field, ErrorCode::AssignmentClosed).into())
    }
}

/// One candidate on the assign form, with the reasons for their place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateView {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub languages: Vec<Proficiency>,
    pub open: i64,
    pub caseload_limit: i64,
    pub notes: Vec<CandidateNote>,
    pub assignable: bool,
    pub needs_override: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignChoices {
    pub household_id: i64,
    pub household_name: String,
    pub household_city: String,
    pub household_languages: Vec<Proficiency>,
    /// The open assignment, when there is one (then no new one can be made).
    pub current: Option<AssignmentView>,
    pub candidates: Vec<CandidateView>,
    pub default_start: String,
    pub default_end: String,
}

/// Support persons as candidates, with their languages and open caseload.
#[cfg(feature = "ssr")]
pub(crate) async fn candidates(pool: &sqlx::AnyPool) -> Result<Vec<Candidate>, AppError> {
    let languages = db::support_persons::languages(pool).await?;
    Ok(db::support_persons::list(pool)
        .await?
        .into_iter()
        .map(|p| Candidate {
            languages: languages
                .iter()
                .filter(|(id, _)| *id == p.id)
                .map(|(_, l)| *l)
                .collect(),
            id: p.id,
            name: p.display_name,
            city: p.city,
            open: p.open,
            caseload_limit: p.caseload_limit,
            status: p.status,
        })
        .collect())
}

#[cfg(feature = "ssr")]
pub(crate) fn candidate_view(r: RankedCandidate) -> CandidateView {
    CandidateView {
        languages: r.candidate.languages,
        id: r.candidate.id,
        name: r.candidate.name,
        city: r.candidate.city,
        open: r.candidate.open,
        caseload_limit: r.candidate.caseload_limit,
        notes: r.notes,
        assignable: r.assignable,
        needs_override: r.needs_override,
    }
}

#[server(endpoint = "assign_options")]
pub async fn assign_options(household_id: i64) -> Result<AssignChoices, AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let db = context::db()?;
    let pool = db.pool();
    let household = db::households::by_id(pool, household_id)
        .await?
        .ok_or(AppError::NotFound)?;
    db::audit::household(pool, user.id, AuditAction::HouseholdView, household_id).await?;
    let members = db::households::members(pool, household_id).await?;
    let spoken: Vec<Proficiency> = db::households::languages(pool, household_id)
        .await?
        .into_iter()
        .map(|l| Proficiency {
            language: l.language,
            level: l.level,
        })
        .collect();
    let today = context::today();
    let current = db::assignments::open_of_household(pool, household_id)
        .await?
        .map(|row| view_of(row, today));
    let mut household_languages: Vec<Proficiency> = Vec::new();
    for p in &spoken {
        if !household_languages.iter().any(|h| h.language == p.language) {
            household_languages.push(*p);
        }
    }
    Ok(AssignChoices {
        household_id,
        household_name: members
            .first()
            .map(|m| format!("{} {}", m.first_name, m.last_name))
            .unwrap_or_default(),
        candidates: rank_candidates(&household.city, &spoken, candidates(pool).await?)
            .into_iter()
            .map(candidate_view)
            .collect(),
        household_city: household.city,
        household_languages,
        current,
        default_start: today.to_string(),
        default_end: Period::default_end(today).to_string(),
    })
}

/// Checks that `person` can take one more household: an active support person with room in
/// their caseload, or a reason to go over it. Runs inside the transaction that writes.
#[cfg(feature = "ssr")]
async fn check_taker(
    tx: &mut crate::db::Tx,
    backend: crate::db::Backend,
    person: i64,
    override_reason: Option<&str>,
) -> Result<(), AppError> {
    db::support_persons::lock(tx, backend, person).await?;
    let profile = db::support_persons::by_id(&mut **tx, person)
        .await?
        .ok_or_else(|| FieldErrors::single("support_person_id", ErrorCode::InvalidChoice))?;
    if profile.status == SupportStatus::Paused {
        return Err(FieldErrors::single("support_person_id", ErrorCode::PersonPaused).into());
    }
    check_caseload(profile.open, profile.caseload_limit, override_reason)
        .map_err(|code| FieldErrors::single("override_reason", code).into())
}

#[server(endpoint = "assign_support_person")]
pub async fn assign_support_person(household_id: i64, form: AssignForm) -> Result<i64, AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let result = assign(&user, household_id, &form).await;
    let id = drafts::keep_if_invalid(result, &format!("assign/{household_id}"), &form).await?;
    context::redirect_done(&format!("/assignments/{id}"), crate::domain::Done::Assigned);
    Ok(id)
}

#[cfg(feature = "ssr")]
async fn assign(user: &CurrentUser, household_id: i64, form: &AssignForm) -> Result<i64, AppError> {
    let new = form.parse()?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    if !db::households::exists_unerased(&mut tx, household_id).await? {
        return Err(AppError::NotFound);
    }
    if db::assignments::open_of_household(&mut *tx, household_id)
        .await?
        .is_some()
    {
        return Err(FieldErrors::single("support_person_id", ErrorCode::AlreadyAssigned).into());
    }
    check_taker(
        &mut tx,
        db.backend(),
        new.support_person_id,
        new.override_reason.as_deref(),
    )
    .await?;
    let id = db::assignments::create(&mut tx, household_id, &new, None, user.id)
        .await?
        .ok_or_else(|| FieldErrors::single("support_person_id", ErrorCode::AlreadyAssigned))?;
    db::audit::household(
        &mut *tx,
        user.id,
        AuditAction::AssignmentCreate,
        household_id,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionView {
    pub previous_end: String,
    pub new_end: String,
    pub reason: String,
    pub by: String,
    pub at: String,
}

#[server(endpoint = "extend_assignment")]
pub async fn extend_assignment(id: i64, form: ExtendForm) -> Result<(), AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let result = async {
        let db = context::db()?;
        let mut tx = db.begin().await?;
        let row = visible(&mut *tx, &user, id).await?;
        require_open(&row, "new_end")?;
        let valid = form.parse(
            parse_day(&row.first_planned_end)?,
            parse_day(&row.planned_end)?,
        )?;
        db::assignments::extend(&mut tx, id, &row.planned_end, &valid, user.id).await?;
        db::audit::household(
            &mut *tx,
            user.id,
            AuditAction::AssignmentExtend,
            row.household_id,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    finish(
        result,
        &format!("extend/{id}"),
        &form,
        id,
        crate::domain::Done::Extended,
    )
    .await
}

/// Keeps the draft of a refused no-JavaScript post and sends the browser back to the assignment.
#[cfg(feature = "ssr")]
pub(crate) async fn finish<T: Serialize>(
    result: Result<(), AppError>,
    draft_key: &str,
    form: &T,
    assignment_id: i64,
    done: crate::domain::Done,
) -> Result<(), AppError> {
    drafts::keep_if_invalid(result, draft_key, form).await?;
    context::redirect_done(&format!("/assignments/{assignment_id}"), done);
    Ok(())
}

/// Cancels the meetings an ended assignment still had planned from now on.
#[cfg(feature = "ssr")]
async fn cancel_planned_meetings(
    tx: &mut crate::db::Tx,
    assignment_id: i64,
) -> Result<(), AppError> {
    for event in db::meetings::planned_after(tx, assignment_id, db::now()).await? {
        db::calendar::set_status(tx, event, EventStatus::Cancelled).await?;
    }
    Ok(())
}

#[server(endpoint = "end_assignment")]
pub async fn end_assignment(id: i64, form: EndForm) -> Result<(), AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let result = async {
        let db = context::db()?;
        let mut tx = db.begin().await?;
        let row = visible(&mut *tx, &user, id).await?;
        require_open(&row, "reason")?;
        let valid = form.parse(parse_day(&row.start_date)?, context::today())?;
        db::assignments::end(&mut tx, id, &valid).await?;
        cancel_planned_meetings(&mut tx, id).await?;
        db::audit::household(
            &mut *tx,
            user.id,
            AuditAction::AssignmentEnd,
            row.household_id,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    finish(
        result,
        &format!("end/{id}"),
        &form,
        id,
        crate::domain::Done::Ended,
    )
    .await
}

/// The dated handover note: when the household is to be handed to the coordinators' reception.
#[server(endpoint = "plan_handover")]
pub async fn plan_handover(id: i64, form: HandoverForm) -> Result<(), AppError> {
    let user = context::require(access::ASSIGNMENTS).await?;
    let result = async {
        let db = context::db()?;
        let mut tx = db.begin().await?;
        let row = visible(&mut *tx, &user, id).await?;
        require_open(&row, "handover_date")?;
        let valid = form.parse(parse_day(&row.start_date)?)?;
        db::assignments::plan_handover(&mut tx, id, &valid).await?;
        db::audit::household(
            &mut *tx,
            user.id,
            AuditAction::AssignmentHandoverPlan,
            row.household_id,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    finish(
        result,
        &format!("handover/{id}"),
        &form,
        id,
        crate::domain::Done::Saved,
    )
    .await
}

/// Ended → handed over to the coordinators' reception.
#[server(endpoint = "mark_handed_over")]
pub async fn mark_handed_over(id: i64) -> Result<(), AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let row = visible(&mut *tx, &user, id).await?;
    if row.status != AssignmentStatus::Ended {
        return Err(FieldErrors::single("handed_over", ErrorCode::InvalidChoice).into());
    }
    db::assignments::mark_handed_over(&mut tx, id).await?;
    db::audit::household(
        &mut *tx,
        user.id,
        AuditAction::AssignmentHandedOver,
        row.household_id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done(&format!("/assignments/{id}"), crate::domain::Done::Saved);
    Ok(())
}

/// Moves a household to another support person: the old assignment ends (reason
/// "reassigned", with the note), its planned meetings are cancelled, and a new assignment
/// continues the same period. Returns the new assignment's id.
#[server(endpoint = "reassign_household")]
pub async fn reassign_household(id: i64, form: ReassignForm) -> Result<i64, AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let result = async {
        let valid = form.parse()?;
        let db = context::db()?;
        let mut tx = db.begin().await?;
        let old = visible(&mut *tx, &user, id).await?;
        require_open(&old, "support_person_id")?;
        if valid.support_person_id == old.support_person_id {
            return Err(FieldErrors::single("support_person_id", ErrorCode::InvalidChoice).into());
        }
        check_taker(
            &mut tx,
            db.backend(),
            valid.support_person_id,
            valid.override_reason.as_deref(),
        )
        .await?;
        let today = context::today();
        let end = parse_day(&old.planned_end)?.max(today + Days::new(1));
        db::assignments::end_with(
            &mut tx,
            id,
            EndReason::Reassigned,
            &today.to_string(),
            Some(&valid.note),
        )
        .await?;
        cancel_planned_meetings(&mut tx, id).await?;
        let new = NewAssignment {
            support_person_id: valid.support_person_id,
            period: Period { start: today, end },
            override_reason: valid.override_reason.clone(),
        };
        let new_id = db::assignments::create(&mut tx, old.household_id, &new, Some(&old), user.id)
            .await?
            .ok_or_else(|| FieldErrors::single("support_person_id", ErrorCode::AlreadyAssigned))?;
        db::audit::household(
            &mut *tx,
            user.id,
            AuditAction::AssignmentReassign,
            old.household_id,
        )
        .await?;
        tx.commit().await?;
        Ok((new_id, old.support_person_id))
    }
    .await;
    let (new_id, previous_person) =
        drafts::keep_if_invalid(result, &format!("reassign/{id}"), &form).await?;
    // Back to the page that lists the previous support person's households.
    context::redirect(&format!("/support-persons/{previous_person}"));
    Ok(new_id)
}
