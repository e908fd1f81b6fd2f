//! Pages and components. They call server functions, never the database.

#[cfg(feature = "hydrate")]
pub mod crash;
pub mod feedback;
pub mod footer;
pub mod form;
pub mod guard;
pub mod heading;
pub mod household_finder;
pub mod islands;
pub mod layout;
pub mod matching_text;
pub mod pager;
pub mod pages;
pub mod text;
