//! The sessions of a series: single dates, or weekly / every other week for N weeks, at one
//! Europe/Tallinn wall-clock time, with Estonian public holidays skipped or moved.

use crate::domain::holidays::public_holiday;
use crate::domain::schedule::{tallinn_instant, Span};
use crate::domain::ErrorCode;
use chrono::{Days, NaiveDate, NaiveTime};

string_enum!(
    /// How often a series meets.
    Repeat { Once => "once", Weekly => "weekly", Fortnightly => "fortnightly" }
);

string_enum!(
    /// What happens to a session that falls on a public holiday.
    HolidayRule { Skip => "skip", Move => "move" }
);

/// A session before it is stored: its Tallinn date and its UTC span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedSession {
    pub date: NaiveDate,
    pub span: Span,
    /// The date it would have had, when it was moved off a holiday.
    pub moved_from: Option<NaiveDate>,
}

/// The plan of a series' dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub first: NaiveDate,
    pub repeat: Repeat,
    /// How many weeks (weekly / fortnightly: the number of sessions); ignored for `Once`.
    pub count: u32,
    /// Further single dates (for `Once`).
    pub extra_dates: Vec<NaiveDate>,
    pub start: NaiveTime,
    pub minutes: i64,
    pub holidays: HolidayRule,
}

/// The first day on or after `date` that is not a public holiday nor a Sunday.
fn next_open_day(date: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    let mut day = date;
    for _ in 0..14 {
        if public_holiday(day).is_none() && day.weekday() != chrono::Weekday::Sun {
            return Some(day);
        }
        day = day.checked_add_days(Days::new(1))?;
    }
    None
}

/// The sessions of the plan in date order. A holiday session is left out (`Skip`) or moved to
/// the next day that is neither a holiday nor a Sunday (`Move`); a start skipped by the spring
/// clock change is refused.
pub fn sessions(plan: &Plan) -> Result<Vec<PlannedSession>, ErrorCode> {
    let step = match plan.repeat {
        Repeat::Once => 0,
        Repeat::Weekly => 7,
        Repeat::Fortnightly => 14,
    };
    let mut dates: Vec<NaiveDate> = if step == 0 {
        let mut d = vec![plan.first];
        d.extend(plan.extra_dates.iter().copied());
        d
    } else {
        (0..plan.count.max(1))
            .filter_map(|n| plan.first.checked_add_days(Days::new(u64::from(n) * step)))
            .collect()
    };
    dates.sort();
    dates.dedup();
    let mut out: Vec<PlannedSession> = Vec::with_capacity(dates.len());
    for date in dates {
        let (date, moved_from) = match (public_holiday(date), plan.holidays) {
            (None, _) => (date, None),
            (Some(_), HolidayRule::Skip) => continue,
            (Some(_), HolidayRule::Move) => match next_open_day(date) {
                Some(open) => (open, Some(date)),
                None => continue,
            },
        };
        if out.iter().any(|s| s.date == date) {
            continue;
        }
        let start = tallinn_instant(date, plan.start)?;
        out.push(PlannedSession {
            date,
            span: Span {
                start,
                end: start + plan.minutes * 60,
            },
            moved_from,
        });
    }
    out.sort_by_key(|s| s.span.start);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::tallinn_wall_clock;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn plan(first: &str, repeat: Repeat, count: u32, holidays: HolidayRule) -> Plan {
        Plan {
            first: d(first),
            repeat,
            count,
            extra_dates: vec![],
            start: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
            minutes: 90,
            holidays,
        }
    }

    fn local(s: &PlannedSession) -> (NaiveDate, NaiveTime) {
        tallinn_wall_clock(s.span.start).unwrap()
    }

    #[test]
    fn weekly_sessions_keep_their_wall_clock_time_across_both_clock_changes() {
        // Thursdays from 19 March 2026: the clocks go forward on 29 March.
        let s = sessions(&plan("2026-03-19", Repeat::Weekly, 3, HolidayRule::Skip)).unwrap();
        assert_eq!(s.len(), 3);
        for x in &s {
            assert_eq!(local(x).1, NaiveTime::from_hms_opt(17, 0, 0).unwrap());
        }
        assert_eq!(s[1].span.start - s[0].span.start, 7 * 86_400);
        assert_eq!(
            s[2].span.start - s[1].span.start,
            7 * 86_400 - 3600,
            "an hour shorter week"
        );
        // Tuesdays from 20 October 2026: the clocks go back on 25 October.
        let s = sessions(&plan("2026-10-20", Repeat::Weekly, 2, HolidayRule::Skip)).unwrap();
        assert_eq!(s[1].span.start - s[0].span.start, 7 * 86_400 + 3600);
        assert_eq!(s[1].span.end - s[1].span.start, 90 * 60);
    }

    #[test]
    fn fortnightly_steps_two_weeks() {
        let s = sessions(&plan(
            "2026-09-01",
            Repeat::Fortnightly,
            3,
            HolidayRule::Skip,
        ))
        .unwrap();
        let dates: Vec<_> = s.iter().map(|x| x.date.to_string()).collect();
        assert_eq!(dates, ["2026-09-01", "2026-09-15", "2026-09-29"]);
    }

    #[test]
    fn a_holiday_is_skipped_or_moved() {
        // Thursdays in December 2026: 24 December is Christmas Eve.
        let skip = sessions(&plan("2026-12-10", Repeat::Weekly, 4, HolidayRule::Skip)).unwrap();
        let dates: Vec<_> = skip.iter().map(|x| x.date.to_string()).collect();
        assert_eq!(dates, ["2026-12-10", "2026-12-17", "2026-12-31"]);
        let moved = sessions(&plan("2026-12-10", Repeat::Weekly, 4, HolidayRule::Move)).unwrap();
        let dates: Vec<_> = moved.iter().map(|x| x.date.to_string()).collect();
        // 24, 25 and 26 December are holidays, the 27th a Sunday: Monday the 28th.
        assert_eq!(
            dates,
            ["2026-12-10", "2026-12-17", "2026-12-28", "2026-12-31"]
        );
        assert_eq!(moved[2].moved_from, Some(d("2026-12-24")));
        // Good Friday 2027 is 26 March.
        let s = sessions(&plan("2027-03-19", Repeat::Weekly, 2, HolidayRule::Move)).unwrap();
        assert_eq!(s[1].date, d("2027-03-27"));
    }

    #[test]
    fn single_dates_are_sorted_and_deduplicated() {
        let mut p = plan("2026-11-30", Repeat::Once, 0, HolidayRule::Skip);
        p.extra_dates = vec![d("2026-11-27"), d("2026-11-30"), d("2026-12-24")];
        let s = sessions(&p).unwrap();
        let dates: Vec<_> = s.iter().map(|x| x.date.to_string()).collect();
        assert_eq!(dates, ["2026-11-27", "2026-11-30"]);
    }

    #[test]
    fn a_start_in_the_spring_gap_is_refused() {
        let mut p = plan("2026-03-29", Repeat::Once, 0, HolidayRule::Skip);
        p.start = NaiveTime::from_hms_opt(3, 30, 0).unwrap();
        assert_eq!(sessions(&p), Err(ErrorCode::TimeDoesNotExist));
    }
}
