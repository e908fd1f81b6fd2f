//! What the retention job removes once the programme no longer needs it.

use super::{audit, household_data, Db};
use crate::domain::RetentionCutoffs;
use crate::domain::{AuditAction, AuditSubject};

/// What one retention run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub households_erased: u64,
    pub messages_blanked: u64,
    pub audit_rows_deleted: u64,
    pub intake_requests_erased: u64,
}

/// Erases households closed before the cutoff (one transaction each, skipping any that
/// reopened work since), blanks old messages that are sent or given up, and deletes old audit
/// rows, and blanks the personal fields of contact requests closed before the household cutoff.
pub async fn run(db: &Db, cut: RetentionCutoffs) -> Result<Purged, sqlx::Error> {
    let pool = db.pool();
    let due: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM households WHERE status = 'closed' AND erased_at IS NULL \
         AND closed_at < $1 ORDER BY id LIMIT 100",
    )
    .bind(cut.households_closed_before)
    .fetch_all(pool)
    .await?;
    let mut households_erased = 0;
    for (id,) in due {
        let mut tx = db.begin().await?;
        let ready = household_data::erasure_blockers(&mut tx, id, cut.now)
            .await?
            .is_some_and(|b| b.check().is_ok());
        if ready {
            household_data::erase(&mut tx, id, cut.now).await?;
            audit::system(
                &mut *tx,
                AuditAction::HouseholdErase,
                AuditSubject::Household,
                id,
            )
            .await?;
            households_erased += 1;
        }
        tx.commit().await?;
    }
    let messages_blanked = sqlx::query(
        "UPDATE outbox SET subject = '', body = '', calendar = NULL \
         WHERE created_at < $1 AND (sent_at IS NOT NULL OR failed_at IS NOT NULL) \
         AND (body <> '' OR subject <> '' OR calendar IS NOT NULL)",
    )
    .bind(cut.messages_before)
    .execute(pool)
    .await?
    .rows_affected();
    let audit_rows_deleted = sqlx::query("DELETE FROM audit_log WHERE at < $1")
        .bind(cut.audit_before)
        .execute(pool)
        .await?
        .rows_affected();
    // Contact requests keep their personal fields as long as a closed household does.
    let intake_requests_erased =
        super::intake::erase_closed(pool, cut.households_closed_before, cut.now).await?;
    Ok(Purged {
        intake_requests_erased,
        households_erased,
        messages_blanked,
        audit_rows_deleted,
    })
}
