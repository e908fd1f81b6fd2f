//! Requests from the public contact and self-referral form: what a visitor may send, and the
//! rules that tell a person from a spam robot without any outside service.

use super::household::contact_fields;
use super::household::ContactChannel;
use super::text::{parse_choice, parse_optional_text, parse_required_text, ticked};
use super::{Email, ErrorCode, FieldErrors, InterfaceLanguage, Validator};
use serde::{Deserialize, Serialize};

string_enum!(
    /// Who is writing: the person themselves, a family member, or an organisation referring
    /// someone.
    Requester { Myself => "self", Family => "family", Organisation => "organisation" }
);
string_enum!(
    /// The help a request asks for (one per request, so that the report's counts add up).
    HelpKind {
        SupportPerson => "support_person",
        Consultation => "consultation",
        Workshop => "workshop",
        Volunteer => "volunteer",
        Other => "other",
    }
);
string_enum!(IntakeStatus { New => "new", Taken => "taken", Closed => "closed" });
string_enum!(
    /// How a request ended: a household was registered from it, or it was closed with a reason.
    IntakeOutcome {
        Registered => "registered",
        Answered => "answered",
        NotEligible => "not_eligible",
        Duplicate => "duplicate",
        Spam => "spam",
    }
);

impl IntakeOutcome {
    /// The reasons a coordinator chooses from when closing a request by hand.
    pub const CLOSE_REASONS: &'static [IntakeOutcome] = &[
        IntakeOutcome::Answered,
        IntakeOutcome::NotEligible,
        IntakeOutcome::Duplicate,
        IntakeOutcome::Spam,
    ];
}

pub const NAME_MAX: usize = 120;
pub const ORGANISATION_MAX: usize = 200;
/// As a household's city, so that a request's city fits the registration form.
pub const CITY_MAX: usize = super::household::CITY_MAX;
pub const MESSAGE_MAX: usize = 3_000;
pub const NOTE_MAX: usize = 2_000;

/// The contact form exactly as posted. `website` is the honeypot: hidden from people, filled
/// by robots. `stamp` is the signed time the form was shown, with its question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntakeForm {
    pub requester: String,
    pub name: String,
    pub organisation: String,
    pub phone: String,
    pub email: String,
    pub channel: String,
    pub language: String,
    pub city: String,
    pub office: String,
    pub help: String,
    pub message: String,
    pub consent: String,
    pub human_answer: String,
    pub website: String,
    pub stamp: String,
}

/// A request that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIntake {
    pub requester: Requester,
    pub name: String,
    pub organisation: Option<String>,
    pub phone: Option<String>,
    pub email: Option<Email>,
    pub channel: ContactChannel,
    pub language: InterfaceLanguage,
    pub city: String,
    pub office_id: Option<i64>,
    pub help: HelpKind,
    pub message: String,
}

impl IntakeForm {
    /// The fields a person filled in; the spam checks are `judge`'s.
    pub fn parse(&self) -> Result<NewIntake, FieldErrors> {
        let mut v = Validator::new();
        let requester = v.check("requester", parse_choice(&self.requester, Requester::parse));
        let name = v.check("name", parse_required_text(&self.name, NAME_MAX));
        let organisation = v.check(
            "organisation",
            match requester {
                Some(Requester::Organisation) => {
                    parse_required_text(&self.organisation, ORGANISATION_MAX).map(Some)
                }
                _ => parse_optional_text(&self.organisation, ORGANISATION_MAX),
            },
        );
        // Some way to reach the person, and the preferred channel reachable with it.
        if self.phone.trim().is_empty() && self.email.trim().is_empty() {
            v.add("email", ErrorCode::EmailOrPhone);
        }
        let (phone, email, channel) =
            contact_fields(&mut v, &self.phone, &self.email, &self.channel);
        let language = v.check(
            "language",
            parse_choice(&self.language, InterfaceLanguage::parse),
        );
        let city = v.check("city", parse_required_text(&self.city, CITY_MAX));
        let office_id = v.check(
            "office",
            match self.office.trim() {
                "" => Ok(None),
                text => text
                    .parse::<i64>()
                    .ok()
                    .filter(|id| *id > 0)
                    .map(Some)
                    .ok_or(ErrorCode::InvalidChoice),
            },
        );
        let help = v.check("help", parse_choice(&self.help, HelpKind::parse));
        let message = v.check("message", parse_required_text(&self.message, MESSAGE_MAX));
        if !ticked(&self.consent) {
            v.add("consent", ErrorCode::ConsentRequired);
        }
        v.finish(|| {
            Some(NewIntake {
                requester: requester?,
                name: name?,
                organisation: organisation?,
                phone: phone?,
                email: email?,
                channel: channel?,
                language: language?,
                city: city?,
                office_id: office_id?,
                help: help?,
                message: message?,
            })
        })
    }
}

/// What a request brings to the household registration form.
pub struct Prefill<'a> {
    pub name: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub channel: ContactChannel,
    pub language: InterfaceLanguage,
    pub city: &'a str,
    /// The help asked for and the message, for the household's needs.
    pub need: &'a str,
}

/// The registration form filled in from a request: the sender's name split into first and
/// last name (the last word is taken for the family name), their language as the first
/// member's, and the need. The arrival date and the rest are for the coordinator to ask.
pub fn prefill(p: &Prefill) -> (super::HouseholdForm, super::MemberForm) {
    let words: Vec<&str> = p.name.split_whitespace().collect();
    let (first, last) = match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => (rest.join(" "), (*last).to_string()),
        _ => (words.join(" "), String::new()),
    };
    let household = super::HouseholdForm {
        city: p.city.to_string(),
        phone: p.phone.unwrap_or_default().to_string(),
        email: p.email.unwrap_or_default().to_string(),
        channel: p.channel.code().to_string(),
        needs: p.need.chars().take(super::household::NOTES_MAX).collect(),
        ..Default::default()
    };
    let member = super::MemberForm {
        first_name: first,
        last_name: last,
        language_1: p.language.code().to_string(),
        ..Default::default()
    };
    (household, member)
}

/// A form filled in faster than this is a robot's.
pub const MIN_FILL_SECS: i64 = 3;
/// A form older than this is refused (with a fresh one to send again): a stamp cannot be
/// replayed for long.
pub const MAX_FORM_AGE_SECS: i64 = 2 * 3600;

/// When the form was shown and its question ("a + b"), as the server signed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormStamp {
    pub issued_at: i64,
    pub a: u8,
    pub b: u8,
}

impl FormStamp {
    /// A stamp for `issued_at` whose question takes its two numbers (1 to 9) from `random`.
    pub fn new(issued_at: i64, random: u64) -> Self {
        FormStamp {
            issued_at,
            a: (random % 9) as u8 + 1,
            b: ((random / 9) % 9) as u8 + 1,
        }
    }

    /// The text that is signed: `v1.<issued_at>.<a>.<b>`.
    pub fn payload(&self) -> String {
        format!("v1.{}.{}.{}", self.issued_at, self.a, self.b)
    }

    pub fn from_payload(payload: &str) -> Option<Self> {
        let mut parts = payload.split('.');
        if parts.next()? != "v1" {
            return None;
        }
        let issued_at = parts.next()?.parse().ok()?;
        let a: u8 = parts.next()?.parse().ok()?;
        let b: u8 = parts.next()?.parse().ok()?;
        let valid = (1..=9).contains(&a) && (1..=9).contains(&b) && parts.next().is_none();
        valid.then_some(FormStamp { issued_at, a, b })
    }

    pub fn answer(&self) -> u32 {
        u32::from(self.a) + u32::from(self.b)
    }
}

/// Why a post was taken for a robot's. It is dropped without a word: the sender sees the same
/// thank-you page as a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpamSign {
    Honeypot,
    TooFast,
    /// Missing, altered or from the future.
    BadStamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpamVerdict {
    Person,
    Robot(SpamSign),
    /// Too old to trust: the person is asked to send it again.
    Expired,
    /// The question was answered wrongly: people make mistakes, so they are told.
    WrongAnswer,
}

/// The answer as people type it: digits, with spaces around.
fn parse_answer(text: &str) -> Option<u32> {
    let text = text.trim();
    (!text.is_empty() && text.len() <= 3 && text.chars().all(|c| c.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Judges a post: the honeypot, then the signed stamp (`None` when its signature did not
/// verify), the time taken, and the question.
pub fn judge(honeypot: &str, stamp: Option<FormStamp>, answer: &str, now: i64) -> SpamVerdict {
    if !honeypot.trim().is_empty() {
        return SpamVerdict::Robot(SpamSign::Honeypot);
    }
    let Some(stamp) = stamp else {
        return SpamVerdict::Robot(SpamSign::BadStamp);
    };
    let age = now - stamp.issued_at;
    if age < -60 {
        return SpamVerdict::Robot(SpamSign::BadStamp);
    }
    if age < MIN_FILL_SECS {
        return SpamVerdict::Robot(SpamSign::TooFast);
    }
    if age > MAX_FORM_AGE_SECS {
        return SpamVerdict::Expired;
    }
    if parse_answer(answer) != Some(stamp.answer()) {
        return SpamVerdict::WrongAnswer;
    }
    SpamVerdict::Person
}

/// Working days (Monday to Friday, public holidays not counted) from `from` to `to`, both
/// Europe/Tallinn dates: a request that waits more than three is flagged in the inbox.
pub fn working_days_between(from: chrono::NaiveDate, to: chrono::NaiveDate) -> i64 {
    use chrono::Datelike;
    if to <= from {
        return 0;
    }
    from.iter_days()
        .skip(1)
        .take_while(|d| *d <= to)
        .filter(|d| d.weekday().number_from_monday() <= 5)
        .filter(|d| super::holidays::public_holiday(*d).is_none())
        .count() as i64
}

/// A request is overdue after this many working days without being closed.
pub const OVERDUE_WORKING_DAYS: i64 = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn form() -> IntakeForm {
        IntakeForm {
            requester: "self".into(),
            name: "Olena Kovalenko".into(),
            phone: "+372 5555 1234".into(),
            channel: "whatsapp".into(),
            language: "uk".into(),
            city: "Tartu".into(),
            help: "support_person".into(),
            message: "Ми щойно приїхали".into(),
            consent: "on".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_is_accepted() {
        let new = form().parse().expect("valid");
        assert_eq!(new.requester, Requester::Myself);
        assert_eq!(new.language, InterfaceLanguage::Uk);
        assert_eq!(new.phone.as_deref(), Some("+372 5555 1234"));
        assert_eq!(new.email, None);
        assert_eq!(new.office_id, None);
    }

    #[test]
    fn bad_fields_are_named() {
        let bad = IntakeForm {
            requester: "robot".into(),
            name: " ".into(),
            phone: "".into(),
            email: "".into(),
            channel: "pigeon".into(),
            language: "fr".into(),
            city: "x".repeat(CITY_MAX + 1),
            office: "-3".into(),
            help: "".into(),
            message: "".into(),
            consent: "".into(),
            ..Default::default()
        };
        let errors = bad.parse().expect_err("invalid");
        for field in [
            "requester",
            "name",
            "email",
            "channel",
            "language",
            "city",
            "office",
            "help",
            "message",
            "consent",
        ] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
        assert_eq!(errors.get("email"), Some(ErrorCode::EmailOrPhone));
        assert_eq!(errors.get("consent"), Some(ErrorCode::ConsentRequired));
    }

    #[test]
    fn an_organisation_must_say_which() {
        let f = IntakeForm {
            requester: "organisation".into(),
            ..form()
        };
        assert_eq!(
            f.parse().expect_err("no organisation").get("organisation"),
            Some(ErrorCode::Required)
        );
    }

    #[test]
    fn the_channel_must_be_reachable_with_what_was_given() {
        let f = IntakeForm {
            channel: "email".into(),
            ..form()
        };
        assert_eq!(
            f.parse().expect_err("email channel, no email").get("email"),
            Some(ErrorCode::Required)
        );
        let f = IntakeForm {
            phone: "".into(),
            email: "olena@example.org".into(),
            channel: "phone".into(),
            ..form()
        };
        assert_eq!(
            f.parse().expect_err("phone channel, no phone").get("phone"),
            Some(ErrorCode::Required)
        );
    }

    #[test]
    fn a_too_long_message_is_refused() {
        let f = IntakeForm {
            message: "я".repeat(MESSAGE_MAX + 1),
            ..form()
        };
        assert_eq!(
            f.parse().expect_err("long").get("message"),
            Some(ErrorCode::TooLong { max: MESSAGE_MAX })
        );
    }

    #[test]
    fn a_stamp_travels_as_its_payload() {
        let stamp = FormStamp::new(1_800_000_000, 40);
        assert!((1..=9).contains(&stamp.a) && (1..=9).contains(&stamp.b));
        assert_eq!(FormStamp::from_payload(&stamp.payload()), Some(stamp));
        for bad in [
            "",
            "v2.1.2.3",
            "v1.x.2.3",
            "v1.1.0.3",
            "v1.1.2.10",
            "v1.1.2.3.4",
        ] {
            assert_eq!(FormStamp::from_payload(bad), None, "{bad}");
        }
    }

    #[test]
    fn spam_rules() {
        let at = 1_800_000_000;
        let stamp = Some(FormStamp {
            issued_at: at,
            a: 3,
            b: 4,
        });
        assert_eq!(judge("", stamp, " 7 ", at + 20), SpamVerdict::Person);
        assert_eq!(
            judge("http://spam", stamp, "7", at + 20),
            SpamVerdict::Robot(SpamSign::Honeypot)
        );
        assert_eq!(
            judge("", None, "7", at + 20),
            SpamVerdict::Robot(SpamSign::BadStamp)
        );
        assert_eq!(
            judge("", stamp, "7", at + MIN_FILL_SECS - 1),
            SpamVerdict::Robot(SpamSign::TooFast)
        );
        assert_eq!(
            judge("", stamp, "7", at + MIN_FILL_SECS),
            SpamVerdict::Person
        );
        assert_eq!(
            judge("", stamp, "7", at - 3600),
            SpamVerdict::Robot(SpamSign::BadStamp)
        );
        assert_eq!(
            judge("", stamp, "7", at + MAX_FORM_AGE_SECS + 1),
            SpamVerdict::Expired
        );
        for wrong in ["8", "", "seven", "-7", "07x", "1000"] {
            assert_eq!(
                judge("", stamp, wrong, at + 20),
                SpamVerdict::WrongAnswer,
                "{wrong}"
            );
        }
    }

    #[test]
    fn a_request_fills_in_the_registration_form() {
        let (household, member) = prefill(&Prefill {
            name: "  Olena  Maria Kovalenko ",
            phone: Some("+372 5555 1234"),
            email: None,
            channel: ContactChannel::WhatsApp,
            language: InterfaceLanguage::Uk,
            city: "Tartu",
            need: "A support person: we just arrived",
        });
        assert_eq!(member.first_name, "Olena Maria");
        assert_eq!(member.last_name, "Kovalenko");
        assert_eq!(member.language_1, "uk");
        assert_eq!(household.city, "Tartu");
        assert_eq!(household.channel, "whatsapp");
        assert_eq!(household.phone, "+372 5555 1234");
        assert_eq!(household.arrival_date, "");
        let (_, single) = prefill(&Prefill {
            name: "Ahmad",
            phone: None,
            email: Some("a@example.org"),
            channel: ContactChannel::Email,
            language: InterfaceLanguage::En,
            city: "Tallinn",
            need: "",
        });
        assert_eq!(
            (single.first_name.as_str(), single.last_name.as_str()),
            ("Ahmad", "")
        );
    }

    #[test]
    fn working_days_skip_weekends_and_public_holidays() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        // Friday to the next Wednesday: Monday, Tuesday, Wednesday.
        assert_eq!(working_days_between(d("2026-12-04"), d("2026-12-09")), 3);
        assert_eq!(working_days_between(d("2026-12-04"), d("2026-12-10")), 4);
        assert_eq!(working_days_between(d("2026-12-05"), d("2026-12-06")), 0);
        assert_eq!(working_days_between(d("2026-12-09"), d("2026-12-04")), 0);
        // Christmas Eve to Boxing Day (Thu–Sat) are public holidays: a request of Wednesday
        // 23 December waits its third working day on Tuesday the 29th.
        assert_eq!(working_days_between(d("2026-12-23"), d("2026-12-28")), 1);
        assert_eq!(working_days_between(d("2026-12-23"), d("2026-12-29")), 2);
        assert_eq!(working_days_between(d("2026-12-23"), d("2026-12-30")), 3);
    }
}
