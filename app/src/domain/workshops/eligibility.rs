//! Who may take part in an activity, checked for each person signed up.

use crate::domain::Gender;
use chrono::{Datelike, NaiveDate};

string_enum!(
    /// Who an activity is for.
    Eligibility {
        Everyone => "everyone",
        WomenOnly => "women_only",
        MenOnly => "men_only",
        AdultsOnly => "adults_only",
        Parents => "parents",
    }
);

pub const ADULT_AGE: u32 = 18;

/// What the check needs to know of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Participant {
    pub gender: Gender,
    pub date_of_birth: NaiveDate,
    /// Has a child under 18 in the household.
    pub parent: bool,
}

string_enum!(
    /// Why a person may not take part.
    Ineligible { NotAWoman => "not_a_woman", NotAMan => "not_a_man", NotAdult => "not_adult", NotAParent => "not_a_parent" }
);

/// Full years of age on `on`.
pub fn age_on(date_of_birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - date_of_birth.year();
    if (on.month(), on.day()) < (date_of_birth.month(), date_of_birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

/// Whether `p` may take part on `on` (the first session's date).
pub fn check(rule: Eligibility, p: &Participant, on: NaiveDate) -> Result<(), Ineligible> {
    match rule {
        Eligibility::Everyone => Ok(()),
        Eligibility::WomenOnly if p.gender != Gender::Female => Err(Ineligible::NotAWoman),
        Eligibility::MenOnly if p.gender != Gender::Male => Err(Ineligible::NotAMan),
        Eligibility::AdultsOnly if age_on(p.date_of_birth, on) < ADULT_AGE => {
            Err(Ineligible::NotAdult)
        }
        Eligibility::Parents if !p.parent || age_on(p.date_of_birth, on) < ADULT_AGE => {
            Err(Ineligible::NotAParent)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn person(gender: Gender, born: &str, parent: bool) -> Participant {
        Participant {
            gender,
            date_of_birth: d(born),
            parent,
        }
    }

    #[test]
    fn ages_count_full_years() {
        assert_eq!(age_on(d("2008-12-01"), d("2026-11-30")), 17);
        assert_eq!(age_on(d("2008-12-01"), d("2026-12-01")), 18);
        assert_eq!(age_on(d("2012-02-29"), d("2026-02-28")), 13);
    }

    #[test]
    fn each_rule_admits_and_refuses() {
        let on = d("2026-12-01");
        let mother = person(Gender::Female, "1990-05-05", true);
        let daughter = person(Gender::Female, "2010-05-05", false);
        let father = person(Gender::Male, "1988-01-01", true);
        let single = person(Gender::Other, "1995-01-01", false);
        assert_eq!(check(Eligibility::Everyone, &daughter, on), Ok(()));
        assert_eq!(check(Eligibility::WomenOnly, &daughter, on), Ok(()));
        assert_eq!(
            check(Eligibility::WomenOnly, &father, on),
            Err(Ineligible::NotAWoman)
        );
        assert_eq!(
            check(Eligibility::WomenOnly, &single, on),
            Err(Ineligible::NotAWoman)
        );
        assert_eq!(check(Eligibility::MenOnly, &father, on), Ok(()));
        assert_eq!(
            check(Eligibility::MenOnly, &mother, on),
            Err(Ineligible::NotAMan)
        );
        assert_eq!(
            check(Eligibility::AdultsOnly, &daughter, on),
            Err(Ineligible::NotAdult)
        );
        assert_eq!(check(Eligibility::AdultsOnly, &single, on), Ok(()));
        assert_eq!(check(Eligibility::Parents, &mother, on), Ok(()));
        assert_eq!(
            check(Eligibility::Parents, &single, on),
            Err(Ineligible::NotAParent)
        );
        assert_eq!(
            check(Eligibility::Parents, &daughter, on),
            Err(Ineligible::NotAParent)
        );
    }
}
