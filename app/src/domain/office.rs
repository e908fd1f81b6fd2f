//! Offices (the Tallinn and Tartu receptions) and their rooms, as an admin edits them.

use super::{parse_required_text, ErrorCode, FieldErrors, Validator};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OfficeForm {
    pub name: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidOffice {
    pub name: String,
    pub address: String,
}

impl OfficeForm {
    pub fn parse(&self) -> Result<ValidOffice, FieldErrors> {
        let mut v = Validator::new();
        let name = v.check("name", parse_required_text(&self.name, 80));
        let address = v.check("address", parse_required_text(&self.address, 200));
        v.finish(|| {
            Some(ValidOffice {
                name: name?,
                address: address?,
            })
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoomForm {
    pub name: String,
    pub capacity: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidRoom {
    pub name: String,
    pub capacity: i64,
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
        v.finish(|| {
            Some(ValidRoom {
                name: name?,
                capacity: capacity?,
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
    }

    #[test]
    fn room_capacity_is_bounded() {
        let room = |c: &str| RoomForm {
            name: "Room 1".into(),
            capacity: c.into(),
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
