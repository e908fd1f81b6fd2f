//! Workshops for staff: the series form's choices, fill and attendance per series, a session's
//! roster with attendance marking, cancelling a session or a series, changing the capacity, and
//! the activity types an admin adds.

use super::choices::Choice;
use super::workshop_pages::CustomActivity;
use crate::domain::workshops::ActivityTypeForm;
use crate::domain::workshops::Mark;
#[cfg(feature = "ssr")]
use crate::domain::workshops::RegistrationStatus;
use crate::domain::Language;
#[cfg(feature = "ssr")]
use crate::domain::{AuditAction, AuditSubject};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
#[cfg(feature = "ssr")]
use {
    super::notify_workshops::{self, Extra},
    super::{auth::CurrentUser, context, drafts, workshop_pages::custom_activities},
    crate::db,
    crate::domain::schedule::EventStatus,
    crate::domain::workshops::{may_mark, PlaceKind, SeatMessage, SeriesStatus},
    crate::domain::{access, parse_number, parse_optional_text, ErrorCode, FieldErrors, Role},
};

#[cfg(feature = "ssr")]
fn refused(field: &str, code: ErrorCode) -> AppError {
    FieldErrors::single(field, code).into()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomChoice {
    pub id: i64,
    pub office_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesFormChoices {
    pub activities: Vec<String>,
    pub custom: Vec<CustomActivity>,
    pub offices: Vec<Choice>,
    pub rooms: Vec<RoomChoice>,
    pub facilitators: Vec<Choice>,
    pub today: String,
}

/// What the new-series form offers.
#[server(endpoint = "series_choices")]
pub async fn series_choices() -> Result<SeriesFormChoices, AppError> {
    context::require(access::RECEPTION).await?;
    let db = context::db()?;
    let pool = db.pool();
    let offices = db::offices::list(pool).await?;
    let mut rooms = Vec::new();
    for o in &offices {
        for r in db::offices::rooms(pool, o.id).await? {
            rooms.push(RoomChoice {
                id: r.id,
                office_id: o.id,
                name: format!("{} — {}", o.name, r.name),
            });
        }
    }
    Ok(SeriesFormChoices {
        activities: db::activity_types::activity_codes(pool).await?,
        custom: custom_activities(pool).await?,
        offices: super::choices::office_choices(&offices),
        rooms,
        facilitators: db::workshops::facilitators(pool)
            .await?
            .into_iter()
            .map(|(id, name)| Choice { id, name })
            .collect(),
        today: context::today().to_string(),
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesFigures {
    pub id: i64,
    pub activity: String,
    pub office: String,
    pub cancelled: bool,
    pub capacity: i64,
    pub taken: i64,
    pub waiting: i64,
    pub sessions: i64,
    pub first: Option<String>,
    /// Per cent of seats taken.
    pub fill: i64,
    /// Per cent of marks that are "present", when any were made.
    pub attendance: Option<i64>,
    pub upcoming: Vec<SessionRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRef {
    pub id: i64,
    pub when: String,
    pub cancelled: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FiguresBoard {
    pub coordinator: bool,
    pub admin: bool,
    pub custom: Vec<CustomActivity>,
    pub series: Vec<SeriesFigures>,
}

/// Fill rates and attendance per series: every series for a coordinator, a facilitator's own
/// for a facilitator; with the sessions of the last week and the next eight weeks.
#[server(endpoint = "workshop_figures")]
pub async fn workshop_figures() -> Result<FiguresBoard, AppError> {
    let user = context::require(access::WORKSHOP_BOARD).await?;
    let db = context::db()?;
    let pool = db.pool();
    let now = context::now();
    let coordinator = user.roles.has(Role::Coordinator);
    let admin = user.roles.has(Role::Admin);
    let only = if coordinator || admin { 0 } else { user.id };
    let mut series = Vec::new();
    for r in db::workshop_views::figures(pool, now - 60 * 86_400, only).await? {
        let upcoming = db::workshop_views::sessions(pool, r.id)
            .await?
            .into_iter()
            .filter(|x| x.ends_at > now - 7 * 86_400 && x.starts_at < now + 56 * 86_400)
            .map(|x| SessionRef {
                id: x.id,
                when: super::dates::span(x.starts_at, x.ends_at),
                cancelled: x.status == EventStatus::Cancelled,
            })
            .collect();
        series.push(SeriesFigures {
            id: r.id,
            fill: if r.capacity > 0 {
                r.seats_taken * 100 / r.capacity
            } else {
                0
            },
            attendance: (r.marked > 0).then(|| r.present * 100 / r.marked),
            first: r.first_start.map(super::dates::time),
            activity: r.activity,
            office: r.office,
            cancelled: r.status == SeriesStatus::Cancelled,
            capacity: r.capacity,
            taken: r.seats_taken,
            waiting: r.waiting,
            sessions: r.sessions,
            upcoming,
        });
    }
    Ok(FiguresBoard {
        coordinator,
        admin,
        custom: custom_activities(pool).await?,
        series,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterPerson {
    pub member: i64,
    pub name: String,
    pub languages: Vec<Language>,
    pub childcare: Option<String>,
    pub mark: Option<Mark>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterView {
    pub session: i64,
    pub series: i64,
    pub activity: String,
    pub custom: Vec<CustomActivity>,
    pub office: String,
    pub place: String,
    pub when: String,
    pub cancelled: bool,
    pub coordinator: bool,
    pub people: Vec<RosterPerson>,
    /// For the head of the printed sheet.
    pub organisation: String,
    /// `31.12.2026`, the day the sheet is printed.
    pub printed_on: String,
}

/// The session, when the user may see its roster: a coordinator, or a facilitator of its series.
#[cfg(feature = "ssr")]
async fn staff_session(
    user: &CurrentUser,
    session: i64,
) -> Result<db::workshop_views::SessionRow, AppError> {
    let db = context::db()?;
    let row = db::workshop_views::session(db.pool(), session)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.roles.has(Role::Coordinator)
        || db::workshop_views::facilitates(db.pool(), row.series_id, user.id).await?
    {
        return Ok(row);
    }
    Err(AppError::NotFound)
}

/// The people of a session: name, languages and childcare need only.
#[server(endpoint = "session_roster")]
pub async fn session_roster(session: i64) -> Result<RosterView, AppError> {
    let user = context::require(access::WORKSHOP_STAFF).await?;
    let row = staff_session(&user, session).await?;
    let db = context::db()?;
    let pool = db.pool();
    db::audit::read(
        pool,
        user.id,
        AuditAction::RosterView,
        AuditSubject::Session,
        Some(session),
        None,
    )
    .await?;
    let s = db::workshop_views::series(pool, row.series_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let languages = db::workshop_views::roster_languages(pool, s.id).await?;
    let people = db::workshop_views::roster(pool, s.id, session)
        .await?
        .into_iter()
        .map(|p| RosterPerson {
            languages: languages
                .iter()
                .filter(|(m, _)| *m == p.member_id)
                .map(|(_, l)| *l)
                .collect(),
            member: p.member_id,
            name: format!("{} {}", p.first_name, p.last_name),
            childcare: p.childcare,
            mark: p.mark,
        })
        .collect();
    Ok(RosterView {
        session,
        series: s.id,
        custom: custom_activities(pool).await?,
        office: s.office,
        place: match s.place_kind {
            PlaceKind::Online => s.online_link.unwrap_or_default(),
            PlaceKind::Address => s.address.unwrap_or_default(),
            PlaceKind::Room => s.room.unwrap_or_default(),
        },
        when: super::dates::span(row.starts_at, row.ends_at),
        cancelled: row.status == EventStatus::Cancelled,
        coordinator: user.roles.has(Role::Coordinator),
        people,
        activity: s.activity,
        organisation: context::organisation(),
        printed_on: context::today().format("%d.%m.%Y").to_string(),
    })
}

/// Marks as the roster form sends them: `marks[<member id>]=present|absent|excused`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MarksForm {
    pub marks: BTreeMap<String, String>,
}

/// Records attendance at a session for the people on its roster.
#[server(endpoint = "mark_session_attendance")]
pub async fn mark_session_attendance(session: i64, form: MarksForm) -> Result<(), AppError> {
    let user = context::require(access::WORKSHOP_STAFF).await?;
    let row = staff_session(&user, session).await?;
    let db = context::db()?;
    let on_roster: Vec<i64> = db::workshop_views::roster(db.pool(), row.series_id, session)
        .await?
        .iter()
        .map(|p| p.member_id)
        .collect();
    let day = context::local_date(row.starts_at).unwrap_or_else(context::today);
    let mut marks = Vec::new();
    for (member, value) in &form.marks {
        if value.trim().is_empty() {
            continue;
        }
        let field = format!("marks[{member}]");
        let member = member
            .parse::<i64>()
            .ok()
            .filter(|m| on_roster.contains(m))
            .ok_or_else(|| refused(&field, ErrorCode::InvalidChoice))?;
        let mark =
            Mark::parse(value.trim()).ok_or_else(|| refused(&field, ErrorCode::InvalidChoice))?;
        may_mark(mark, day, context::today()).map_err(|code| refused(&field, code))?;
        marks.push((member, mark));
    }
    if row.status == EventStatus::Cancelled {
        return Err(refused("session", ErrorCode::ConsultationClosed));
    }
    let now = context::now();
    let mut tx = db.begin().await?;
    for (member, mark) in marks {
        db::workshops::mark_attendance(&mut tx, session, member, mark.code(), user.id, now).await?;
    }
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::SessionAttendance,
        AuditSubject::Event,
        session,
    )
    .await?;
    tx.commit().await?;
    context::done(crate::domain::Done::AttendanceSaved);
    Ok(())
}

/// Cancels one session; everyone taking part is told (drop-ins for it lose their seats).
#[server(endpoint = "cancel_session")]
pub async fn cancel_session(session: i64, reason: String) -> Result<(), AppError> {
    let user = context::require(access::RECEPTION).await?;
    let db = context::db()?;
    let row = db::workshop_views::session(db.pool(), session)
        .await?
        .ok_or(AppError::NotFound)?;
    let reason = parse_optional_text(&reason, 300).map_err(|c| refused("reason", c))?;
    let now = context::now();
    if row.status == EventStatus::Cancelled || row.starts_at <= now {
        return Err(refused("session", ErrorCode::AlreadyStarted));
    }
    let mut tx = db.begin().await?;
    let s = db::workshops::lock_series(&mut tx, db.backend(), row.series_id)
        .await?
        .ok_or(AppError::NotFound)?;
    db::calendar::set_status(&mut tx, session, EventStatus::Cancelled).await?;
    let url = context::public_url();
    let extra = Extra {
        session: Some((session, row.starts_at, row.ends_at)),
        reason,
        place: None,
    };
    for reg in db::workshop_seats::taking_part(&mut tx, s.id, Some(session)).await? {
        if reg.status == RegistrationStatus::Waiting {
            continue;
        }
        notify_workshops::sign_up(
            &mut tx,
            reg.id,
            SeatMessage::SessionCancelled,
            &extra,
            now,
            &url,
        )
        .await?;
        if reg.session_id == Some(session) {
            let next = db::workshop_seats::cancel(&mut tx, &s, &reg, now).await?;
            notify_workshops::passed_on(&mut tx, &next, now, &url).await?;
        }
    }
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::SessionCancel,
        AuditSubject::Event,
        session,
    )
    .await?;
    tx.commit().await?;
    context::done(crate::domain::Done::SessionCancelled);
    Ok(())
}

/// Cancels a whole series: its sessions to come and every sign-up; everyone is told.
#[server(endpoint = "cancel_series")]
pub async fn cancel_series(id: i64, reason: String) -> Result<(), AppError> {
    let user = context::require(access::RECEPTION).await?;
    let db = context::db()?;
    let reason = parse_optional_text(&reason, 300).map_err(|c| refused("reason", c))?;
    let now = context::now();
    let mut tx = db.begin().await?;
    let s = db::workshops::lock_series(&mut tx, db.backend(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if s.status != SeriesStatus::Open {
        return Err(refused("series", ErrorCode::RegistrationClosed));
    }
    let live = db::workshop_seats::taking_part(&mut tx, id, None).await?;
    db::workshops::cancel_series(&mut tx, id, now).await?;
    let url = context::public_url();
    let extra = Extra {
        reason,
        ..Extra::default()
    };
    for reg in live {
        notify_workshops::sign_up(&mut tx, reg.id, SeatMessage::Cancelled, &extra, now, &url)
            .await?;
    }
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::SeriesCancel,
        AuditSubject::Series,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done(
        &format!("/workshops/{id}"),
        crate::domain::Done::SeriesCancelled,
    );
    Ok(())
}

/// Changes a series' capacity (1–500, not below the seats taken); new seats go to the waitlist.
#[server(endpoint = "change_capacity")]
pub async fn change_capacity(id: i64, capacity: String) -> Result<(), AppError> {
    let user = context::require(access::RECEPTION).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let s = db::workshops::lock_series(&mut tx, db.backend(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let capacity = parse_number(
        &capacity,
        None,
        s.seats_taken.max(1),
        crate::domain::workshops::MAX_CAPACITY,
    )
    .map_err(|c| refused("capacity", c))?;
    let now = context::now();
    let next = db::workshops::set_capacity(&mut tx, &s, capacity, now).await?;
    notify_workshops::passed_on(&mut tx, &next, now, &context::public_url()).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::SeriesCapacity,
        AuditSubject::Series,
        id,
    )
    .await?;
    tx.commit().await?;
    context::done(crate::domain::Done::Saved);
    Ok(())
}

/// An admin adds an activity type with its names in the four languages.
#[server(endpoint = "add_activity_type")]
pub async fn add_activity_type(activity: ActivityTypeForm) -> Result<String, AppError> {
    let user = context::require(access::ACTIVITY_TYPES).await?;
    let db = context::db()?;
    let existing = db::activity_types::activity_codes(db.pool()).await?;
    let valid = drafts::keep_if_invalid(
        activity.parse(&existing).map_err(AppError::from),
        "activity",
        &activity,
    )
    .await?;
    let mut tx = db.begin().await?;
    db::activity_types::add_activity_type(&mut tx, &valid).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::ActivityTypeAdd,
        AuditSubject::ActivityType,
        0,
    )
    .await?;
    tx.commit().await?;
    Ok(valid.code)
}
