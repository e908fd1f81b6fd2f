//! The home page of a logged-in person: what is coming up for them, and what their role needs
//! first — a beneficiary's next appointment and sign-ups, a facilitator's next sessions with
//! their seats, and for coordinators what needs attention.

use super::calendar::CalendarItem;
use super::workshop_pages::{CustomActivity, HouseholdWorkshops};
#[cfg(feature = "ssr")]
use crate::domain::schedule::{AgendaKind, EventStatus};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{context, dates},
    crate::db,
    crate::domain::{access, schedule::Span, workshops::SeriesStatus, Role},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeView {
    /// The next events of the person's own calendar (two weeks ahead, at most five).
    pub coming_up: Vec<CalendarItem>,
    pub attention: Option<Attention>,
    /// A beneficiary's next consultation (eight weeks ahead), if any.
    pub next_appointment: Option<CalendarItem>,
    /// A beneficiary's live sign-ups: confirmed, waiting and offered.
    pub sign_ups: Option<HouseholdWorkshops>,
    /// A facilitator's next sessions.
    pub sessions: Option<FacilitatorSessions>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attention {
    /// Open support periods ending within two weeks.
    pub ending_soon: usize,
    /// Active households without a support person.
    pub waiting: usize,
    /// Open contact requests, and those waiting more than three working days.
    pub intake_open: usize,
    pub intake_overdue: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacilitatorSessions {
    pub custom: Vec<CustomActivity>,
    pub next: Vec<NextSession>,
}

/// One coming session of a series the person facilitates, with its seats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextSession {
    pub id: i64,
    pub series_id: i64,
    pub activity: String,
    pub office: String,
    /// Day and time range in the reader's language.
    pub when: String,
    pub taken: i64,
    pub capacity: i64,
    pub waiting: i64,
}

/// How far ahead and how many events the home page lists.
#[cfg(feature = "ssr")]
const COMING_UP_DAYS: i64 = 14;
#[cfg(feature = "ssr")]
const COMING_UP_ITEMS: usize = 5;
#[cfg(feature = "ssr")]
const AHEAD_DAYS: i64 = 56;

#[server(endpoint = "home_dashboard")]
pub async fn home_dashboard() -> Result<HomeView, AppError> {
    let user = context::require_login().await?;
    let db = context::db()?;
    let pool = db.pool();
    let now = context::now();
    let window = |days: i64| db::agenda::Window {
        span: Span {
            start: now,
            end: now + days * 86_400,
        },
        cancelled_since: now,
        now,
    };
    let ahead: Vec<_> = db::agenda::personal(&db, user.id, window(AHEAD_DAYS))
        .await?
        .into_iter()
        .filter(|row| row.status != EventStatus::Cancelled)
        .collect();
    let coming_up = ahead
        .iter()
        .filter(|row| row.starts_at < now + COMING_UP_DAYS * 86_400)
        .take(COMING_UP_ITEMS)
        .map(|row| super::calendar_feed::item(row.clone(), user.language))
        .collect();
    let beneficiary = user.roles.has_any(access::BENEFICIARY);
    let next_appointment = match beneficiary {
        true => ahead
            .iter()
            .find(|row| row.kind == AgendaKind::Consultation)
            .map(|row| super::calendar_feed::item(row.clone(), user.language)),
        false => None,
    };
    let sign_ups = match beneficiary {
        true => Some(super::workshop_pages::household_workshops(&db, user.id, now).await?),
        false => None,
    };
    let sessions = match user.roles.has(Role::Facilitator) {
        true => Some(facilitator_sessions(&db, user.id, now).await?),
        false => None,
    };
    let attention = match user.roles.has_any(access::HOUSEHOLDS) {
        true => {
            let today = context::today();
            let ending_soon = db::assignments::open(pool)
                .await?
                .into_iter()
                .map(|a| super::assignments::view_of(a, today))
                .filter(|a| a.ending_soon)
                .count();
            let waiting = db::assignments::unassigned_households(pool).await?.len();
            let (intake_open, intake_overdue) = super::intake::open_counts().await?;
            Some(Attention {
                ending_soon,
                waiting,
                intake_open,
                intake_overdue,
            })
        }
        false => None,
    };
    Ok(HomeView {
        coming_up,
        attention,
        next_appointment,
        sign_ups,
        sessions,
    })
}

/// The next sessions (eight weeks, at most five) of the series the person facilitates.
#[cfg(feature = "ssr")]
async fn facilitator_sessions(
    db: &db::Db,
    facilitator: i64,
    now: i64,
) -> Result<FacilitatorSessions, AppError> {
    let pool = db.pool();
    let reader = dates::reader();
    let mut next = Vec::new();
    for series in db::workshop_views::figures(pool, now, facilitator).await? {
        if series.status == SeriesStatus::Cancelled {
            continue;
        }
        for session in db::workshop_views::sessions(pool, series.id).await? {
            if session.status == EventStatus::Cancelled
                || session.starts_at < now
                || session.starts_at > now + AHEAD_DAYS * 86_400
            {
                continue;
            }
            next.push((
                session.starts_at,
                NextSession {
                    id: session.id,
                    series_id: series.id,
                    activity: series.activity.clone(),
                    office: series.office.clone(),
                    when: dates::span_in(reader, session.starts_at, session.ends_at),
                    taken: series.seats_taken,
                    capacity: series.capacity,
                    waiting: series.waiting,
                },
            ));
        }
    }
    next.sort_by_key(|(starts_at, _)| *starts_at);
    Ok(FacilitatorSessions {
        custom: super::workshop_pages::custom_activities(pool).await?,
        next: next
            .into_iter()
            .take(COMING_UP_ITEMS)
            .map(|(_, s)| s)
            .collect(),
    })
}
