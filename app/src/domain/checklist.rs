//! The adaptation checklist a support person works through with a household.

use super::{parse_optional_text, parse_past_date, ErrorCode, FieldErrors, Validator};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

string_enum!(
    ChecklistItem {
        ResidenceRegistration => "residence_registration",
        BankAccount => "bank_account",
        HealthInsurance => "health_insurance",
        FamilyDoctor => "family_doctor",
        SchoolPlace => "school_place",
        UnemploymentRegistration => "unemployment_registration",
        LanguageCourse => "language_course",
        Other => "other",
    }
);
string_enum!(ChecklistStatus { Done => "done", InProgress => "in_progress", NotNeeded => "not_needed" });

impl ChecklistStatus {
    /// Done or not needed: nothing left to do.
    pub fn is_settled(self) -> bool {
        matches!(self, ChecklistStatus::Done | ChecklistStatus::NotNeeded)
    }
}

impl ChecklistItem {
    /// The items every household is expected to settle ("other" is optional).
    pub fn is_core(self) -> bool {
        self != ChecklistItem::Other
    }
}

/// The core items not yet done or ruled out, given the statuses recorded so far.
pub fn gaps(recorded: &[(ChecklistItem, ChecklistStatus)]) -> Vec<ChecklistItem> {
    ChecklistItem::ALL
        .iter()
        .copied()
        .filter(|item| item.is_core())
        .filter(|item| !recorded.iter().any(|(i, s)| i == item && s.is_settled()))
        .collect()
}

/// One row of the checklist form. An empty status means "not started".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChecklistRowForm {
    pub status: String,
    pub on_date: String,
    pub note: String,
}

/// The whole checklist form: `items[bank_account][status]=done` and so on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChecklistForm {
    pub items: BTreeMap<String, ChecklistRowForm>,
}

/// What the form asks for one item: a status with its date, or back to "not started".
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistChange {
    pub item: ChecklistItem,
    pub state: Option<(ChecklistStatus, NaiveDate, Option<String>)>,
}

impl ChecklistForm {
    /// Field names are `{item}_status`, `{item}_date`, `{item}_note`. A date left empty is today.
    pub fn parse(&self, today: NaiveDate) -> Result<Vec<ChecklistChange>, FieldErrors> {
        let mut v = Validator::new();
        let mut changes = Vec::new();
        for (code, row) in &self.items {
            let Some(item) = ChecklistItem::parse(code) else {
                v.add("items", ErrorCode::InvalidChoice);
                continue;
            };
            let status = match row.status.trim() {
                "" => None,
                s => match ChecklistStatus::parse(s) {
                    Some(status) => Some(status),
                    None => {
                        v.add(&format!("{code}_status"), ErrorCode::InvalidChoice);
                        continue;
                    }
                },
            };
            let date = if row.on_date.trim().is_empty() {
                Some(today)
            } else {
                v.check(
                    &format!("{code}_date"),
                    parse_past_date(&row.on_date, today),
                )
            };
            let note = v.check(&format!("{code}_note"), parse_optional_text(&row.note, 200));
            if let (Some(date), Some(note)) = (date, note) {
                changes.push(ChecklistChange {
                    item,
                    state: status.map(|s| (s, date, note)),
                });
            }
        }
        v.finish(|| Some(changes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn row(status: &str, date: &str) -> ChecklistRowForm {
        ChecklistRowForm {
            status: status.into(),
            on_date: date.into(),
            note: String::new(),
        }
    }

    #[test]
    fn rows_parse_with_today_as_default_date() {
        let form = ChecklistForm {
            items: [
                ("bank_account".to_string(), row("done", "")),
                ("family_doctor".to_string(), row("", "")),
            ]
            .into(),
        };
        let changes = form.parse(today()).unwrap();
        assert_eq!(
            changes[0].state,
            Some((ChecklistStatus::Done, today(), None))
        );
        assert_eq!(changes[1].item, ChecklistItem::FamilyDoctor);
        assert_eq!(changes[1].state, None);
    }

    #[test]
    fn bad_rows_are_refused() {
        let form = ChecklistForm {
            items: [
                ("bank_account".to_string(), row("finished", "")),
                ("school_place".to_string(), row("done", "2030-01-01")),
                ("horse".to_string(), row("done", "")),
            ]
            .into(),
        };
        let errors = form.parse(today()).unwrap_err();
        assert_eq!(
            errors.get("bank_account_status"),
            Some(ErrorCode::InvalidChoice)
        );
        assert_eq!(
            errors.get("school_place_date"),
            Some(ErrorCode::DateInFuture)
        );
        assert_eq!(errors.get("items"), Some(ErrorCode::InvalidChoice));
    }

    #[test]
    fn gaps_are_core_items_not_settled() {
        let recorded = [
            (ChecklistItem::BankAccount, ChecklistStatus::Done),
            (ChecklistItem::SchoolPlace, ChecklistStatus::NotNeeded),
            (ChecklistItem::FamilyDoctor, ChecklistStatus::InProgress),
        ];
        let g = gaps(&recorded);
        assert_eq!(g.len(), 5);
        assert!(g.contains(&ChecklistItem::FamilyDoctor));
        assert!(!g.contains(&ChecklistItem::Other));
        assert!(!g.contains(&ChecklistItem::BankAccount));
    }
}
