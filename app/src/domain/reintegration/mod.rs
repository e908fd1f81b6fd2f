//! Assisted voluntary return and reintegration: the rules of a return case, from the first
//! enquiry to the monitoring of an approved Individual Reintegration Plan. Plain functions, no
//! I/O: the pages and the database layer build on them.

mod case_form;
mod case_status;
mod contact_deadline;
mod country_office;
mod money;
mod plan;

pub use case_form::{
    DepartureForm, DeparturePlanForm, ExtensionForm, FamilyMemberForm, FirstContactForm, Relation,
    ReturnCaseForm, ValidDeparture, ValidDeparturePlan, ValidFamilyMember, ValidReturnCase,
    NOTE_MAX,
};
pub use case_status::{CaseStatus, TransitionRefused};
pub use contact_deadline::{
    contact_deadline, contact_state, ContactReminder, ContactState, WARN_DAYS,
};
pub use country_office::{CountryOfficeForm, SupplierForm, ValidCountryOffice, ValidSupplier};
pub use money::{parse_amount, to_euro_cents, Ceiling, ExchangeRate, OverBudget};
pub use plan::{
    diff, may_approve, payment_allowed, ItemCategory, ItemChange, ItemField, ItemState,
    PaymentRefused, PlanItem,
};
