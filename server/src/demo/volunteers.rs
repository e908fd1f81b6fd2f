//! Demo data of the volunteer programmes: a profile, trainings and weekly availability for
//! each of the twelve volunteers (most active, one applicant, one paused, one missing the
//! coaching training), and a few open match requests.

use std::collections::HashMap;
use tugi_app::db;
use tugi_app::domain::matching::{
    Meeting, NewMatchRequest, TimeOfWeek, VolunteerProfile, VolunteerStatus, Window,
    COACHING_TRAINING, PEER_COUNSELLING_TRAINING,
};
use tugi_app::domain::{Gender, Language, Level, Proficiency, Programme};
use tugi_app::error::AppError;

struct Demo {
    name: &'static str,
    programme: Programme,
    city: Option<&'static str>,
    online: bool,
    languages: &'static [(Language, Level)],
    gender: Gender,
    status: VolunteerStatus,
    training: Option<&'static str>,
    capacity: i64,
    origin: Option<&'static str>,
    field: Option<&'static str>,
    /// (weekday, from hour, to hour)
    times: &'static [(u8, u16, u16)],
}

use Language::*;
use Level::*;
use Programme::*;
use VolunteerStatus::{Active, Applicant, Paused};

const DEMO: [Demo; 12] = [
    Demo {
        name: "Liis Saar",
        programme: AdaptationMentor,
        city: Some("Tallinn"),
        online: false,
        languages: &[(Et, Native), (En, C1), (Ru, B1)],
        gender: Gender::Female,
        status: Active,
        training: Some(COACHING_TRAINING),
        capacity: 2,
        origin: None,
        field: None,
        times: &[(2, 17, 20), (6, 10, 13)],
    },
    Demo {
        name: "Ahmad Karimi",
        programme: PeerCounsellor,
        city: Some("Tartu"),
        online: true,
        languages: &[(Fa, Native), (En, C1), (Et, B1)],
        gender: Gender::Male,
        status: Active,
        training: Some(PEER_COUNSELLING_TRAINING),
        capacity: 2,
        origin: Some("Iran"),
        field: None,
        times: &[(3, 17, 20)],
    },
    Demo {
        name: "Mari Kuusk",
        programme: LanguagePartner,
        city: Some("Tallinn"),
        online: false,
        languages: &[(Et, Native), (En, B2), (Uk, B1)],
        gender: Gender::Female,
        status: Active,
        training: None,
        capacity: 3,
        origin: None,
        field: None,
        times: &[(1, 17, 19), (4, 17, 19)],
    },
    Demo {
        name: "Peeter Mägi",
        programme: JobMentor,
        city: Some("Tallinn"),
        online: true,
        languages: &[(Et, Native), (En, C1)],
        gender: Gender::Male,
        status: Active,
        training: None,
        capacity: 2,
        origin: None,
        field: Some("IT"),
        times: &[(2, 18, 20)],
    },
    Demo {
        name: "Anna Ivanova",
        programme: AdaptationMentor,
        city: Some("Narva"),
        online: false,
        languages: &[(Ru, Native), (Et, C1)],
        gender: Gender::Female,
        status: Active,
        training: Some(COACHING_TRAINING),
        capacity: 2,
        origin: None,
        field: None,
        times: &[(6, 10, 14)],
    },
    Demo {
        name: "Tiina Pärn",
        programme: PeerCounsellor,
        city: Some("Tallinn"),
        online: false,
        languages: &[(Et, Native), (Ru, B2)],
        gender: Gender::Female,
        status: Applicant,
        training: None,
        capacity: 1,
        origin: None,
        field: None,
        times: &[(5, 16, 18)],
    },
    Demo {
        name: "Karl Sepp",
        programme: LanguagePartner,
        city: Some("Tartu"),
        online: false,
        languages: &[(Et, Native), (En, B2)],
        gender: Gender::Male,
        status: Active,
        training: None,
        capacity: 2,
        origin: None,
        field: None,
        times: &[(3, 17, 19)],
    },
    Demo {
        name: "Fatima Noori",
        programme: PeerCounsellor,
        city: Some("Tallinn"),
        online: true,
        languages: &[(Prs, Native), (Et, B2), (En, B2)],
        gender: Gender::Female,
        status: Active,
        training: Some(PEER_COUNSELLING_TRAINING),
        capacity: 2,
        origin: Some("Afghanistan"),
        field: None,
        times: &[(1, 17, 20), (3, 17, 20)],
    },
    Demo {
        name: "Yonas Tesfaye",
        programme: AdaptationMentor,
        city: Some("Tallinn"),
        online: false,
        languages: &[(Ti, Native), (En, C1), (Et, B1)],
        gender: Gender::Male,
        status: Active,
        training: None,
        capacity: 1,
        origin: Some("Eritrea"),
        field: None,
        times: &[(6, 12, 16)],
    },
    Demo {
        name: "Kristi Oja",
        programme: JobMentor,
        city: Some("Tartu"),
        online: false,
        languages: &[(Et, Native), (En, B2)],
        gender: Gender::Female,
        status: Paused,
        training: None,
        capacity: 1,
        origin: None,
        field: Some("Education"),
        times: &[(2, 16, 18)],
    },
    Demo {
        name: "Dmytro Bondar",
        programme: LanguagePartner,
        city: None,
        online: true,
        languages: &[(Uk, Native), (Ru, C2), (Et, B2)],
        gender: Gender::Male,
        status: Active,
        training: None,
        capacity: 3,
        origin: Some("Ukraine"),
        field: None,
        times: &[(2, 19, 21), (4, 19, 21)],
    },
    Demo {
        name: "Laura Vaher",
        programme: JobMentor,
        city: Some("Tartu"),
        online: true,
        languages: &[(Et, Native), (En, C1)],
        gender: Gender::Female,
        status: Active,
        training: None,
        capacity: 2,
        origin: None,
        field: Some("Healthcare"),
        times: &[(4, 17, 19)],
    },
];

/// `volunteers` maps display names to account ids; `requests` are (household, member, city,
/// requested by) for a few open requests.
pub(super) async fn load(
    tx: &mut db::Tx,
    volunteers: &HashMap<String, i64>,
    requests: &[(i64, i64, String)],
    coordinator: i64,
    today: chrono::NaiveDate,
) -> Result<(), AppError> {
    for d in &DEMO {
        let Some(&id) = volunteers.get(d.name) else {
            continue;
        };
        let profile = VolunteerProfile {
            programmes: vec![d.programme],
            city: d.city.map(str::to_string),
            online: d.online,
            capacity: d.capacity,
            gender: Some(d.gender),
            origin_country: d.origin.map(str::to_string),
            protection_path: None,
            field_of_work: d.field.map(str::to_string),
            practice_language: (d.programme == LanguagePartner).then_some(Et),
            languages: d
                .languages
                .iter()
                .map(|(language, level)| Proficiency {
                    language: *language,
                    level: *level,
                })
                .collect(),
        };
        db::volunteers::save_profile(tx, id, &profile).await?;
        db::volunteers::set_status(tx, id, d.status).await?;
        if let Some(training) = d.training {
            let done = today - chrono::Duration::days(60);
            db::volunteers::record_training(tx, id, training, &done.to_string(), coordinator)
                .await?;
        }
        for (day, from, to) in d.times {
            if let Some(w) = Window::new(*day, from * 60, to * 60) {
                db::volunteers::add_window(tx, id, w).await?;
            }
        }
    }
    // Three that the demo volunteers can take, one that no one nearby can (city or online).
    let programmes = [
        AdaptationMentor,
        JobMentor,
        LanguagePartner,
        AdaptationMentor,
    ];
    let now = chrono::Utc::now().timestamp();
    for (n, (household, member, city)) in requests.iter().enumerate() {
        let programme = programmes[n % programmes.len()];
        let request = NewMatchRequest {
            member_id: *member,
            programme,
            language: None,
            gender: None,
            meeting: Meeting::Either,
            city: city.clone(),
            field_of_work: (programme == JobMentor).then(|| "IT".to_string()),
            practice_language: (programme == LanguagePartner).then_some(Et),
            origin_country: None,
            times: vec![TimeOfWeek::WeekdayEvenings],
            notes: Some(
                [
                    "Would like company for errands and to learn how things work here.",
                    "Looking for a first job in IT; has a degree from home.",
                    "Wants to practise everyday Estonian.",
                    "New in town, would like help with the first months.",
                ][n % 4]
                    .into(),
            ),
        };
        // Requests made over the past weeks, so that waiting time shows.
        let at = now - (n as i64 + 1) * 6 * 86_400;
        db::matching::create_request(tx, *household, &request, coordinator, at).await?;
    }
    Ok(())
}
