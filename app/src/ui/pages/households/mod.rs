//! The household registry: list with search, registration, the household's page, editing.

mod data;
mod edit;
pub(crate) mod fields;
mod list;
mod new;
mod view;

pub use data::{HouseholdDataPage, MyDataPage};
pub use edit::EditHouseholdPage;
pub use list::HouseholdListPage;
pub use new::NewHouseholdPage;
pub use view::HouseholdPage;
