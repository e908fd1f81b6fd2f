//! The life of a match after approval: the volunteer accepts or declines, logs check-ins, and
//! either side closes it with feedback. A volunteer sees only their own matches, and of the
//! household only what the match needs; any other id is 404.

use crate::domain::matching::{
    CheckInForm, CloseForm, CloseReason, MatchStatus, Meeting, TimeOfWeek,
};
use crate::domain::{Channel, Gender, Language, Proficiency, Programme};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{auth::CurrentUser, context, drafts, matching::request_view},
    crate::db::{self, matching::MatchRow},
    crate::domain::matching::RequestStatus,
    crate::domain::matching::{parse_feedback, parse_reason, parse_times},
    crate::domain::{access, ErrorCode, FieldErrors, Role},
    crate::domain::{AuditAction, AuditSubject},
};

/// What a volunteer learns of the person they are matched with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedView {
    pub first_name: String,
    pub languages: Vec<Proficiency>,
    pub city: String,
    pub programme: Programme,
    pub language: Option<Language>,
    pub gender: Option<Gender>,
    pub meeting: Meeting,
    pub field_of_work: Option<String>,
    pub practice_language: Option<Language>,
    pub times: Vec<TimeOfWeek>,
    /// What the coordinator wrote for the volunteer.
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckInView {
    pub on_date: String,
    pub minutes: i64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchDetail {
    pub id: i64,
    pub status: MatchStatus,
    pub need: NeedView,
    pub volunteer_name: String,
    /// For coordinators: the household and the member's full name.
    pub household: Option<(i64, String)>,
    pub since: Option<String>,
    pub minutes: i64,
    pub quiet: bool,
    pub check_ins: Vec<CheckInView>,
    pub close_reason: Option<CloseReason>,
    pub decline_reason: Option<String>,
    pub feedback_volunteer: Option<String>,
    pub feedback_household: Option<String>,
    /// The reader is the volunteer of this match (else a coordinator).
    pub mine: bool,
    pub today: String,
    /// For its volunteer while it runs: how the first contact is made.
    pub first_contact: Option<FirstContact>,
}

/// How a volunteer reaches the person they were matched with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirstContact {
    /// The coordinator who approved the match: name and email.
    pub coordinator: Option<(String, String)>,
    /// The household's preferred channel, its link and what to show, when the household agreed
    /// that its volunteer may contact it directly.
    pub direct: Option<DirectContact>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectContact {
    pub channel: Channel,
    pub link: Option<String>,
    /// The number or address.
    pub shown: String,
}

/// Whom a volunteer contacts first: always their coordinator; the household directly only when
/// it agreed (a consent to share its contact with its volunteer, not withdrawn).
#[cfg(feature = "ssr")]
async fn first_contact(m: &MatchRow) -> Result<FirstContact, AppError> {
    use crate::domain::{contact_link::contact_link, ConsentPurpose};
    let db = context::db()?;
    let pool = db.pool();
    let approver =
        db::audit::last_actor(pool, AuditAction::MatchApprove, AuditSubject::Match, m.id).await?;
    let coordinator = match approver {
        Some(id) => db::accounts::by_id(pool, id)
            .await?
            .map(|a| (a.display_name, a.email)),
        None => None,
    };
    let agreed = db::households::consents(pool, m.household_id)
        .await?
        .iter()
        .any(|c| c.purpose == ConsentPurpose::VolunteerContact && c.withdrawn_on.is_none());
    let direct = match agreed {
        true => db::households::by_id(pool, m.household_id)
            .await?
            .filter(|h| h.erased_at.is_none())
            .and_then(|h| {
                let channel = h.channel;
                let shown = match channel {
                    Channel::Email => h.email.clone()?,
                    _ => h.phone.clone()?,
                };
                Some(DirectContact {
                    link: contact_link(channel, h.phone.as_deref(), h.email.as_deref()),
                    channel: h.channel,
                    shown,
                })
            }),
        false => None,
    };
    Ok(FirstContact {
        coordinator,
        direct,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyMatchesView {
    /// Approved proposals waiting for an answer.
    pub offers: Vec<MatchDetail>,
    pub active: Vec<MatchDetail>,
    pub closed: Vec<MatchDetail>,
    pub minutes: i64,
}

#[cfg(feature = "ssr")]
async fn detail(m: MatchRow, mine: bool) -> Result<MatchDetail, AppError> {
    let db = context::db()?;
    let pool = db.pool();
    let today = context::today();
    let r = db::matching::request_by_id(pool, m.request_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let languages = db::households::languages(pool, r.household_id)
        .await?
        .into_iter()
        .filter(|l| l.member_id == r.member_id)
        .map(|l| Proficiency {
            language: l.language,
            level: l.level,
        })
        .collect();
    let since = m.since();
    let check_ins = db::matching::check_ins(pool, m.id)
        .await?
        .into_iter()
        .map(|c| CheckInView {
            on_date: c.on_date,
            minutes: c.minutes,
            note: c.note,
        })
        .collect();
    let staff = request_view(&r, today);
    Ok(MatchDetail {
        id: m.id,
        status: m.status,
        need: NeedView {
            first_name: r.first_name.clone(),
            languages,
            city: r.city.clone(),
            programme: r.programme,
            language: r.language,
            gender: r.gender,
            meeting: r.meeting,
            field_of_work: r.field_of_work.clone(),
            practice_language: r.practice_language,
            times: parse_times(&r.times),
            notes: r.notes.clone(),
        },
        volunteer_name: m.volunteer_name.clone(),
        household: (!mine).then_some((r.household_id, staff.member_name)),
        since: since.map(|d| d.to_string()),
        minutes: m.minutes,
        quiet: m.is_quiet(today),
        check_ins,
        close_reason: m.close_reason,
        decline_reason: m.decline_reason.clone(),
        feedback_volunteer: m.feedback_volunteer.clone(),
        feedback_household: if mine {
            None
        } else {
            m.feedback_household.clone()
        },
        first_contact: match mine && m.status() == Some(MatchStatus::Active) {
            true => Some(first_contact(&m).await?),
            false => None,
        },
        mine,
        today: today.to_string(),
    })
}

/// The match, when the user may see it: its volunteer (once approved), or a coordinator.
/// Anyone else, and a volunteer before approval, gets 404.
#[cfg(feature = "ssr")]
async fn visible(user: &CurrentUser, id: i64) -> Result<(MatchRow, bool), AppError> {
    let db = context::db()?;
    let m = db::matching::match_by_id(db.pool(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let shown_to_volunteer = !matches!(
        m.status(),
        Some(MatchStatus::Proposed | MatchStatus::Rejected) | None
    );
    if m.volunteer_id == user.id && shown_to_volunteer {
        return Ok((m, true));
    }
    if user.roles.has(Role::Coordinator) {
        return Ok((m, false));
    }
    Err(AppError::NotFound)
}

#[server(endpoint = "get_match")]
pub async fn get_match(id: i64) -> Result<MatchDetail, AppError> {
    let user = context::require_login().await?;
    let (m, mine) = visible(&user, id).await?;
    let db = context::db()?;
    db::audit::read(
        db.pool(),
        user.id,
        AuditAction::MatchView,
        AuditSubject::Match,
        Some(id),
        None,
    )
    .await?;
    detail(m, mine).await
}

#[server(endpoint = "my_matches")]
pub async fn my_matches() -> Result<MyMatchesView, AppError> {
    let user = context::require(access::VOLUNTEER).await?;
    let db = context::db()?;
    let rows = db::matching::matches_with_status(
        db.pool(),
        &[
            MatchStatus::Approved,
            MatchStatus::Active,
            MatchStatus::Closed,
        ],
        Some(user.id),
    )
    .await?;
    let mut out = MyMatchesView {
        offers: Vec::new(),
        active: Vec::new(),
        closed: Vec::new(),
        minutes: rows.iter().map(|m| m.minutes).sum(),
    };
    for m in rows {
        let d = detail(m, true).await?;
        match d.status {
            MatchStatus::Approved => out.offers.push(d),
            MatchStatus::Active => out.active.push(d),
            _ => out.closed.push(d),
        }
    }
    Ok(out)
}

/// The volunteer's own match in `status`, or an error: 404 for anyone else's.
#[cfg(feature = "ssr")]
async fn own_in(
    tx: &mut db::Tx,
    user: &CurrentUser,
    id: i64,
    status: MatchStatus,
) -> Result<MatchRow, AppError> {
    let m = db::matching::match_by_id(&mut **tx, id)
        .await?
        .filter(|m| {
            m.volunteer_id == user.id
                && !matches!(
                    m.status(),
                    Some(MatchStatus::Proposed | MatchStatus::Rejected)
                )
        })
        .ok_or(AppError::NotFound)?;
    if m.status() != Some(status) {
        return Err(FieldErrors::single("match", ErrorCode::MatchNotOpen).into());
    }
    Ok(m)
}

#[server(endpoint = "accept_match")]
pub async fn accept_match(id: i64) -> Result<(), AppError> {
    let user = context::require(access::VOLUNTEER).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let m = own_in(&mut tx, &user, id, MatchStatus::Approved).await?;
    let now = context::now();
    db::matching::transition(&mut tx, id, MatchStatus::Approved, MatchStatus::Active, now).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::MatchAccept,
        AuditSubject::Match,
        id,
    )
    .await?;
    // The coordinator who approved it arranges the first contact.
    if let Some(coordinator) =
        db::audit::last_actor(&mut *tx, AuditAction::MatchApprove, AuditSubject::Match, id).await?
    {
        let request = db::matching::request_by_id(&mut *tx, m.request_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let link = format!("{}/matches/{id}", context::public_url());
        let accepted = super::notify_matches::Accepted {
            volunteer: &m.volunteer_name,
            name: &request.first_name,
            programme: m.programme,
            link: &link,
        };
        super::notify_matches::match_accepted(&mut tx, coordinator, &accepted, now).await?;
    }
    tx.commit().await?;
    context::redirect_done(
        &format!("/matches/{id}"),
        crate::domain::Done::MatchAccepted,
    );
    Ok(())
}

/// Declining returns the request to the pool and frees the volunteer's place.
#[server(endpoint = "decline_match")]
pub async fn decline_match(id: i64, reason: String) -> Result<(), AppError> {
    let user = context::require(access::VOLUNTEER).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let m = own_in(&mut tx, &user, id, MatchStatus::Approved).await?;
    let reason = parse_reason(&reason)?;
    let now = context::now();
    db::matching::transition(
        &mut tx,
        id,
        MatchStatus::Approved,
        MatchStatus::Declined,
        now,
    )
    .await?;
    db::matching::set_decline_reason(&mut tx, id, &reason).await?;
    db::matching::set_request_status(&mut tx, m.request_id, RequestStatus::Open, now).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::MatchDecline,
        AuditSubject::Match,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done("/volunteer", crate::domain::Done::MatchDeclined);
    Ok(())
}

#[server(endpoint = "log_check_in")]
pub async fn log_check_in(id: i64, check_in: CheckInForm) -> Result<(), AppError> {
    let user = context::require(access::VOLUNTEER).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let m = own_in(&mut tx, &user, id, MatchStatus::Active).await?;
    let began = m
        .answered_at
        .and_then(context::local_date)
        .unwrap_or_else(context::today);
    let valid = drafts::keep_if_invalid(
        check_in
            .parse(context::today(), began)
            .map_err(AppError::from),
        &format!("check_in/{id}"),
        &check_in,
    )
    .await?;
    db::matching::add_check_in(&mut tx, id, &valid, user.id).await?;
    tx.commit().await?;
    context::redirect_done(
        &format!("/matches/{id}"),
        crate::domain::Done::CheckInLogged,
    );
    Ok(())
}

/// The volunteer or a coordinator closes an active match; the closer's feedback is kept on
/// their side (a coordinator speaks for the household).
#[server(endpoint = "close_match")]
pub async fn close_match(id: i64, close: CloseForm) -> Result<(), AppError> {
    let user = context::require_login().await?;
    let (m, mine) = visible(&user, id).await?;
    let (reason, feedback) = close.parse()?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let now = context::now();
    if !db::matching::transition(&mut tx, id, MatchStatus::Active, MatchStatus::Closed, now).await?
    {
        return Err(FieldErrors::single("match", ErrorCode::MatchNotOpen).into());
    }
    db::matching::set_close_reason(&mut tx, id, reason.code()).await?;
    if let Some(text) = feedback {
        db::matching::set_feedback(&mut tx, id, mine, &text).await?;
    }
    db::matching::set_request_status(&mut tx, m.request_id, RequestStatus::Closed, now).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::MatchClose,
        AuditSubject::Match,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done(&format!("/matches/{id}"), crate::domain::Done::MatchClosed);
    Ok(())
}

/// Feedback from the other side after the match closed.
#[server(endpoint = "give_match_feedback")]
pub async fn give_match_feedback(id: i64, feedback: String) -> Result<(), AppError> {
    let user = context::require_login().await?;
    let (m, mine) = visible(&user, id).await?;
    if m.status() != Some(MatchStatus::Closed) {
        return Err(FieldErrors::single("feedback", ErrorCode::MatchNotOpen).into());
    }
    let text = parse_feedback(&feedback)?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    db::matching::set_feedback(&mut tx, id, mine, &text).await?;
    tx.commit().await?;
    context::redirect_done(&format!("/matches/{id}"), crate::domain::Done::Saved);
    Ok(())
}
