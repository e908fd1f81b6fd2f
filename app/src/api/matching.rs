//! Matching for coordinators: match requests, running the engine over every open request,
//! and approving, editing or rejecting its proposals. The volunteer's side is in `matches.rs`.

use super::choices::Choice;
use crate::domain::matching::{
    Criterion, HardRule, MatchRequestForm, MatchStatus, Meeting, TimeOfWeek,
};
#[cfg(feature = "ssr")]
use crate::domain::{AuditAction, AuditSubject};
use crate::domain::{Gender, Language, Programme};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{auth::CurrentUser, context, drafts},
    crate::db::{self, matching::RequestRow, Tx},
    crate::domain::matching::RequestStatus,
    crate::domain::matching::{
        candidates, explain, parse_times, propose, regular_busy, rule_broken, without, Need, Score,
        Volunteer, VolunteerStatus, Window,
    },
    crate::domain::schedule::Span,
    crate::domain::HouseholdStatus,
    crate::domain::{access, ErrorCode, FieldErrors, Role},
    chrono::NaiveDate,
};

/// A pair's score by criterion, as shown next to a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreView {
    pub total: i64,
    /// Points by criterion, only the criteria that gave points.
    pub parts: Vec<(Criterion, i64)>,
}

#[cfg(feature = "ssr")]
pub(crate) fn score_view(s: &Score) -> ScoreView {
    let parts = [
        (Criterion::Base, s.base),
        (Criterion::Availability, s.availability),
        (Criterion::City, s.city),
        (Criterion::Background, s.background),
        (Criterion::Field, s.field),
        (Criterion::Waiting, s.waiting),
    ]
    .into_iter()
    .filter(|(_, p)| *p != 0)
    .collect();
    ScoreView {
        total: s.total(),
        parts,
    }
}

/// A request as coordinators see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: i64,
    pub household_id: i64,
    pub member_name: String,
    pub programme: Programme,
    pub language: Option<Language>,
    pub gender: Option<Gender>,
    pub meeting: Meeting,
    pub city: String,
    pub field_of_work: Option<String>,
    pub practice_language: Option<Language>,
    pub origin_country: Option<String>,
    pub times: Vec<TimeOfWeek>,
    pub notes: Option<String>,
    pub waiting_days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalView {
    pub match_id: i64,
    pub volunteer_id: i64,
    pub volunteer_name: String,
    pub score: ScoreView,
    /// The data changed since the run: this pair would no longer be proposed with this score.
    pub stale: bool,
}

/// Why a request could not be matched: the rule, and how many volunteers each rule left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockedView {
    pub rule: HardRule,
    pub funnel: Vec<(HardRule, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateOption {
    pub volunteer_id: i64,
    pub name: String,
    pub score: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenRequest {
    pub request: RequestView,
    pub proposal: Option<ProposalView>,
    pub blocked: Option<BlockedView>,
    /// Every volunteer who may take it, best first, for editing the proposal.
    pub candidates: Vec<CandidateOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchLine {
    pub id: i64,
    pub request: RequestView,
    pub volunteer_id: i64,
    pub volunteer_name: String,
    pub status: MatchStatus,
    /// The day the volunteer accepted (active matches).
    pub since: Option<String>,
    pub minutes: i64,
    pub last_contact: Option<String>,
    /// No check-in for more than 30 days.
    pub quiet: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoursLine {
    pub volunteer_id: i64,
    pub volunteer: String,
    pub programme: Programme,
    pub minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchingBoard {
    pub open: Vec<OpenRequest>,
    /// Approved, waiting for the volunteer's answer.
    pub waiting: Vec<MatchLine>,
    pub active: Vec<MatchLine>,
    pub hours: Vec<HoursLine>,
    /// Minutes by programme.
    pub hours_by_programme: Vec<(Programme, i64)>,
    /// When the engine last ran (Tallinn time), if ever.
    pub last_run: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestPage {
    pub household_id: i64,
    pub household_name: String,
    pub city: String,
    pub members: Vec<Choice>,
}

#[cfg(feature = "ssr")]
pub(crate) fn request_view(r: &RequestRow, today: NaiveDate) -> RequestView {
    RequestView {
        id: r.id,
        household_id: r.household_id,
        member_name: format!("{} {}", r.first_name, r.last_name),
        programme: r.programme,
        language: r.language,
        gender: r.gender,
        meeting: r.meeting,
        city: r.city.clone(),
        field_of_work: r.field_of_work.clone(),
        practice_language: r.practice_language,
        origin_country: r.origin_country.clone(),
        times: parse_times(&r.times).into_iter().collect(),
        notes: r.notes.clone(),
        waiting_days: waiting_days(r.created_at, today),
    }
}

#[cfg(feature = "ssr")]
fn waiting_days(created_at: i64, today: NaiveDate) -> i64 {
    context::local_date(created_at).map_or(0, |d| (today - d).num_days().max(0))
}

/// Every volunteer as the engine sees them; free places are capacity minus matches approved
/// or active.
#[cfg(feature = "ssr")]
pub(crate) async fn engine_volunteers(pool: &sqlx::AnyPool) -> Result<Vec<Volunteer>, AppError> {
    let rows = db::volunteers::list(pool).await?;
    let languages = db::volunteers::languages(pool, None).await?;
    let programmes = db::volunteers::programmes(pool, None).await?;
    let windows = db::volunteers::availability(pool, None).await?;
    let trainings = db::volunteers::trainings(pool, None).await?;
    // Regular commitments in a volunteer's imported calendar are not free time.
    let now = context::now();
    let (horizon, weeks) = crate::domain::matching::busy_horizon(now);
    let busy = db::calendar_feeds::busy_of_everyone(pool, horizon).await?;
    Ok(rows
        .into_iter()
        .map(|r| Volunteer {
            id: r.id,
            status: r.status(),
            programmes: programmes
                .iter()
                .filter(|(id, _)| *id == r.id)
                .map(|(_, p)| *p)
                .collect(),
            trainings: trainings
                .iter()
                .filter(|t| t.account_id == r.id)
                .map(|t| t.training.clone())
                .collect(),
            languages: languages
                .iter()
                .filter(|(id, _)| *id == r.id)
                .map(|(_, p)| *p)
                .collect(),
            online: r.online == 1,
            availability: {
                let weekly: Vec<Window> = windows
                    .iter()
                    .filter(|(id, _, _)| *id == r.id)
                    .map(|(_, _, w)| *w)
                    .collect();
                let busy: Vec<Span> = busy
                    .iter()
                    .filter(|(id, _)| *id == r.id)
                    .map(|(_, span)| *span)
                    .collect();
                without(&weekly, &regular_busy(&busy, now, weeks))
            },
            free_places: u32::try_from((r.capacity - r.busy).max(0)).unwrap_or(0),
            gender: r.gender,
            origin_country: r.origin_country.clone(),
            field_of_work: r.field_of_work.clone(),
            practice_language: r.practice_language,
            city: r.city,
        })
        .collect())
}

/// Open requests with the engine's view of each.
#[cfg(feature = "ssr")]
pub(crate) async fn engine_needs(
    pool: &sqlx::AnyPool,
    today: NaiveDate,
) -> Result<Vec<(RequestRow, Need)>, AppError> {
    let rows = db::matching::requests_with_status(pool, RequestStatus::Open).await?;
    let languages = db::matching::request_languages(pool).await?;
    let excluded = db::matching::excluded_pairs(pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let need = Need {
                id: r.id,
                programme: r.programme,
                languages: languages
                    .iter()
                    .filter(|(id, _)| *id == r.id)
                    .map(|(_, p)| *p)
                    .collect(),
                language: r.language,
                gender: r.gender,
                meeting: r.meeting,
                city: r.city.clone(),
                field_of_work: r.field_of_work.clone(),
                practice_language: r.practice_language,
                origin_country: r.origin_country.clone(),
                times: parse_times(&r.times)
                    .into_iter()
                    .flat_map(|t| t.windows())
                    .collect(),
                waiting_days: waiting_days(r.created_at, today),
                excluded: excluded
                    .iter()
                    .filter(|(req, _)| *req == r.id)
                    .map(|(_, v)| *v)
                    .collect(),
            };
            (r, need)
        })
        .collect())
}

/// The household's members, when the user may ask for a volunteer for it: a coordinator for
/// any active household, a support person for a household assigned to them now.
#[cfg(feature = "ssr")]
async fn requestable(
    user: &CurrentUser,
    household_id: i64,
) -> Result<(db::households::HouseholdRow, Vec<db::households::MemberRow>), AppError> {
    let db = context::db()?;
    let pool = db.pool();
    let household = db::households::by_id(pool, household_id)
        .await?
        .filter(|h| h.status == HouseholdStatus::Active)
        .ok_or(AppError::NotFound)?;
    if !user.roles.has(Role::Coordinator) {
        let assigned = db::assignments::open_of_household(pool, household_id)
            .await?
            .is_some_and(|a| a.support_person_id == user.id);
        if !assigned {
            return Err(AppError::NotFound);
        }
    }
    let members = db::households::members(pool, household_id).await?;
    Ok((household, members))
}

#[server(endpoint = "match_request_page")]
pub async fn match_request_page(household: i64) -> Result<RequestPage, AppError> {
    let user = context::require(access::MATCH_REQUESTS).await?;
    let (h, members) = requestable(&user, household).await?;
    let db = context::db()?;
    db::audit::read(
        db.pool(),
        user.id,
        AuditAction::MatchRequestView,
        AuditSubject::Household,
        Some(h.id),
        None,
    )
    .await?;
    Ok(RequestPage {
        household_id: h.id,
        household_name: members
            .first()
            .map(|m| format!("{} {}", m.first_name, m.last_name))
            .unwrap_or_default(),
        city: h.city,
        members: members
            .into_iter()
            .map(|m| Choice {
                id: m.id,
                name: format!("{} {}", m.first_name, m.last_name),
            })
            .collect(),
    })
}

#[server(endpoint = "create_match_request")]
pub async fn create_match_request(
    household: i64,
    request: MatchRequestForm,
) -> Result<i64, AppError> {
    let user = context::require(access::MATCH_REQUESTS).await?;
    let (h, members) = requestable(&user, household).await?;
    let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    let valid = drafts::keep_if_invalid(
        request.parse(&ids).map_err(AppError::from),
        &format!("match_request/{}", h.id),
        &request,
    )
    .await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let id = db::matching::create_request(&mut tx, h.id, &valid, user.id, context::now()).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::MatchRequestCreate,
        AuditSubject::Household,
        h.id,
    )
    .await?;
    tx.commit().await?;
    let back = if user.roles.has(Role::Coordinator) {
        "/matching".to_string()
    } else {
        format!("/households/{}", h.id)
    };
    context::redirect(&back);
    Ok(id)
}

#[cfg(feature = "ssr")]
fn match_line(m: db::matching::MatchRow, request: RequestView, today: NaiveDate) -> MatchLine {
    let (since, last, quiet) = (m.since(), m.last_contact(), m.is_quiet(today));
    MatchLine {
        id: m.id,
        request,
        volunteer_id: m.volunteer_id,
        volunteer_name: m.volunteer_name,
        status: m.status,
        since: since.map(|d| d.to_string()),
        minutes: m.minutes,
        last_contact: last.map(|d| d.to_string()),
        quiet,
    }
}

#[server(endpoint = "matching_overview")]
pub async fn matching_overview() -> Result<MatchingBoard, AppError> {
    context::require(access::MATCHING).await?;
    let db = context::db()?;
    let pool = db.pool();
    let today = context::today();
    let volunteers = engine_volunteers(pool).await?;
    let needs = engine_needs(pool, today).await?;
    let proposals = db::matching::matches_with_status(pool, &[MatchStatus::Proposed], None).await?;
    let all = db::volunteers::list(pool).await?;
    let name_of = |id: i64| {
        all.iter()
            .find(|v| v.id == id)
            .map(|v| v.display_name.clone())
    };
    let mut open = Vec::new();
    for (row, need) in &needs {
        let proposal = proposals.iter().find(|p| p.request_id == row.id);
        let now_candidates = candidates(need, &volunteers);
        let blocked = match proposal {
            Some(_) => None,
            None => {
                let u = explain(need, &volunteers);
                Some(BlockedView {
                    rule: u.blocked_by,
                    funnel: u.funnel,
                })
            }
        };
        open.push(OpenRequest {
            request: request_view(row, today),
            proposal: proposal.map(|p| ProposalView {
                match_id: p.id,
                volunteer_id: p.volunteer_id,
                volunteer_name: p.volunteer_name.clone(),
                score: score_view(&p.score()),
                stale: !now_candidates
                    .iter()
                    .any(|(v, s)| v.id == p.volunteer_id && s.total() == p.score().total()),
            }),
            blocked,
            candidates: now_candidates
                .into_iter()
                .map(|(v, s)| CandidateOption {
                    volunteer_id: v.id,
                    name: name_of(v.id).unwrap_or_default(),
                    score: s.total(),
                })
                .collect(),
        });
    }
    let mut waiting = Vec::new();
    let mut active = Vec::new();
    for m in
        db::matching::matches_with_status(pool, &[MatchStatus::Approved, MatchStatus::Active], None)
            .await?
    {
        let Some(r) = db::matching::request_by_id(pool, m.request_id).await? else {
            continue;
        };
        let line = match_line(m, request_view(&r, today), today);
        if line.status == MatchStatus::Approved {
            waiting.push(line);
        } else {
            active.push(line);
        }
    }
    let by_volunteer = db::matching::minutes_by_volunteer_and_programme(pool).await?;
    let mut hours_by_programme: Vec<(Programme, i64)> = Vec::new();
    for (_, _, programme, minutes) in &by_volunteer {
        match hours_by_programme.iter_mut().find(|(p, _)| p == programme) {
            Some((_, total)) => *total += minutes,
            None => hours_by_programme.push((*programme, *minutes)),
        }
    }
    Ok(MatchingBoard {
        open,
        waiting,
        active,
        hours: by_volunteer
            .into_iter()
            .map(|(volunteer, volunteer_id, programme, minutes)| HoursLine {
                volunteer_id,
                volunteer,
                programme,
                minutes,
            })
            .collect(),
        hours_by_programme,
        last_run: db::audit::last_at(pool, AuditAction::MatchingRun)
            .await?
            .map(super::dates::time),
    })
}

/// Runs the engine over every open request and stores its proposals, replacing those of the
/// last run that nobody acted on.
#[server(endpoint = "run_matching")]
pub async fn run_matching() -> Result<usize, AppError> {
    let user = context::require(access::MATCHING).await?;
    let db = context::db()?;
    let pool = db.pool();
    let volunteers = engine_volunteers(pool).await?;
    let needs: Vec<Need> = engine_needs(pool, context::today())
        .await?
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    let outcome = propose(&needs, &volunteers);
    let now = context::now();
    let mut tx = db.begin().await?;
    db::matching::clear_proposals(&mut tx).await?;
    let mut stored = 0;
    for p in &outcome.proposals {
        // A request approved meanwhile keeps its match: the insert then does nothing.
        if db::matching::insert_proposal(&mut tx, p.request, p.volunteer, &p.score, now).await? {
            stored += 1;
        }
    }
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::MatchingRun,
        AuditSubject::Account,
        user.id,
    )
    .await?;
    tx.commit().await?;
    context::redirect("/matching");
    Ok(stored)
}

/// Checks the pair against every hard rule with the volunteer's places counted under the
/// write lock; the score when it may go ahead.
#[cfg(feature = "ssr")]
async fn check_pair(
    tx: &mut Tx,
    db: &db::Db,
    request_id: i64,
    volunteer_id: i64,
) -> Result<Score, AppError> {
    db::support_persons::lock(tx, db.backend(), volunteer_id).await?;
    let needs = engine_needs(db.pool(), context::today()).await?;
    let need = needs
        .into_iter()
        .find(|(r, _)| r.id == request_id)
        .map(|(_, n)| n)
        .ok_or_else(|| AppError::from(FieldErrors::single("request", ErrorCode::MatchNotOpen)))?;
    let mut volunteer = engine_volunteers(db.pool())
        .await?
        .into_iter()
        .find(|v| v.id == volunteer_id)
        .ok_or_else(|| {
            AppError::from(FieldErrors::single("volunteer", ErrorCode::InvalidChoice))
        })?;
    let profile = db::volunteers::by_id(&mut **tx, volunteer_id).await?;
    let capacity = profile.map_or(0, |p| p.capacity);
    let busy = db::matching::busy(tx, volunteer_id).await?;
    volunteer.free_places = u32::try_from((capacity - busy).max(0)).unwrap_or(0);
    if volunteer.status != VolunteerStatus::Active {
        return Err(rule_broken(HardRule::Status).into());
    }
    crate::domain::matching::evaluate(&need, &volunteer).map_err(|rule| rule_broken(rule).into())
}

/// Approves the engine's proposal; the volunteer then sees it and answers.
#[server(endpoint = "approve_proposal")]
pub async fn approve_proposal(id: i64) -> Result<(), AppError> {
    let user = context::require(access::MATCHING).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let m = db::matching::match_by_id(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if m.status() != Some(MatchStatus::Proposed) {
        return Err(FieldErrors::single("proposal", ErrorCode::MatchNotOpen).into());
    }
    let score = check_pair(&mut tx, &db, m.request_id, m.volunteer_id).await?;
    let now = context::now();
    if !db::matching::transition(
        &mut tx,
        id,
        MatchStatus::Proposed,
        MatchStatus::Approved,
        now,
    )
    .await?
    {
        return Err(FieldErrors::single("proposal", ErrorCode::MatchNotOpen).into());
    }
    db::matching::set_approved(&mut tx, id, user.id, &score).await?;
    db::matching::set_request_status(&mut tx, m.request_id, RequestStatus::Matched, now).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::MatchApprove,
        AuditSubject::Match,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done("/matching", crate::domain::Done::ProposalApproved);
    Ok(())
}

/// Approves another eligible volunteer for the request instead of the proposal.
#[server(endpoint = "assign_volunteer")]
pub async fn assign_volunteer(request: i64, volunteer: String) -> Result<(), AppError> {
    let user = context::require(access::MATCHING).await?;
    let volunteer_id: i64 = volunteer
        .trim()
        .parse()
        .map_err(|_| FieldErrors::single("volunteer", ErrorCode::InvalidChoice))?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let r = db::matching::request_by_id(&mut *tx, request)
        .await?
        .ok_or(AppError::NotFound)?;
    if r.status != RequestStatus::Open {
        return Err(FieldErrors::single("request", ErrorCode::MatchNotOpen).into());
    }
    db::matching::delete_proposal_of(&mut tx, request).await?;
    let score = check_pair(&mut tx, &db, request, volunteer_id).await?;
    let now = context::now();
    let id = db::matching::insert_match(
        &mut tx,
        request,
        volunteer_id,
        MatchStatus::Approved,
        &score,
        now,
        Some(user.id),
    )
    .await?;
    db::matching::set_request_status(&mut tx, request, RequestStatus::Matched, now).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::MatchAssign,
        AuditSubject::Match,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done("/matching", crate::domain::Done::Assigned);
    Ok(())
}

/// Rejects a proposal: the request stays open and this pair is not proposed again.
#[server(endpoint = "reject_proposal")]
pub async fn reject_proposal(id: i64) -> Result<(), AppError> {
    let user = context::require(access::MATCHING).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    if db::matching::match_by_id(&mut *tx, id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    if !db::matching::transition(
        &mut tx,
        id,
        MatchStatus::Proposed,
        MatchStatus::Rejected,
        context::now(),
    )
    .await?
    {
        return Err(FieldErrors::single("proposal", ErrorCode::MatchNotOpen).into());
    }
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::MatchReject,
        AuditSubject::Match,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done("/matching", crate::domain::Done::ProposalRejected);
    Ok(())
}
