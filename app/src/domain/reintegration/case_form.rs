//! The forms of a return case as staff fill them in: the person and where they return to, a
//! family member returning with them, the departure plan, the departure and arrival, the first
//! contact abroad, and the decision when that contact did not come in time.

use crate::domain::{
    parse_choice, parse_date, parse_optional_text, parse_past_date, parse_phone,
    parse_required_text, Email, ErrorCode, FieldErrors, Gender, InterfaceLanguage, Validator,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

const NAME_MAX: usize = 100;
const PLACE_MAX: usize = 100;
/// Comments on steps and notes of contacts.
pub const NOTE_MAX: usize = 2000;

string_enum!(
    /// How a family member returning with the person is related to them.
    Relation { Spouse => "spouse", Child => "child", Parent => "parent", Other => "other" }
);

/// The person who returns, as the counsellor first records them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReturnCaseForm {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub gender: String,
    pub language: String,
    pub phone: String,
    pub email: String,
    pub nationality: String,
    pub return_country: String,
    pub return_city: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidReturnCase {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub gender: Gender,
    pub language: InterfaceLanguage,
    pub phone: Option<String>,
    pub email: Option<Email>,
    pub nationality: String,
    pub return_country: String,
    pub return_city: String,
}

impl ReturnCaseForm {
    pub fn parse(&self, today: NaiveDate) -> Result<ValidReturnCase, FieldErrors> {
        let mut v = Validator::new();
        let first_name = v.check(
            "first_name",
            parse_required_text(&self.first_name, NAME_MAX),
        );
        let last_name = v.check("last_name", parse_required_text(&self.last_name, NAME_MAX));
        let date_of_birth = v.check("date_of_birth", parse_past_date(&self.date_of_birth, today));
        let gender = v.check("gender", parse_choice(&self.gender, Gender::parse));
        let language = v.check(
            "language",
            parse_choice(&self.language, InterfaceLanguage::parse),
        );
        let phone = v.check("phone", parse_phone(&self.phone));
        let email = v.check(
            "email",
            match self.email.trim() {
                "" => Ok(None),
                text => Email::parse(text).map(Some),
            },
        );
        let nationality = v.check(
            "nationality",
            parse_required_text(&self.nationality, PLACE_MAX),
        );
        let return_country = v.check(
            "return_country",
            parse_required_text(&self.return_country, PLACE_MAX),
        );
        let return_city = v.check(
            "return_city",
            parse_required_text(&self.return_city, PLACE_MAX),
        );
        v.finish(|| {
            Some(ValidReturnCase {
                first_name: first_name?,
                last_name: last_name?,
                date_of_birth: date_of_birth?,
                gender: gender?,
                language: language?,
                phone: phone?,
                email: email?,
                nationality: nationality?,
                return_country: return_country?,
                return_city: return_city?,
            })
        })
    }
}

/// A family member who returns with the person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FamilyMemberForm {
    pub relation: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub gender: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidFamilyMember {
    pub relation: Relation,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub gender: Gender,
}

impl FamilyMemberForm {
    pub fn parse(&self, today: NaiveDate) -> Result<ValidFamilyMember, FieldErrors> {
        let mut v = Validator::new();
        let relation = v.check("relation", parse_choice(&self.relation, Relation::parse));
        let first_name = v.check(
            "first_name",
            parse_required_text(&self.first_name, NAME_MAX),
        );
        let last_name = v.check("last_name", parse_required_text(&self.last_name, NAME_MAX));
        let date_of_birth = v.check("date_of_birth", parse_past_date(&self.date_of_birth, today));
        let gender = v.check("gender", parse_choice(&self.gender, Gender::parse));
        v.finish(|| {
            Some(ValidFamilyMember {
                relation: relation?,
                first_name: first_name?,
                last_name: last_name?,
                date_of_birth: date_of_birth?,
                gender: gender?,
            })
        })
    }
}

/// The voluntary-return decision, the planned departure and the country office that will
/// receive the person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeparturePlanForm {
    pub decision_on: String,
    pub planned_departure_on: String,
    pub country_office: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidDeparturePlan {
    pub decision_on: NaiveDate,
    pub planned_departure_on: NaiveDate,
    pub country_office: i64,
}

impl DeparturePlanForm {
    pub fn parse(&self, today: NaiveDate) -> Result<ValidDeparturePlan, FieldErrors> {
        let mut v = Validator::new();
        let decision_on = v.check("decision_on", parse_past_date(&self.decision_on, today));
        let planned = v.check(
            "planned_departure_on",
            parse_date(&self.planned_departure_on),
        );
        if let (Some(decision), Some(planned)) = (decision_on, planned) {
            if planned < decision {
                v.add("planned_departure_on", ErrorCode::EndBeforeStart);
            }
        }
        let country_office = v.check(
            "country_office",
            parse_choice(&self.country_office, |s| {
                s.parse::<i64>().ok().filter(|id| *id > 0)
            }),
        );
        v.finish(|| {
            Some(ValidDeparturePlan {
                decision_on: decision_on?,
                planned_departure_on: planned?,
                country_office: country_office?,
            })
        })
    }
}

/// The day the person left Estonia and the day they arrived in the country of return.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DepartureForm {
    pub departed_on: String,
    pub arrived_on: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidDeparture {
    pub departed_on: NaiveDate,
    pub arrived_on: NaiveDate,
}

impl DepartureForm {
    /// Both days are past or today; arrival is never before departure (an empty arrival is the
    /// day of departure).
    pub fn parse(&self, today: NaiveDate) -> Result<ValidDeparture, FieldErrors> {
        let mut v = Validator::new();
        let departed_on = v.check("departed_on", parse_past_date(&self.departed_on, today));
        let arrived_on = match self.arrived_on.trim() {
            "" => departed_on,
            text => v.check("arrived_on", parse_past_date(text, today)),
        };
        if let (Some(departed), Some(arrived)) = (departed_on, arrived_on) {
            if arrived < departed {
                v.add("arrived_on", ErrorCode::ArrivalBeforeDeparture);
            }
        }
        v.finish(|| {
            Some(ValidDeparture {
                departed_on: departed_on?,
                arrived_on: arrived_on?,
            })
        })
    }
}

/// The first contact of the returned person with the country office.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FirstContactForm {
    pub contacted_on: String,
    pub note: String,
}

impl FirstContactForm {
    /// A day from the arrival up to today, and what was said.
    pub fn parse(
        &self,
        arrived_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<(NaiveDate, Option<String>), FieldErrors> {
        let mut v = Validator::new();
        let on = v.check("contacted_on", parse_past_date(&self.contacted_on, today));
        if on.is_some_and(|on| on < arrived_on) {
            v.add("contacted_on", ErrorCode::DateBeforeArrival);
        }
        let note = v.check("note", parse_optional_text(&self.note, NOTE_MAX));
        v.finish(|| Some((on?, note?)))
    }
}

/// A later deadline for the first contact, with the reason for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExtensionForm {
    pub until: String,
    pub reason: String,
}

impl ExtensionForm {
    /// The new deadline lies after the current one and after today.
    pub fn parse(
        &self,
        current: NaiveDate,
        today: NaiveDate,
    ) -> Result<(NaiveDate, String), FieldErrors> {
        let mut v = Validator::new();
        let until = v.check("until", parse_date(&self.until));
        if until.is_some_and(|until| until <= current.max(today)) {
            v.add("until", ErrorCode::ExtensionNotLater);
        }
        let reason = v.check("reason", parse_required_text(&self.reason, NOTE_MAX));
        v.finish(|| Some((until?, reason?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_person_needs_names_birth_language_and_where_they_return() {
        let form = ReturnCaseForm {
            first_name: " Nino ".into(),
            last_name: "Beridze".into(),
            date_of_birth: "12.03.1990".into(),
            gender: "female".into(),
            language: "ru".into(),
            phone: "+995 555 123 456".into(),
            email: String::new(),
            nationality: "Georgian".into(),
            return_country: "Georgia".into(),
            return_city: "Kutaisi".into(),
        };
        let valid = form.parse(day("2026-12-04")).unwrap();
        assert_eq!(valid.first_name, "Nino");
        assert_eq!(valid.language, InterfaceLanguage::Ru);
        assert_eq!(valid.email, None);
        let errors = ReturnCaseForm::default()
            .parse(day("2026-12-04"))
            .unwrap_err();
        for field in [
            "first_name",
            "last_name",
            "date_of_birth",
            "gender",
            "language",
            "nationality",
            "return_country",
            "return_city",
        ] {
            assert_eq!(errors.get(field), Some(ErrorCode::Required), "{field}");
        }
    }

    #[test]
    fn arrival_before_departure_is_refused() {
        let today = day("2026-12-04");
        let form = DepartureForm {
            departed_on: "2026-11-20".into(),
            arrived_on: "2026-11-19".into(),
        };
        assert_eq!(
            form.parse(today).unwrap_err().get("arrived_on"),
            Some(ErrorCode::ArrivalBeforeDeparture)
        );
        let same_day = DepartureForm {
            departed_on: "2026-11-20".into(),
            arrived_on: String::new(),
        };
        assert_eq!(same_day.parse(today).unwrap().arrived_on, day("2026-11-20"));
        let future = DepartureForm {
            departed_on: "2026-12-05".into(),
            arrived_on: String::new(),
        };
        assert_eq!(
            future.parse(today).unwrap_err().get("departed_on"),
            Some(ErrorCode::DateInFuture)
        );
    }

    #[test]
    fn a_departure_is_planned_after_the_decision_with_an_office() {
        let today = day("2026-12-04");
        let form = DeparturePlanForm {
            decision_on: "2026-12-01".into(),
            planned_departure_on: "2026-11-30".into(),
            country_office: "x".into(),
        };
        let errors = form.parse(today).unwrap_err();
        assert_eq!(
            errors.get("planned_departure_on"),
            Some(ErrorCode::EndBeforeStart)
        );
        assert_eq!(errors.get("country_office"), Some(ErrorCode::InvalidChoice));
        let good = DeparturePlanForm {
            planned_departure_on: "2027-01-15".into(),
            country_office: "3".into(),
            ..form
        };
        assert_eq!(good.parse(today).unwrap().country_office, 3);
    }

    #[test]
    fn first_contact_falls_between_arrival_and_today() {
        let arrived = day("2026-10-01");
        let today = day("2026-12-04");
        let early = FirstContactForm {
            contacted_on: "2026-09-30".into(),
            note: String::new(),
        };
        assert_eq!(
            early.parse(arrived, today).unwrap_err().get("contacted_on"),
            Some(ErrorCode::DateBeforeArrival)
        );
        let good = FirstContactForm {
            contacted_on: "2026-10-01".into(),
            note: " Called ".into(),
        };
        assert_eq!(
            good.parse(arrived, today).unwrap(),
            (arrived, Some("Called".into()))
        );
    }

    #[test]
    fn an_extension_moves_the_deadline_later_and_says_why() {
        let current = day("2027-01-01");
        let today = day("2027-01-05");
        let same = ExtensionForm {
            until: "2027-01-05".into(),
            reason: String::new(),
        };
        let errors = same.parse(current, today).unwrap_err();
        assert_eq!(errors.get("until"), Some(ErrorCode::ExtensionNotLater));
        assert_eq!(errors.get("reason"), Some(ErrorCode::Required));
        let good = ExtensionForm {
            until: "2027-02-01".into(),
            reason: "In hospital".into(),
        };
        assert_eq!(
            good.parse(current, today).unwrap(),
            (day("2027-02-01"), "In hospital".into())
        );
    }
}
