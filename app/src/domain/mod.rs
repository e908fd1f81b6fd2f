//! Plain Rust: the types that can only hold valid values and the rules over them.
//! Nothing here knows about Leptos, HTTP or SQL.

mod email;
mod field_errors;
mod household;
mod language;
mod office;
mod password;
pub mod role;
mod text;

pub use email::Email;
pub use field_errors::{ErrorCode, FieldError, FieldErrors, Validator};
pub use household::{
    Channel, ConsentForm, ConsentPurpose, Gender, HouseholdFilter, HouseholdForm, HouseholdStatus,
    MemberForm, NewConsent, NewHousehold, NewMember, Proficiency,
};
pub use language::{Language, Level};
pub use office::{OfficeForm, RoomForm, ValidOffice, ValidRoom};
pub use password::NewPassword;
pub use role::{access, Programme, Role, Roles};
pub use text::{parse_date, parse_optional_text, parse_required_text};
