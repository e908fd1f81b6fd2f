//! A support person's profile, and how candidates for a household are ranked.

use super::{
    parse_choice, parse_language_rows, parse_optional_text, parse_required_text, ErrorCode,
    FieldErrors, Language, Proficiency, Validator,
};
use serde::{Deserialize, Serialize};

pub const DEFAULT_CASELOAD: i64 = 5;
pub const MAX_CASELOAD: i64 = 30;

string_enum!(SupportStatus { Active => "active", Paused => "paused" });

/// The profile form, exactly as submitted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportProfileForm {
    pub city: String,
    pub phone: String,
    pub caseload_limit: String,
    pub status: String,
    pub language_1: String,
    pub level_1: String,
    pub language_2: String,
    pub level_2: String,
    pub language_3: String,
    pub level_3: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SupportProfile {
    pub city: String,
    pub phone: Option<String>,
    pub caseload_limit: i64,
    pub status: SupportStatus,
    pub languages: Vec<Proficiency>,
}

impl SupportProfileForm {
    pub fn parse(&self) -> Result<SupportProfile, FieldErrors> {
        let mut v = Validator::new();
        let city = v.check("city", parse_required_text(&self.city, 80));
        let phone = v.check("phone", parse_optional_text(&self.phone, 20));
        let range = ErrorCode::NumberOutOfRange {
            min: 1,
            max: MAX_CASELOAD,
        };
        let caseload_limit = v.check(
            "caseload_limit",
            match self.caseload_limit.trim() {
                "" => Ok(DEFAULT_CASELOAD),
                text => text
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (1..=MAX_CASELOAD).contains(n))
                    .ok_or(range),
            },
        );
        let status = v.check("status", parse_choice(&self.status, SupportStatus::parse));
        let languages = parse_language_rows(
            &mut v,
            [
                (&self.language_1, &self.level_1),
                (&self.language_2, &self.level_2),
                (&self.language_3, &self.level_3),
            ],
        );
        v.finish(|| {
            Some(SupportProfile {
                city: city?,
                phone: phone?,
                caseload_limit: caseload_limit?,
                status: status?,
                languages,
            })
        })
    }
}

/// A support person as the assign form weighs them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub languages: Vec<Proficiency>,
    /// Open (active or extended) assignments now.
    pub open: i64,
    pub caseload_limit: i64,
    pub status: SupportStatus,
}

/// Why a candidate stands where they stand, for the coordinator to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CandidateNote {
    SharedLanguage(Language),
    NoSharedLanguage,
    SameCity,
    OtherCity,
    FreePlaces(i64),
    CaseloadFull,
    Paused,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedCandidate {
    pub candidate: Candidate,
    pub notes: Vec<CandidateNote>,
    /// Paused persons cannot be assigned at all.
    pub assignable: bool,
    /// Assignable only with a reason to go over the caseload.
    pub needs_override: bool,
}

/// Orders candidates for a household: assignable first, then a language shared at a working
/// level (B1 or better on both sides), then the same city, then more free places, then name.
pub fn rank_candidates(
    household_city: &str,
    household_languages: &[Proficiency],
    candidates: Vec<Candidate>,
) -> Vec<RankedCandidate> {
    let city = household_city.trim().to_lowercase();
    let mut ranked: Vec<(RankedCandidate, (bool, bool, bool, i64))> = candidates
        .into_iter()
        .map(|c| {
            let shared: Vec<Language> = c
                .languages
                .iter()
                .filter(|p| p.is_working_level())
                .filter(|p| {
                    household_languages
                        .iter()
                        .any(|h| h.language == p.language && h.is_working_level())
                })
                .map(|p| p.language)
                .collect();
            let same_city = !city.is_empty() && c.city.trim().to_lowercase() == city;
            let free = c.caseload_limit - c.open;
            let paused = c.status == SupportStatus::Paused;
            let mut notes: Vec<CandidateNote> = shared
                .iter()
                .map(|l| CandidateNote::SharedLanguage(*l))
                .collect();
            if shared.is_empty() {
                notes.push(CandidateNote::NoSharedLanguage);
            }
            notes.push(if same_city {
                CandidateNote::SameCity
            } else {
                CandidateNote::OtherCity
            });
            notes.push(if free > 0 {
                CandidateNote::FreePlaces(free)
            } else {
                CandidateNote::CaseloadFull
            });
            if paused {
                notes.push(CandidateNote::Paused);
            }
            let key = (!paused, !shared.is_empty(), same_city, free.max(0));
            let entry = RankedCandidate {
                candidate: c,
                notes,
                assignable: !paused,
                needs_override: free <= 0,
            };
            (entry, key)
        })
        .collect();
    ranked.sort_by(|(a, ka), (b, kb)| {
        kb.cmp(ka)
            .then_with(|| a.candidate.name.cmp(&b.candidate.name))
            .then_with(|| a.candidate.id.cmp(&b.candidate.id))
    });
    ranked.into_iter().map(|(r, _)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Level;

    fn p(language: Language, level: Level) -> Proficiency {
        Proficiency { language, level }
    }

    fn candidate(id: i64, name: &str, city: &str, langs: Vec<Proficiency>, open: i64) -> Candidate {
        Candidate {
            id,
            name: name.into(),
            city: city.into(),
            languages: langs,
            open,
            caseload_limit: 5,
            status: SupportStatus::Active,
        }
    }

    #[test]
    fn language_then_city_then_free_places() {
        let household = [p(Language::Uk, Level::Native), p(Language::Ru, Level::B2)];
        let ranked = rank_candidates(
            "Tartu",
            &household,
            vec![
                candidate(1, "Anu", "Tartu", vec![p(Language::Et, Level::Native)], 0),
                candidate(
                    2,
                    "Boris",
                    "Tallinn",
                    vec![p(Language::Ru, Level::Native)],
                    0,
                ),
                candidate(3, "Daria", "tartu ", vec![p(Language::Uk, Level::C1)], 3),
                candidate(4, "Eha", "Tartu", vec![p(Language::Uk, Level::B1)], 1),
                candidate(5, "Fjodor", "Tartu", vec![p(Language::Ru, Level::A2)], 0),
            ],
        );
        let order: Vec<i64> = ranked.iter().map(|r| r.candidate.id).collect();
        assert_eq!(order, vec![4, 3, 2, 1, 5]);
        assert!(ranked[0]
            .notes
            .contains(&CandidateNote::SharedLanguage(Language::Uk)));
        assert!(ranked[0].notes.contains(&CandidateNote::SameCity));
        assert!(ranked[0].notes.contains(&CandidateNote::FreePlaces(4)));
        // An A2 speaker does not count as sharing the language.
        assert!(ranked[4].notes.contains(&CandidateNote::NoSharedLanguage));
    }

    #[test]
    fn paused_last_and_full_needs_override() {
        let household = [p(Language::Ar, Level::Native)];
        let mut paused = candidate(
            1,
            "Aadu",
            "Tallinn",
            vec![p(Language::Ar, Level::Native)],
            0,
        );
        paused.status = SupportStatus::Paused;
        let full = candidate(
            2,
            "Bashir",
            "Tallinn",
            vec![p(Language::Ar, Level::Native)],
            5,
        );
        let other = candidate(3, "Cätlin", "Narva", vec![p(Language::En, Level::C2)], 0);
        let ranked = rank_candidates("Tallinn", &household, vec![paused, full, other]);
        let order: Vec<i64> = ranked.iter().map(|r| r.candidate.id).collect();
        assert_eq!(order, vec![2, 3, 1]);
        assert!(ranked[0].needs_override && ranked[0].assignable);
        assert!(ranked[0].notes.contains(&CandidateNote::CaseloadFull));
        assert!(!ranked[2].assignable);
        assert!(ranked[2].notes.contains(&CandidateNote::Paused));
    }

    #[test]
    fn ties_are_broken_by_name_for_a_stable_order() {
        let ranked = rank_candidates(
            "",
            &[],
            vec![
                candidate(2, "Mari", "Tartu", vec![], 0),
                candidate(1, "Kati", "Tartu", vec![], 0),
            ],
        );
        assert_eq!(ranked[0].candidate.name, "Kati");
    }

    #[test]
    fn profile_form_rules() {
        let form = SupportProfileForm {
            city: "Tartu".into(),
            caseload_limit: "0".into(),
            status: "resting".into(),
            language_1: "uk".into(),
            level_1: "C1".into(),
            ..Default::default()
        };
        let errors = form.parse().unwrap_err();
        assert_eq!(
            errors.get("caseload_limit"),
            Some(ErrorCode::NumberOutOfRange { min: 1, max: 30 })
        );
        assert_eq!(errors.get("status"), Some(ErrorCode::InvalidChoice));
        let ok = SupportProfileForm {
            caseload_limit: String::new(),
            status: "paused".into(),
            ..form
        };
        let profile = ok.parse().unwrap();
        assert_eq!(profile.caseload_limit, 5);
        assert_eq!(profile.status, SupportStatus::Paused);
    }
}
