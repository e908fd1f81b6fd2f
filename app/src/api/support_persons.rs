//! Support persons as coordinators manage them: profiles, caseloads, and the page from which a
//! leaving or pausing person's households are moved to others.

use super::assignments::{AssignmentView, CandidateView};
use crate::domain::Proficiency;
use crate::domain::SupportProfileForm;
use crate::domain::SupportStatus;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        assignments::{candidate_view, candidates, view_of},
        context, drafts,
    },
    crate::db,
    crate::domain::{access, CandidateNote, RankedCandidate},
    crate::domain::{AuditAction, AuditSubject},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupportPersonSummary {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub city: String,
    pub status: SupportStatus,
    pub open: i64,
    pub caseload_limit: i64,
    pub languages: Vec<Proficiency>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupportPersonDetail {
    pub person: SupportPersonSummary,
    pub form: SupportProfileForm,
    pub assignments: Vec<AssignmentView>,
    /// Everyone else, as candidates for taking over a household.
    pub others: Vec<CandidateView>,
}

#[server(endpoint = "list_support_persons")]
pub async fn list_support_persons() -> Result<Vec<SupportPersonSummary>, AppError> {
    context::require(access::HOUSEHOLDS).await?;
    let db = context::db()?;
    let languages = db::support_persons::languages(db.pool()).await?;
    Ok(db::support_persons::list(db.pool())
        .await?
        .into_iter()
        .map(|p| SupportPersonSummary {
            languages: languages
                .iter()
                .filter(|(id, _)| *id == p.id)
                .map(|(_, l)| *l)
                .collect(),
            id: p.id,
            name: p.display_name,
            email: p.email,
            city: p.city,
            status: p.status,
            open: p.open,
            caseload_limit: p.caseload_limit,
        })
        .collect())
}

#[server(endpoint = "get_support_person")]
pub async fn get_support_person(id: i64) -> Result<SupportPersonDetail, AppError> {
    context::require(access::HOUSEHOLDS).await?;
    let db = context::db()?;
    let pool = db.pool();
    // Every active support person, once: this one and those who could take over.
    let all = candidates(pool).await?;
    let languages = all
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.languages.clone())
        .ok_or(AppError::NotFound)?;
    let row = db::support_persons::by_id(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let person = SupportPersonSummary {
        id,
        name: row.display_name.clone(),
        email: row.email.clone(),
        city: row.city.clone(),
        status: row.status,
        open: row.open,
        caseload_limit: row.caseload_limit,
        languages,
    };
    let lang = |n: usize| Proficiency::form_row(&person.languages, n);
    let form = SupportProfileForm {
        city: row.city,
        phone: row.phone.unwrap_or_default(),
        caseload_limit: row.caseload_limit.to_string(),
        status: row.status.code().to_string(),
        language_1: lang(0).0,
        level_1: lang(0).1,
        language_2: lang(1).0,
        level_2: lang(1).1,
        language_3: lang(2).0,
        level_3: lang(2).1,
    };
    let today = context::today();
    let assignments = db::assignments::of_support_person(pool, id)
        .await?
        .into_iter()
        .map(|a| view_of(a, today))
        .collect();
    let others = all
        .into_iter()
        .filter(|c| c.id != id && c.status == SupportStatus::Active)
        .map(|c| {
            candidate_view(RankedCandidate {
                notes: vec![CandidateNote::FreePlaces(c.caseload_limit - c.open)],
                assignable: true,
                needs_override: c.open >= c.caseload_limit,
                candidate: c,
            })
        })
        .collect();
    Ok(SupportPersonDetail {
        person,
        form,
        assignments,
        others,
    })
}

#[server(endpoint = "save_support_profile")]
pub async fn save_support_profile(id: i64, profile: SupportProfileForm) -> Result<(), AppError> {
    let user = context::require(access::HOUSEHOLDS).await?;
    let valid = match profile.parse() {
        Ok(valid) => valid,
        Err(errors) => {
            drafts::keep(&format!("support_profile/{id}"), &profile).await?;
            return Err(AppError::Invalid(errors));
        }
    };
    let db = context::db()?;
    let mut tx = db.begin().await?;
    if db::support_persons::by_id(&mut *tx, id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    db::support_persons::save_profile(&mut tx, id, &valid).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::SupportProfileUpdate,
        AuditSubject::Account,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect(&format!("/support-persons/{id}"));
    Ok(())
}
