//! Demo workshops and groups: a small women's group in Tartu that met for the first time a few
//! days ago (so its facilitator has a roster to mark), art therapy in Tartu, and in Tallinn
//! digital literacy (with a few sign-ups), work readiness online and a parenting training.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};
use tugi_app::db::{self, workshops::SeriesError, Backend, Tx};
use tugi_app::domain::holidays::public_holiday;
use tugi_app::domain::schedule::tallinn_instant;
use tugi_app::domain::workshops::{
    sessions, Eligibility, HolidayRule, NewSeries, PlaceKind, Plan, Repeat,
};
use tugi_app::domain::Language;
use tugi_app::error::AppError;

/// Who runs the demo groups and where.
pub struct Places {
    pub tallinn: i64,
    pub tartu: i64,
    pub coordinator: i64,
    /// Ahmad Karimi, Kätlin Raud.
    pub facilitators: (i64, i64),
}

struct Demo {
    activity: &'static str,
    office: i64,
    room: Option<&'static str>,
    link: Option<&'static str>,
    capacity: i64,
    languages: Vec<Language>,
    eligibility: Eligibility,
    childcare: bool,
    first: NaiveDate,
    start: (u32, u32),
    minutes: i64,
    repeat: Repeat,
    count: u32,
    facilitator: i64,
}

async fn room_id(tx: &mut Tx, office: i64, name: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM rooms WHERE office_id = $1 AND name = $2")
        .bind(office)
        .bind(name)
        .fetch_optional(&mut **tx)
        .await
}

async fn create(tx: &mut Tx, d: Demo, p: &Places, n: usize) -> Result<i64, AppError> {
    let plan = Plan {
        first: d.first,
        repeat: d.repeat,
        count: d.count,
        extra_dates: Vec::new(),
        start: NaiveTime::from_hms_opt(d.start.0, d.start.1, 0).unwrap_or_default(),
        minutes: d.minutes,
        holidays: HolidayRule::Skip,
    };
    let planned = sessions(&plan).map_err(|_| AppError::Internal)?;
    let last = planned.last().map(|s| s.date).unwrap_or(d.first);
    let room = match d.room {
        Some(name) => room_id(tx, d.office, name).await?,
        None => None,
    };
    let closes_on = last.pred_opt().unwrap_or(last);
    let closes = tallinn_instant(
        closes_on,
        NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default(),
    )
    .map_err(|_| AppError::Internal)?;
    let series = NewSeries {
        activity: d.activity.to_string(),
        office_id: d.office,
        place_kind: if d.link.is_some() {
            PlaceKind::Online
        } else {
            PlaceKind::Room
        },
        room_id: room,
        address: None,
        online_link: d.link.map(str::to_string),
        capacity: d.capacity,
        languages: d.languages,
        interpretation: true,
        eligibility: d.eligibility,
        childcare: d.childcare,
        drop_in: false,
        auto_book: false,
        offer_hours: 24,
        sessions: planned,
        registration_opens: tallinn_instant(d.first - Days::new(21), NaiveTime::MIN)
            .map_err(|_| AppError::Internal)?,
        registration_closes: closes,
        cancel_cutoff_hours: 24,
        facilitators: vec![d.facilitator],
    };
    let office = db::offices::by_id_in(&mut **tx, d.office)
        .await?
        .ok_or(AppError::Internal)?;
    let place = series.place(d.room, &office.name, &office.address);
    let prefix = format!("demo-series-{n}");
    match db::workshops::create_series(tx, &series, &place, p.coordinator, &prefix).await {
        Ok(id) => Ok(id),
        Err(SeriesError::Overlap) => Err(AppError::Internal),
        Err(SeriesError::Db(e)) => Err(e.into()),
    }
}

/// The most recent day before `today` that is neither a public holiday nor a Sunday.
fn last_open_day(today: NaiveDate) -> NaiveDate {
    let mut day = today.pred_opt().unwrap_or(today);
    while public_holiday(day).is_some() || day.weekday() == Weekday::Sun {
        day = day.pred_opt().unwrap_or(day);
    }
    day
}

pub async fn load(
    tx: &mut Tx,
    backend: Backend,
    p: &Places,
    today: NaiveDate,
    sign_ups: &[(i64, i64)],
) -> Result<(), AppError> {
    use Language::*;
    let (ahmad, katlin) = p.facilitators;
    let in_days = |n: u64| today + Days::new(n);
    let next_monday = in_days(7 - u64::from(today.weekday().num_days_from_monday()));
    let groups = vec![
        Demo {
            activity: "womens_group",
            office: p.tartu,
            room: Some("Grupiruum"),
            link: None,
            capacity: 3,
            languages: vec![Ru, Uk, Et],
            eligibility: Eligibility::WomenOnly,
            childcare: true,
            first: last_open_day(today),
            start: (18, 0),
            minutes: 90,
            repeat: Repeat::Weekly,
            count: 8,
            facilitator: katlin,
        },
        Demo {
            activity: "art_therapy",
            office: p.tartu,
            room: Some("Grupiruum"),
            link: None,
            capacity: 8,
            languages: vec![Ru, Uk],
            eligibility: Eligibility::Everyone,
            childcare: false,
            first: in_days(3),
            start: (15, 0),
            minutes: 90,
            repeat: Repeat::Weekly,
            count: 6,
            facilitator: katlin,
        },
        Demo {
            activity: "digital_literacy",
            office: p.tallinn,
            room: Some("Koolitusruum"),
            link: None,
            capacity: 12,
            languages: vec![Et, Ru, Uk],
            eligibility: Eligibility::AdultsOnly,
            childcare: true,
            first: next_monday,
            start: (10, 0),
            minutes: 120,
            repeat: Repeat::Weekly,
            count: 4,
            facilitator: ahmad,
        },
        Demo {
            activity: "work_readiness",
            office: p.tallinn,
            room: None,
            link: Some("https://meet.example.org/tugi-work-readiness"),
            capacity: 15,
            languages: vec![En, Ru],
            eligibility: Eligibility::AdultsOnly,
            childcare: false,
            first: in_days(5),
            start: (17, 0),
            minutes: 90,
            repeat: Repeat::Fortnightly,
            count: 4,
            facilitator: ahmad,
        },
        Demo {
            activity: "parenting",
            office: p.tallinn,
            room: Some("Koolitusruum"),
            link: None,
            capacity: 10,
            languages: vec![Uk, Ru],
            eligibility: Eligibility::Parents,
            childcare: true,
            first: in_days(8),
            start: (14, 0),
            minutes: 120,
            repeat: Repeat::Weekly,
            count: 5,
            facilitator: katlin,
        },
    ];
    let mut digital = 0;
    for (n, d) in groups.into_iter().enumerate() {
        let activity = d.activity;
        let id = create(tx, d, p, n).await?;
        if activity == "digital_literacy" {
            digital = id;
        }
    }
    // A few households already signed up for digital literacy.
    for (household, member) in sign_ups {
        let Some(series) = db::workshops::lock_series(tx, backend, digital).await? else {
            break;
        };
        let registration = db::workshop_seats::NewRegistration {
            series_id: digital,
            session_id: None,
            household_id: *household,
            members: &[*member],
            childcare: None,
            booked_by: p.coordinator,
            at: db::now(),
        };
        db::workshop_seats::register(tx, &series, &registration).await?;
    }
    Ok(())
}
