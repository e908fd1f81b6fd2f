//! The audit page's filters: who, what, which household, which days (Tallinn dates).

use super::schedule::tallinn_day;
use super::{parse_date, parse_number, FieldErrors, Validator};
use serde::{Deserialize, Serialize};

/// The form as typed; every part may be empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    pub who: String,
    pub action: String,
    pub household: String,
    pub from: String,
    pub until: String,
}

/// A checked filter: texts trimmed and bounded, dates as UTC instants (`until` is the end of
/// its day).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValidAuditFilter {
    pub who: String,
    pub action: String,
    pub household: Option<i64>,
    pub from: Option<i64>,
    pub until: Option<i64>,
}

const MAX_TEXT: usize = 200;

impl AuditFilter {
    pub fn check(&self) -> Result<ValidAuditFilter, FieldErrors> {
        let mut v = Validator::new();
        let text = |v: &mut Validator, field: &'static str, value: &str| {
            let value = value.trim();
            if value.chars().count() > MAX_TEXT {
                v.add(field, super::ErrorCode::TooLong { max: MAX_TEXT });
            }
            value.to_string()
        };
        let who = text(&mut v, "who", &self.who);
        let action = text(&mut v, "action", &self.action);
        let household = match self.household.trim() {
            "" => None,
            h => v.check("household", parse_number(h, None, 1, i64::MAX)),
        };
        let day =
            |v: &mut Validator, field: &'static str, value: &str, end: bool| match value.trim() {
                "" => None,
                d => v
                    .check(field, parse_date(d))
                    .and_then(tallinn_day)
                    .map(|span| if end { span.end } else { span.start }),
            };
        let from = day(&mut v, "from", &self.from, false);
        let until = day(&mut v, "until", &self.until, true);
        if let (Some(a), Some(b)) = (from, until) {
            if b <= a {
                v.add("until", super::ErrorCode::EndBeforeStart);
            }
        }
        v.finish(|| {
            Some(ValidAuditFilter {
                who,
                action,
                household,
                from,
                until,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_filter_matches_everything() {
        assert_eq!(
            AuditFilter::default().check(),
            Ok(ValidAuditFilter::default())
        );
    }

    #[test]
    fn days_are_tallinn_days_and_bad_parts_are_named() {
        let f = AuditFilter {
            from: "2026-03-29".into(),
            until: "2026-03-29".into(),
            household: " 12 ".into(),
            ..Default::default()
        };
        let v = f.check().unwrap();
        assert_eq!(v.household, Some(12));
        // The day of the March change is 23 hours long.
        assert_eq!(v.until.unwrap() - v.from.unwrap(), 23 * 3600);
        let bad = AuditFilter {
            household: "x".into(),
            from: "2026-13-01".into(),
            who: "a".repeat(201),
            ..Default::default()
        };
        let errors = bad.check().unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["who", "household", "from"]);
        let backwards = AuditFilter {
            from: "2026-05-02".into(),
            until: "2026-05-01".into(),
            ..Default::default()
        };
        assert!(backwards.check().is_err());
    }
}
