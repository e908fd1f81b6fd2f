//! Amounts of a reintegration plan: in hundredths (cents, tetri, kopiykas), in the local currency
//! and in euro, converted at a recorded rate; and the budget ceiling a plan must stay within.

/// Parses an amount as people type it: `1234`, `1234.5`, `1 234,50`, `1234,5` → hundredths.
/// At most two decimals; no sign; at most 10 million.
pub fn parse_amount(text: &str) -> Option<i64> {
    let compact: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let (whole, fraction) = match compact.split_once([',', '.']) {
        Some((_, "")) => return None,
        Some((whole, fraction)) => (whole, fraction),
        None => (compact.as_str(), ""),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || fraction.len() > 2 || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    let whole: i64 = whole.parse().ok().filter(|w| *w <= 10_000_000)?;
    let fraction: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    Some(whole * 100 + fraction)
}

/// Local currency units for one euro, in millionths (GEL 3.1245 → 3_124_500). The plan records
/// it with the day it was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExchangeRate {
    pub per_euro_millionths: i64,
}

impl ExchangeRate {
    /// Parses a rate typed like an amount, with up to six decimals; it must be positive.
    pub fn parse(text: &str) -> Option<ExchangeRate> {
        let text = text.trim().replace(',', ".");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 6 {
            return None;
        }
        let whole: i64 = whole.parse().ok().filter(|w| *w <= 1_000_000)?;
        let fraction: i64 = format!("{fraction:0<6}").parse().ok()?;
        let per_euro_millionths = whole * 1_000_000 + fraction;
        (per_euro_millionths > 0).then_some(ExchangeRate {
            per_euro_millionths,
        })
    }
}

/// A local amount in euro cents at `rate`, rounded half up.
pub fn to_euro_cents(local_hundredths: i64, rate: ExchangeRate) -> i64 {
    let rate = i128::from(rate.per_euro_millionths);
    let scaled = i128::from(local_hundredths) * 1_000_000;
    i64::try_from((scaled + rate / 2) / rate).unwrap_or(i64::MAX)
}

/// The most a case's plan may cost, in euro cents: the programme's amount per returnee, plus a
/// supplement for each family member returning with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ceiling {
    pub per_case_cents: i64,
    pub per_family_member_cents: i64,
}

/// A plan costing more than its ceiling, by `over_cents`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverBudget {
    pub ceiling_cents: i64,
    pub total_cents: i64,
    pub over_cents: i64,
}

impl Ceiling {
    /// The ceiling for a case with `family_members` returning besides the returnee.
    pub fn for_family(self, family_members: u32) -> i64 {
        self.per_case_cents.saturating_add(
            self.per_family_member_cents
                .saturating_mul(family_members.into()),
        )
    }

    /// The plan's total in euro cents when it stays within the ceiling.
    pub fn check(self, family_members: u32, items_cents: &[i64]) -> Result<i64, OverBudget> {
        let ceiling_cents = self.for_family(family_members);
        let total_cents = items_cents
            .iter()
            .fold(0_i64, |sum, item| sum.saturating_add(*item));
        if total_cents > ceiling_cents {
            Err(OverBudget {
                ceiling_cents,
                total_cents,
                over_cents: total_cents - ceiling_cents,
            })
        } else {
            Ok(total_cents)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whole euros in cents.
    const fn eur(whole: i64) -> i64 {
        whole * 100
    }

    #[test]
    fn amounts_as_people_type_them() {
        assert_eq!(parse_amount("1234"), Some(123_400));
        assert_eq!(parse_amount("1 234,50"), Some(123_450));
        assert_eq!(parse_amount("1234.5"), Some(123_450));
        assert_eq!(parse_amount("0,07"), Some(7));
        assert_eq!(parse_amount(" 2\u{a0}000 "), Some(200_000));
        for bad in [
            "", "-5", "1,234.5", "12,345", "abc", "1e3", ",5", "5,", "10000001",
        ] {
            assert_eq!(parse_amount(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn rates_with_up_to_six_decimals() {
        let gel = ExchangeRate::parse("3,1245").unwrap();
        assert_eq!(gel.per_euro_millionths, 3_124_500);
        assert_eq!(
            ExchangeRate::parse("45.123456")
                .unwrap()
                .per_euro_millionths,
            45_123_456
        );
        for bad in ["0", "0.000000", "-1", "1.1234567", "", "x"] {
            assert_eq!(ExchangeRate::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn local_amounts_in_euro() {
        let gel = ExchangeRate::parse("3.1245").unwrap();
        // 1,000.00 GEL = 320.05 EUR (320.0512…).
        assert_eq!(to_euro_cents(100_000, gel), 32_005);
        let uah = ExchangeRate::parse("48.5").unwrap();
        // 2,425.00 UAH = 50.00 EUR exactly; 0.24 UAH rounds to 0 cents, 0.25 to 1.
        assert_eq!(to_euro_cents(242_500, uah), 5_000);
        assert_eq!(to_euro_cents(24, uah), 0);
        assert_eq!(to_euro_cents(25, uah), 1);
        let euro = ExchangeRate::parse("1").unwrap();
        assert_eq!(to_euro_cents(123_456, euro), 123_456);
    }

    #[test]
    fn the_family_supplement_raises_the_ceiling() {
        let ceiling = Ceiling {
            per_case_cents: eur(2_000),
            per_family_member_cents: eur(500),
        };
        assert_eq!(ceiling.for_family(0), eur(2_000));
        assert_eq!(ceiling.for_family(3), eur(3_500));
        assert_eq!(ceiling.check(3, &[eur(2_000), eur(1_500)]), Ok(eur(3_500)));
        assert_eq!(
            ceiling.check(2, &[eur(2_000), eur(1_000), 1]),
            Err(OverBudget {
                ceiling_cents: eur(3_000),
                total_cents: 300_001,
                over_cents: 1,
            })
        );
    }

    #[test]
    fn a_plan_in_lari_checked_in_euro() {
        let ceiling = Ceiling {
            per_case_cents: eur(1_500),
            per_family_member_cents: eur(300),
        };
        let gel = ExchangeRate::parse("3.1245").unwrap();
        // A hairdressing kit of 4,000 GEL (1,280.20 EUR) and a course of 1,500 GEL (480.08 EUR)
        // for a mother and one child: ceiling 1,800 EUR.
        let items = [to_euro_cents(400_000, gel), to_euro_cents(150_000, gel)];
        assert_eq!(items, [128_020, 48_008]);
        assert_eq!(ceiling.check(1, &items), Ok(176_028));
        assert_eq!(ceiling.check(0, &items).unwrap_err().over_cents, 26_028);
    }
}
