//! Validation results: which field failed and why, as a code the UI translates.

use serde::{Deserialize, Serialize};

/// Why a field was refused. The UI turns each code into a sentence in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorCode {
    Required,
    TooLong {
        max: usize,
    },
    InvalidEmail,
    InvalidDate,
    DateInFuture,
    DateTooEarly,
    InvalidChoice,
    PasswordTooShort {
        min: usize,
    },
    PasswordMismatch,
    WrongPassword,
    LoginFailed,
    EmailTaken,
    InvalidInvite,
    NumberOutOfRange {
        min: i64,
        max: i64,
    },
    DuplicateLanguage,
    NoRole,
    AlreadyExists,
    /// A planned end outside the allowed number of days after the start.
    PlannedEndOutOfRange {
        min: i64,
        max: i64,
    },
    EndBeforeStart,
    ExtensionNotLater,
    /// An extension reaching more than `max` days past the first planned end.
    ExtensionTooLong {
        max: i64,
    },
    /// The support person already has `limit` open households; a reason is needed to go over.
    CaseloadFull {
        limit: i64,
    },
    PersonPaused,
    AlreadyAssigned,
    /// The person already has something at that time.
    Overlap,
    /// As `Overlap`, with the next free start that day (Europe/Tallinn wall clock).
    OverlapNextFree {
        hour: u8,
        minute: u8,
    },
    InvalidTime,
    /// A wall-clock time skipped when the clocks go forward.
    TimeDoesNotExist,
    OutsideAssignment,
    AssignmentClosed,
    NotYetStarted,
    DurationTooLong {
        max_hours: i64,
    },
    DateBeforeStart,
    DateInPast,
    /// An office-hours window too short for one slot.
    WindowShorterThanSlot,
    SlotInPast,
    OfficeClosedHoliday,
    OfficeClosed,
    OutsideOfficeHours,
    /// Booking for oneself needs this many hours' notice.
    TooShortNotice {
        hours: i64,
    },
    /// Someone else booked the slot a moment ago.
    SlotTaken,
    /// Only a coordinator may cancel or move it less than `hours` before the start.
    CutoffPassed {
        hours: i64,
    },
    AlreadyStarted,
    /// Cancelled or already marked attended or no-show.
    ConsultationClosed,
    NoFreeSlot,
    /// Neither a city nor online.
    CityOrOnline,
    /// The chosen volunteer may not take this request.
    PairBreaksRule {
        rule: super::matching::HardRule,
    },
    /// The proposal or match is no longer in a state that allows this.
    MatchNotOpen,
    /// A web link that is not `https://…`.
    InvalidLink,
    /// The dates and rules leave no session at all.
    NoSessions,
    RegistrationAfterLastSession,
    RegistrationNotOpen,
    RegistrationClosed,
    /// The activity takes one person per sign-up.
    OnePersonOnly,
    NotEligible {
        reason: super::workshops::Ineligible,
    },
    AlreadySignedUp,
    /// The offer ran out or is not (or no longer) the user's.
    OfferExpired,
    /// Consultations or workshop sessions are still planned at the office.
    OfficeHasBookings {
        count: i64,
    },
    /// The change would leave no active admin.
    LastAdmin,
    /// Not allowed on one's own account (deactivating oneself, dropping one's own admin role).
    NotYourself,
    /// The household member already has a login.
    MemberHasLogin,
    /// Only adults get a login of their own.
    MemberNotAdult,
    /// The invitation was used, revoked or ran out.
    InviteNotOpen,
    /// A coordinator may invite volunteers, facilitators and beneficiaries only.
    RoleNotAllowed,
    /// The reset link was used or ran out.
    InvalidResetLink,
    /// Neither an email address nor a phone number was given.
    EmailOrPhone,
    /// Erasure waits until the household's assignment has ended.
    OpenAssignment,
    /// Erasure waits until the household's volunteer matches have closed.
    OpenMatch,
    /// Erasure waits until the household's planned consultations and sign-ups are cancelled.
    UpcomingBooking {
        count: i64,
    },
    /// The household's data was already erased.
    AlreadyErased,
    /// The consent was already withdrawn.
    AlreadyWithdrawn,
    /// Consent to processing was not given.
    ConsentRequired,
    /// The check question was answered wrongly.
    WrongAnswer,
    /// The form was shown too long ago; a fresh one is offered.
    FormExpired,
    /// The request was already closed.
    IntakeClosed,
    /// A report period longer than `years` years.
    PeriodTooLong {
        years: i64,
    },
    /// A list of hosts with an entry that is no host name or IP address, or too many entries.
    InvalidHosts {
        max: usize,
    },
    /// A returnee cannot arrive before they left.
    ArrivalBeforeDeparture,
    /// A first contact abroad cannot come before the arrival.
    DateBeforeArrival,
    /// The return case's stage does not allow this step.
    CaseStepRefused,
    /// A case closes for lack of contact only after the deadline.
    ContactDeadlineNotPassed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name, as in the form (`email`, `first_name`, ...).
    pub field: String,
    pub code: ErrorCode,
}

/// All problems found in one submission, in form order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn single(field: &str, code: ErrorCode) -> Self {
        FieldErrors(vec![FieldError {
            field: field.to_string(),
            code,
        }])
    }

    /// Adds a problem with `field`.
    pub fn push(&mut self, field: &str, code: ErrorCode) {
        self.0.push(FieldError {
            field: field.to_string(),
            code,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first problem with the named field.
    pub fn get(&self, field: &str) -> Option<ErrorCode> {
        self.0.iter().find(|e| e.field == field).map(|e| e.code)
    }
}

/// Collects the errors of a whole form so that the person sees every problem at once.
#[derive(Debug, Default)]
pub struct Validator {
    errors: FieldErrors,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value when it parsed, records the error otherwise.
    pub fn check<T>(&mut self, field: &str, result: Result<T, ErrorCode>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(code) => {
                self.add(field, code);
                None
            }
        }
    }

    pub fn add(&mut self, field: &str, code: ErrorCode) {
        self.errors.0.push(FieldError {
            field: field.to_string(),
            code,
        });
    }

    /// `Ok(value)` when no field failed; `build` runs only then, so it may unwrap the parsed parts.
    pub fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, FieldErrors> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        build().ok_or(self.errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_error_in_order() {
        let mut v = Validator::new();
        let a: Option<u8> = v.check("a", Err(ErrorCode::Required));
        let b = v.check("b", Ok(2u8));
        v.add("c", ErrorCode::InvalidEmail);
        let result = v.finish(|| Some((a?, b?)));
        let errors = result.unwrap_err();
        assert_eq!(errors.0.len(), 2);
        assert_eq!(errors.get("a"), Some(ErrorCode::Required));
        assert_eq!(errors.get("c"), Some(ErrorCode::InvalidEmail));
        assert_eq!(errors.get("b"), None);
    }

    #[test]
    fn finishes_with_value_when_clean() {
        let mut v = Validator::new();
        let b = v.check("b", Ok(2u8));
        assert_eq!(v.finish(|| b), Ok(2));
    }
}
