//! A support person's assignment to a household: its period, lifecycle and the forms that
//! change it.

use super::{
    parse_choice, parse_date, parse_optional_text, parse_past_date, parse_required_text, ErrorCode,
    FieldErrors, Validator,
};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The planned period is 90 to 120 days; 105 unless the coordinator says otherwise.
pub const MIN_DAYS: i64 = 90;
pub const MAX_DAYS: i64 = 120;
pub const DEFAULT_DAYS: i64 = 105;
/// Extensions together may move the end at most this far past the first planned end.
pub const MAX_EXTENSION_DAYS: i64 = 60;
/// An assignment is "ending soon" this many days before its planned end.
pub const ENDING_SOON_DAYS: i64 = 14;
pub const REASON_MAX: usize = 500;

string_enum!(
    /// active → extended → ended → handed over to the coordinators' reception.
    AssignmentStatus { Active => "active", Extended => "extended", Ended => "ended", HandedOver => "handed_over" }
);
string_enum!(
    /// Why an assignment ended; `Reassigned` is set by a reassignment, never chosen in the form.
    EndReason { PeriodComplete => "period_complete", MovedAway => "moved_away", EarlyEnd => "early_end", Reassigned => "reassigned" }
);

impl AssignmentStatus {
    /// Open assignments count towards the caseload and may be changed.
    pub fn is_open(self) -> bool {
        matches!(self, AssignmentStatus::Active | AssignmentStatus::Extended)
    }
}

impl EndReason {
    /// The reasons a coordinator can pick.
    pub const CHOSEN: [EndReason; 3] = [
        EndReason::PeriodComplete,
        EndReason::MovedAway,
        EndReason::EarlyEnd,
    ];
}

/// A start and a planned end that obey the 90–120 day rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// `end` defaults to start + 105 days. Errors name the field at fault.
    pub fn planned(start: NaiveDate, end: Option<NaiveDate>) -> Result<Period, ErrorCode> {
        let end = end.unwrap_or_else(|| Period::default_end(start));
        if end <= start {
            return Err(ErrorCode::EndBeforeStart);
        }
        let days = (end - start).num_days();
        if !(MIN_DAYS..=MAX_DAYS).contains(&days) {
            return Err(ErrorCode::PlannedEndOutOfRange {
                min: MIN_DAYS,
                max: MAX_DAYS,
            });
        }
        Ok(Period { start, end })
    }

    pub fn default_end(start: NaiveDate) -> NaiveDate {
        start
            .checked_add_days(Days::new(DEFAULT_DAYS as u64))
            .unwrap_or(start)
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// The new planned end of an extension: later than the current one, at most 60 days past the
/// first planned end.
pub fn extended_end(
    first_planned_end: NaiveDate,
    current_end: NaiveDate,
    new_end: NaiveDate,
) -> Result<NaiveDate, ErrorCode> {
    if new_end <= current_end {
        return Err(ErrorCode::ExtensionNotLater);
    }
    if (new_end - first_planned_end).num_days() > MAX_EXTENSION_DAYS {
        return Err(ErrorCode::ExtensionTooLong {
            max: MAX_EXTENSION_DAYS,
        });
    }
    Ok(new_end)
}

/// Over the caseload limit only with a reason.
pub fn check_caseload(
    open: i64,
    limit: i64,
    override_reason: Option<&str>,
) -> Result<(), ErrorCode> {
    if open >= limit && override_reason.is_none() {
        Err(ErrorCode::CaseloadFull { limit })
    } else {
        Ok(())
    }
}

/// On the "ending soon" lists from 14 days before the planned end (and after it, until ended).
pub fn ending_soon(planned_end: NaiveDate, today: NaiveDate) -> bool {
    (planned_end - today).num_days() <= ENDING_SOON_DAYS
}

/// The assign form, exactly as submitted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssignForm {
    pub support_person_id: String,
    pub start_date: String,
    /// Empty: start + 105 days.
    pub planned_end: String,
    /// Needed only when the support person's caseload is full.
    pub override_reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewAssignment {
    pub support_person_id: i64,
    pub period: Period,
    pub override_reason: Option<String>,
}

fn parse_id(value: &str) -> Result<i64, ErrorCode> {
    match value.trim() {
        "" => Err(ErrorCode::Required),
        v => v
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or(ErrorCode::InvalidChoice),
    }
}

fn parse_optional_date(value: &str) -> Result<Option<NaiveDate>, ErrorCode> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(value).map(Some)
    }
}

impl AssignForm {
    pub fn parse(&self) -> Result<NewAssignment, FieldErrors> {
        let mut v = Validator::new();
        let support_person_id = v.check("support_person_id", parse_id(&self.support_person_id));
        let start = v.check("start_date", parse_date(&self.start_date));
        let end = v.check("planned_end", parse_optional_date(&self.planned_end));
        let period = match (start, end) {
            (Some(start), Some(end)) => v.check("planned_end", Period::planned(start, end)),
            _ => None,
        };
        let override_reason = v.check(
            "override_reason",
            parse_optional_text(&self.override_reason, REASON_MAX),
        );
        v.finish(|| {
            Some(NewAssignment {
                support_person_id: support_person_id?,
                period: period?,
                override_reason: override_reason?,
            })
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExtendForm {
    pub new_end: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidExtension {
    pub new_end: NaiveDate,
    pub reason: String,
}

impl ExtendForm {
    pub fn parse(
        &self,
        first_planned_end: NaiveDate,
        current_end: NaiveDate,
    ) -> Result<ValidExtension, FieldErrors> {
        let mut v = Validator::new();
        let new_end = v
            .check("new_end", parse_date(&self.new_end))
            .and_then(|d| v.check("new_end", extended_end(first_planned_end, current_end, d)));
        let reason = v.check("reason", parse_required_text(&self.reason, REASON_MAX));
        v.finish(|| {
            Some(ValidExtension {
                new_end: new_end?,
                reason: reason?,
            })
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EndForm {
    pub reason: String,
    pub ended_on: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidEnd {
    pub reason: EndReason,
    pub ended_on: NaiveDate,
    pub note: Option<String>,
}

impl EndForm {
    /// `ended_on` lies between the start and today; empty means today.
    pub fn parse(&self, start: NaiveDate, today: NaiveDate) -> Result<ValidEnd, FieldErrors> {
        let mut v = Validator::new();
        let reason = v.check(
            "reason",
            parse_choice(&self.reason, |c| {
                EndReason::parse(c).filter(|r| EndReason::CHOSEN.contains(r))
            }),
        );
        let ended_on = if self.ended_on.trim().is_empty() {
            Some(today)
        } else {
            v.check("ended_on", parse_past_date(&self.ended_on, today))
        };
        let ended_on = ended_on.and_then(|d| {
            if d < start {
                v.add("ended_on", ErrorCode::DateBeforeStart);
                None
            } else {
                Some(d)
            }
        });
        let note = v.check("note", parse_optional_text(&self.note, REASON_MAX));
        v.finish(|| {
            Some(ValidEnd {
                reason: reason?,
                ended_on: ended_on?,
                note: note?,
            })
        })
    }
}

/// The dated handover note written while consultations cannot yet be booked from here.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HandoverForm {
    pub handover_date: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidHandover {
    pub date: NaiveDate,
    pub note: String,
}

impl HandoverForm {
    pub fn parse(&self, start: NaiveDate) -> Result<ValidHandover, FieldErrors> {
        let mut v = Validator::new();
        let date = v.check("handover_date", parse_date(&self.handover_date));
        let date = date.and_then(|d| {
            if d < start {
                v.add("handover_date", ErrorCode::DateBeforeStart);
                None
            } else {
                Some(d)
            }
        });
        let note = v.check("note", parse_required_text(&self.note, REASON_MAX));
        v.finish(|| {
            Some(ValidHandover {
                date: date?,
                note: note?,
            })
        })
    }
}

/// Moving one household to another support person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReassignForm {
    pub support_person_id: String,
    pub note: String,
    /// Needed only when the new support person's caseload is full.
    pub override_reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidReassignment {
    pub support_person_id: i64,
    pub note: String,
    pub override_reason: Option<String>,
}

impl ReassignForm {
    pub fn parse(&self) -> Result<ValidReassignment, FieldErrors> {
        let mut v = Validator::new();
        let id = v.check("support_person_id", parse_id(&self.support_person_id));
        let note = v.check("note", parse_required_text(&self.note, REASON_MAX));
        let override_reason = v.check(
            "override_reason",
            parse_optional_text(&self.override_reason, REASON_MAX),
        );
        v.finish(|| {
            Some(ValidReassignment {
                support_person_id: id?,
                note: note?,
                override_reason: override_reason?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn planned_end_defaults_to_105_days() {
        let p = Period::planned(d("2026-11-24"), None).unwrap();
        assert_eq!(p.end, d("2027-03-09"));
        assert_eq!((p.end - p.start).num_days(), 105);
    }

    #[test]
    fn planned_end_must_be_90_to_120_days_after_start() {
        let start = d("2026-01-01");
        assert!(Period::planned(start, Some(d("2026-04-01"))).is_ok()); // 90 days
        assert!(Period::planned(start, Some(d("2026-05-01"))).is_ok()); // 120 days
        let range = ErrorCode::PlannedEndOutOfRange { min: 90, max: 120 };
        assert_eq!(Period::planned(start, Some(d("2026-03-31"))), Err(range)); // 89
        assert_eq!(Period::planned(start, Some(d("2026-05-02"))), Err(range)); // 121
        assert_eq!(
            Period::planned(start, Some(d("2025-12-01"))),
            Err(ErrorCode::EndBeforeStart)
        );
        assert_eq!(
            Period::planned(start, Some(start)),
            Err(ErrorCode::EndBeforeStart)
        );
    }

    #[test]
    fn extensions_add_at_most_60_days_to_the_first_end() {
        let first = d("2026-04-15");
        assert_eq!(
            extended_end(first, first, d("2026-06-14")),
            Ok(d("2026-06-14"))
        );
        assert_eq!(
            extended_end(first, first, d("2026-06-15")),
            Err(ErrorCode::ExtensionTooLong { max: 60 })
        );
        // A second extension is measured from the first planned end too.
        assert_eq!(
            extended_end(first, d("2026-05-15"), d("2026-06-20")),
            Err(ErrorCode::ExtensionTooLong { max: 60 })
        );
        assert_eq!(
            extended_end(first, d("2026-05-15"), d("2026-05-15")),
            Err(ErrorCode::ExtensionNotLater)
        );
    }

    #[test]
    fn caseload_is_a_limit_with_a_reasoned_override() {
        assert_eq!(check_caseload(4, 5, None), Ok(()));
        assert_eq!(
            check_caseload(5, 5, None),
            Err(ErrorCode::CaseloadFull { limit: 5 })
        );
        assert_eq!(
            check_caseload(5, 5, Some("family speaks only Dari")),
            Ok(())
        );
    }

    #[test]
    fn ending_soon_starts_14_days_before_the_end() {
        let end = d("2026-12-08");
        assert!(ending_soon(end, d("2026-11-24")));
        assert!(!ending_soon(end, d("2026-11-23")));
        assert!(ending_soon(end, d("2026-12-20")), "overdue stays listed");
    }

    #[test]
    fn assign_form_reports_every_problem() {
        let form = AssignForm {
            support_person_id: "x".into(),
            start_date: "2026-11-24".into(),
            planned_end: "2026-12-01".into(),
            override_reason: String::new(),
        };
        let errors = form.parse().unwrap_err();
        assert_eq!(
            errors.get("support_person_id"),
            Some(ErrorCode::InvalidChoice)
        );
        assert_eq!(
            errors.get("planned_end"),
            Some(ErrorCode::PlannedEndOutOfRange { min: 90, max: 120 })
        );
        let ok = AssignForm {
            support_person_id: "7".into(),
            planned_end: String::new(),
            ..form
        };
        assert_eq!(ok.parse().unwrap().period.end, d("2027-03-09"));
    }

    #[test]
    fn end_form_keeps_the_date_inside_the_assignment() {
        let form = EndForm {
            reason: "moved_away".into(),
            ended_on: "2026-01-01".into(),
            note: String::new(),
        };
        let errors = form.parse(d("2026-02-01"), d("2026-11-24")).unwrap_err();
        assert_eq!(errors.get("ended_on"), Some(ErrorCode::DateBeforeStart));
        let reassigned = EndForm {
            reason: "reassigned".into(),
            ended_on: String::new(),
            note: String::new(),
        };
        assert_eq!(
            reassigned
                .parse(d("2026-02-01"), d("2026-11-24"))
                .unwrap_err()
                .get("reason"),
            Some(ErrorCode::InvalidChoice)
        );
    }
}
