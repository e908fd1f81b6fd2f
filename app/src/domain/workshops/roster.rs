//! Attendance at a session, the messages a sign-up produces, and when a participant may still
//! cancel.

use crate::domain::ics::Method;
use crate::domain::ErrorCode;
use chrono::NaiveDate;

string_enum!(
    /// Where a household's sign-up for a series stands.
    RegistrationStatus {
        Confirmed => "confirmed",
        Waiting => "waiting",
        Offered => "offered",
        Cancelled => "cancelled",
        Expired => "expired",
    }
);

impl RegistrationStatus {
    /// Holding seats or a place in the queue.
    pub fn is_live(self) -> bool {
        matches!(
            self,
            RegistrationStatus::Confirmed
                | RegistrationStatus::Waiting
                | RegistrationStatus::Offered
        )
    }
}

string_enum!(
    /// How a participant was marked at a session.
    Mark { Present => "present", Absent => "absent", Excused => "excused" }
);

/// Whether `mark` may be recorded for a session on `session_day` when it is `today` (both
/// Tallinn dates): someone can be excused ahead of time, but present or absent only from the
/// session's day on.
pub fn may_mark(mark: Mark, session_day: NaiveDate, today: NaiveDate) -> Result<(), ErrorCode> {
    if mark != Mark::Excused && today < session_day {
        return Err(ErrorCode::NotYetStarted);
    }
    Ok(())
}

string_enum!(
    /// What a participant is told through the outbox.
    SeatMessage {
        Confirmed => "workshop_confirmed",
        Waitlisted => "workshop_waitlisted",
        Offered => "workshop_offered",
        Expired => "workshop_expired",
        Cancelled => "workshop_cancelled",
        SessionCancelled => "workshop_session_cancelled",
    }
);

impl SeatMessage {
    /// What the message's calendar does: a confirmed seat invites to the sessions, a cancelled
    /// one (or a cancelled session) takes them back; a place on the waitlist or an offer is not
    /// in anyone's calendar yet.
    pub fn calendar_method(self) -> Option<Method> {
        match self {
            SeatMessage::Confirmed => Some(Method::Request),
            SeatMessage::Cancelled | SeatMessage::SessionCancelled => Some(Method::Cancel),
            SeatMessage::Waitlisted | SeatMessage::Offered | SeatMessage::Expired => None,
        }
    }
}

/// Whether a participant (not a coordinator) may still cancel: the next session to come must
/// start more than `cutoff_hours` from `now`. With no session to come, nothing is left to cancel.
pub fn participant_may_cancel(
    next_start: Option<i64>,
    cutoff_hours: i64,
    now: i64,
) -> Result<(), ErrorCode> {
    match next_start {
        Some(start) if now <= start - cutoff_hours * 3600 => Ok(()),
        _ => Err(ErrorCode::CutoffPassed {
            hours: cutoff_hours,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_seat_held_or_given_up_goes_into_a_calendar() {
        assert_eq!(
            SeatMessage::Confirmed.calendar_method(),
            Some(Method::Request)
        );
        assert_eq!(
            SeatMessage::Cancelled.calendar_method(),
            Some(Method::Cancel)
        );
        assert_eq!(
            SeatMessage::SessionCancelled.calendar_method(),
            Some(Method::Cancel)
        );
        for waiting in [
            SeatMessage::Waitlisted,
            SeatMessage::Offered,
            SeatMessage::Expired,
        ] {
            assert_eq!(waiting.calendar_method(), None);
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn present_and_absent_wait_for_the_day_excused_does_not() {
        assert_eq!(
            may_mark(Mark::Present, day(10), day(9)),
            Err(ErrorCode::NotYetStarted)
        );
        assert_eq!(
            may_mark(Mark::Absent, day(10), day(9)),
            Err(ErrorCode::NotYetStarted)
        );
        assert_eq!(may_mark(Mark::Excused, day(10), day(9)), Ok(()));
        assert_eq!(may_mark(Mark::Present, day(10), day(10)), Ok(()));
        assert_eq!(may_mark(Mark::Absent, day(10), day(12)), Ok(()));
    }

    #[test]
    fn cancelling_closes_at_the_cutoff_before_the_next_session() {
        let start = 1_000_000;
        assert_eq!(
            participant_may_cancel(Some(start), 24, start - 24 * 3600),
            Ok(())
        );
        assert_eq!(
            participant_may_cancel(Some(start), 24, start - 24 * 3600 + 1),
            Err(ErrorCode::CutoffPassed { hours: 24 })
        );
        assert_eq!(participant_may_cancel(Some(start), 0, start), Ok(()));
        assert!(participant_may_cancel(None, 24, start).is_err());
    }

    #[test]
    fn marks_and_messages_travel_as_codes() {
        for m in Mark::ALL {
            assert_eq!(Mark::parse(m.code()), Some(*m));
        }
        assert_eq!(Mark::parse("late"), None);
        assert_eq!(
            SeatMessage::parse("workshop_offered"),
            Some(SeatMessage::Offered)
        );
    }
}
