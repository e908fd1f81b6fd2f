//! Estonian public holidays, which close the offices: fixed dates plus Good Friday, Easter Sunday
//! and Pentecost, which follow Easter (Gregorian computus). Computed for any year.

use chrono::{Datelike, Days, NaiveDate};

string_enum!(
    Holiday {
        NewYear => "new_year",
        IndependenceDay => "independence_day",
        GoodFriday => "good_friday",
        EasterSunday => "easter_sunday",
        SpringDay => "spring_day",
        Pentecost => "pentecost",
        VictoryDay => "victory_day",
        Midsummer => "midsummer",
        RestorationOfIndependence => "restoration_of_independence",
        ChristmasEve => "christmas_eve",
        ChristmasDay => "christmas_day",
        BoxingDay => "boxing_day",
    }
);

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// Every public holiday of a year, in date order.
pub fn public_holidays(year: i32) -> Vec<(NaiveDate, Holiday)> {
    let fixed =
        |month, day, holiday| NaiveDate::from_ymd_opt(year, month, day).map(|d| (d, holiday));
    let mut days: Vec<(NaiveDate, Holiday)> = [
        fixed(1, 1, Holiday::NewYear),
        fixed(2, 24, Holiday::IndependenceDay),
        fixed(5, 1, Holiday::SpringDay),
        fixed(6, 23, Holiday::VictoryDay),
        fixed(6, 24, Holiday::Midsummer),
        fixed(8, 20, Holiday::RestorationOfIndependence),
        fixed(12, 24, Holiday::ChristmasEve),
        fixed(12, 25, Holiday::ChristmasDay),
        fixed(12, 26, Holiday::BoxingDay),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(easter) = easter_sunday(year) {
        days.extend(
            [
                easter
                    .checked_sub_days(Days::new(2))
                    .map(|d| (d, Holiday::GoodFriday)),
                Some((easter, Holiday::EasterSunday)),
                easter
                    .checked_add_days(Days::new(49))
                    .map(|d| (d, Holiday::Pentecost)),
            ]
            .into_iter()
            .flatten(),
        );
    }
    days.sort();
    days
}

/// The holiday on `date`, if it is one.
pub fn public_holiday(date: NaiveDate) -> Option<Holiday> {
    public_holidays(date.year())
        .into_iter()
        .find(|(d, _)| *d == date)
        .map(|(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_matches_the_published_dates() {
        for (year, date) in [
            (1818, "1818-03-22"),
            (1943, "1943-04-25"),
            (2000, "2000-04-23"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ] {
            assert_eq!(easter_sunday(year), Some(d(date)), "{year}");
        }
    }

    #[test]
    fn twelve_holidays_a_year_with_the_movable_ones_in_place() {
        let days = public_holidays(2026);
        assert_eq!(days.len(), 12);
        assert_eq!(public_holiday(d("2026-04-03")), Some(Holiday::GoodFriday));
        assert_eq!(public_holiday(d("2026-04-05")), Some(Holiday::EasterSunday));
        assert_eq!(public_holiday(d("2026-05-24")), Some(Holiday::Pentecost));
        assert_eq!(
            public_holiday(d("2026-02-24")),
            Some(Holiday::IndependenceDay)
        );
        assert_eq!(public_holiday(d("2026-06-23")), Some(Holiday::VictoryDay));
        assert_eq!(
            public_holiday(d("2026-08-20")),
            Some(Holiday::RestorationOfIndependence)
        );
        assert_eq!(public_holiday(d("2026-12-24")), Some(Holiday::ChristmasEve));
        assert_eq!(public_holiday(d("2026-11-24")), None);
        assert!(days.windows(2).all(|w| w[0].0 < w[1].0), "in date order");
    }
    #[test]
    fn holidays_2026_to_2030_match_the_calendar() {
        let fixed = [
            "01-01", "02-24", "05-01", "06-23", "06-24", "08-20", "12-24", "12-25", "12-26",
        ];
        // Good Friday, Easter Sunday and Pentecost, from the published church calendar.
        let movable = [
            (2026, ["04-03", "04-05", "05-24"]),
            (2027, ["03-26", "03-28", "05-16"]),
            (2028, ["04-14", "04-16", "06-04"]),
            (2029, ["03-30", "04-01", "05-20"]),
            (2030, ["04-19", "04-21", "06-09"]),
        ];
        for (year, days) in movable {
            let mut expected: Vec<NaiveDate> = fixed
                .iter()
                .chain(days.iter())
                .map(|md| d(&format!("{year}-{md}")))
                .collect();
            expected.sort();
            let computed: Vec<NaiveDate> =
                public_holidays(year).into_iter().map(|(d, _)| d).collect();
            assert_eq!(computed, expected, "{year}");
        }
    }
}
