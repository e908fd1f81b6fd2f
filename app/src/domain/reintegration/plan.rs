//! The items of an Individual Reintegration Plan, how one version differs from the one before,
//! and the rules of approval and payment.

use chrono::NaiveDate;

string_enum!(
    /// What a plan item pays for.
    ItemCategory {
        SmallBusiness => "small_business",
        Education => "education",
        VocationalTraining => "vocational_training",
        JobPlacement => "job_placement",
        BasicNeeds => "basic_needs",
        TemporaryAccommodation => "temporary_accommodation",
        LegalAid => "legal_aid",
        MedicalAid => "medical_aid",
    }
);

/// One item of a plan version. `key` stays the same for the item across versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem {
    pub key: i64,
    pub category: ItemCategory,
    pub description: String,
    pub supplier: Option<String>,
    /// Hundredths of the local currency.
    pub local_amount: i64,
    pub currency: String,
    pub euro_cents: i64,
    pub planned_delivery: Option<NaiveDate>,
}

/// A field of an item that changed between versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemField {
    Category,
    Description,
    Supplier,
    Amount,
    PlannedDelivery,
}

/// How an item changed from the previous version to this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemChange {
    Added(PlanItem),
    Removed(PlanItem),
    Changed {
        before: PlanItem,
        after: PlanItem,
        fields: Vec<ItemField>,
    },
}

/// What the approver sees: the items added, removed or changed, in the order of the new version
/// (removed ones where they stood in the old one, at the end).
pub fn diff(before: &[PlanItem], after: &[PlanItem]) -> Vec<ItemChange> {
    let mut changes = Vec::new();
    for item in after {
        match before.iter().find(|old| old.key == item.key) {
            None => changes.push(ItemChange::Added(item.clone())),
            Some(old) => {
                let fields = changed_fields(old, item);
                if !fields.is_empty() {
                    changes.push(ItemChange::Changed {
                        before: old.clone(),
                        after: item.clone(),
                        fields,
                    });
                }
            }
        }
    }
    for old in before {
        if !after.iter().any(|item| item.key == old.key) {
            changes.push(ItemChange::Removed(old.clone()));
        }
    }
    changes
}

fn changed_fields(before: &PlanItem, after: &PlanItem) -> Vec<ItemField> {
    let mut fields = Vec::new();
    if before.category != after.category {
        fields.push(ItemField::Category);
    }
    if before.description != after.description {
        fields.push(ItemField::Description);
    }
    if before.supplier != after.supplier {
        fields.push(ItemField::Supplier);
    }
    if (before.local_amount, &before.currency, before.euro_cents)
        != (after.local_amount, &after.currency, after.euro_cents)
    {
        fields.push(ItemField::Amount);
    }
    if before.planned_delivery != after.planned_delivery {
        fields.push(ItemField::PlannedDelivery);
    }
    fields
}

/// Four eyes: whoever drafted or sent the version cannot approve it.
pub fn may_approve(approver: i64, drafted_by: i64, sent_by: i64) -> bool {
    approver != drafted_by && approver != sent_by
}

/// Why a payment cannot be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentRefused {
    /// Zero or less.
    NotPositive,
    /// More than what is left to pay of the item, by this much.
    MoreThanItem { over: i64 },
    /// The plan version is not approved.
    NotApproved,
}

/// A payment of `amount` (hundredths of the local currency) towards an item of `item_amount`
/// of which `paid` is paid already.
pub fn payment_allowed(
    approved: bool,
    item_amount: i64,
    paid: i64,
    amount: i64,
) -> Result<(), PaymentRefused> {
    if !approved {
        return Err(PaymentRefused::NotApproved);
    }
    if amount <= 0 {
        return Err(PaymentRefused::NotPositive);
    }
    let over = paid.saturating_add(amount).saturating_sub(item_amount);
    if over > 0 {
        return Err(PaymentRefused::MoreThanItem { over });
    }
    Ok(())
}

/// Where an item of an approved plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    Planned,
    PartlyPaid,
    /// Paid in full to its supplier, not yet acknowledged by the returnee.
    Paid,
    /// Acknowledged by the returnee, not yet paid in full.
    Received,
    /// Paid and acknowledged.
    Delivered,
}

impl ItemState {
    pub fn of(item_amount: i64, paid: i64, acknowledged: bool) -> ItemState {
        match (paid >= item_amount, paid > 0, acknowledged) {
            (true, _, true) => ItemState::Delivered,
            (true, _, false) => ItemState::Paid,
            (false, _, true) => ItemState::Received,
            (false, true, false) => ItemState::PartlyPaid,
            (false, false, false) => ItemState::Planned,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: i64, description: &str, amount: i64) -> PlanItem {
        PlanItem {
            key,
            category: ItemCategory::SmallBusiness,
            description: description.into(),
            supplier: Some("Tbilisi Beauty Supply".into()),
            local_amount: amount,
            currency: "GEL".into(),
            euro_cents: amount * 10 / 31,
            planned_delivery: "2027-03-01".parse().ok(),
        }
    }

    #[test]
    fn the_diff_names_added_removed_and_changed_items() {
        let before = vec![
            item(1, "Hairdressing chair", 150_000),
            item(2, "Dryers", 80_000),
        ];
        let mut chair = item(1, "Hairdressing chair and mirror", 180_000);
        chair.planned_delivery = "2027-03-15".parse().ok();
        let course = PlanItem {
            category: ItemCategory::VocationalTraining,
            ..item(3, "Colouring course", 60_000)
        };
        let after = vec![chair.clone(), course.clone()];
        assert_eq!(
            diff(&before, &after),
            vec![
                ItemChange::Changed {
                    before: before[0].clone(),
                    after: chair,
                    fields: vec![
                        ItemField::Description,
                        ItemField::Amount,
                        ItemField::PlannedDelivery
                    ],
                },
                ItemChange::Added(course),
                ItemChange::Removed(before[1].clone()),
            ]
        );
    }

    #[test]
    fn an_unchanged_version_has_no_diff() {
        let items = vec![item(1, "Chair", 1), item(2, "Dryer", 2)];
        assert!(diff(&items, &items).is_empty());
        assert!(diff(&[], &[]).is_empty());
        assert_eq!(diff(&[], &items).len(), 2);
    }

    #[test]
    fn a_new_supplier_alone_is_a_change() {
        let before = item(1, "Chair", 1);
        let after = PlanItem {
            supplier: None,
            ..before.clone()
        };
        assert_eq!(
            diff(std::slice::from_ref(&before), std::slice::from_ref(&after)),
            vec![ItemChange::Changed {
                before,
                after,
                fields: vec![ItemField::Supplier]
            }]
        );
    }

    #[test]
    fn four_eyes() {
        assert!(may_approve(3, 1, 2));
        assert!(!may_approve(1, 1, 2));
        assert!(!may_approve(2, 1, 2));
    }

    #[test]
    fn payments_up_to_the_items_amount() {
        assert_eq!(payment_allowed(true, 100_000, 0, 40_000), Ok(()));
        assert_eq!(payment_allowed(true, 100_000, 60_000, 40_000), Ok(()));
        assert_eq!(
            payment_allowed(true, 100_000, 60_000, 40_001),
            Err(PaymentRefused::MoreThanItem { over: 1 })
        );
        assert_eq!(
            payment_allowed(true, 100_000, 0, 0),
            Err(PaymentRefused::NotPositive)
        );
        assert_eq!(
            payment_allowed(false, 100_000, 0, 1),
            Err(PaymentRefused::NotApproved)
        );
    }

    #[test]
    fn delivered_only_when_paid_and_acknowledged() {
        assert_eq!(ItemState::of(100, 0, false), ItemState::Planned);
        assert_eq!(ItemState::of(100, 40, false), ItemState::PartlyPaid);
        assert_eq!(ItemState::of(100, 100, false), ItemState::Paid);
        assert_eq!(ItemState::of(100, 40, true), ItemState::Received);
        assert_eq!(ItemState::of(100, 100, true), ItemState::Delivered);
    }
}
