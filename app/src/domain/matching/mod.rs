//! Volunteer matching: the hard rules and soft criteria of a pair, and the engine that finds
//! the best assignment of open requests to volunteers under every volunteer's capacity.

mod engine;
mod flow;
mod forms;
mod rules;
#[cfg(any(test, feature = "bench"))]
pub mod sample;
mod window;

pub use engine::{candidates, explain, propose, Outcome, Proposal, Unmatched};
pub use flow::{best_assignment, Edge};
pub use forms::{
    is_quiet, parse_capacity, parse_feedback, parse_reason, parse_status, parse_times, rule_broken,
    AvailabilityForm, CheckInForm, CloseForm, CloseReason, MatchRequestForm, MatchStatus,
    NewCheckIn, NewMatchRequest, RequestStatus, TimeOfWeek, TrainingForm, VolunteerProfile,
    VolunteerProfileForm, CHECK_IN_MINUTES, MAX_CAPACITY, MIN_CAPACITY, QUIET_DAYS,
};
pub use rules::{
    evaluate, passes, required_training, score, BuiltinTraining, Criterion, HardRule, Meeting,
    Need, Score, Volunteer, VolunteerStatus, AVAILABILITY_MAX, AVAILABILITY_PER_HOUR, BASE,
    COACHING_TRAINING, PEER_COUNSELLING_TRAINING, SAME_CITY, SAME_COUNTRY, SAME_FIELD,
    SHARED_FIRST_LANGUAGE, WAITING_MAX,
};
pub use window::{
    busy_horizon, busy_within, merged, overlap_minutes, regular_busy, without, Window,
};
