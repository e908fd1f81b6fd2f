//! Assisted voluntary return and reintegration: the cases, one case, the country offices and
//! the contact sheet a returnee takes home.

mod case;
mod cases;
mod contact_sheet;
mod offices;

pub use case::ReturnCasePage;
pub use cases::{NewReturnCasePage, ReturnCasesPage};
pub use contact_sheet::ContactSheetPage;
pub use offices::{CountryOfficePage, CountryOfficesPage};
