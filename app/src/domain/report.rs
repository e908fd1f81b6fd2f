//! The delivery report for the funder: its period, the age bands people are counted in, and
//! the CSV its tables download as.

use super::schedule::tallinn_day;
use super::text::parse_date;
use super::{ErrorCode, FieldErrors, Validator};
use chrono::{Datelike, NaiveDate};

/// The longest period one report covers.
pub const MAX_YEARS: i64 = 5;

/// A report's period: whole Europe/Tallinn days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl ReportPeriod {
    pub fn parse(from: &str, to: &str) -> Result<ReportPeriod, FieldErrors> {
        let mut v = Validator::new();
        let from = v.check("from", parse_date(from));
        let to = v.check("to", parse_date(to));
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                v.add("to", ErrorCode::EndBeforeStart);
            } else if from
                .checked_add_months(chrono::Months::new(12 * MAX_YEARS as u32))
                .is_none_or(|limit| to >= limit)
            {
                v.add("to", ErrorCode::PeriodTooLong { years: MAX_YEARS });
            }
        }
        v.finish(|| {
            Some(ReportPeriod {
                from: from?,
                to: to?,
            })
        })
    }

    /// The calendar year before `today`'s, up to today: what a report shows first.
    pub fn year_to(today: NaiveDate) -> ReportPeriod {
        let from = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        ReportPeriod { from, to: today }
    }

    /// [start of `from`, start of the day after `to`) as UTC instants.
    pub fn instants(&self) -> (i64, i64) {
        let start = tallinn_day(self.from).map(|d| d.start).unwrap_or(0);
        let end = tallinn_day(self.to).map(|d| d.end).unwrap_or(start);
        (start, end)
    }
}

string_enum!(
    /// Age bands of the funder's report, by age on the period's last day.
    AgeBand { Child => "0-17", Adult => "18-64", Senior => "65+" }
);

/// Whole years from `born` to `on`.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

pub fn age_band(born: NaiveDate, on: NaiveDate) -> AgeBand {
    match age_on(born, on) {
        ..=17 => AgeBand::Child,
        18..=64 => AgeBand::Adult,
        _ => AgeBand::Senior,
    }
}

/// A table as a CSV file that Excel and LibreOffice open as it is, in any locale: UTF-8 with a
/// byte-order mark, `;` between fields, every field quoted (quotes doubled), and a field that
/// a spreadsheet would read as a formula prefixed with `'`.
pub fn csv_text(headers: &[String], rows: &[Vec<String>]) -> String {
    fn field(out: &mut String, value: &str) {
        out.push('"');
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            out.push('\'');
        }
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    }
    let mut out = String::from('\u{feff}');
    for line in std::iter::once(headers).chain(rows.iter().map(Vec::as_slice)) {
        for (i, value) in line.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            field(&mut out, value);
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn ages_are_counted_at_the_period_end() {
        let end = d("2026-12-31");
        assert_eq!(
            age_band(d("2009-01-01"), end),
            AgeBand::Child,
            "18 only the next day"
        );
        assert_eq!(
            age_band(d("2008-12-31"), end),
            AgeBand::Adult,
            "18 that very day"
        );
        assert_eq!(
            age_band(d("2009-01-02"), d("2026-01-01")),
            AgeBand::Child,
            "17"
        );
        assert_eq!(age_band(d("1962-01-01"), end), AgeBand::Adult, "64");
        assert_eq!(
            age_band(d("1961-12-31"), end),
            AgeBand::Senior,
            "65 on the last day"
        );
        assert_eq!(age_band(d("2020-02-29"), d("2038-02-28")), AgeBand::Child);
        assert_eq!(age_band(d("2020-02-29"), d("2038-03-01")), AgeBand::Adult);
        assert_eq!(age_band(d("2026-06-01"), end), AgeBand::Child, "a baby");
    }

    #[test]
    fn a_period_is_checked() {
        assert!(ReportPeriod::parse("2026-01-01", "2026-12-31").is_ok());
        assert!(ReportPeriod::parse("2026-01-01", "2026-01-01").is_ok());
        let e = ReportPeriod::parse("2026-12-31", "2026-01-01").expect_err("backwards");
        assert_eq!(e.get("to"), Some(ErrorCode::EndBeforeStart));
        let e = ReportPeriod::parse("2020-01-01", "2025-01-01").expect_err("over five years");
        assert_eq!(e.get("to"), Some(ErrorCode::PeriodTooLong { years: 5 }));
        assert!(ReportPeriod::parse("2020-01-01", "2024-12-31").is_ok());
        let e = ReportPeriod::parse("yesterday", "").expect_err("not dates");
        assert!(e.get("from").is_some() && e.get("to").is_some());
    }

    #[test]
    fn a_period_covers_whole_tallinn_days() {
        let p = ReportPeriod::parse("2026-03-29", "2026-03-29").expect("valid");
        let (start, end) = p.instants();
        // The day the clocks go forward is 23 hours long.
        assert_eq!(end - start, 23 * 3600);
        assert_eq!(
            start, 1_774_735_200,
            "00:00 EET is 22:00 UTC the day before"
        );
    }

    #[test]
    fn csv_quotes_what_spreadsheets_would_misread() {
        let headers = vec!["Tegevus".to_string(), "Осіб".to_string()];
        let rows = vec![
            vec!["Art; therapy, \"open\"".to_string(), "3".to_string()],
            vec!["line\nbreak".to_string(), "=1+2".to_string()],
            vec!["Жіноча група".to_string(), "-4".to_string()],
        ];
        assert_eq!(
            csv_text(&headers, &rows),
            "\u{feff}\"Tegevus\";\"Осіб\"\r\n\"Art; therapy, \"\"open\"\"\";\"3\"\r\n\
             \"line\nbreak\";\"'=1+2\"\r\n\"Жіноча група\";\"'-4\"\r\n"
        );
    }
}
