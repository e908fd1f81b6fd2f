//! Return cases: counsellors open them and see them through to departure; approvers see every
//! case; a partner caseworker sees only the cases sent to their country office (any other is
//! "not found"). Reading a case is audited like reading a household.

use crate::domain::reintegration::{CaseStatus, FamilyMemberForm, Relation, ReturnCaseForm};
use crate::domain::{Gender, InterfaceLanguage};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{auth::CurrentUser, context},
    crate::db,
    crate::domain::reintegration::{contact_deadline, contact_state, ContactState},
    crate::domain::{access, AuditAction, AuditSubject, Role},
};

/// Where the first contact abroad stands for a returned person.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ContactView {
    pub deadline: NaiveDate,
    /// Made, or days left (negative: days past the deadline).
    pub made: bool,
    pub days_left: i64,
    /// Within the last 30 days before the deadline.
    pub due_soon: bool,
    pub overdue: bool,
}

/// A case as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseLine {
    pub id: i64,
    pub name: String,
    pub status: CaseStatus,
    pub return_country: String,
    pub return_city: String,
    pub country_office: Option<String>,
    pub contact: Option<ContactView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseList {
    pub cases: Vec<CaseLine>,
    /// Returned cases approaching or past the three-month contact deadline.
    pub contact_watch: Vec<CaseLine>,
    pub may_open: bool,
    /// A caseworker not yet placed at any country office sees no cases.
    pub without_office: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub id: i64,
    pub relation: Relation,
    pub name: String,
    pub date_of_birth: NaiveDate,
    pub gender: Gender,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    pub from: Option<CaseStatus>,
    pub to: CaseStatus,
    pub comment: Option<String>,
    pub by: String,
    /// Tallinn time.
    pub at: String,
}

/// What the reader may do with the case now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseActions {
    pub edit: bool,
    pub counsel: bool,
    pub plan_departure: bool,
    pub record_departure: bool,
    pub first_contact: bool,
    pub extend: bool,
    pub close_no_contact: bool,
    pub withdraw: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub line: CaseLine,
    pub form: ReturnCaseForm,
    pub date_of_birth: NaiveDate,
    pub gender: Gender,
    pub language: InterfaceLanguage,
    pub country_office_id: Option<i64>,
    pub counsellor: Option<String>,
    pub decision_on: Option<NaiveDate>,
    pub planned_departure_on: Option<NaiveDate>,
    pub departed_on: Option<NaiveDate>,
    pub arrived_on: Option<NaiveDate>,
    pub first_contact_on: Option<NaiveDate>,
    pub first_contact_note: Option<String>,
    pub contact_extended_to: Option<NaiveDate>,
    pub extension_reason: Option<String>,
    pub members: Vec<MemberView>,
    pub steps: Vec<StepView>,
    pub may: CaseActions,
    /// The offices a departure can be planned to: (id, "Country — name").
    pub country_offices: Vec<(i64, String)>,
}

#[cfg(feature = "ssr")]
pub(crate) fn day(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

#[cfg(feature = "ssr")]
pub(crate) fn contact_of_case(
    r: &db::return_cases::ReturnCaseRow,
    today: NaiveDate,
) -> Option<ContactView> {
    let arrived = day(r.arrived_on.as_deref())?;
    let extended = day(r.contact_extended_to.as_deref());
    let state = contact_state(arrived, day(r.first_contact_on.as_deref()), extended, today);
    let deadline = extended.unwrap_or_else(|| contact_deadline(arrived));
    Some(ContactView {
        deadline,
        made: state == ContactState::Made,
        days_left: (deadline - today).num_days(),
        due_soon: matches!(state, ContactState::DueSoon { .. }),
        overdue: matches!(state, ContactState::Overdue { .. }),
    })
}

#[cfg(feature = "ssr")]
fn line_of(r: &db::return_cases::ReturnCaseRow, today: NaiveDate) -> CaseLine {
    CaseLine {
        id: r.id,
        name: format!("{} {}", r.first_name, r.last_name),
        status: r.status,
        return_country: r.return_country.clone(),
        return_city: r.return_city.clone(),
        country_office: r.country_office_name.clone(),
        contact: (r.status == CaseStatus::Returned)
            .then(|| contact_of_case(r, today))
            .flatten(),
    }
}

/// Which cases the user may see: every case (`None`), or those of one country office.
#[cfg(feature = "ssr")]
pub(crate) enum Scope {
    All,
    Office(i64),
    Nothing,
}

#[cfg(feature = "ssr")]
pub(crate) async fn scope_of(user: &CurrentUser) -> Result<Scope, AppError> {
    if user
        .roles
        .has_any(&[Role::ReturnCounsellor, Role::Approver])
    {
        return Ok(Scope::All);
    }
    let db = context::db()?;
    Ok(
        match db::country_offices::of_account(db.pool(), user.id).await? {
            Some(office) => Scope::Office(office),
            None => Scope::Nothing,
        },
    )
}

/// The case, when the user may see it; any other is "not found".
#[cfg(feature = "ssr")]
pub(crate) async fn visible_case(
    user: &CurrentUser,
    id: i64,
) -> Result<db::return_cases::ReturnCaseRow, AppError> {
    let db = context::db()?;
    let case = db::return_cases::by_id(db.pool(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let visible = match scope_of(user).await? {
        Scope::All => true,
        Scope::Office(office) => case.country_office_id == Some(office),
        Scope::Nothing => false,
    };
    if visible {
        Ok(case)
    } else {
        Err(AppError::NotFound)
    }
}

#[server(endpoint = "return_cases")]
pub async fn return_cases() -> Result<CaseList, AppError> {
    let user = context::require(access::RETURN_CASES).await?;
    let db = context::db()?;
    let pool = db.pool();
    let scope = scope_of(&user).await?;
    let rows = match scope {
        Scope::All => db::return_cases::list(pool, None).await?,
        Scope::Office(office) => db::return_cases::list(pool, Some(office)).await?,
        Scope::Nothing => Vec::new(),
    };
    db::audit::read(
        pool,
        user.id,
        AuditAction::ReturnCaseView,
        AuditSubject::ReturnCase,
        None,
        Some("list"),
    )
    .await?;
    let today = context::today();
    let cases: Vec<CaseLine> = rows.iter().map(|r| line_of(r, today)).collect();
    let mut contact_watch: Vec<CaseLine> = cases
        .iter()
        .filter(|c| c.contact.is_some_and(|k| k.due_soon || k.overdue))
        .cloned()
        .collect();
    contact_watch.sort_by_key(|c| c.contact.map(|k| k.days_left));
    Ok(CaseList {
        cases,
        contact_watch,
        may_open: user.roles.has_any(access::RETURN_COUNSELLING),
        without_office: matches!(scope, Scope::Nothing),
    })
}

#[cfg(feature = "ssr")]
pub(crate) fn get_actions(
    user: &CurrentUser,
    case: &db::return_cases::ReturnCaseRow,
) -> CaseActions {
    use CaseStatus::*;
    let counsellor = user.roles.has(Role::ReturnCounsellor);
    // A caseworker sees only their office's cases, so holding the role is enough here.
    let caseworker = user.roles.has(Role::PartnerCaseworker);
    let status = case.status;
    let waiting = status == Returned && case.first_contact_on.is_none();
    CaseActions {
        edit: counsellor && !status.is_final(),
        counsel: counsellor && status == Enquiry,
        plan_departure: counsellor && matches!(status, Counselled | DeparturePlanned),
        record_departure: (counsellor || caseworker) && status == DeparturePlanned,
        first_contact: caseworker && waiting,
        extend: (counsellor || caseworker) && waiting,
        close_no_contact: (counsellor || caseworker) && waiting,
        withdraw: status.next().contains(&Withdrawn)
            && (counsellor || (caseworker && status == Returned)),
    }
}

#[server(endpoint = "get_return_case")]
pub async fn get_return_case(id: i64) -> Result<CaseDetail, AppError> {
    let user = context::require(access::RETURN_CASES).await?;
    let case = visible_case(&user, id).await?;
    let db = context::db()?;
    let pool = db.pool();
    db::audit::record(
        pool,
        user.id,
        AuditAction::ReturnCaseView,
        AuditSubject::ReturnCase,
        id,
    )
    .await?;
    let members = db::return_cases::members(pool, id)
        .await?
        .into_iter()
        .map(|m| MemberView {
            id: m.id,
            relation: m.relation,
            name: format!("{} {}", m.first_name, m.last_name),
            date_of_birth: day(Some(&m.date_of_birth)).unwrap_or_default(),
            gender: m.gender,
        })
        .collect();
    let steps = db::return_cases::steps(pool, id)
        .await?
        .into_iter()
        .map(|s| StepView {
            from: s.from_status,
            to: s.to_status,
            comment: s.comment,
            by: s.by_name,
            at: super::dates::time(s.at),
        })
        .collect();
    let may = get_actions(&user, &case);
    let country_offices = if may.plan_departure {
        db::country_offices::list(pool)
            .await?
            .into_iter()
            .map(|o| (o.id, format!("{} — {}", o.country, o.name)))
            .collect()
    } else {
        Vec::new()
    };
    let today = context::today();
    Ok(CaseDetail {
        line: line_of(&case, today),
        form: ReturnCaseForm {
            first_name: case.first_name.clone(),
            last_name: case.last_name.clone(),
            date_of_birth: case.date_of_birth.clone(),
            gender: case.gender.code().to_string(),
            language: case.language.code().to_string(),
            phone: case.phone.clone().unwrap_or_default(),
            email: case.email.clone().unwrap_or_default(),
            nationality: case.nationality.clone(),
            return_country: case.return_country.clone(),
            return_city: case.return_city.clone(),
        },
        date_of_birth: day(Some(&case.date_of_birth)).unwrap_or_default(),
        gender: case.gender,
        language: case.language,
        country_office_id: case.country_office_id,
        counsellor: case.counsellor_name.clone(),
        decision_on: day(case.decision_on.as_deref()),
        planned_departure_on: day(case.planned_departure_on.as_deref()),
        departed_on: day(case.departed_on.as_deref()),
        arrived_on: day(case.arrived_on.as_deref()),
        first_contact_on: day(case.first_contact_on.as_deref()),
        first_contact_note: case.first_contact_note.clone(),
        contact_extended_to: day(case.contact_extended_to.as_deref()),
        extension_reason: case.extension_reason.clone(),
        members,
        steps,
        may,
        country_offices,
    })
}

/// Opens a case at the enquiry stage; the counsellor who opens it is its counsellor.
#[server(endpoint = "open_return_case")]
pub async fn open_return_case(form: ReturnCaseForm) -> Result<(), AppError> {
    let user = context::require(access::RETURN_COUNSELLING).await?;
    let person =
        super::return_steps::kept(form.parse(context::today()), "open_return_case", &form).await?;
    let db = context::db()?;
    let now = context::now();
    let mut tx = db.begin().await?;
    let id = db::return_cases::create(&mut tx, &person, user.id, now).await?;
    db::return_cases::record_step(&mut tx, id, None, CaseStatus::Enquiry, None, user.id, now)
        .await?;
    super::return_steps::audited(&mut tx, &user, AuditAction::ReturnCaseCreate, id).await?;
    tx.commit().await?;
    context::redirect_done(&format!("/returns/{id}"), crate::domain::Done::Saved);
    Ok(())
}

/// The case as the counsellor may change it: seen, and not ended.
#[cfg(feature = "ssr")]
async fn editable_case(
    user: &CurrentUser,
    id: i64,
) -> Result<db::return_cases::ReturnCaseRow, AppError> {
    let case = visible_case(user, id).await?;
    if !get_actions(user, &case).edit {
        return Err(super::return_steps::refused());
    }
    Ok(case)
}

#[server(endpoint = "update_return_case")]
pub async fn update_return_case(id: i64, form: ReturnCaseForm) -> Result<(), AppError> {
    let user = context::require(access::RETURN_COUNSELLING).await?;
    editable_case(&user, id).await?;
    let person = super::return_steps::kept(
        form.parse(context::today()),
        &format!("update_return_case/{id}"),
        &form,
    )
    .await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    db::return_cases::update_person(&mut tx, id, &person, context::now()).await?;
    super::return_steps::audited(&mut tx, &user, AuditAction::ReturnCaseUpdate, id).await?;
    tx.commit().await?;
    context::redirect_done(&format!("/returns/{id}"), crate::domain::Done::Saved);
    Ok(())
}

#[server(endpoint = "add_return_family_member")]
pub async fn add_return_family_member(id: i64, form: FamilyMemberForm) -> Result<(), AppError> {
    let user = context::require(access::RETURN_COUNSELLING).await?;
    editable_case(&user, id).await?;
    let member = super::return_steps::kept(
        form.parse(context::today()),
        &format!("add_return_family_member/{id}"),
        &form,
    )
    .await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    db::return_cases::add_member(&mut tx, id, &member).await?;
    super::return_steps::audited(&mut tx, &user, AuditAction::ReturnCaseMember, id).await?;
    tx.commit().await?;
    context::redirect_done(&format!("/returns/{id}"), crate::domain::Done::MemberAdded);
    Ok(())
}

#[server(endpoint = "remove_return_family_member")]
pub async fn remove_return_family_member(id: i64, member: i64) -> Result<(), AppError> {
    let user = context::require(access::RETURN_COUNSELLING).await?;
    editable_case(&user, id).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    if !db::return_cases::remove_member(&mut tx, id, member).await? {
        return Err(AppError::NotFound);
    }
    super::return_steps::audited(&mut tx, &user, AuditAction::ReturnCaseMember, id).await?;
    tx.commit().await?;
    context::redirect_done(&format!("/returns/{id}"), crate::domain::Done::Saved);
    Ok(())
}

/// What the returnee takes home: the country office's details in their language, and the
/// deadline for the first contact once they have arrived.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactSheetView {
    pub case_id: i64,
    pub name: String,
    pub language: InterfaceLanguage,
    pub office: super::country_offices::CountryOfficeView,
    pub deadline: Option<NaiveDate>,
}

#[server(endpoint = "contact_sheet")]
pub async fn contact_sheet(id: i64) -> Result<ContactSheetView, AppError> {
    let user = context::require(access::RETURN_CASES).await?;
    let case = visible_case(&user, id).await?;
    let db = context::db()?;
    let office = match case.country_office_id {
        Some(office) => db::country_offices::by_id(db.pool(), office).await?,
        None => None,
    }
    .ok_or(AppError::NotFound)?;
    let deadline = contact_of_case(&case, context::today()).map(|c| c.deadline);
    Ok(ContactSheetView {
        case_id: case.id,
        name: format!("{} {}", case.first_name, case.last_name),
        language: case.language,
        office: office.into(),
        deadline,
    })
}
