//! Who may be matched with whom (hard rules) and how well they fit (soft criteria).

use super::window::{overlap_minutes, Window};
use crate::domain::{Gender, Language, Level, Proficiency, Programme};
use serde::{Deserialize, Serialize};

string_enum!(
    /// Where a volunteer stands; only active volunteers are ever proposed.
    VolunteerStatus { Applicant => "applicant", Active => "active", Paused => "paused", Left => "left" }
);

string_enum!(
    /// How a pair would meet.
    Meeting { InPerson => "in_person", Online => "online", Either => "either" }
);

string_enum!(
    /// The soft criteria a pair's score is made of, as the explanation lists them.
    Criterion {
        Base => "base",
        Availability => "availability",
        City => "city",
        Background => "background",
        Field => "field",
        Waiting => "waiting",
    }
);

string_enum!(
    /// Trainings every installation knows; an admin's own trainings carry their names.
    BuiltinTraining { Coaching => "coaching", PeerCounselling => "peer_counselling" }
);

string_enum!(
    /// The rules that exclude a pair, in the order the explanation applies them.
    HardRule {
        Programme => "programme",
        Status => "status",
        Training => "training",
        Language => "language",
        Gender => "gender",
        Place => "place",
        PracticeLanguage => "practice_language",
        DeclinedBefore => "declined_before",
        Capacity => "capacity",
    }
);

/// The training each programme requires (codes of built-in trainings).
pub const COACHING_TRAINING: &str = "coaching";
pub const PEER_COUNSELLING_TRAINING: &str = "peer_counselling";

pub fn required_training(programme: Programme) -> Option<&'static str> {
    match programme {
        Programme::AdaptationMentor => Some(COACHING_TRAINING),
        Programme::PeerCounsellor => Some(PEER_COUNSELLING_TRAINING),
        Programme::LanguagePartner | Programme::JobMentor => None,
    }
}

/// A volunteer as the engine sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Volunteer {
    pub id: i64,
    pub status: VolunteerStatus,
    pub programmes: Vec<Programme>,
    /// Codes of completed trainings.
    pub trainings: Vec<String>,
    pub languages: Vec<Proficiency>,
    /// Where they can meet in person; `None` for online only.
    pub city: Option<String>,
    pub online: bool,
    pub availability: Vec<Window>,
    /// Capacity minus matches approved or active.
    pub free_places: u32,
    pub gender: Option<Gender>,
    pub origin_country: Option<String>,
    pub field_of_work: Option<String>,
    pub practice_language: Option<Language>,
}

/// An open match request as the engine sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Need {
    pub id: i64,
    pub programme: Programme,
    /// The household member's languages.
    pub languages: Vec<Proficiency>,
    /// The language they want to talk in, when they named one.
    pub language: Option<Language>,
    pub gender: Option<Gender>,
    pub meeting: Meeting,
    /// The city where they would meet in person.
    pub city: String,
    pub field_of_work: Option<String>,
    pub practice_language: Option<Language>,
    pub origin_country: Option<String>,
    /// When they can meet; empty when any time suits.
    pub times: Vec<Window>,
    pub waiting_days: i64,
    /// Volunteers who declined this request or whom a coordinator rejected for it.
    pub excluded: Vec<i64>,
}

/// A pair's score by criterion. Every eligible pair gets `BASE`, more than all soft points
/// together, so the best assignment first matches as many requests as possible.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub base: i64,
    pub availability: i64,
    pub city: i64,
    pub background: i64,
    pub field: i64,
    pub waiting: i64,
}

pub const BASE: i64 = 100;
/// Points per full hour of weekly overlap, and the most it can give.
pub const AVAILABILITY_PER_HOUR: i64 = 5;
pub const AVAILABILITY_MAX: i64 = 20;
pub const SAME_CITY: i64 = 10;
pub const SAME_COUNTRY: i64 = 15;
pub const SHARED_FIRST_LANGUAGE: i64 = 5;
pub const SAME_FIELD: i64 = 15;
/// One point per full week waited, up to this.
pub const WAITING_MAX: i64 = 20;

impl Score {
    pub fn total(&self) -> i64 {
        self.base + self.availability + self.city + self.background + self.field + self.waiting
    }
}

fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && a.to_lowercase() == b.to_lowercase()
}

fn usable(languages: &[Proficiency], language: Language) -> bool {
    languages
        .iter()
        .any(|p| p.language == language && p.is_working_level())
}

/// Checks one hard rule; capacity is left to `evaluate`.
pub fn passes(rule: HardRule, need: &Need, v: &Volunteer) -> bool {
    match rule {
        HardRule::Programme => v.programmes.contains(&need.programme),
        HardRule::Status => v.status == VolunteerStatus::Active,
        HardRule::Training => required_training(need.programme)
            .is_none_or(|t| v.trainings.iter().any(|done| done == t)),
        HardRule::Language => match need.language {
            Some(language) => usable(&v.languages, language),
            None => need
                .languages
                .iter()
                .any(|p| p.is_working_level() && usable(&v.languages, p.language)),
        },
        HardRule::Gender => need.gender.is_none_or(|g| v.gender == Some(g)),
        HardRule::Place => {
            let in_person = v
                .city
                .as_deref()
                .is_some_and(|city| same_text(city, &need.city));
            match need.meeting {
                Meeting::InPerson => in_person,
                Meeting::Online => v.online,
                Meeting::Either => in_person || v.online,
            }
        }
        HardRule::PracticeLanguage => {
            need.programme != Programme::LanguagePartner
                || need
                    .practice_language
                    .is_none_or(|l| v.practice_language == Some(l))
        }
        HardRule::DeclinedBefore => !need.excluded.contains(&v.id),
        HardRule::Capacity => v.free_places > 0,
    }
}

/// The pair's score, or the first hard rule that excludes it.
pub fn evaluate(need: &Need, v: &Volunteer) -> Result<Score, HardRule> {
    if let Some(rule) = HardRule::ALL.iter().find(|r| !passes(**r, need, v)) {
        return Err(*rule);
    }
    Ok(score(need, v))
}

/// The soft criteria of a pair that passed the hard rules.
pub fn score(need: &Need, v: &Volunteer) -> Score {
    let hours = i64::from(overlap_minutes(&need.times, &v.availability) / 60);
    let peer = need.programme == Programme::PeerCounsellor;
    let background = if peer {
        let country = match (&need.origin_country, &v.origin_country) {
            (Some(a), Some(b)) if same_text(a, b) => SAME_COUNTRY,
            _ => 0,
        };
        let first_language = need.languages.iter().any(|p| {
            p.level == Level::Native
                && v.languages
                    .iter()
                    .any(|q| q.level == Level::Native && q.language == p.language)
        });
        country
            + if first_language {
                SHARED_FIRST_LANGUAGE
            } else {
                0
            }
    } else {
        0
    };
    let field = match (&need.field_of_work, &v.field_of_work) {
        (Some(a), Some(b)) if need.programme == Programme::JobMentor && same_text(a, b) => {
            SAME_FIELD
        }
        _ => 0,
    };
    let same_city = v
        .city
        .as_deref()
        .is_some_and(|city| same_text(city, &need.city));
    Score {
        base: BASE,
        availability: (hours * AVAILABILITY_PER_HOUR).min(AVAILABILITY_MAX),
        city: if same_city { SAME_CITY } else { 0 },
        background,
        field,
        waiting: (need.waiting_days.max(0) / 7).min(WAITING_MAX),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn p(language: Language, level: Level) -> Proficiency {
        Proficiency { language, level }
    }

    pub(crate) fn volunteer() -> Volunteer {
        Volunteer {
            id: 1,
            status: VolunteerStatus::Active,
            programmes: vec![Programme::PeerCounsellor],
            trainings: vec![PEER_COUNSELLING_TRAINING.into()],
            languages: vec![p(Language::Prs, Level::Native), p(Language::Et, Level::B2)],
            city: Some("Tartu".into()),
            online: false,
            availability: vec![Window::new(1, 17 * 60, 20 * 60).unwrap()],
            free_places: 1,
            gender: Some(Gender::Female),
            origin_country: Some("Afghanistan".into()),
            field_of_work: None,
            practice_language: None,
        }
    }

    pub(crate) fn need() -> Need {
        Need {
            id: 10,
            programme: Programme::PeerCounsellor,
            languages: vec![p(Language::Prs, Level::Native)],
            language: None,
            gender: None,
            meeting: Meeting::InPerson,
            city: "Tartu".into(),
            field_of_work: None,
            practice_language: None,
            origin_country: None,
            times: vec![],
            waiting_days: 0,
            excluded: vec![],
        }
    }

    #[test]
    fn a_fitting_pair_passes_every_rule() {
        assert!(evaluate(&need(), &volunteer()).is_ok());
    }

    #[test]
    fn programme_is_required() {
        let mut n = need();
        n.programme = Programme::JobMentor;
        assert_eq!(evaluate(&n, &volunteer()), Err(HardRule::Programme));
    }

    #[test]
    fn only_active_volunteers_are_proposed() {
        for status in [
            VolunteerStatus::Applicant,
            VolunteerStatus::Paused,
            VolunteerStatus::Left,
        ] {
            let mut v = volunteer();
            v.status = status;
            assert_eq!(evaluate(&need(), &v), Err(HardRule::Status));
        }
    }

    #[test]
    fn mentors_need_coaching_and_peer_counsellors_their_training() {
        let mut v = volunteer();
        v.trainings.clear();
        assert_eq!(evaluate(&need(), &v), Err(HardRule::Training));
        let mut n = need();
        n.programme = Programme::AdaptationMentor;
        v.programmes = vec![Programme::AdaptationMentor];
        v.trainings = vec![PEER_COUNSELLING_TRAINING.into()];
        assert_eq!(evaluate(&n, &v), Err(HardRule::Training));
        v.trainings = vec![COACHING_TRAINING.into()];
        assert!(evaluate(&n, &v).is_ok());
        // Language partners and job mentors need no training.
        n.programme = Programme::LanguagePartner;
        v.programmes = vec![Programme::LanguagePartner];
        v.trainings.clear();
        assert!(evaluate(&n, &v).is_ok());
    }

    #[test]
    fn a_shared_language_at_a_usable_level() {
        let mut n = need();
        n.languages = vec![p(Language::Ar, Level::Native), p(Language::Et, Level::A2)];
        // The volunteer speaks Estonian, the member only at A2: no shared usable language.
        assert_eq!(evaluate(&n, &volunteer()), Err(HardRule::Language));
        n.languages = vec![p(Language::Et, Level::B1)];
        assert!(evaluate(&n, &volunteer()).is_ok());
        // A named language must be one the volunteer speaks at B1 or better.
        n.language = Some(Language::Ru);
        assert_eq!(evaluate(&n, &volunteer()), Err(HardRule::Language));
        n.language = Some(Language::Prs);
        assert!(evaluate(&n, &volunteer()).is_ok());
        let mut v = volunteer();
        v.languages = vec![p(Language::Prs, Level::A2)];
        assert_eq!(evaluate(&n, &v), Err(HardRule::Language));
    }

    #[test]
    fn a_gender_preference_is_kept() {
        let mut n = need();
        n.gender = Some(Gender::Male);
        assert_eq!(evaluate(&n, &volunteer()), Err(HardRule::Gender));
        let mut v = volunteer();
        v.gender = None;
        n.gender = Some(Gender::Female);
        assert_eq!(evaluate(&n, &v), Err(HardRule::Gender));
        n.gender = None;
        assert!(evaluate(&n, &v).is_ok());
    }

    #[test]
    fn the_city_counts_unless_online() {
        let mut n = need();
        n.city = "Tallinn".into();
        assert_eq!(evaluate(&n, &volunteer()), Err(HardRule::Place));
        n.meeting = Meeting::Either;
        assert_eq!(evaluate(&n, &volunteer()), Err(HardRule::Place));
        let mut v = volunteer();
        v.online = true;
        assert!(evaluate(&n, &v).is_ok());
        n.meeting = Meeting::Online;
        assert!(evaluate(&n, &v).is_ok());
        v.online = false;
        n.city = "tartu ".into();
        assert_eq!(evaluate(&n, &v), Err(HardRule::Place));
        n.meeting = Meeting::InPerson;
        assert!(evaluate(&n, &v).is_ok(), "cities compare without case");
    }

    #[test]
    fn language_partners_practise_the_requested_language() {
        let mut n = need();
        n.programme = Programme::LanguagePartner;
        n.practice_language = Some(Language::Et);
        let mut v = volunteer();
        v.programmes = vec![Programme::LanguagePartner];
        assert_eq!(evaluate(&n, &v), Err(HardRule::PracticeLanguage));
        v.practice_language = Some(Language::Et);
        assert!(evaluate(&n, &v).is_ok());
    }

    #[test]
    fn a_declined_pair_is_not_proposed_again() {
        let mut n = need();
        n.excluded = vec![1];
        assert_eq!(evaluate(&n, &volunteer()), Err(HardRule::DeclinedBefore));
    }

    #[test]
    fn a_full_volunteer_is_excluded() {
        let mut v = volunteer();
        v.free_places = 0;
        assert_eq!(evaluate(&need(), &v), Err(HardRule::Capacity));
    }

    #[test]
    fn availability_scores_five_points_an_hour_up_to_twenty() {
        let mut n = need();
        assert_eq!(score(&n, &volunteer()).availability, 0, "no times given");
        n.times = vec![Window::new(1, 18 * 60, 22 * 60).unwrap()];
        assert_eq!(score(&n, &volunteer()).availability, 10);
        n.times = vec![Window::new(1, 9 * 60, 22 * 60).unwrap()];
        let mut v = volunteer();
        v.availability = vec![Window::new(1, 8 * 60, 23 * 60).unwrap()];
        assert_eq!(score(&n, &v).availability, AVAILABILITY_MAX);
        n.times = vec![Window::new(2, 18 * 60, 22 * 60).unwrap()];
        assert_eq!(score(&n, &volunteer()).availability, 0, "another day");
    }

    #[test]
    fn the_same_city_scores() {
        let mut n = need();
        assert_eq!(score(&n, &volunteer()).city, SAME_CITY);
        n.city = "Narva".into();
        assert_eq!(score(&n, &volunteer()).city, 0);
    }

    #[test]
    fn peer_counsellors_score_a_shared_background() {
        let mut n = need();
        assert_eq!(score(&n, &volunteer()).background, SHARED_FIRST_LANGUAGE);
        n.origin_country = Some("afghanistan".into());
        assert_eq!(
            score(&n, &volunteer()).background,
            SAME_COUNTRY + SHARED_FIRST_LANGUAGE
        );
        n.programme = Programme::LanguagePartner;
        assert_eq!(
            score(&n, &volunteer()).background,
            0,
            "peer counselling only"
        );
    }

    #[test]
    fn job_mentors_score_the_field_of_work() {
        let mut n = need();
        n.programme = Programme::JobMentor;
        n.field_of_work = Some("Healthcare".into());
        let mut v = volunteer();
        v.field_of_work = Some("healthcare".into());
        assert_eq!(score(&n, &v).field, SAME_FIELD);
        v.field_of_work = Some("Construction".into());
        assert_eq!(score(&n, &v).field, 0);
        n.programme = Programme::PeerCounsellor;
        v.field_of_work = Some("healthcare".into());
        assert_eq!(score(&n, &v).field, 0, "job mentors only");
    }

    #[test]
    fn waiting_scores_a_point_a_week_up_to_twenty() {
        let mut n = need();
        n.waiting_days = 6;
        assert_eq!(score(&n, &volunteer()).waiting, 0);
        n.waiting_days = 15;
        assert_eq!(score(&n, &volunteer()).waiting, 2);
        n.waiting_days = 400;
        assert_eq!(score(&n, &volunteer()).waiting, WAITING_MAX);
    }

    #[test]
    fn the_base_outweighs_every_soft_point_together() {
        let soft_max = AVAILABILITY_MAX
            + SAME_CITY
            + SAME_COUNTRY
            + SHARED_FIRST_LANGUAGE
            + SAME_FIELD
            + WAITING_MAX;
        assert!(BASE > soft_max);
    }
}
