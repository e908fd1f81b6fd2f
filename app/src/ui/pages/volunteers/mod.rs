//! The volunteer programmes: volunteers' own profile and matches, coordinators' list of
//! volunteers, match requests and the matching board, and each match's page.

mod detail;
mod list;
mod match_page;
mod matching;
mod my_matches;
mod parts;
mod profile;
mod request;

pub use detail::VolunteerPage;
pub use list::VolunteersPage;
pub use match_page::MatchPage;
pub use matching::MatchingPage;
pub use my_matches::MyMatchesPage;
pub use profile::VolunteerProfilePage;
pub use request::MatchRequestPage;
