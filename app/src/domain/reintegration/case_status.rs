//! Where a return case stands, and which steps lead on from each stage.

string_enum!(
    /// The stage of a return case. Every change is audited with who and when.
    CaseStatus {
        Enquiry => "enquiry",
        Counselled => "counselled",
        DeparturePlanned => "departure_planned",
        Returned => "returned",
        PlanDrafted => "plan_drafted",
        SentForApproval => "sent_for_approval",
        ChangesRequested => "changes_requested",
        PlanRejected => "plan_rejected",
        Approved => "approved",
        InDelivery => "in_delivery",
        Monitoring => "monitoring",
        Closed => "closed",
        Withdrawn => "withdrawn",
        NoContact => "no_contact",
    }
);

/// A step the case's stage does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransitionRefused {
    pub from: CaseStatus,
    pub to: CaseStatus,
}

impl CaseStatus {
    /// The stages reachable in one step from this one.
    pub fn next(self) -> &'static [CaseStatus] {
        use CaseStatus::*;
        match self {
            Enquiry => &[Counselled, Withdrawn],
            Counselled => &[DeparturePlanned, Withdrawn],
            // A departure that falls through goes back to counselling.
            DeparturePlanned => &[Returned, Counselled, Withdrawn],
            // Without a first contact by the deadline (and no extension) the case closes as
            // "no contact".
            Returned => &[PlanDrafted, Withdrawn, NoContact],
            PlanDrafted => &[SentForApproval, Withdrawn],
            SentForApproval => &[Approved, ChangesRequested, PlanRejected],
            ChangesRequested => &[SentForApproval, Withdrawn],
            // A rejected plan may be drawn up anew, or the case ends.
            PlanRejected => &[PlanDrafted, Closed, Withdrawn],
            Approved => &[InDelivery],
            InDelivery => &[Monitoring],
            Monitoring => &[Closed],
            Closed | Withdrawn | NoContact => &[],
        }
    }

    /// Moves the case on, or says why not.
    pub fn move_to(self, to: CaseStatus) -> Result<CaseStatus, TransitionRefused> {
        if self.next().contains(&to) {
            Ok(to)
        } else {
            Err(TransitionRefused { from: self, to })
        }
    }

    /// Whether the case has ended.
    pub fn is_final(self) -> bool {
        self.next().is_empty()
    }

    /// Whether the plan can still be changed by the country office.
    pub fn plan_editable(self) -> bool {
        matches!(
            self,
            CaseStatus::Returned | CaseStatus::PlanDrafted | CaseStatus::ChangesRequested
        )
    }
}

#[cfg(test)]
mod tests {
    use super::CaseStatus::{self, *};

    /// Every allowed step, written out once more by hand.
    const ALLOWED: &[(CaseStatus, CaseStatus)] = &[
        (Enquiry, Counselled),
        (Enquiry, Withdrawn),
        (Counselled, DeparturePlanned),
        (Counselled, Withdrawn),
        (DeparturePlanned, Returned),
        (DeparturePlanned, Counselled),
        (DeparturePlanned, Withdrawn),
        (Returned, PlanDrafted),
        (Returned, Withdrawn),
        (Returned, NoContact),
        (PlanDrafted, SentForApproval),
        (PlanDrafted, Withdrawn),
        (SentForApproval, Approved),
        (SentForApproval, ChangesRequested),
        (SentForApproval, PlanRejected),
        (ChangesRequested, SentForApproval),
        (ChangesRequested, Withdrawn),
        (PlanRejected, PlanDrafted),
        (PlanRejected, Closed),
        (PlanRejected, Withdrawn),
        (Approved, InDelivery),
        (InDelivery, Monitoring),
        (Monitoring, Closed),
    ];

    #[test]
    fn every_step_is_allowed_or_refused_as_the_process_says() {
        for &from in CaseStatus::ALL {
            for &to in CaseStatus::ALL {
                let expected = ALLOWED.contains(&(from, to));
                assert_eq!(from.move_to(to).is_ok(), expected, "{from:?} → {to:?}");
                if !expected {
                    let refused = from.move_to(to).unwrap_err();
                    assert_eq!((refused.from, refused.to), (from, to));
                }
            }
        }
    }

    #[test]
    fn a_case_ends_only_as_closed_withdrawn_or_without_contact() {
        let ended: Vec<_> = CaseStatus::ALL.iter().filter(|s| s.is_final()).collect();
        assert_eq!(ended, [&Closed, &Withdrawn, &NoContact]);
    }

    #[test]
    fn approval_is_reached_only_through_sending() {
        for &from in CaseStatus::ALL {
            assert_eq!(from.move_to(Approved).is_ok(), from == SentForApproval);
        }
    }

    #[test]
    fn only_a_plan_not_yet_sent_or_sent_back_can_change() {
        let editable: Vec<_> = CaseStatus::ALL
            .iter()
            .filter(|s| s.plan_editable())
            .collect();
        assert_eq!(editable, [&Returned, &PlanDrafted, &ChangesRequested]);
    }

    #[test]
    fn codes_read_back() {
        for &status in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(status.code()), Some(status));
        }
        assert_eq!(CaseStatus::parse("approved "), None);
    }
}
