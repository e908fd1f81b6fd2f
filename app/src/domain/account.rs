//! Rules for managing accounts: who may invite whom, and which role or status changes would
//! lock the organisation out of Tugi.

use super::{ErrorCode, Role, Roles};

/// Whether someone with `inviter`'s roles may invite a person to `role`: admins to any role,
/// coordinators to the roles that are not staff (volunteer, facilitator, beneficiary).
pub fn may_invite(inviter: &Roles, role: Role) -> bool {
    inviter.has(Role::Admin)
        || (inviter.has(Role::Coordinator)
            && matches!(
                role,
                Role::Volunteer | Role::Facilitator | Role::Beneficiary
            ))
}

string_enum!(
    /// Where an invitation not yet accepted stands.
    InviteState { Open => "open", Expired => "expired", Revoked => "revoked" }
);

impl InviteState {
    /// A revoked invitation stays revoked; an open one expires at `expires_at` (UTC seconds).
    pub fn of(revoked: bool, expires_at: i64, now: i64) -> InviteState {
        if revoked {
            InviteState::Revoked
        } else if expires_at <= now {
            InviteState::Expired
        } else {
            InviteState::Open
        }
    }
}

/// An admin's change to an account, judged before it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountChange {
    /// The admin makes the change to their own account.
    pub own_account: bool,
    /// The account is an active admin now…
    pub admin_now: bool,
    /// …and would be one after the change.
    pub admin_after: bool,
    /// Active admins other than this account.
    pub other_active_admins: i64,
}

impl AccountChange {
    /// Refuses a change that leaves nobody to administer Tugi: an admin cannot deactivate
    /// themself or take away their own admin role, and the last active admin stays one.
    pub fn check(&self, deactivates: bool) -> Result<(), ErrorCode> {
        let loses_admin = self.admin_now && (!self.admin_after || deactivates);
        if self.own_account && (deactivates || loses_admin) {
            return Err(ErrorCode::NotYourself);
        }
        if loses_admin && self.other_active_admins == 0 {
            return Err(ErrorCode::LastAdmin);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_is_open_until_it_expires_or_is_revoked() {
        assert_eq!(InviteState::of(false, 100, 99), InviteState::Open);
        assert_eq!(InviteState::of(false, 100, 100), InviteState::Expired);
        assert_eq!(InviteState::of(true, 100, 99), InviteState::Revoked);
        assert_eq!(InviteState::of(true, 100, 200), InviteState::Revoked);
    }

    #[test]
    fn coordinators_invite_only_roles_that_are_not_staff() {
        let coordinator = Roles::new(vec![Role::Coordinator]);
        let admin = Roles::new(vec![Role::Admin]);
        for &role in Role::ALL {
            assert!(may_invite(&admin, role));
        }
        assert!(may_invite(&coordinator, Role::Volunteer));
        assert!(may_invite(&coordinator, Role::Facilitator));
        assert!(may_invite(&coordinator, Role::Beneficiary));
        assert!(!may_invite(&coordinator, Role::Admin));
        assert!(!may_invite(&coordinator, Role::Coordinator));
        assert!(!may_invite(&coordinator, Role::SupportPerson));
        let volunteer = Roles::new(vec![Role::Volunteer]);
        assert!(!may_invite(&volunteer, Role::Volunteer));
    }

    #[test]
    fn the_last_admin_and_oneself_are_protected() {
        let change = |own, now, after, others| AccountChange {
            own_account: own,
            admin_now: now,
            admin_after: after,
            other_active_admins: others,
        };
        assert_eq!(
            change(true, true, true, 3).check(true),
            Err(ErrorCode::NotYourself)
        );
        assert_eq!(
            change(true, true, false, 3).check(false),
            Err(ErrorCode::NotYourself)
        );
        assert_eq!(change(true, true, true, 0).check(false), Ok(()));
        assert_eq!(
            change(false, true, false, 0).check(false),
            Err(ErrorCode::LastAdmin)
        );
        assert_eq!(
            change(false, true, true, 0).check(true),
            Err(ErrorCode::LastAdmin)
        );
        assert_eq!(change(false, true, false, 1).check(true), Ok(()));
        assert_eq!(change(false, false, false, 0).check(true), Ok(()));
        assert_eq!(change(false, false, true, 0).check(false), Ok(()));
    }
}
