//! Volunteers: their own profile and weekly availability; coordinators' list, activation and
//! trainings; the kinds of training an admin defines.

use crate::domain::matching::VolunteerStatus;
use crate::domain::matching::{AvailabilityForm, TrainingForm, VolunteerProfileForm};
use crate::domain::{Gender, Language, Proficiency, Programme};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{context, drafts},
    crate::db::{self, volunteers::VolunteerRow},
    crate::domain::matching::{busy_horizon, busy_within, parse_status, regular_busy, Window},
    crate::domain::{access, parse_required_text, FieldErrors, Role},
    crate::domain::{AuditAction, AuditSubject},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolunteerSummary {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub status: VolunteerStatus,
    pub city: String,
    pub online: bool,
    pub capacity: i64,
    /// Matches approved or active.
    pub busy: i64,
    pub programmes: Vec<Programme>,
    pub languages: Vec<Proficiency>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowView {
    pub id: i64,
    pub weekday: u8,
    /// `HH:MM`
    pub start: String,
    pub end: String,
    /// The parts the volunteer's imported calendar shows as busy every week (`18:00–20:00`);
    /// matching does not count them as free.
    pub busy: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingView {
    pub code: String,
    pub name: String,
    pub builtin: bool,
    pub completed_on: String,
}

/// A kind of training: code, name, built in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingKind {
    pub code: String,
    pub name: String,
    pub builtin: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolunteerDetail {
    pub summary: VolunteerSummary,
    /// The profile as its edit form holds it.
    pub form: VolunteerProfileForm,
    pub gender: Option<Gender>,
    pub practice_language: Option<Language>,
    pub availability: Vec<WindowView>,
    pub trainings: Vec<TrainingView>,
    pub training_kinds: Vec<TrainingKind>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolunteerList {
    pub volunteers: Vec<VolunteerSummary>,
    pub training_kinds: Vec<TrainingKind>,
    pub can_define_trainings: bool,
}

#[cfg(feature = "ssr")]
fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(feature = "ssr")]
async fn summaries(
    pool: &sqlx::AnyPool,
    rows: Vec<VolunteerRow>,
    only: Option<i64>,
) -> Result<Vec<VolunteerSummary>, AppError> {
    let languages = db::volunteers::languages(pool, only).await?;
    let programmes = db::volunteers::programmes(pool, only).await?;
    Ok(rows
        .into_iter()
        .map(|r| VolunteerSummary {
            programmes: programmes
                .iter()
                .filter(|(id, _)| *id == r.id)
                .map(|(_, p)| *p)
                .collect(),
            languages: languages
                .iter()
                .filter(|(id, _)| *id == r.id)
                .map(|(_, p)| *p)
                .collect(),
            id: r.id,
            name: r.display_name,
            email: r.email,
            status: r.status,
            city: r.city.unwrap_or_default(),
            online: r.online == 1,
            capacity: r.capacity,
            busy: r.busy,
        })
        .collect())
}

#[cfg(feature = "ssr")]
async fn training_kinds(pool: &sqlx::AnyPool) -> Result<Vec<TrainingKind>, AppError> {
    Ok(db::volunteers::training_kinds(pool)
        .await?
        .into_iter()
        .map(|(code, name, builtin)| TrainingKind {
            code,
            name,
            builtin: builtin == 1,
        })
        .collect())
}

#[cfg(feature = "ssr")]
async fn detail(id: i64) -> Result<VolunteerDetail, AppError> {
    let db = context::db()?;
    let pool = db.pool();
    let row = db::volunteers::by_id(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let on = |v: bool| if v { "on".to_string() } else { String::new() };
    let summary = summaries(pool, vec![row.clone()], Some(id))
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let has = |p: Programme| on(summary.programmes.contains(&p));
    let lang = |n: usize| Proficiency::form_row(&summary.languages, n);
    let form = VolunteerProfileForm {
        adaptation_mentor: has(Programme::AdaptationMentor),
        peer_counsellor: has(Programme::PeerCounsellor),
        language_partner: has(Programme::LanguagePartner),
        job_mentor: has(Programme::JobMentor),
        city: row.city.clone().unwrap_or_default(),
        online: on(row.online == 1),
        capacity: row.capacity.to_string(),
        gender: row.gender.map(|g| g.code().to_string()).unwrap_or_default(),
        origin_country: row.origin_country.clone().unwrap_or_default(),
        protection_path: row.protection_path.clone().unwrap_or_default(),
        field_of_work: row.field_of_work.clone().unwrap_or_default(),
        practice_language: row
            .practice_language
            .map(|l| l.code().to_string())
            .unwrap_or_default(),
        language_1: lang(0).0,
        level_1: lang(0).1,
        language_2: lang(1).0,
        level_2: lang(1).1,
        language_3: lang(2).0,
        level_3: lang(2).1,
    };
    let now = context::now();
    let (horizon, weeks) = busy_horizon(now);
    let imported = db::calendar_feeds::busy_in(pool, id, horizon).await?;
    let regular = regular_busy(&imported, now, weeks);
    let availability = db::volunteers::availability(pool, Some(id))
        .await?
        .into_iter()
        .map(|(_, wid, w)| WindowView {
            id: wid,
            weekday: w.weekday(),
            start: hhmm(w.start()),
            end: hhmm(w.end()),
            busy: busy_within(&w, &regular)
                .iter()
                .map(|b| format!("{}–{}", hhmm(b.start()), hhmm(b.end())))
                .collect(),
        })
        .collect();
    let trainings = db::volunteers::trainings(pool, Some(id))
        .await?
        .into_iter()
        .map(|t| TrainingView {
            code: t.training,
            name: t.name,
            builtin: t.builtin == 1,
            completed_on: t.completed_on,
        })
        .collect();
    Ok(VolunteerDetail {
        summary,
        form,
        gender: row.gender,
        practice_language: row.practice_language,
        availability,
        trainings,
        training_kinds: training_kinds(pool).await?,
    })
}

/// The logged-in volunteer's profile, availability and trainings.
#[server(endpoint = "my_volunteer_profile")]
pub async fn my_volunteer_profile() -> Result<VolunteerDetail, AppError> {
    let user = context::require(access::VOLUNTEER).await?;
    detail(user.id).await
}

#[server(endpoint = "save_my_volunteer_profile")]
pub async fn save_my_volunteer_profile(profile: VolunteerProfileForm) -> Result<(), AppError> {
    let user = context::require(access::VOLUNTEER).await?;
    let valid = drafts::keep_if_invalid(
        profile.parse().map_err(AppError::from),
        "volunteer_profile",
        &profile,
    )
    .await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    db::volunteers::save_profile(&mut tx, user.id, &valid).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::VolunteerProfileUpdate,
        AuditSubject::Account,
        user.id,
    )
    .await?;
    tx.commit().await?;
    context::redirect("/volunteer/profile");
    Ok(())
}

#[server(endpoint = "add_my_availability")]
pub async fn add_my_availability(window: AvailabilityForm) -> Result<(), AppError> {
    let user = context::require(access::VOLUNTEER).await?;
    let valid: Window = drafts::keep_if_invalid(
        window.parse().map_err(AppError::from),
        "availability",
        &window,
    )
    .await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    db::volunteers::add_window(&mut tx, user.id, valid).await?;
    tx.commit().await?;
    context::redirect("/volunteer/profile#availability");
    Ok(())
}

#[server(endpoint = "remove_my_availability")]
pub async fn remove_my_availability(id: i64) -> Result<(), AppError> {
    let user = context::require(access::VOLUNTEER).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    if !db::volunteers::remove_window(&mut tx, user.id, id).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    context::redirect("/volunteer/profile#availability");
    Ok(())
}

#[server(endpoint = "list_volunteers")]
pub async fn list_volunteers() -> Result<VolunteerList, AppError> {
    let user = context::require(access::VOLUNTEERS).await?;
    let db = context::db()?;
    let pool = db.pool();
    let rows = db::volunteers::list(pool).await?;
    Ok(VolunteerList {
        volunteers: summaries(pool, rows, None).await?,
        training_kinds: training_kinds(pool).await?,
        can_define_trainings: user.roles.has(Role::Admin),
    })
}

#[server(endpoint = "get_volunteer")]
pub async fn get_volunteer(id: i64) -> Result<VolunteerDetail, AppError> {
    context::require(access::MATCHING).await?;
    detail(id).await
}

/// A coordinator activates, pauses or marks a volunteer as left.
#[server(endpoint = "set_volunteer_status")]
pub async fn set_volunteer_status(id: i64, status: String) -> Result<(), AppError> {
    let user = context::require(access::MATCHING).await?;
    let status: VolunteerStatus = parse_status(&status)?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    if db::volunteers::by_id(&mut *tx, id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    db::volunteers::set_status(&mut tx, id, status).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::VolunteerStatus,
        AuditSubject::Account,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect(&format!("/volunteers/{id}"));
    Ok(())
}

/// A coordinator records a training the volunteer completed.
#[server(endpoint = "record_training")]
pub async fn record_training(id: i64, training: TrainingForm) -> Result<(), AppError> {
    let user = context::require(access::MATCHING).await?;
    let db = context::db()?;
    let known: Vec<String> = db::volunteers::training_kinds(db.pool())
        .await?
        .into_iter()
        .map(|(code, _, _)| code)
        .collect();
    let (code, date) = drafts::keep_if_invalid(
        training
            .parse(&known, context::today())
            .map_err(AppError::from),
        &format!("training/{id}"),
        &training,
    )
    .await?;
    let mut tx = db.begin().await?;
    if db::volunteers::by_id(&mut *tx, id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    db::volunteers::record_training(&mut tx, id, &code, &date.to_string(), user.id).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::VolunteerTraining,
        AuditSubject::Account,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect(&format!("/volunteers/{id}#trainings"));
    Ok(())
}

/// An admin defines another kind of training.
#[server(endpoint = "add_training_kind")]
pub async fn add_training_kind(name: String) -> Result<(), AppError> {
    context::require(access::ADMIN).await?;
    let name = parse_required_text(&name, 80).map_err(|c| FieldErrors::single("name", c))?;
    let db = context::db()?;
    let existing = db::volunteers::training_kinds(db.pool()).await?;
    if existing
        .iter()
        .any(|(_, n, _)| n.to_lowercase() == name.to_lowercase())
    {
        return Err(FieldErrors::single("name", crate::domain::ErrorCode::AlreadyExists).into());
    }
    let code = format!("t{}", existing.len() + 1);
    let mut tx = db.begin().await?;
    db::volunteers::add_training_kind(&mut tx, &code, &name).await?;
    tx.commit().await?;
    context::redirect("/volunteers#trainings");
    Ok(())
}
