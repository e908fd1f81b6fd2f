//! Workshops and group activities: coordinators create series; beneficiaries sign up (with
//! members of their household), staff sign people up on their behalf; seats and the waitlist
//! are kept by `db::workshops` under the series lock.

use crate::domain::workshops::{Eligibility, SeriesForm};
use crate::domain::Language;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
#[cfg(feature = "ssr")]
use {
    super::notify_workshops::{self, Extra},
    super::{auth::CurrentUser, context, credentials::new_token, drafts},
    crate::db::{
        self,
        workshop_seats::{NewRegistration, Registered},
        workshops::{SeriesError, SeriesRow},
    },
    crate::domain::workshops::{
        check, participant_may_cancel, Known, Participant, RegistrationStatus, SeatMessage,
        SignUpWindow,
    },
    crate::domain::{
        access, AuditAction, AuditSubject, ErrorCode, FieldErrors, HouseholdStatus, Role,
    },
};

/// A sign-up as the form sends it: the household (staff only; a beneficiary signs up their
/// own), the people ticked (`people[<member id>]=on`), childcare needs, and for a drop-in the
/// one session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignUpForm {
    pub household: String,
    pub people: BTreeMap<String, String>,
    pub childcare: String,
    pub session: String,
}

/// A series as the public list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopCard {
    pub id: i64,
    pub activity: String,
    pub office: String,
    /// The next session, Tallinn time.
    pub next: String,
    pub sessions: i64,
    pub free: i64,
    pub languages: Vec<Language>,
    pub eligibility: Eligibility,
    pub childcare: bool,
    pub interpretation: bool,
    pub open_for_sign_up: bool,
}

/// An office's public calendar of workshops and groups (of one activity type when the list is
/// filtered by one), to follow in a calendar app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicFeed {
    pub office: String,
    pub https: String,
    pub webcal: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopList {
    pub offices: Vec<super::choices::Choice>,
    pub activities: Vec<String>,
    pub custom: Vec<super::workshop_pages::CustomActivity>,
    pub series: Vec<WorkshopCard>,
    pub feeds: Vec<PublicFeed>,
}

/// Upcoming workshops and groups, for anyone (no login): per office and activity type.
#[server(endpoint = "list_workshops")]
pub async fn list_workshops(
    office: Option<i64>,
    activity: Option<String>,
) -> Result<WorkshopList, AppError> {
    let db = context::db()?;
    let pool = db.pool();
    let now = context::now();
    let rows = db::workshops::open_series(
        pool,
        now,
        office.unwrap_or(0),
        activity.as_deref().unwrap_or(""),
    )
    .await?;
    let offices = super::choices::office_choices(&db::offices::list(pool).await?);
    let activities = db::activity_types::activity_codes(pool).await?;
    let language = leptos_i18n::Locale::as_str(super::dates::reader());
    // Only a known activity type goes into the feed's address.
    let one_activity = activity
        .as_deref()
        .filter(|a| activities.iter().any(|known| known == a))
        .map(|a| format!("&activity={a}"))
        .unwrap_or_default();
    let feeds = offices
        .iter()
        .filter(|o| office.is_none_or(|id| id == o.id))
        .map(|o| {
            let https = format!(
                "{}/calendar/offices/{}.ics?lang={language}{one_activity}",
                context::public_url(),
                o.id
            );
            PublicFeed {
                office: o.name.clone(),
                webcal: crate::domain::ics::webcal(&https),
                https,
            }
        })
        .collect();
    Ok(WorkshopList {
        feeds,
        offices,
        activities,
        custom: super::workshop_pages::custom_activities(pool).await?,
        series: rows
            .into_iter()
            .map(|r| WorkshopCard {
                id: r.id,
                next: r.next_start.map(super::dates::time).unwrap_or_default(),
                office: r.office,
                sessions: r.sessions,
                free: (r.capacity - r.seats_taken).max(0),
                languages: r.languages.0,
                eligibility: r.eligibility,
                childcare: r.childcare == 1,
                interpretation: r.interpretation == 1,
                open_for_sign_up: now < r.registration_closes,
                activity: r.activity,
            })
            .collect(),
    })
}

/// The outcome of a sign-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignUpResult {
    pub registration: i64,
    pub confirmed: bool,
    /// Place on the waitlist (1 is next) when not confirmed.
    pub place: Option<usize>,
}

#[cfg(feature = "ssr")]
fn refused(field: &str, code: ErrorCode) -> AppError {
    FieldErrors::single(field, code).into()
}

#[server(endpoint = "create_series")]
pub async fn create_series(series: SeriesForm) -> Result<i64, AppError> {
    let user = context::require(access::RECEPTION).await?;
    let db = context::db()?;
    let pool = db.pool();
    let activities = db::activity_types::activity_codes(pool).await?;
    let offices: Vec<i64> = db::offices::list(pool)
        .await?
        .iter()
        .map(|o| o.id)
        .collect();
    let rooms = db::workshops::rooms(pool).await?;
    let facilitators: Vec<i64> = db::workshops::facilitators(pool)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let known = Known {
        activities: &activities,
        offices: &offices,
        rooms: &rooms,
        facilitators: &facilitators,
        today: context::today(),
    };
    let valid = drafts::keep_if_invalid(
        series.parse(&known).map_err(AppError::from),
        "series",
        &series,
    )
    .await?;
    let office = db::offices::by_id_in(pool, valid.office_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rooms_here = db::offices::rooms(pool, office.id).await?;
    let room = rooms_here
        .iter()
        .find(|r| Some(r.id) == valid.room_id)
        .map(|r| r.name.as_str());
    let place = valid.place(room, &office.name, &office.address);
    let mut tx = db.begin().await?;
    let prefix = format!("series-{}", new_token());
    let id = match db::workshops::create_series(&mut tx, &valid, &place, user.id, &prefix).await {
        Ok(id) => id,
        Err(SeriesError::Overlap) => return Err(refused("first_date", ErrorCode::Overlap)),
        Err(SeriesError::Db(e)) => return Err(e.into()),
    };
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::SeriesCreate,
        AuditSubject::Series,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect(&format!("/workshops/{id}"));
    Ok(id)
}

/// The household the user may sign up: a beneficiary their own; a coordinator any active one;
/// a support person one assigned to them now.
#[cfg(feature = "ssr")]
async fn household_for(user: &CurrentUser, form: &SignUpForm) -> Result<i64, AppError> {
    let db = context::db()?;
    let pool = db.pool();
    if user.roles.has(Role::Coordinator) || user.roles.has(Role::SupportPerson) {
        let id: i64 = form
            .household
            .trim()
            .parse()
            .map_err(|_| refused("household", ErrorCode::InvalidChoice))?;
        let household = db::households::by_id(pool, id)
            .await?
            .filter(|h| h.status == HouseholdStatus::Active)
            .ok_or_else(|| refused("household", ErrorCode::InvalidChoice))?;
        if !super::consultation_access::may_book_for(user, household.id).await? {
            return Err(refused("household", ErrorCode::InvalidChoice));
        }
        return Ok(household.id);
    }
    db::households::of_account(pool, user.id)
        .await?
        .ok_or(AppError::Forbidden)
}

/// Signs up the ticked people of a household for a series: confirmed while seats last, else
/// on the waitlist in arrival order (a family waits together).
#[server(endpoint = "sign_up")]
pub async fn sign_up(series: i64, form: SignUpForm) -> Result<SignUpResult, AppError> {
    let user = context::require(access::WORKSHOP_SIGN_UP).await?;
    let household = household_for(&user, &form).await?;
    let db = context::db()?;
    let members = db::households::members(db.pool(), household).await?;
    let mut people: Vec<i64> = Vec::new();
    for (key, value) in &form.people {
        if !matches!(value.trim(), "on" | "true" | "1") {
            continue;
        }
        let id = key
            .parse::<i64>()
            .ok()
            .filter(|id| members.iter().any(|m| m.id == *id))
            .ok_or_else(|| refused("people", ErrorCode::InvalidChoice))?;
        people.push(id);
    }
    if people.is_empty() {
        return Err(refused("people", ErrorCode::Required));
    }
    let childcare = crate::domain::parse_optional_text(&form.childcare, 300)
        .map_err(|c| refused("childcare", c))?;
    let now = context::now();
    let mut tx = db.begin().await?;
    let s: SeriesRow = db::workshops::lock_series(&mut tx, db.backend(), series)
        .await?
        .ok_or(AppError::NotFound)?;
    match SignUpWindow::at(s.status, s.registration_opens, s.registration_closes, now) {
        SignUpWindow::Closed => return Err(refused("series", ErrorCode::RegistrationClosed)),
        SignUpWindow::NotYet => return Err(refused("series", ErrorCode::RegistrationNotOpen)),
        SignUpWindow::Open => {}
    }
    let family = db::activity_types::is_family(&mut tx, &s.activity).await?;
    if !family && people.len() > 1 {
        return Err(refused("people", ErrorCode::OnePersonOnly));
    }
    let session = if form.session.trim().is_empty() {
        None
    } else {
        if s.drop_in != 1 {
            return Err(refused("session", ErrorCode::InvalidChoice));
        }
        let id: i64 = form
            .session
            .trim()
            .parse()
            .map_err(|_| refused("session", ErrorCode::InvalidChoice))?;
        if db::workshops::series_of_session(&mut *tx, id).await? != Some(s.id) {
            return Err(refused("session", ErrorCode::InvalidChoice));
        }
        Some(id)
    };
    // Eligibility on the first session's date, for each person.
    let rule = s.eligibility;
    let on = s
        .first_start
        .and_then(context::local_date)
        .unwrap_or_else(context::today);
    let parent = members.iter().any(|m| {
        m.date_of_birth.parse().is_ok_and(|d| {
            crate::domain::workshops::age_on(d, on) < crate::domain::workshops::ADULT_AGE
        })
    });
    for id in &people {
        let Some(m) = members.iter().find(|m| m.id == *id) else {
            continue;
        };
        let person = Participant {
            gender: m.gender,
            date_of_birth: m.date_of_birth.parse().unwrap_or(on),
            parent,
        };
        if let Err(reason) = check(rule, &person, on) {
            return Err(refused("people", ErrorCode::NotEligible { reason }));
        }
    }
    if !db::workshop_seats::already_signed_up(&mut tx, s.id, &people)
        .await?
        .is_empty()
    {
        return Err(refused("people", ErrorCode::AlreadySignedUp));
    }
    let outcome = db::workshop_seats::register(
        &mut tx,
        &s,
        &NewRegistration {
            series_id: s.id,
            session_id: session,
            household_id: household,
            members: &people,
            childcare: childcare.as_deref(),
            booked_by: user.id,
            at: now,
        },
    )
    .await?;
    let result = match outcome {
        Registered::Confirmed(id) => SignUpResult {
            registration: id,
            confirmed: true,
            place: None,
        },
        Registered::Waiting(id) => SignUpResult {
            registration: id,
            confirmed: false,
            place: crate::domain::workshops::place_of(
                &db::workshop_seats::waitlist(&mut *tx, s.id).await?,
                id,
            ),
        },
    };
    let message = if result.confirmed {
        SeatMessage::Confirmed
    } else {
        SeatMessage::Waitlisted
    };
    let extra = Extra {
        place: result.place,
        ..Extra::default()
    };
    let url = context::public_url();
    notify_workshops::sign_up(&mut tx, result.registration, message, &extra, now, &url).await?;
    tx.commit().await?;
    context::done(if result.confirmed {
        crate::domain::Done::SignedUp
    } else {
        crate::domain::Done::Waitlisted
    });
    Ok(result)
}

/// The registration, when the user may act on it: their household's, or any for a coordinator.
#[cfg(feature = "ssr")]
async fn own_registration(
    user: &CurrentUser,
    reg: Option<db::workshop_seats::RegistrationRow>,
) -> Result<db::workshop_seats::RegistrationRow, AppError> {
    let reg = reg.ok_or(AppError::NotFound)?;
    if user.roles.has(Role::Coordinator) {
        return Ok(reg);
    }
    let db = context::db()?;
    let mine = db::households::of_account(db.pool(), user.id).await?;
    if mine == Some(reg.household_id) {
        return Ok(reg);
    }
    Err(AppError::NotFound)
}

/// Cancels a registration: the participant up to the series' cut-off before the first
/// session, a coordinator any time. Freed seats go to the waitlist.
#[server(endpoint = "cancel_registration")]
pub async fn cancel_registration(id: i64) -> Result<(), AppError> {
    let user = context::require(access::WORKSHOP_SIGN_UP).await?;
    let db = context::db()?;
    let reg = own_registration(
        &user,
        db::workshop_seats::registration(db.pool(), id).await?,
    )
    .await?;
    let now = context::now();
    let mut tx = db.begin().await?;
    let s = db::workshops::lock_series(&mut tx, db.backend(), reg.series_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Read again under the lock: an offer may have moved on meanwhile.
    let reg = db::workshop_seats::registration(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !reg.status.is_live() {
        return Err(refused("registration", ErrorCode::MatchNotOpen));
    }
    if !user.roles.has(Role::Coordinator) && reg.status == RegistrationStatus::Confirmed {
        let next = db::workshops::next_start(&mut *tx, s.id, now).await?;
        participant_may_cancel(next, s.cancel_cutoff_hours, now)
            .map_err(|code| refused("registration", code))?;
    }
    let next = db::workshop_seats::cancel(&mut tx, &s, &reg, now).await?;
    let url = context::public_url();
    notify_workshops::sign_up(
        &mut tx,
        id,
        SeatMessage::Cancelled,
        &Extra::default(),
        now,
        &url,
    )
    .await?;
    notify_workshops::passed_on(&mut tx, &next, now, &url).await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::RegistrationCancel,
        AuditSubject::Registration,
        id,
    )
    .await?;
    tx.commit().await?;
    context::done(crate::domain::Done::SignUpCancelled);
    Ok(())
}

/// Accepts the seat offered to the user's household, while the offer lasts.
#[server(endpoint = "accept_offer")]
pub async fn accept_offer(id: i64) -> Result<(), AppError> {
    let user = context::require(access::WORKSHOP_SIGN_UP).await?;
    let db = context::db()?;
    let reg = own_registration(
        &user,
        db::workshop_seats::registration(db.pool(), id).await?,
    )
    .await?;
    let now = context::now();
    let mut tx = db.begin().await?;
    db::workshops::lock_series(&mut tx, db.backend(), reg.series_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let reg = db::workshop_seats::registration(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if reg.status != RegistrationStatus::Offered || reg.offer_expires_at.is_some_and(|at| at <= now)
    {
        return Err(refused("registration", ErrorCode::OfferExpired));
    }
    db::workshop_seats::accept_offer(&mut tx, &reg, now).await?;
    let url = context::public_url();
    notify_workshops::sign_up(
        &mut tx,
        id,
        SeatMessage::Confirmed,
        &Extra::default(),
        now,
        &url,
    )
    .await?;
    tx.commit().await?;
    context::done(crate::domain::Done::OfferAccepted);
    Ok(())
}
