//! The roles an account can hold; one account may hold several.

use serde::{Deserialize, Serialize};

string_enum!(
    /// The roles an account can hold, in the order forms list them.
    Role {
        Admin => "admin",
        Coordinator => "coordinator",
        SupportPerson => "support_person",
        Volunteer => "volunteer",
        Facilitator => "facilitator",
        Beneficiary => "beneficiary",
        ReturnCounsellor => "return_counsellor",
        Approver => "approver",
        PartnerCaseworker => "partner_caseworker",
    }
);

/// The set of roles one account holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn new(mut roles: Vec<Role>) -> Self {
        roles.sort();
        roles.dedup();
        Roles(roles)
    }

    /// The roles a form ticked.
    pub fn ticked(is_ticked: impl Fn(Role) -> bool) -> Self {
        Roles::new(
            Role::ALL
                .iter()
                .copied()
                .filter(|r| is_ticked(*r))
                .collect(),
        )
    }

    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn has_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.has(*r))
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

string_enum!(
    /// The four volunteer programmes.
    Programme {
        AdaptationMentor => "adaptation_mentor",
        PeerCounsellor => "peer_counsellor",
        LanguagePartner => "language_partner",
        JobMentor => "job_mentor",
    }
);

/// Who may do what. Deny by default: every area lists the roles it admits.
pub mod access {
    use super::Role;

    pub const HOUSEHOLDS: &[Role] = &[Role::Coordinator];
    /// The inbox of the public contact form, where households come in.
    pub const INTAKE: &[Role] = &[Role::Coordinator];
    /// The delivery report for the funder.
    pub const REPORTS: &[Role] = &[Role::Coordinator, Role::Admin];
    pub const ADMIN: &[Role] = &[Role::Admin];
    /// Coordinators manage every assignment; support persons only their own.
    pub const ASSIGNMENTS: &[Role] = &[Role::Coordinator, Role::SupportPerson];
    pub const SUPPORT_PERSON: &[Role] = &[Role::SupportPerson];
    pub const BENEFICIARY: &[Role] = &[Role::Beneficiary];
    /// Coordinators run the receptions and publish their office hours.
    pub const RECEPTION: &[Role] = &[Role::Coordinator];
    /// Who may book a consultation: a coordinator for anyone, a support person for their
    /// households, a beneficiary for their own.
    pub const CONSULTATIONS: &[Role] = &[Role::Coordinator, Role::SupportPerson, Role::Beneficiary];
    /// Office hours: coordinators their own, admins the opening of dates.
    pub const OFFICE_HOURS: &[Role] = &[Role::Coordinator, Role::Admin];
    /// A volunteer's own profile and matches.
    pub const VOLUNTEER: &[Role] = &[Role::Volunteer];
    /// Coordinators run matching and manage volunteers; admins see them to define trainings.
    pub const MATCHING: &[Role] = &[Role::Coordinator];
    pub const VOLUNTEERS: &[Role] = &[Role::Coordinator, Role::Admin];
    /// Who may ask for a volunteer: a coordinator for anyone, a support person for their
    /// households.
    pub const MATCH_REQUESTS: &[Role] = &[Role::Coordinator, Role::SupportPerson];
    /// Beneficiaries sign up their household; coordinators and support persons on their behalf.
    pub const WORKSHOP_SIGN_UP: &[Role] =
        &[Role::Beneficiary, Role::Coordinator, Role::SupportPerson];
    /// Fill rates, rosters and attendance: coordinators for every series, facilitators for theirs.
    pub const WORKSHOP_STAFF: &[Role] = &[Role::Coordinator, Role::Facilitator];
    pub const ACTIVITY_TYPES: &[Role] = &[Role::Admin];
    /// The workshop overview: the staff above, and admins (who add activity types there).
    pub const WORKSHOP_BOARD: &[Role] = &[Role::Coordinator, Role::Facilitator, Role::Admin];
    /// Who may import the busy times of their own calendar: whoever can be booked or matched.
    pub const BUSY_IMPORT: &[Role] = &[
        Role::Volunteer,
        Role::SupportPerson,
        Role::Coordinator,
        Role::Facilitator,
    ];
    /// Office calendars with their consultations.
    pub const OFFICE_CALENDAR: &[Role] = &[Role::Coordinator, Role::Admin];
    /// Who may invite people (admins to any role, coordinators to the roles that are not staff).
    pub const INVITE: &[Role] = &[Role::Admin, Role::Coordinator];
    /// Who may give a household member a login: coordinators, and the household's support
    /// person while the assignment is open.
    pub const MEMBER_LOGINS: &[Role] = &[Role::Coordinator, Role::SupportPerson];
    /// The list of future events whose owner's account was deactivated.
    pub const NEEDS_OWNER: &[Role] = &[Role::Coordinator, Role::Admin];
    /// Return cases: counsellors and approvers see every case, partner caseworkers only those
    /// sent to their country office.
    pub const RETURN_CASES: &[Role] = &[
        Role::ReturnCounsellor,
        Role::Approver,
        Role::PartnerCaseworker,
    ];
    /// Counsellors open cases and see them through to departure.
    pub const RETURN_COUNSELLING: &[Role] = &[Role::ReturnCounsellor];
    /// The directory of country offices: kept by counsellors and admins, read by return staff.
    pub const COUNTRY_OFFICES: &[Role] = &[
        Role::ReturnCounsellor,
        Role::Approver,
        Role::PartnerCaseworker,
        Role::Admin,
    ];
    pub const COUNTRY_OFFICE_EDIT: &[Role] = &[Role::ReturnCounsellor, Role::Admin];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn programme_codes_round_trip() {
        for &p in Programme::ALL {
            assert_eq!(Programme::parse(p.code()), Some(p));
        }
        assert_eq!(Programme::parse("mentor"), None);
    }

    #[test]
    fn roles_are_a_set() {
        let roles = Roles::new(vec![Role::Volunteer, Role::Facilitator, Role::Volunteer]);
        assert_eq!(roles.iter().count(), 2);
        assert!(roles.has(Role::Facilitator));
        assert!(!roles.has_any(access::HOUSEHOLDS));
        assert!(Roles::new(vec![Role::Coordinator]).has_any(access::HOUSEHOLDS));
    }
}
