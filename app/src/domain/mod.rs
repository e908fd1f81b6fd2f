//! Plain Rust: the types that can only hold valid values and the rules over them.
//! Nothing here knows about Leptos, HTTP or SQL.

#[macro_use]
mod string_enum;
pub mod account;
mod assignment;
pub mod audit_action;
mod audit_filter;
pub mod audit_log;
mod checklist;
pub mod consultation;
pub mod contact_link;
mod data_protection;
mod email;
mod feedback;
mod field_errors;
pub mod holidays;
mod household;
pub mod ics;
pub mod intake;
mod language;
mod local_path;
pub mod matching;
mod office;
pub mod office_hours;
mod password;
pub mod reintegration;
pub mod report;
pub mod role;
pub mod schedule;
mod search_key;
mod support_person;
mod text;
pub mod workshops;

pub use intake::{HelpKind, IntakeForm, IntakeOutcome, IntakeStatus, Requester};
pub use string_enum::Code;

pub use assignment::{
    check_caseload, ending_soon, AssignForm, AssignmentStatus, EndForm, EndReason, ExtendForm,
    HandoverForm, NewAssignment, Period, ReassignForm, ValidEnd, ValidExtension, ValidHandover,
    ValidReassignment, DEFAULT_DAYS, ENDING_SOON_DAYS, MAX_DAYS, MAX_EXTENSION_DAYS, MIN_DAYS,
};
pub use audit_action::{AuditAction, AuditSubject};
pub use audit_filter::{AuditFilter, ValidAuditFilter};
pub use checklist::{
    gaps as checklist_gaps, ChecklistChange, ChecklistForm, ChecklistItem, ChecklistRowForm,
    ChecklistStatus,
};
pub use data_protection::{
    DataTable, ErasureBlockers, ExportTable, ExportValue, Retention, RetentionCutoffs,
};
pub use email::Email;
pub use feedback::{with_done, Done};
pub use field_errors::{ErrorCode, FieldError, FieldErrors, Validator};
pub use household::{
    parse_phone, Channel, ConsentForm, ConsentPurpose, Gender, HouseholdFilter, HouseholdForm,
    HouseholdStatus, MemberForm, NewConsent, NewHousehold, NewMember,
};
pub use language::{parse_language_rows, InterfaceLanguage, Language, Level, Proficiency};
pub use local_path::{encode_query_value, search_url, LocalPath};
pub use office::{OfficeForm, RoomForm, ValidOffice, ValidRoom};
pub use password::NewPassword;
pub use role::{access, Programme, Role, Roles};
pub use search_key::search_key;
pub use support_person::{
    rank_candidates, Candidate, CandidateNote, RankedCandidate, SupportProfile, SupportProfileForm,
    SupportStatus,
};
pub use text::{
    parse_choice, parse_date, parse_number, parse_optional_text, parse_past_date,
    parse_required_text, ticked,
};
