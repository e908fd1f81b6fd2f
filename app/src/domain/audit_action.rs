//! What the audit log records: every action is one code, written by the server and named in
//! the reader's language on the household history and the audit page.

string_enum! {
    /// One kind of audit-log entry: a change, a staff read of personal data, or a security event.
    AuditAction {
        AccountDeactivate => "account.deactivate",
        AccountReactivate => "account.reactivate",
        AccountEmail => "account.email",
        AccountRoles => "account.roles",
        ActivityTypeAdd => "activity_type.add",
        AssignmentCreate => "assignment.create",
        AssignmentEnd => "assignment.end",
        AssignmentExtend => "assignment.extend",
        AssignmentHandedOver => "assignment.handed_over",
        AssignmentHandoverPlan => "assignment.handover_plan",
        AssignmentReassign => "assignment.reassign",
        AuditExport => "audit.export",
        ChecklistUpdate => "checklist.update",
        ConsentRecord => "consent.record",
        ConsentWithdraw => "consent.withdraw",
        ConsultationAttendance => "consultation.attendance",
        ConsultationBook => "consultation.book",
        ConsultationCancel => "consultation.cancel",
        ConsultationMove => "consultation.move",
        ConsultationView => "consultation.view",
        ConsultationWalkIn => "consultation.walk_in",
        DayOverride => "day.override",
        FeedCreate => "feed.create",
        HouseholdCreate => "household.create",
        HouseholdErase => "household.erase",
        HouseholdExport => "household.export",
        HouseholdInviteMember => "household.invite_member",
        HouseholdUnlinkLogin => "household.unlink_login",
        HouseholdUpdate => "household.update",
        HouseholdView => "household.view",
        HouseholdsSearch => "households.search",
        IntakeClose => "intake.close",
        IntakeNote => "intake.note",
        IntakeRegister => "intake.register",
        IntakeTake => "intake.take",
        IntakeView => "intake.view",
        InviteAccept => "invite.accept",
        InviteCreate => "invite.create",
        InviteResend => "invite.resend",
        InviteRevoke => "invite.revoke",
        Login => "login",
        LoginFailed => "login.failed",
        Logout => "logout",
        MatchAccept => "match.accept",
        MatchApprove => "match.approve",
        MatchAssign => "match.assign",
        MatchClose => "match.close",
        MatchDecline => "match.decline",
        MatchReject => "match.reject",
        MatchView => "match.view",
        MatchRequestCreate => "match_request.create",
        MatchRequestView => "match_request.view",
        MatchingRun => "matching.run",
        MeetingCancel => "meeting.cancel",
        MeetingPlan => "meeting.plan",
        MeetingRecord => "meeting.record",
        MemberAdd => "member.add",
        PasswordChange => "password.change",
        PasswordChangeFailed => "password.change_failed",
        PasswordReset => "password.reset",
        PasswordResetRequest => "password.reset_request",
        ReceptionView => "reception.view",
        ReturnCaseContact => "return_case.contact",
        ReturnCaseCreate => "return_case.create",
        ReturnCaseMember => "return_case.member",
        ReturnCaseStep => "return_case.step",
        ReturnCaseUpdate => "return_case.update",
        ReturnCaseView => "return_case.view",
        CountryOfficeSave => "country_office.save",
        CountryOfficeStaff => "country_office.staff",
        ReportExport => "report.export",
        ReportView => "report.view",
        RegistrationCancel => "registration.cancel",
        RosterView => "roster.view",
        SeriesCancel => "series.cancel",
        SeriesCapacity => "series.capacity",
        SeriesCreate => "series.create",
        SessionAttendance => "session.attendance",
        SessionCancel => "session.cancel",
        SettingsCalendarHosts => "settings.calendar_hosts",
        SettingsFunder => "settings.funder",
        SupportProfileUpdate => "support_profile.update",
        VolunteerStatus => "volunteer.status",
        VolunteerTraining => "volunteer.training",
        VolunteerProfileUpdate => "volunteer_profile.update",
        ThrottledLogin => "throttled.login:email",
        ThrottledReset => "throttled.reset:client",
        ThrottledSecretLink => "throttled.secret-link:client",
        ThrottledPassword => "throttled.password:account",
        ThrottledIntake => "throttled.intake:client",
    }
}

impl AuditAction {
    /// A read of personal data (folded per person and day in a history), not a change.
    pub fn is_read(self) -> bool {
        self.code().ends_with(".view")
    }
}

string_enum! {
    /// The kind of record an audit-log entry is about.
    AuditSubject {
        Account => "account",
        ActivityType => "activity_type",
        Day => "day",
        Event => "event",
        Household => "household",
        Intake => "intake",
        Invite => "invite",
        Match => "match",
        Office => "office",
        Registration => "registration",
        Report => "report",
        ReturnCase => "return_case",
        CountryOffice => "country_office",
        Series => "series",
        Session => "session",
        Settings => "settings",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_told_from_changes() {
        assert!(AuditAction::HouseholdView.is_read());
        assert!(AuditAction::RosterView.is_read());
        assert!(!AuditAction::HouseholdUpdate.is_read());
        assert!(!AuditAction::HouseholdsSearch.is_read());
    }

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<&str> = AuditAction::ALL.iter().map(|a| a.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), AuditAction::ALL.len());
    }
}
