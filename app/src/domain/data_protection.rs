//! What the programme keeps about a household, for how long, and when it may be erased.

use super::ErrorCode;
use chrono::{DateTime, Months, Utc};
use serde::{Deserialize, Serialize};

/// One stored value as a data export shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ExportValue {
    Null,
    Number(i64),
    Text(String),
}

string_enum! {
    /// One part of a household's data export (a table, or a join of tables, that refers to it).
    DataTable {
        Household => "household",
        Members => "members",
        MemberLanguages => "member_languages",
        Logins => "logins",
        Invitations => "invitations",
        Consents => "consents",
        Assignments => "assignments",
        AssignmentExtensions => "assignment_extensions",
        Checklist => "checklist",
        Meetings => "meetings",
        MeetingTopics => "meeting_topics",
        Consultations => "consultations",
        MatchRequests => "match_requests",
        Matches => "matches",
        CheckIns => "check_ins",
        WorkshopSignUps => "workshop_sign_ups",
        WorkshopParticipants => "workshop_participants",
        Attendance => "attendance",
        Messages => "messages",
        AccessLog => "access_log",
    }
}

/// The rows one table holds about a household, with the table's column names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportTable {
    pub name: DataTable,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<ExportValue>>,
}

/// What still links a household to ongoing work; erasure waits until all are zero.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ErasureBlockers {
    pub erased: bool,
    pub open_assignments: i64,
    pub open_matches: i64,
    pub upcoming_bookings: i64,
}

impl ErasureBlockers {
    /// The first reason the household cannot be erased now, if any.
    pub fn check(&self) -> Result<(), ErrorCode> {
        if self.erased {
            Err(ErrorCode::AlreadyErased)
        } else if self.open_assignments > 0 {
            Err(ErrorCode::OpenAssignment)
        } else if self.open_matches > 0 {
            Err(ErrorCode::OpenMatch)
        } else if self.upcoming_bookings > 0 {
            Err(ErrorCode::UpcomingBooking {
                count: self.upcoming_bookings,
            })
        } else {
            Ok(())
        }
    }
}

/// How long data the programme no longer needs is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// A closed household is anonymised this many months after it was closed.
    pub closed_household_months: u32,
    /// A message's subject and body are blanked this many days after it was queued.
    pub message_days: u32,
    /// Audit rows are deleted this many years after they were written.
    pub audit_years: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            closed_household_months: 24,
            message_days: 90,
            audit_years: 5,
        }
    }
}

/// The instants (Unix seconds) before which each kind of data is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionCutoffs {
    /// The instant the rules are applied at.
    pub now: i64,
    pub households_closed_before: i64,
    pub messages_before: i64,
    pub audit_before: i64,
}

impl Retention {
    pub fn cutoffs(&self, now: DateTime<Utc>) -> RetentionCutoffs {
        let back = |months: u32| {
            now.checked_sub_months(Months::new(months))
                .unwrap_or(DateTime::<Utc>::MIN_UTC)
                .timestamp()
        };
        RetentionCutoffs {
            now: now.timestamp(),
            households_closed_before: back(self.closed_household_months),
            messages_before: now.timestamp() - i64::from(self.message_days) * 86_400,
            audit_before: back(self.audit_years.saturating_mul(12)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn erasure_waits_for_open_work_in_order() {
        assert_eq!(ErasureBlockers::default().check(), Ok(()));
        let open = ErasureBlockers {
            open_assignments: 1,
            open_matches: 1,
            upcoming_bookings: 2,
            ..Default::default()
        };
        assert_eq!(open.check(), Err(ErrorCode::OpenAssignment));
        let matched = ErasureBlockers {
            open_assignments: 0,
            ..open
        };
        assert_eq!(matched.check(), Err(ErrorCode::OpenMatch));
        let booked = ErasureBlockers {
            open_matches: 0,
            ..matched
        };
        assert_eq!(booked.check(), Err(ErrorCode::UpcomingBooking { count: 2 }));
        let erased = ErasureBlockers {
            erased: true,
            ..open
        };
        assert_eq!(erased.check(), Err(ErrorCode::AlreadyErased));
    }

    #[test]
    fn cutoffs_count_calendar_months_and_days() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
        let cut = Retention::default().cutoffs(now);
        let at = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 10, 0, 0).unwrap().timestamp();
        assert_eq!(cut.households_closed_before, at(2024, 12, 1));
        assert_eq!(cut.messages_before, at(2026, 9, 2));
        assert_eq!(cut.audit_before, at(2021, 12, 1));
    }

    #[test]
    fn export_values_are_plain_json() {
        let row = vec![
            ExportValue::Null,
            ExportValue::Number(3),
            ExportValue::Text("Tartu".into()),
        ];
        assert_eq!(serde_json::to_string(&row).unwrap(), r#"[null,3,"Tartu"]"#);
    }
}
