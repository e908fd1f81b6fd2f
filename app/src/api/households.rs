//! The household registry, for coordinators. Every read of a household's record is audited.

use crate::domain::{AuditAction, Channel, ConsentPurpose, Gender, HouseholdStatus, Proficiency};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::{ConsentForm, HouseholdForm, MemberForm};
#[cfg(feature = "ssr")]
use {
    super::{context, drafts},
    crate::db,
    crate::domain::AuditSubject,
    crate::domain::{access, FieldErrors, HouseholdFilter},
};

/// Most rows the list shows at once.
/// Households on one page of the list.
pub const PAGE_SIZE: i64 = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdSummary {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub arrival_date: String,
    pub status: HouseholdStatus,
    pub member_count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdList {
    pub rows: Vec<HouseholdSummary>,
    pub cities: Vec<String>,
    /// All households that pass the filters, on every page.
    pub total: i64,
    /// 1 is the first.
    pub page: i64,
    pub pages: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub gender: Gender,
    pub languages: Vec<Proficiency>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsentView {
    pub id: i64,
    pub purpose: ConsentPurpose,
    pub given_on: String,
    pub recorded_by: String,
    /// Europe/Tallinn wall-clock time.
    pub recorded_at: String,
    /// (date, by whom) once the household withdrew this consent.
    pub withdrawn: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditView {
    pub actor: String,
    pub action: AuditAction,
    /// Europe/Tallinn wall-clock time (of the newest, for folded reads).
    pub at: String,
    /// How many reads by the same person that day this line stands for.
    pub times: usize,
}

/// History lines on one page of a household's log.
pub const LOG_PAGE: usize = 20;
/// The newest entries a household's log is folded from.
#[cfg(feature = "ssr")]
const LOG_READ: i64 = 2_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdDetail {
    pub id: i64,
    /// The record as its edit form holds it.
    pub form: HouseholdForm,
    pub channel: Channel,
    pub status: HouseholdStatus,
    pub members: Vec<MemberView>,
    pub consents: Vec<ConsentView>,
    pub audit: Vec<AuditView>,
    pub audit_page: i64,
    pub audit_pages: i64,
    /// Support-person assignments, newest first.
    pub assignments: Vec<super::assignments::AssignmentView>,
    /// Who of the members has a login of their own, or an open invitation.
    pub logins: Vec<super::invitations::MemberLoginView>,
    /// Europe/Tallinn time of the erasure, once the household was anonymised.
    pub erased_at: Option<String>,
}

#[server(endpoint = "search_households")]
pub async fn search_households(
    q: String,
    city: String,
    language: String,
    status: String,
    #[server(default)] page: Option<i64>,
) -> Result<HouseholdList, AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let db = context::db()?;
    let filter = HouseholdFilter::from_query(&q, &city, &language, &status);
    let terms: String = format!("q={q} city={city} language={language} status={status}")
        .chars()
        .take(500)
        .collect();
    db::audit::read(
        db.pool(),
        user.id,
        AuditAction::HouseholdsSearch,
        AuditSubject::Household,
        None,
        Some(&terms),
    )
    .await?;
    let total = db::households::search_count(db.pool(), &filter).await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = page.unwrap_or(1).clamp(1, pages);
    let rows =
        db::households::search(db.pool(), &filter, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    Ok(HouseholdList {
        total,
        page,
        pages,
        rows: rows
            .into_iter()
            .map(|r| HouseholdSummary {
                id: r.id,
                name: format!(
                    "{} {}",
                    r.first_name.unwrap_or_default(),
                    r.last_name.unwrap_or_default()
                )
                .trim()
                .to_string(),
                city: r.city,
                arrival_date: r.arrival_date,
                status: r.status,
                member_count: r.member_count,
            })
            .collect(),
        cities: db::households::cities(db.pool()).await?,
    })
}

/// The members of a household with their languages.
#[cfg(feature = "ssr")]
pub(crate) async fn member_views(
    pool: &sqlx::AnyPool,
    household_id: i64,
) -> Result<Vec<MemberView>, AppError> {
    let languages = db::households::languages(pool, household_id).await?;
    Ok(db::households::members(pool, household_id)
        .await?
        .into_iter()
        .map(|m| MemberView {
            languages: languages
                .iter()
                .filter(|l| l.member_id == m.id)
                .map(|l| Proficiency {
                    language: l.language,
                    level: l.level,
                })
                .collect(),
            id: m.id,
            first_name: m.first_name,
            last_name: m.last_name,
            date_of_birth: m.date_of_birth,
            gender: m.gender,
        })
        .collect())
}

#[server(endpoint = "get_household")]
pub async fn get_household(id: i64, log: Option<i64>) -> Result<HouseholdDetail, AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let db = context::db()?;
    let pool = db.pool();
    let h = db::households::by_id(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    db::audit::record(
        pool,
        user.id,
        AuditAction::HouseholdView,
        AuditSubject::Household,
        id,
    )
    .await?;
    let members = member_views(pool, id).await?;
    let consents = db::households::consents(pool, id)
        .await?
        .into_iter()
        .map(|c| ConsentView {
            withdrawn: c
                .withdrawn_on
                .map(|on| (on, c.withdrawn_by.unwrap_or_default())),
            id: c.id,
            purpose: c.purpose,
            given_on: c.given_on,
            recorded_by: c.recorded_by,
            recorded_at: super::dates::time(c.recorded_at),
        })
        .collect();
    let entries = db::audit::for_subject(pool, AuditSubject::Household, id, LOG_READ).await?;
    let lines = crate::domain::audit_log::fold_reads(entries, |a| {
        let day = context::local_date(a.at)?;
        a.action
            .is_read()
            .then(|| (a.account_id.unwrap_or(0), a.action, day))
    });
    let audit_pages = lines.len().div_ceil(LOG_PAGE).max(1) as i64;
    let audit_page = log.unwrap_or(1).clamp(1, audit_pages);
    let audit = lines
        .into_iter()
        .skip((audit_page as usize - 1) * LOG_PAGE)
        .take(LOG_PAGE)
        .map(|line| AuditView {
            actor: line.entry.actor,
            action: line.entry.action,
            at: super::dates::time(line.entry.at),
            times: line.times,
        })
        .collect();
    let today = context::today();
    let assignments = db::assignments::of_household(pool, id)
        .await?
        .into_iter()
        .map(|a| super::assignments::view_of(a, today))
        .collect();
    let logins = super::invitations::logins_of(id).await?;
    Ok(HouseholdDetail {
        assignments,
        logins,
        erased_at: h.erased_at.map(super::dates::time),
        id: h.id,
        channel: h.channel,
        status: h.status,
        form: HouseholdForm {
            city: h.city,
            arrival_date: h.arrival_date,
            phone: h.phone.unwrap_or_default(),
            email: h.email.unwrap_or_default(),
            channel: h.channel.code().to_string(),
            needs: h.needs.unwrap_or_default(),
            notes: h.notes.unwrap_or_default(),
            status: h.status.code().to_string(),
        },
        members,
        consents,
        audit,
        audit_page,
        audit_pages,
    })
}

/// Joins the errors of two parts of one form into one answer.
#[cfg(feature = "ssr")]
fn merge<A, B>(
    a: Result<A, FieldErrors>,
    b: Result<B, FieldErrors>,
) -> Result<(A, B), FieldErrors> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => {
            let mut all = a.err().unwrap_or_default();
            all.0.extend(b.err().unwrap_or_default().0);
            Err(all)
        }
    }
}

#[server(endpoint = "create_household")]
pub async fn create_household(
    household: HouseholdForm,
    member: MemberForm,
    /// The contact request the household is registered from, if any: it is closed and linked.
    #[server(default)]
    intake: Option<i64>,
) -> Result<i64, AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let today = context::today();
    let (new_household, new_member) = match merge(household.parse(today), member.parse(today)) {
        Ok(valid) => valid,
        Err(errors) => {
            drafts::keep("create_household", &(&household, &member)).await?;
            return Err(errors.into());
        }
    };
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let id = db::households::create(&mut tx, &new_household, user.id).await?;
    db::households::add_member(&mut tx, id, &new_member).await?;
    db::households::refresh_search_text(&mut tx, id).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::HouseholdCreate,
        AuditSubject::Household,
        id,
    )
    .await?;
    if let Some(intake) = intake {
        super::intake::link_registered(&mut tx, intake, id, user.id).await?;
    }
    tx.commit().await?;
    context::redirect(&format!("/households/{id}"));
    Ok(id)
}

#[server(endpoint = "update_household")]
pub async fn update_household(id: i64, household: HouseholdForm) -> Result<(), AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let valid = match household.parse(context::today()) {
        Ok(valid) => valid,
        Err(errors) => {
            drafts::keep(&format!("update_household/{id}"), &household).await?;
            return Err(errors.into());
        }
    };
    let db = context::db()?;
    let mut tx = db.begin().await?;
    if !db::households::update(&mut tx, id, &valid).await? {
        return Err(AppError::NotFound);
    }
    db::households::refresh_search_text(&mut tx, id).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::HouseholdUpdate,
        AuditSubject::Household,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect(&format!("/households/{id}"));
    Ok(())
}

#[server(endpoint = "add_member")]
pub async fn add_member(household_id: i64, member: MemberForm) -> Result<(), AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let valid = match member.parse(context::today()) {
        Ok(valid) => valid,
        Err(errors) => {
            drafts::keep(&format!("add_member/{household_id}"), &member).await?;
            return Err(errors.into());
        }
    };
    let db = context::db()?;
    let mut tx = db.begin().await?;
    if !db::households::exists_unerased(&mut tx, household_id).await? {
        return Err(AppError::NotFound);
    }
    db::households::add_member(&mut tx, household_id, &valid).await?;
    db::households::refresh_search_text(&mut tx, household_id).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::MemberAdd,
        AuditSubject::Household,
        household_id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done(
        &format!("/households/{household_id}"),
        crate::domain::Done::MemberAdded,
    );
    Ok(())
}

#[server(endpoint = "record_consent")]
pub async fn record_consent(household_id: i64, consent: ConsentForm) -> Result<(), AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let valid = match consent.parse(context::today()) {
        Ok(valid) => valid,
        Err(errors) => {
            drafts::keep(&format!("record_consent/{household_id}"), &consent).await?;
            return Err(errors.into());
        }
    };
    let db = context::db()?;
    let mut tx = db.begin().await?;
    if !db::households::exists_unerased(&mut tx, household_id).await? {
        return Err(AppError::NotFound);
    }
    db::households::record_consent(&mut tx, household_id, &valid, user.id).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::ConsentRecord,
        AuditSubject::Household,
        household_id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done(
        &format!("/households/{household_id}"),
        crate::domain::Done::ConsentRecorded,
    );
    Ok(())
}
