//! Match requests, matches (from proposal to closing) and check-ins.

use super::{now, Tx};
use crate::domain::matching::{
    CloseReason, MatchStatus, Meeting, NewCheckIn, NewMatchRequest, RequestStatus, Score,
};
use crate::domain::{Gender, Language, Level, Proficiency, Programme};
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub household_id: i64,
    pub member_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub programme: Programme,
    pub language: Option<Language>,
    pub gender: Option<Gender>,
    pub meeting: Meeting,
    pub city: String,
    pub field_of_work: Option<String>,
    pub practice_language: Option<Language>,
    pub origin_country: Option<String>,
    pub times: String,
    pub notes: Option<String>,
    pub status: RequestStatus,
    pub created_at: i64,
}

const REQUEST: &str = "SELECT r.id, r.household_id, r.member_id, m.first_name, m.last_name, \
     r.programme, r.language, r.gender, r.meeting, r.city, r.field_of_work, r.practice_language, \
     r.origin_country, r.times, r.notes, r.status, r.created_at \
     FROM match_requests r JOIN members m ON m.id = r.member_id";

pub async fn create_request(
    tx: &mut Tx,
    household_id: i64,
    r: &NewMatchRequest,
    by: i64,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let times = r
        .times
        .iter()
        .map(|t| t.code())
        .collect::<Vec<_>>()
        .join(",");
    sqlx::query_scalar(
        "INSERT INTO match_requests (household_id, member_id, programme, language, gender, \
         meeting, city, field_of_work, practice_language, origin_country, times, notes, status, \
         requested_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14, $14) \
         RETURNING id",
    )
    .bind(household_id)
    .bind(r.member_id)
    .bind(r.programme.code())
    .bind(r.language.map(|l| l.code()))
    .bind(r.gender.map(|g| g.code()))
    .bind(r.meeting.code())
    .bind(&r.city)
    .bind(r.field_of_work.as_deref())
    .bind(r.practice_language.map(|l| l.code()))
    .bind(r.origin_country.as_deref())
    .bind(times)
    .bind(r.notes.as_deref())
    .bind(by)
    .bind(at)
    .fetch_one(&mut **tx)
    .await
}

pub async fn requests_with_status(
    pool: &AnyPool,
    status: RequestStatus,
) -> Result<Vec<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{REQUEST} WHERE r.status = $1 ORDER BY r.created_at, r.id"
    ))
    .bind(status)
    .fetch_all(pool)
    .await
}

pub async fn request_by_id<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    id: i64,
) -> Result<Option<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!("{REQUEST} WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// Languages of the members named in requests, as (request id, proficiency).
pub async fn request_languages(pool: &AnyPool) -> Result<Vec<(i64, Proficiency)>, sqlx::Error> {
    let rows: Vec<(i64, Language, Level)> = sqlx::query_as(
        "SELECT r.id, l.language, l.level FROM match_requests r \
         JOIN member_languages l ON l.member_id = r.member_id \
         WHERE r.status = 'open' ORDER BY r.id, l.language",
    )
    .fetch_all(pool)
    .await?;
    Ok(super::proficiencies(rows))
}

/// Pairs that must not be proposed again: (request, volunteer) declined or rejected.
pub async fn excluded_pairs(pool: &AnyPool) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT request_id, volunteer_id FROM matches WHERE status IN ('declined', 'rejected')",
    )
    .fetch_all(pool)
    .await
}

pub async fn set_request_status(
    tx: &mut Tx,
    id: i64,
    status: RequestStatus,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE match_requests SET status = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(status)
        .bind(at)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

#[derive(Debug, Clone, FromRow)]
pub struct MatchRow {
    pub id: i64,
    pub request_id: i64,
    pub volunteer_id: i64,
    pub volunteer_name: String,
    pub status: MatchStatus,
    pub score: i64,
    pub breakdown: String,
    pub proposed_at: i64,
    pub approved_at: Option<i64>,
    pub answered_at: Option<i64>,
    pub decline_reason: Option<String>,
    pub closed_at: Option<i64>,
    pub close_reason: Option<CloseReason>,
    pub feedback_volunteer: Option<String>,
    pub feedback_household: Option<String>,
    pub household_id: i64,
    pub programme: Programme,
    /// The last check-in's date, if any.
    pub last_check_in: Option<String>,
    pub minutes: i64,
}

impl MatchRow {
    pub fn status(&self) -> Option<MatchStatus> {
        MatchStatus::parse(self.status.code())
    }

    pub fn score(&self) -> Score {
        serde_json::from_str(&self.breakdown).unwrap_or_default()
    }

    /// The Tallinn date the volunteer accepted.
    pub fn since(&self) -> Option<chrono::NaiveDate> {
        self.answered_at
            .and_then(crate::domain::schedule::tallinn_wall_clock)
            .map(|(date, _)| date)
    }

    /// The last check-in, else the day it began.
    pub fn last_contact(&self) -> Option<chrono::NaiveDate> {
        self.last_check_in
            .as_deref()
            .and_then(|d| d.parse().ok())
            .or_else(|| self.since())
    }

    /// An active match with no check-in for more than 30 days.
    pub fn is_quiet(&self, today: chrono::NaiveDate) -> bool {
        self.status() == Some(MatchStatus::Active)
            && self
                .last_contact()
                .is_some_and(|d| crate::domain::matching::is_quiet(d, today))
    }
}

const MATCH: &str = "SELECT x.id, x.request_id, x.volunteer_id, a.display_name AS volunteer_name, \
     x.status, x.score, x.breakdown, x.proposed_at, x.approved_at, x.answered_at, \
     x.decline_reason, x.closed_at, x.close_reason, x.feedback_volunteer, x.feedback_household, \
     r.household_id, r.programme, \
     (SELECT MAX(c.on_date) FROM check_ins c WHERE c.match_id = x.id) AS last_check_in, \
     CAST(COALESCE((SELECT SUM(c.minutes) FROM check_ins c WHERE c.match_id = x.id), 0) AS BIGINT) AS minutes \
     FROM matches x JOIN accounts a ON a.id = x.volunteer_id \
     JOIN match_requests r ON r.id = x.request_id";

pub async fn match_by_id<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    id: i64,
) -> Result<Option<MatchRow>, sqlx::Error> {
    sqlx::query_as(&format!("{MATCH} WHERE x.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// Matches in the given statuses (comma-free codes), oldest first.
pub async fn matches_with_status(
    pool: &AnyPool,
    statuses: &[MatchStatus],
    volunteer: Option<i64>,
) -> Result<Vec<MatchRow>, sqlx::Error> {
    let list = statuses
        .iter()
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ");
    sqlx::query_as(&format!(
        "{MATCH} WHERE x.status IN ({list}) AND ($1 = 0 OR x.volunteer_id = $1) \
         ORDER BY x.proposed_at, x.id"
    ))
    .bind(volunteer.unwrap_or(0))
    .fetch_all(pool)
    .await
}

/// Forgets the proposals of the last run that no coordinator acted on.
pub async fn clear_proposals(tx: &mut Tx) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM matches WHERE status = 'proposed'")
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub async fn insert_match(
    tx: &mut Tx,
    request_id: i64,
    volunteer_id: i64,
    status: MatchStatus,
    score: &Score,
    at: i64,
    approved_by: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let breakdown = serde_json::to_string(score).unwrap_or_default();
    sqlx::query_scalar(
        "INSERT INTO matches (request_id, volunteer_id, status, score, breakdown, proposed_at, \
         approved_by, approved_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $6) RETURNING id",
    )
    .bind(request_id)
    .bind(volunteer_id)
    .bind(status.code())
    .bind(score.total())
    .bind(breakdown)
    .bind(at)
    .bind(approved_by)
    .bind(approved_by.map(|_| at))
    .fetch_one(&mut **tx)
    .await
}

/// Stores one proposal of a run; false when the request already has a live match.
pub async fn insert_proposal(
    tx: &mut Tx,
    request_id: i64,
    volunteer_id: i64,
    score: &Score,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let breakdown = serde_json::to_string(score).unwrap_or_default();
    let done = sqlx::query(
        "INSERT INTO matches (request_id, volunteer_id, status, score, breakdown, proposed_at, \
         updated_at) \
         SELECT $1, $2, 'proposed', $3, $4, $5, $5 WHERE NOT EXISTS (SELECT 1 FROM matches \
         WHERE request_id = $1 AND status IN ('proposed', 'approved', 'active')) \
         ON CONFLICT DO NOTHING",
    )
    .bind(request_id)
    .bind(volunteer_id)
    .bind(score.total())
    .bind(breakdown)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The request's proposal, replaced when a coordinator picks another volunteer.
pub async fn delete_proposal_of(tx: &mut Tx, request_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM matches WHERE request_id = $1 AND status = 'proposed'")
        .bind(request_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Records who approved and the score at that moment.
pub async fn set_approved(tx: &mut Tx, id: i64, by: i64, score: &Score) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE matches SET approved_by = $2, score = $3, breakdown = $4 WHERE id = $1")
        .bind(id)
        .bind(by)
        .bind(score.total())
        .bind(serde_json::to_string(score).unwrap_or_default())
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Moves a match from `from` to `to`; false when it was no longer in `from` (someone else
/// acted first), so callers refuse instead of acting twice.
pub async fn transition(
    tx: &mut Tx,
    id: i64,
    from: MatchStatus,
    to: MatchStatus,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let stamp = match to {
        MatchStatus::Approved => "approved_at",
        MatchStatus::Active | MatchStatus::Declined => "answered_at",
        MatchStatus::Closed => "closed_at",
        MatchStatus::Proposed | MatchStatus::Rejected => "updated_at",
    };
    let done = sqlx::query(&format!(
        "UPDATE matches SET status = $3, {stamp} = $4, updated_at = $4 \
         WHERE id = $1 AND status = $2"
    ))
    .bind(id)
    .bind(from.code())
    .bind(to.code())
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_decline_reason(tx: &mut Tx, id: i64, reason: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE matches SET decline_reason = $2 WHERE id = $1")
        .bind(id)
        .bind(reason)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub async fn set_close_reason(tx: &mut Tx, id: i64, reason: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE matches SET close_reason = $2 WHERE id = $1")
        .bind(id)
        .bind(reason)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Stores the feedback of one side: the volunteer's or the household's (given by staff).
pub async fn set_feedback(
    tx: &mut Tx,
    id: i64,
    volunteer_side: bool,
    text: &str,
) -> Result<(), sqlx::Error> {
    let column = if volunteer_side {
        "feedback_volunteer"
    } else {
        "feedback_household"
    };
    sqlx::query(&format!("UPDATE matches SET {column} = $2 WHERE id = $1"))
        .bind(id)
        .bind(text)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Approved or active matches of a volunteer, counted under the write lock.
pub async fn busy(tx: &mut Tx, volunteer_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM matches WHERE volunteer_id = $1 AND status IN ('approved', 'active')",
    )
    .bind(volunteer_id)
    .fetch_one(&mut **tx)
    .await
}

pub async fn add_check_in(
    tx: &mut Tx,
    match_id: i64,
    c: &NewCheckIn,
    by: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO check_ins (match_id, on_date, minutes, note, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(match_id)
    .bind(c.on_date.to_string())
    .bind(c.minutes)
    .bind(c.note.as_deref())
    .bind(by)
    .bind(now())
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

#[derive(Debug, Clone, FromRow)]
pub struct CheckInRow {
    pub id: i64,
    pub on_date: String,
    pub minutes: i64,
    pub note: Option<String>,
}

pub async fn check_ins(pool: &AnyPool, match_id: i64) -> Result<Vec<CheckInRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, on_date, minutes, note FROM check_ins WHERE match_id = $1 \
         ORDER BY on_date DESC, id DESC",
    )
    .bind(match_id)
    .fetch_all(pool)
    .await
}

/// Minutes of check-ins per (volunteer name, volunteer id, programme).
pub async fn minutes_by_volunteer_and_programme(
    pool: &AnyPool,
) -> Result<Vec<(String, i64, Programme, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.display_name, x.volunteer_id, r.programme, CAST(SUM(c.minutes) AS BIGINT) \
         FROM check_ins c JOIN matches x ON x.id = c.match_id \
         JOIN match_requests r ON r.id = x.request_id JOIN accounts a ON a.id = x.volunteer_id \
         GROUP BY a.display_name, x.volunteer_id, r.programme \
         ORDER BY a.display_name, r.programme",
    )
    .fetch_all(pool)
    .await
}
