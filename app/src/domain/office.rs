//! Offices (the Tallinn and Tartu receptions) and their rooms, as an admin edits them.

use super::{parse_optional_text, parse_required_text, ErrorCode, FieldErrors, Validator};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OfficeForm {
    pub name: String,
    pub address: String,
    pub city: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidOffice {
    pub name: String,
    pub address: String,
    pub city: String,
}

impl ValidOffice {
    /// A stable code for a new office, from its name: lower-case ASCII letters and digits
    /// joined by dashes (`Tartu vastuvõtt` → `tartu-vastuv-tt`), `office` when nothing is left.
    pub fn code(&self) -> String {
        let mut code = String::new();
        for c in self.name.chars() {
            if c.is_ascii_alphanumeric() {
                code.push(c.to_ascii_lowercase());
            } else if !code.ends_with('-') && !code.is_empty() {
                code.push('-');
            }
        }
        let code = code.trim_end_matches('-').to_string();
        if code.is_empty() {
            "office".into()
        } else {
            code
        }
    }
}

impl OfficeForm {
    pub fn parse(&self) -> Result<ValidOffice, FieldErrors> {
        let mut v = Validator::new();
        let name = v.check("name", parse_required_text(&self.name, 80));
        let address = v.check("address", parse_required_text(&self.address, 200));
        let city = v.check("city", parse_required_text(&self.city, 80));
        v.finish(|| {
            Some(ValidOffice {
                name: name?,
                address: address?,
                city: city?,
            })
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoomForm {
    pub name: String,
    pub capacity: String,
    /// Step-free access, a lift, a hearing loop: what a visitor may need to know.
    pub accessibility: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidRoom {
    pub name: String,
    pub capacity: i64,
    pub accessibility: String,
}

impl RoomForm {
    pub const MAX_CAPACITY: i64 = 500;

    pub fn parse(&self) -> Result<ValidRoom, FieldErrors> {
        let mut v = Validator::new();
        let name = v.check("name", parse_required_text(&self.name, 80));
        let capacity = v.check(
            "capacity",
            match self.capacity.trim() {
                "" => Err(ErrorCode::Required),
                text => match text.parse::<i64>() {
                    Ok(n) if (1..=Self::MAX_CAPACITY).contains(&n) => Ok(n),
                    _ => Err(ErrorCode::NumberOutOfRange {
                        min: 1,
                        max: Self::MAX_CAPACITY,
                    }),
                },
            },
        );
        let accessibility = v.check(
            "accessibility",
            parse_optional_text(&self.accessibility, 300).map(Option::unwrap_or_default),
        );
        v.finish(|| {
            Some(ValidRoom {
                name: name?,
                capacity: capacity?,
                accessibility: accessibility?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_needs_name_and_address() {
        let errors = OfficeForm::default().parse().unwrap_err();
        assert_eq!(errors.get("name"), Some(ErrorCode::Required));
        assert_eq!(errors.get("address"), Some(ErrorCode::Required));
        assert_eq!(errors.get("city"), Some(ErrorCode::Required));
    }

    #[test]
    fn office_codes_come_from_the_name() {
        let office = |name: &str| ValidOffice {
            name: name.into(),
            address: "Riia 15".into(),
            city: "Tartu".into(),
        };
        assert_eq!(office("Tartu").code(), "tartu");
        assert_eq!(office("  Tartu vastuvõtt 2 ").code(), "tartu-vastuv-tt-2");
        assert_eq!(office("Нарва").code(), "office");
    }

    #[test]
    fn room_capacity_is_bounded() {
        let room = |c: &str| RoomForm {
            name: "Room 1".into(),
            capacity: c.into(),
            accessibility: String::new(),
        };
        assert_eq!(room("12").parse().unwrap().capacity, 12);
        for bad in ["0", "501", "-3", "twelve"] {
            assert_eq!(
                room(bad).parse().unwrap_err().get("capacity"),
                Some(ErrorCode::NumberOutOfRange { min: 1, max: 500 }),
                "{bad}"
            );
        }
    }
}
