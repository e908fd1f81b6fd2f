//! What the workshop pages show: one series with its sessions and the viewer's sign-ups, and a
//! household's sign-ups across series.

use super::choices::Choice;
use crate::domain::workshops::{Eligibility, Localised, RegistrationStatus, SignUpWindow};
use crate::domain::Language;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{auth::CurrentUser, context},
    crate::db::{self, workshop_views::SignUpRow},
    crate::domain::schedule::EventStatus,
    crate::domain::workshops::{PlaceKind, SeriesStatus},
    crate::domain::{access, Role},
};

/// An admin's own activity type: its names and descriptions in the four languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomActivity {
    pub code: String,
    pub name: Localised,
    pub about: Localised,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionLine {
    pub id: i64,
    /// Its .ics download.
    pub download: String,
    /// Tallinn time.
    pub when: String,
    pub cancelled: bool,
    pub past: bool,
    /// The public holiday it was moved from, if any.
    pub moved_from: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberTick {
    pub id: i64,
    pub name: String,
    pub signed_up: bool,
}

/// One of a household's sign-ups, as its people see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MySignUp {
    pub id: i64,
    pub series_id: i64,
    pub activity: String,
    pub office: String,
    /// confirmed, waiting, offered, cancelled or expired.
    pub status: RegistrationStatus,
    pub people: Vec<String>,
    /// Place on the waitlist (1 is next).
    pub place: Option<usize>,
    pub offer_until: Option<String>,
    pub can_cancel: bool,
    pub childcare: Option<String>,
    /// Only for a confirmed sign-up to an online series.
    pub online_link: Option<String>,
    /// The next session's day and time range.
    pub next: Option<String>,
    /// Where the next session takes place (room, office and street address).
    pub location: Option<String>,
}

/// What the viewer may do on a series page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rights {
    pub logged_in: bool,
    pub sign_up: bool,
    /// Chooses the household (coordinator or support person).
    pub staff: bool,
    pub coordinator: bool,
    /// Sees the rosters (coordinator, or a facilitator of this series).
    pub roster: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopDetail {
    pub id: i64,
    pub activity: String,
    pub custom: Vec<CustomActivity>,
    pub office: String,
    pub place: String,
    pub online: bool,
    /// Shown to confirmed participants, facilitators and coordinators only.
    pub online_link: Option<String>,
    pub capacity: i64,
    pub free: i64,
    /// Seats asked for on the waitlist.
    pub waiting: i64,
    pub languages: Vec<Language>,
    pub interpretation: bool,
    pub eligibility: Eligibility,
    pub childcare: bool,
    pub drop_in: bool,
    pub family: bool,
    pub auto_book: bool,
    pub offer_hours: i64,
    pub registration_opens: String,
    pub registration_closes: String,
    pub registration: SignUpWindow,
    pub cancel_cutoff_hours: i64,
    pub cancelled: bool,
    pub sessions: Vec<SessionLine>,
    pub facilitators: Vec<String>,
    pub rights: Rights,
    pub households: Vec<Choice>,
    pub household: Option<i64>,
    pub members: Vec<MemberTick>,
    pub mine: Vec<MySignUp>,
}

#[cfg(feature = "ssr")]
pub(crate) async fn custom_activities(
    pool: &sqlx::AnyPool,
) -> Result<Vec<CustomActivity>, AppError> {
    Ok(db::activity_types::custom_types(pool)
        .await?
        .into_iter()
        .map(|t| {
            let name = [t.name_et, t.name_en, t.name_ru, t.name_uk].map(Option::unwrap_or_default);
            let about = [
                t.description_et,
                t.description_en,
                t.description_ru,
                t.description_uk,
            ]
            .map(Option::unwrap_or_default);
            CustomActivity {
                code: t.code,
                name: Localised(name),
                about: Localised(about),
            }
        })
        .collect())
}

/// A household's sign-up as its people see it.
#[cfg(feature = "ssr")]
async fn my_sign_up(
    db: &db::Db,
    row: SignUpRow,
    coordinator: bool,
    now: i64,
) -> Result<MySignUp, AppError> {
    let pool = db.pool();
    let place = if row.status == RegistrationStatus::Waiting {
        let queue = db::workshop_seats::waitlist(pool, row.series_id).await?;
        crate::domain::workshops::place_of(&queue, row.id)
    } else {
        None
    };
    let coming = db::workshops::next_session(pool, row.series_id, now).await?;
    let next = coming.as_ref().map(|(start, _, _)| *start);
    let live = row.status.is_live();
    let can_cancel = live
        && (coordinator
            || row.status != RegistrationStatus::Confirmed
            || crate::domain::workshops::participant_may_cancel(
                next,
                row.cancel_cutoff_hours,
                now,
            )
            .is_ok());
    Ok(MySignUp {
        id: row.id,
        series_id: row.series_id,
        people: db::workshop_views::people_of(pool, row.id).await?,
        place,
        offer_until: (row.status == RegistrationStatus::Offered)
            .then(|| row.offer_expires_at.map(super::dates::time))
            .flatten(),
        can_cancel,
        online_link: (row.status == RegistrationStatus::Confirmed)
            .then_some(row.online_link)
            .flatten(),
        next: coming
            .as_ref()
            .map(|(start, end, _)| super::dates::span(*start, *end)),
        location: coming.and_then(|(_, _, place)| place),
        activity: row.activity,
        office: row.office,
        status: row.status,
        childcare: row.childcare,
    })
}

#[cfg(feature = "ssr")]
async fn rights(
    db: &db::Db,
    user: Option<&CurrentUser>,
    series_id: i64,
) -> Result<Rights, AppError> {
    let Some(user) = user else {
        return Ok(Rights::default());
    };
    let coordinator = user.roles.has(Role::Coordinator);
    let staff = coordinator || user.roles.has(Role::SupportPerson);
    let facilitator = user.roles.has(Role::Facilitator)
        && db::workshop_views::facilitates(db.pool(), series_id, user.id).await?;
    Ok(Rights {
        logged_in: true,
        sign_up: user.roles.has_any(access::WORKSHOP_SIGN_UP),
        staff,
        coordinator,
        roster: coordinator || facilitator,
    })
}

/// A series for anyone: its sessions and free places; for a logged-in participant (or staff
/// choosing a household) also the household's members and sign-ups.
#[server(endpoint = "workshop")]
pub async fn workshop(
    id: i64,
    household: Option<i64>,
    who: Option<String>,
) -> Result<WorkshopDetail, AppError> {
    let db = context::db()?;
    let pool = db.pool();
    let user = context::current_user().await?;
    let s = db::workshop_views::series(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = context::now();
    let rights = rights(&db, user.as_ref(), id).await?;
    let households = match &user {
        Some(u) if rights.staff => {
            let who = who.as_deref().unwrap_or("");
            super::household_choices::for_user(&db, u, who, household).await?
        }
        _ => Vec::new(),
    };
    let household = match &user {
        Some(_) if rights.staff => household.filter(|h| households.iter().any(|c| c.id == *h)),
        Some(u) if rights.sign_up => db::households::of_account(pool, u.id).await?,
        _ => None,
    };
    let (members, mine) = match household {
        Some(h) => {
            let taken = db::workshop_views::signed_up_members(pool, id, h).await?;
            let members = db::households::members(pool, h)
                .await?
                .into_iter()
                .map(|m| MemberTick {
                    signed_up: taken.contains(&m.id),
                    id: m.id,
                    name: format!("{} {}", m.first_name, m.last_name),
                })
                .collect();
            let mut mine = Vec::new();
            for row in db::workshop_views::household_sign_ups(pool, h, id).await? {
                mine.push(my_sign_up(&db, row, rights.coordinator, now).await?);
            }
            (members, mine)
        }
        None => (Vec::new(), Vec::new()),
    };
    let confirmed = mine
        .iter()
        .any(|m| m.status == RegistrationStatus::Confirmed);
    let waiting: i64 = db::workshop_seats::waitlist(pool, id)
        .await?
        .iter()
        .map(|w| i64::from(w.seats))
        .sum();
    let sessions = db::workshop_views::sessions(pool, id)
        .await?
        .into_iter()
        .map(|x| SessionLine {
            id: x.id,
            download: super::calendar::download_path(&x.uid),
            when: super::dates::span(x.starts_at, x.ends_at),
            cancelled: x.status == EventStatus::Cancelled,
            past: x.ends_at <= now,
            moved_from: x.moved_from,
        })
        .collect();
    let online = s.place_kind == PlaceKind::Online;
    let place = match s.place_kind {
        PlaceKind::Online => String::new(),
        PlaceKind::Address => s.address.clone().unwrap_or_default(),
        PlaceKind::Room => format!(
            "{}, {}, {}",
            s.room.clone().unwrap_or_default(),
            s.office,
            s.office_address
        ),
    };
    let registration = SignUpWindow::at(s.status, s.registration_opens, s.registration_closes, now);
    Ok(WorkshopDetail {
        id,
        custom: custom_activities(pool).await?,
        office: s.office,
        place,
        online,
        online_link: (confirmed || rights.roster)
            .then_some(s.online_link)
            .flatten(),
        capacity: s.capacity,
        free: (s.capacity - s.seats_taken).max(0),
        waiting,
        languages: s.languages.0.clone(),
        interpretation: s.interpretation == 1,
        eligibility: s.eligibility,
        childcare: s.childcare == 1,
        drop_in: s.drop_in == 1,
        family: s.family == 1,
        auto_book: s.auto_book == 1,
        offer_hours: s.offer_hours,
        registration_opens: super::dates::time(s.registration_opens),
        registration_closes: super::dates::time(s.registration_closes),
        registration,
        cancel_cutoff_hours: s.cancel_cutoff_hours,
        cancelled: s.status == SeriesStatus::Cancelled,
        sessions,
        facilitators: db::workshop_views::facilitators(pool, id)
            .await?
            .into_iter()
            .map(|(_, name)| name)
            .collect(),
        rights,
        households,
        household,
        members,
        mine,
        activity: s.activity,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdWorkshops {
    pub custom: Vec<CustomActivity>,
    pub sign_ups: Vec<MySignUp>,
}

/// A beneficiary's live sign-ups across series: confirmed, waiting (with the place) and offers.
#[server(endpoint = "my_workshops")]
pub async fn my_workshops() -> Result<HouseholdWorkshops, AppError> {
    let user = context::require(access::BENEFICIARY).await?;
    let db = context::db()?;
    household_workshops(&db, user.id, context::now()).await
}

/// The sign-ups of the household the account belongs to (none without a household).
#[cfg(feature = "ssr")]
pub(crate) async fn household_workshops(
    db: &db::Db,
    account: i64,
    now: i64,
) -> Result<HouseholdWorkshops, AppError> {
    let pool = db.pool();
    let mut sign_ups = Vec::new();
    if let Some(h) = db::households::of_account(pool, account).await? {
        for row in db::workshop_views::household_sign_ups(pool, h, 0).await? {
            sign_ups.push(my_sign_up(db, row, false, now).await?);
        }
    }
    Ok(HouseholdWorkshops {
        custom: custom_activities(pool).await?,
        sign_ups,
    })
}
