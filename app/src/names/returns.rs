//! Names of what a return case records: its stages and the family members' relations.

use super::named;
use crate::domain::reintegration::{CaseStatus, Relation};

named!(CaseStatus {
    CaseStatus::Enquiry => case_enquiry,
    CaseStatus::Counselled => case_counselled,
    CaseStatus::DeparturePlanned => case_departure_planned,
    CaseStatus::Returned => case_returned,
    CaseStatus::PlanDrafted => case_plan_drafted,
    CaseStatus::SentForApproval => case_sent_for_approval,
    CaseStatus::ChangesRequested => case_changes_requested,
    CaseStatus::PlanRejected => case_plan_rejected,
    CaseStatus::Approved => case_approved,
    CaseStatus::InDelivery => case_in_delivery,
    CaseStatus::Monitoring => case_monitoring,
    CaseStatus::Closed => case_closed,
    CaseStatus::Withdrawn => case_withdrawn,
    CaseStatus::NoContact => case_no_contact,
});

named!(Relation {
    Relation::Spouse => relation_spouse,
    Relation::Child => relation_child,
    Relation::Parent => relation_parent,
    Relation::Other => relation_other,
});
