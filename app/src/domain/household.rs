//! Households and their members as a coordinator registers them.

use super::{
    parse_choice, parse_language_rows, parse_optional_text, parse_past_date, parse_required_text,
    Email, ErrorCode, FieldErrors, Language, Proficiency, Validator,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

string_enum!(
    /// As the person states it; `Undisclosed` when they prefer not to say.
    Gender { Female => "female", Male => "male", Other => "other", Undisclosed => "undisclosed" }
);
string_enum!(HouseholdStatus { Active => "active", Closed => "closed" });
string_enum!(
    /// How the household prefers to be reached.
    ContactChannel {
        Phone => "phone", Sms => "sms", WhatsApp => "whatsapp", Telegram => "telegram",
        Signal => "signal", Email => "email",
    }
);
string_enum!(
    /// What a recorded consent covers (`volunteer_contact`: the household's preferred channel
    /// and contact may be given to the volunteer it is matched with).
    ConsentPurpose {
        ServiceDelivery => "service_delivery",
        FunderReporting => "funder_reporting",
        Messaging => "messaging",
        VolunteerContact => "volunteer_contact",
    }
);

pub use ContactChannel as Channel;

pub const CITY_MAX: usize = 80;
pub const NAME_MAX: usize = 100;
pub const NOTES_MAX: usize = 2000;
pub const PHONE_MAX: usize = 20;

/// The household part of the registration form, exactly as submitted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HouseholdForm {
    pub city: String,
    pub arrival_date: String,
    pub phone: String,
    pub email: String,
    pub channel: String,
    pub needs: String,
    pub notes: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewHousehold {
    pub city: String,
    pub arrival_date: NaiveDate,
    pub phone: Option<String>,
    pub email: Option<Email>,
    pub channel: ContactChannel,
    pub needs: Option<String>,
    pub notes: Option<String>,
    pub status: HouseholdStatus,
}

/// A phone number as people write it (digits, spaces, dashes, brackets, one leading +), or
/// nothing when blank.
pub fn parse_phone(value: &str) -> Result<Option<String>, ErrorCode> {
    let Some(phone) = parse_optional_text(value, PHONE_MAX)? else {
        return Ok(None);
    };
    let digits = phone.chars().filter(|c| c.is_ascii_digit()).count();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'));
    if !allowed || digits < 5 || phone[1..].contains('+') {
        return Err(ErrorCode::InvalidChoice);
    }
    Ok(Some(phone))
}

/// How to reach someone: a phone number and an email address, each optional, and the preferred
/// channel, which must be reachable with what was given (the email channel needs an address,
/// the others a phone number). Each is `None` when refused.
pub type ContactFields = (
    Option<Option<String>>,
    Option<Option<Email>>,
    Option<ContactChannel>,
);

pub fn contact_fields(v: &mut Validator, phone: &str, email: &str, channel: &str) -> ContactFields {
    let phone = v.check("phone", parse_phone(phone));
    let email = v.check(
        "email",
        match email.trim() {
            "" => Ok(None),
            text => Email::parse(text).map(Some),
        },
    );
    let channel = v.check("channel", parse_choice(channel, ContactChannel::parse));
    match (channel, &phone, &email) {
        (Some(ContactChannel::Email), _, Some(None)) => v.add("email", ErrorCode::Required),
        (Some(c), Some(None), _) if c != ContactChannel::Email => {
            v.add("phone", ErrorCode::Required)
        }
        _ => {}
    }
    (phone, email, channel)
}

impl HouseholdForm {
    /// `today` is the date in Europe/Tallinn; dates after it are refused.
    pub fn parse(&self, today: NaiveDate) -> Result<NewHousehold, FieldErrors> {
        let mut v = Validator::new();
        let city = v.check("city", parse_required_text(&self.city, CITY_MAX));
        let arrival_date = v.check("arrival_date", parse_past_date(&self.arrival_date, today));
        let (phone, email, channel) =
            contact_fields(&mut v, &self.phone, &self.email, &self.channel);
        let needs = v.check("needs", parse_optional_text(&self.needs, NOTES_MAX));
        let notes = v.check("notes", parse_optional_text(&self.notes, NOTES_MAX));
        let status = if self.status.trim().is_empty() {
            Some(HouseholdStatus::Active)
        } else {
            v.check("status", parse_choice(&self.status, HouseholdStatus::parse))
        };
        v.finish(|| {
            Some(NewHousehold {
                city: city?,
                arrival_date: arrival_date?,
                phone: phone?,
                email: email?,
                channel: channel?,
                needs: needs?,
                notes: notes?,
                status: status?,
            })
        })
    }
}

/// One member of a household, exactly as submitted. Up to three spoken languages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberForm {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub gender: String,
    pub language_1: String,
    pub level_1: String,
    pub language_2: String,
    pub level_2: String,
    pub language_3: String,
    pub level_3: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewMember {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub gender: Gender,
    pub languages: Vec<Proficiency>,
}

impl MemberForm {
    pub fn parse(&self, today: NaiveDate) -> Result<NewMember, FieldErrors> {
        let mut v = Validator::new();
        let first_name = v.check(
            "first_name",
            parse_required_text(&self.first_name, NAME_MAX),
        );
        let last_name = v.check("last_name", parse_required_text(&self.last_name, NAME_MAX));
        let date_of_birth = v.check("date_of_birth", parse_past_date(&self.date_of_birth, today));
        let gender = v.check("gender", parse_choice(&self.gender, Gender::parse));
        let languages = parse_language_rows(
            &mut v,
            [
                (&self.language_1, &self.level_1),
                (&self.language_2, &self.level_2),
                (&self.language_3, &self.level_3),
            ],
        );
        v.finish(|| {
            Some(NewMember {
                first_name: first_name?,
                last_name: last_name?,
                date_of_birth: date_of_birth?,
                gender: gender?,
                languages,
            })
        })
    }
}

/// A consent for processing, as the coordinator records it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsentForm {
    pub purpose: String,
    pub given_on: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewConsent {
    pub purpose: ConsentPurpose,
    pub given_on: NaiveDate,
}

impl ConsentForm {
    pub fn parse(&self, today: NaiveDate) -> Result<NewConsent, FieldErrors> {
        let mut v = Validator::new();
        let purpose = v.check(
            "purpose",
            parse_choice(&self.purpose, ConsentPurpose::parse),
        );
        let given_on = v.check("given_on", parse_past_date(&self.given_on, today));
        v.finish(|| {
            Some(NewConsent {
                purpose: purpose?,
                given_on: given_on?,
            })
        })
    }
}

/// Search and filters of the household list. Unknown values are ignored rather than refused:
/// a stale bookmark should still show a list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HouseholdFilter {
    pub text: Option<String>,
    pub city: Option<String>,
    pub language: Option<Language>,
    pub status: Option<HouseholdStatus>,
}

impl HouseholdFilter {
    pub fn from_query(q: &str, city: &str, language: &str, status: &str) -> Self {
        let clip = |s: &str| {
            let t: String = s.trim().chars().take(NAME_MAX).collect();
            (!t.is_empty()).then_some(t)
        };
        // A date of birth typed as people write it is searched as stored (ISO).
        let text = clip(q).map(|t| match crate::domain::parse_date(&t) {
            Ok(date) => date.to_string(),
            Err(_) => t,
        });
        HouseholdFilter {
            text,
            city: clip(city),
            language: Language::parse(language.trim()),
            status: HouseholdStatus::parse(status.trim()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_date_of_birth_is_searched_as_stored() {
        let filter = HouseholdFilter::from_query(" 12.03.1987 ", "", "", "");
        assert_eq!(filter.text.as_deref(), Some("1987-03-12"));
        let filter = HouseholdFilter::from_query("Olena", "", "", "");
        assert_eq!(filter.text.as_deref(), Some("Olena"));
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn household() -> HouseholdForm {
        HouseholdForm {
            city: "Tartu".into(),
            arrival_date: "2026-10-01".into(),
            phone: "+372 5555 1234".into(),
            channel: "whatsapp".into(),
            ..Default::default()
        }
    }

    fn member() -> MemberForm {
        MemberForm {
            first_name: "Olena".into(),
            last_name: "Kovalenko".into(),
            date_of_birth: "1988-04-12".into(),
            gender: "female".into(),
            language_1: "uk".into(),
            level_1: "native".into(),
            language_2: "ru".into(),
            level_2: "C1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_household_parses() {
        let h = household().parse(today()).unwrap();
        assert_eq!(h.city, "Tartu");
        assert_eq!(h.status, HouseholdStatus::Active);
        assert_eq!(h.channel, ContactChannel::WhatsApp);
    }

    #[test]
    fn arrival_in_the_future_is_refused() {
        let form = HouseholdForm {
            arrival_date: "2026-11-25".into(),
            ..household()
        };
        let errors = form.parse(today()).unwrap_err();
        assert_eq!(errors.get("arrival_date"), Some(ErrorCode::DateInFuture));
    }

    #[test]
    fn preferred_channel_needs_its_contact() {
        let form = HouseholdForm {
            phone: "".into(),
            ..household()
        };
        assert_eq!(
            form.parse(today()).unwrap_err().get("phone"),
            Some(ErrorCode::Required)
        );
        let form = HouseholdForm {
            channel: "email".into(),
            ..household()
        };
        assert_eq!(
            form.parse(today()).unwrap_err().get("email"),
            Some(ErrorCode::Required)
        );
    }

    #[test]
    fn bad_household_fields_are_all_reported() {
        let form = HouseholdForm {
            city: " ".into(),
            arrival_date: "yesterday".into(),
            phone: "call me".into(),
            email: "nope".into(),
            channel: "pigeon".into(),
            notes: "x".repeat(NOTES_MAX + 1),
            status: "lost".into(),
            ..Default::default()
        };
        let errors = form.parse(today()).unwrap_err();
        assert_eq!(errors.get("city"), Some(ErrorCode::Required));
        assert_eq!(errors.get("arrival_date"), Some(ErrorCode::InvalidDate));
        assert_eq!(errors.get("phone"), Some(ErrorCode::InvalidChoice));
        assert_eq!(errors.get("email"), Some(ErrorCode::InvalidEmail));
        assert_eq!(errors.get("channel"), Some(ErrorCode::InvalidChoice));
        assert_eq!(
            errors.get("notes"),
            Some(ErrorCode::TooLong { max: NOTES_MAX })
        );
        assert_eq!(errors.get("status"), Some(ErrorCode::InvalidChoice));
    }

    #[test]
    fn a_member_parses_with_languages() {
        let m = member().parse(today()).unwrap();
        assert_eq!(m.languages.len(), 2);
        assert_eq!(m.languages[0].language, Language::Uk);
        assert_eq!(m.gender, Gender::Female);
    }

    #[test]
    fn birth_in_the_future_is_refused() {
        let form = MemberForm {
            date_of_birth: "2030-01-01".into(),
            ..member()
        };
        assert_eq!(
            form.parse(today()).unwrap_err().get("date_of_birth"),
            Some(ErrorCode::DateInFuture)
        );
    }

    #[test]
    fn language_rows_are_checked() {
        let form = MemberForm {
            language_2: "uk".into(),
            level_2: "B1".into(),
            language_3: "xx".into(),
            level_3: "".into(),
            ..member()
        };
        let errors = form.parse(today()).unwrap_err();
        assert_eq!(errors.get("language_2"), Some(ErrorCode::DuplicateLanguage));
        assert_eq!(errors.get("language_3"), Some(ErrorCode::InvalidChoice));
        assert_eq!(errors.get("level_3"), Some(ErrorCode::Required));
        let none = MemberForm {
            language_1: "".into(),
            level_1: "".into(),
            language_2: "".into(),
            level_2: "".into(),
            ..member()
        };
        assert_eq!(
            none.parse(today()).unwrap_err().get("language_1"),
            Some(ErrorCode::Required)
        );
    }

    #[test]
    fn consent_rules() {
        let ok = ConsentForm {
            purpose: "service_delivery".into(),
            given_on: "2026-11-24".into(),
        };
        assert_eq!(
            ok.parse(today()).unwrap().purpose,
            ConsentPurpose::ServiceDelivery
        );
        let bad = ConsentForm {
            purpose: "marketing".into(),
            given_on: "2027-01-01".into(),
        };
        let errors = bad.parse(today()).unwrap_err();
        assert_eq!(errors.get("purpose"), Some(ErrorCode::InvalidChoice));
        assert_eq!(errors.get("given_on"), Some(ErrorCode::DateInFuture));
    }

    #[test]
    fn filter_ignores_unknown_values() {
        let f = HouseholdFilter::from_query(" Olena ", "", "xx", "active");
        assert_eq!(f.text.as_deref(), Some("Olena"));
        assert_eq!(f.city, None);
        assert_eq!(f.language, None);
        assert_eq!(f.status, Some(HouseholdStatus::Active));
    }
}
