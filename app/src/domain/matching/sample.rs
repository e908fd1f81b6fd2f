//! Random but realistic matching instances, for the property tests and the benchmark.
//! Proportions follow the programme: most households speak Ukrainian, Arabic, Dari or Farsi;
//! most volunteers speak Estonian or Russian natively and English well; Tallinn is the
//! largest city.

use super::rules::{
    Meeting, Need, Volunteer, VolunteerStatus, COACHING_TRAINING, PEER_COUNSELLING_TRAINING,
};
use super::window::Window;
use crate::domain::{Gender, Language, Level, Proficiency, Programme};
use fastrand::Rng;

const CITIES: [(&str, u32); 4] = [("Tallinn", 55), ("Tartu", 25), ("Narva", 10), ("Pärnu", 10)];
const FIELDS: [&str; 6] = [
    "IT",
    "Healthcare",
    "Construction",
    "Hospitality",
    "Education",
    "Retail",
];
const COUNTRIES: [&str; 5] = ["Ukraine", "Syria", "Afghanistan", "Iran", "Eritrea"];
const PROGRAMMES: [(Programme, u32); 4] = [
    (Programme::AdaptationMentor, 35),
    (Programme::LanguagePartner, 30),
    (Programme::JobMentor, 20),
    (Programme::PeerCounsellor, 15),
];
const MEMBER_FIRST: [(Language, u32); 7] = [
    (Language::Uk, 35),
    (Language::Ar, 15),
    (Language::Prs, 10),
    (Language::Fa, 10),
    (Language::Ru, 15),
    (Language::Ti, 10),
    (Language::Tr, 5),
];
const VOLUNTEER_FIRST: [(Language, u32); 6] = [
    (Language::Et, 55),
    (Language::Ru, 25),
    (Language::Uk, 8),
    (Language::Ar, 5),
    (Language::Prs, 4),
    (Language::Fa, 3),
];

fn pick<T: Copy>(rng: &mut Rng, weighted: &[(T, u32)]) -> T {
    let total: u32 = weighted.iter().map(|(_, w)| w).sum();
    let mut at = rng.u32(0..total);
    for (item, weight) in weighted {
        if at < *weight {
            return *item;
        }
        at -= weight;
    }
    weighted[0].0
}

fn chance(rng: &mut Rng, percent: u32) -> bool {
    rng.u32(0..100) < percent
}

fn windows(rng: &mut Rng, count: usize) -> Vec<Window> {
    (0..count)
        .filter_map(|_| {
            let start = rng.u16(8..20) * 60;
            Window::new(rng.u8(1..=7), start, start + rng.u16(1..=3) * 60)
        })
        .collect()
}

fn speaks(language: Language, level: Level) -> Proficiency {
    Proficiency { language, level }
}

pub fn volunteer(rng: &mut Rng, id: i64) -> Volunteer {
    let mut programmes = vec![pick(rng, &PROGRAMMES)];
    if chance(rng, 30) {
        let second = pick(rng, &PROGRAMMES);
        if !programmes.contains(&second) {
            programmes.push(second);
        }
    }
    let mut trainings = Vec::new();
    if chance(rng, 75) {
        trainings.push(COACHING_TRAINING.to_string());
    }
    if chance(rng, 60) {
        trainings.push(PEER_COUNSELLING_TRAINING.to_string());
    }
    let first = pick(rng, &VOLUNTEER_FIRST);
    let mut languages = vec![speaks(first, Level::Native)];
    if first != Language::En && chance(rng, 75) {
        languages.push(speaks(
            Language::En,
            pick(rng, &[(Level::B1, 1), (Level::B2, 2), (Level::C1, 1)]),
        ));
    }
    if first != Language::Ru && chance(rng, 35) {
        languages.push(speaks(
            Language::Ru,
            pick(rng, &[(Level::A2, 1), (Level::B1, 1), (Level::C1, 1)]),
        ));
    }
    let city = (!chance(rng, 10)).then(|| pick(rng, &CITIES).to_string());
    Volunteer {
        id,
        status: pick(
            rng,
            &[
                (VolunteerStatus::Active, 85),
                (VolunteerStatus::Applicant, 8),
                (VolunteerStatus::Paused, 7),
            ],
        ),
        programmes,
        trainings,
        languages,
        online: city.is_none() || chance(rng, 40),
        city,
        availability: {
            let n = rng.usize(1..=4);
            windows(rng, n)
        },
        free_places: rng.u32(1..=4),
        gender: pick(
            rng,
            &[
                (Some(Gender::Female), 55),
                (Some(Gender::Male), 40),
                (None, 5),
            ],
        ),
        origin_country: chance(rng, 30)
            .then(|| COUNTRIES[rng.usize(..COUNTRIES.len())].to_string()),
        field_of_work: Some(FIELDS[rng.usize(..FIELDS.len())].to_string()),
        practice_language: Some(if chance(rng, 80) {
            Language::Et
        } else {
            Language::En
        }),
    }
}

pub fn need(rng: &mut Rng, id: i64) -> Need {
    let programme = pick(rng, &PROGRAMMES);
    let first = pick(rng, &MEMBER_FIRST);
    let mut languages = vec![speaks(first, Level::Native)];
    if first != Language::En && chance(rng, 45) {
        languages.push(speaks(
            Language::En,
            pick(rng, &[(Level::A2, 1), (Level::B1, 2), (Level::B2, 1)]),
        ));
    }
    if first != Language::Ru && chance(rng, 30) {
        languages.push(speaks(
            Language::Ru,
            pick(rng, &[(Level::B1, 1), (Level::B2, 1)]),
        ));
    }
    languages.push(speaks(
        Language::Et,
        pick(rng, &[(Level::A1, 3), (Level::A2, 1)]),
    ));
    Need {
        id,
        programme,
        language: chance(rng, 15).then_some(first),
        languages,
        gender: pick(
            rng,
            &[
                (None, 80),
                (Some(Gender::Female), 17),
                (Some(Gender::Male), 3),
            ],
        ),
        meeting: pick(
            rng,
            &[
                (Meeting::InPerson, 50),
                (Meeting::Either, 35),
                (Meeting::Online, 15),
            ],
        ),
        city: pick(rng, &CITIES).to_string(),
        field_of_work: (programme == Programme::JobMentor)
            .then(|| FIELDS[rng.usize(..FIELDS.len())].to_string()),
        practice_language: (programme == Programme::LanguagePartner).then(|| {
            if chance(rng, 85) {
                Language::Et
            } else {
                Language::En
            }
        }),
        origin_country: chance(rng, 60)
            .then(|| COUNTRIES[rng.usize(..COUNTRIES.len())].to_string()),
        times: {
            let n = rng.usize(0..=3);
            windows(rng, n)
        },
        waiting_days: rng.i64(0..=120),
        excluded: Vec::new(),
    }
}

/// `requests` needs and `volunteers` volunteers, ids from 1.
pub fn instance(rng: &mut Rng, requests: usize, volunteers: usize) -> (Vec<Need>, Vec<Volunteer>) {
    let needs = (1..=requests as i64).map(|id| need(rng, id)).collect();
    let volunteers = (1..=volunteers as i64)
        .map(|id| volunteer(rng, id))
        .collect();
    (needs, volunteers)
}
