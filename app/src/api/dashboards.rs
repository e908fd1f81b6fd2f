//! The support-person service at a glance: for the support person, for the coordinator, and
//! for the beneficiary (their support person and upcoming meetings). The home page is `home`.

use super::assignments::AssignmentView;
use super::meetings::MeetingView;
use crate::domain::ChecklistItem;
use crate::domain::SupportStatus;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        assignments::{is_open, view_of},
        checklist::{entries, gaps_and_progress},
        context,
        meetings::meeting_view,
    },
    crate::db,
    crate::domain::{access, schedule::tallinn_wall_clock},
    std::collections::BTreeMap,
};

/// An open assignment with the household's checklist progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseRow {
    pub assignment: AssignmentView,
    pub settled: usize,
    pub total: usize,
    /// Core checklist items not yet done or ruled out.
    pub gaps: Vec<ChecklistItem>,
}

/// Held-meeting hours of one support person in one month (`2026-11`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoursRow {
    pub support_person: String,
    pub month: String,
    /// Hours with one decimal, as text.
    pub hours: String,
    pub meetings: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupportOverview {
    pub cases: Vec<CaseRow>,
    pub next_meetings: Vec<MeetingView>,
    pub past: Vec<AssignmentView>,
    pub hours: Vec<HoursRow>,
}

/// One support person's load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadRow {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub status: SupportStatus,
    pub open: i64,
    pub caseload_limit: i64,
    pub hours: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnassignedRow {
    pub household_id: i64,
    pub name: String,
    pub city: String,
    pub arrival_date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoordinatorView {
    pub cases: Vec<CaseRow>,
    pub load: Vec<LoadRow>,
    pub unassigned: Vec<UnassignedRow>,
    pub hours: Vec<HoursRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupportContact {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub planned_end: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupportForHousehold {
    pub support: Option<SupportContact>,
    pub meetings: Vec<MeetingView>,
}

/// Hours as text with one decimal.
pub fn hours_text(minutes: i64) -> String {
    format!("{:.1}", minutes as f64 / 60.0)
}

/// Held hours per support person and Tallinn month, newest month first.
#[cfg(feature = "ssr")]
fn hours_by_month(rows: &[db::meetings::HeldRow]) -> Vec<HoursRow> {
    let mut sums: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
    for r in rows {
        let month = tallinn_wall_clock(r.starts_at)
            .map(|(d, _)| d.format("%Y-%m").to_string())
            .unwrap_or_default();
        let entry = sums
            .entry((month, r.support_person.clone()))
            .or_insert((0, 0));
        entry.0 += r.held_minutes;
        entry.1 += 1;
    }
    let mut out: Vec<HoursRow> = sums
        .into_iter()
        .map(|((month, support_person), (minutes, meetings))| HoursRow {
            support_person,
            month,
            hours: hours_text(minutes),
            meetings,
        })
        .collect();
    out.sort_by(|a, b| {
        b.month
            .cmp(&a.month)
            .then(a.support_person.cmp(&b.support_person))
    });
    out
}

/// Open assignments with their checklist progress.
#[cfg(feature = "ssr")]
async fn cases(
    pool: &sqlx::AnyPool,
    rows: Vec<db::assignments::AssignmentRow>,
) -> Result<Vec<CaseRow>, AppError> {
    let today = context::today();
    let ids: Vec<i64> = rows.iter().map(|r| r.household_id).collect();
    let recorded = db::checklist::of_households(pool, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (gaps, settled, total) = gaps_and_progress(&entries(row.household_id, &recorded));
            CaseRow {
                assignment: view_of(row, today),
                settled,
                total,
                gaps,
            }
        })
        .collect())
}

/// Twelve months back, for the hours tables.
#[cfg(feature = "ssr")]
fn year_ago() -> i64 {
    db::now() - 366 * 24 * 3600
}

#[server(endpoint = "support_dashboard")]
pub async fn support_dashboard() -> Result<SupportOverview, AppError> {
    let user = context::require(access::SUPPORT_PERSON).await?;
    let db = context::db()?;
    let pool = db.pool();
    let today = context::today();
    let (open, past): (Vec<_>, Vec<_>) = db::assignments::of_support_person(pool, user.id)
        .await?
        .into_iter()
        .partition(is_open);
    let cases = cases(pool, open).await?;
    let now = db::now();
    let next_meetings = db::meetings::upcoming(pool, Some(user.id), None, now, 10)
        .await?
        .into_iter()
        .map(|m| meeting_view(m, Vec::new(), now))
        .collect();
    let held = db::meetings::held_since(pool, Some(user.id), year_ago()).await?;
    Ok(SupportOverview {
        cases,
        next_meetings,
        past: past.into_iter().map(|a| view_of(a, today)).collect(),
        hours: hours_by_month(&held),
    })
}

#[server(endpoint = "coordinator_overview")]
pub async fn coordinator_overview() -> Result<CoordinatorView, AppError> {
    context::require(access::HOUSEHOLDS).await?;
    let db = context::db()?;
    let pool = db.pool();
    let cases = cases(pool, db::assignments::open(pool).await?).await?;
    let held = db::meetings::held_since(pool, None, year_ago()).await?;
    let load = db::support_persons::list(pool)
        .await?
        .into_iter()
        .map(|p| LoadRow {
            hours: hours_text(
                held.iter()
                    .filter(|h| h.support_person_id == p.id)
                    .map(|h| h.held_minutes)
                    .sum(),
            ),
            id: p.id,
            name: p.display_name,
            city: p.city,
            status: p.status,
            open: p.open,
            caseload_limit: p.caseload_limit,
        })
        .collect();
    let unassigned = db::assignments::unassigned_households(pool)
        .await?
        .into_iter()
        .map(|(household_id, name, city, arrival_date)| UnassignedRow {
            household_id,
            name,
            city,
            arrival_date,
        })
        .collect();
    Ok(CoordinatorView {
        cases,
        load,
        unassigned,
        hours: hours_by_month(&held),
    })
}

#[server(endpoint = "my_support")]
pub async fn my_support() -> Result<SupportForHousehold, AppError> {
    let user = context::require(access::BENEFICIARY).await?;
    let db = context::db()?;
    let pool = db.pool();
    let Some(household_id) = db::households::of_account(pool, user.id).await? else {
        return Ok(SupportForHousehold {
            support: None,
            meetings: Vec::new(),
        });
    };
    let support = match db::assignments::open_of_household(pool, household_id).await? {
        Some(a) => {
            let person = db::support_persons::by_id(pool, a.support_person_id).await?;
            person.map(|p| SupportContact {
                name: p.display_name,
                email: p.email,
                phone: p.phone.unwrap_or_default(),
                planned_end: a.planned_end,
            })
        }
        None => None,
    };
    let now = db::now();
    let meetings = db::meetings::upcoming(pool, None, Some(household_id), now, 10)
        .await?
        .into_iter()
        .map(|m| meeting_view(m, Vec::new(), now))
        .collect();
    Ok(SupportForHousehold { support, meetings })
}
