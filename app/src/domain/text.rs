//! Parsing of free text and dates as they arrive from forms.

use super::ErrorCode;
use chrono::NaiveDate;

/// A ticked checkbox, as browsers (`on`) and clients (`true`, `1`) send it.
pub fn ticked(value: &str) -> bool {
    matches!(value.trim(), "on" | "true" | "1")
}

/// A whole number in `min..=max`; empty means `default` (or is required without one).
pub fn parse_number(
    value: &str,
    default: Option<i64>,
    min: i64,
    max: i64,
) -> Result<i64, ErrorCode> {
    let v = value.trim();
    if v.is_empty() {
        return default.ok_or(ErrorCode::Required);
    }
    v.parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or(ErrorCode::NumberOutOfRange { min, max })
}

/// Trimmed, non-empty, at most `max` characters.
pub fn parse_required_text(value: &str, max: usize) -> Result<String, ErrorCode> {
    match parse_optional_text(value, max)? {
        Some(text) => Ok(text),
        None => Err(ErrorCode::Required),
    }
}

/// Trimmed; empty becomes `None`; at most `max` characters.
pub fn parse_optional_text(value: &str, max: usize) -> Result<Option<String>, ErrorCode> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.chars().count() > max {
        return Err(ErrorCode::TooLong { max });
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(ErrorCode::InvalidChoice);
    }
    Ok(Some(trimmed.to_string()))
}

/// A date as people type it: `2026-12-31` (ISO, what `<input type="date">` sends), `31.12.2026`
/// (Estonian, Russian, Ukrainian) or `31/12/2026`; from 1900 on.
pub fn parse_date(value: &str) -> Result<NaiveDate, ErrorCode> {
    let trimmed = value.trim().trim_end_matches('.');
    if trimmed.is_empty() {
        return Err(ErrorCode::Required);
    }
    let date = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|format| {
            NaiveDate::parse_from_str(trimmed, format)
                .ok()
                // Two-digit years would be read as the first century.
                .filter(|_| trimmed.split(['-', '.', '/']).any(|part| part.len() == 4))
        })
        .ok_or(ErrorCode::InvalidDate)?;
    if date < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) {
        return Err(ErrorCode::DateTooEarly);
    }
    Ok(date)
}

/// One of the codes `parse` knows; empty is `Required`.
pub fn parse_choice<T>(value: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, ErrorCode> {
    if value.trim().is_empty() {
        return Err(ErrorCode::Required);
    }
    parse(value.trim()).ok_or(ErrorCode::InvalidChoice)
}

/// A date no later than `today`.
pub fn parse_past_date(value: &str, today: NaiveDate) -> Result<NaiveDate, ErrorCode> {
    let date = parse_date(value)?;
    if date > today {
        return Err(ErrorCode::DateInFuture);
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed_and_bounded() {
        assert_eq!(parse_required_text("  Olena ", 10), Ok("Olena".into()));
        assert_eq!(parse_required_text("   ", 10), Err(ErrorCode::Required));
        assert_eq!(
            parse_required_text("ааааааааааа", 10),
            Err(ErrorCode::TooLong { max: 10 })
        );
        // Counted in characters, not bytes.
        assert_eq!(
            parse_required_text("аааааааааа", 10),
            Ok("аааааааааа".into())
        );
    }

    #[test]
    fn control_characters_are_refused() {
        assert!(parse_optional_text("a\u{0}b", 10).is_err());
        assert_eq!(parse_optional_text("a\nb", 10), Ok(Some("a\nb".into())));
    }

    #[test]
    fn dates_parse_as_people_type_them() {
        let day = Ok(NaiveDate::from_ymd_opt(2026, 3, 29).unwrap());
        for typed in [
            "2026-03-29",
            "29.03.2026",
            "29.3.2026",
            " 29.03.2026. ",
            "29/03/2026",
        ] {
            assert_eq!(parse_date(typed), day, "{typed}");
        }
        assert_eq!(parse_date("29.03.26"), Err(ErrorCode::InvalidDate));
        assert_eq!(parse_date("03/29/2026"), Err(ErrorCode::InvalidDate));
        assert_eq!(parse_date("31.02.2026"), Err(ErrorCode::InvalidDate));
        assert_eq!(parse_date("2026-02-30"), Err(ErrorCode::InvalidDate));
        assert_eq!(parse_date(""), Err(ErrorCode::Required));
        assert_eq!(parse_date("1850-01-01"), Err(ErrorCode::DateTooEarly));
    }
}
