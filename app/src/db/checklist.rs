//! The adaptation checklist of a household.

use super::{now, Tx};
use crate::domain::{ChecklistChange, ChecklistItem, ChecklistStatus};
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow, PartialEq)]
pub struct ChecklistRow {
    pub household_id: i64,
    pub item: ChecklistItem,
    pub status: ChecklistStatus,
    pub on_date: String,
    pub note: Option<String>,
}

/// The recorded items of some households (all of them with `None`).
pub async fn of_households(pool: &AnyPool, ids: &[i64]) -> Result<Vec<ChecklistRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Ids are integers from the database, so listing them inline is safe.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    sqlx::query_as(&format!(
        "SELECT household_id, item, status, on_date, note FROM checklist_items \
         WHERE household_id IN ({list}) ORDER BY household_id, item"
    ))
    .fetch_all(pool)
    .await
}

/// Applies the changes; rows that end up as they were are left untouched.
pub async fn apply(
    tx: &mut Tx,
    household_id: i64,
    changes: &[ChecklistChange],
    by: i64,
) -> Result<usize, sqlx::Error> {
    let existing: Vec<ChecklistRow> = sqlx::query_as(
        "SELECT household_id, item, status, on_date, note FROM checklist_items WHERE household_id = $1",
    )
    .bind(household_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut written = 0;
    for change in changes {
        let code = change.item.code();
        let current = existing.iter().find(|r| r.item == change.item);
        match (&change.state, current) {
            (None, None) => {}
            (None, Some(_)) => {
                sqlx::query("DELETE FROM checklist_items WHERE household_id = $1 AND item = $2")
                    .bind(household_id)
                    .bind(code)
                    .execute(&mut **tx)
                    .await?;
                written += 1;
            }
            (Some((status, date, note)), current) => {
                let row = ChecklistRow {
                    household_id,
                    item: change.item,
                    status: *status,
                    on_date: date.to_string(),
                    note: note.clone(),
                };
                if current == Some(&row) {
                    continue;
                }
                sqlx::query(
                    "INSERT INTO checklist_items (household_id, item, status, on_date, note, \
                     updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     ON CONFLICT (household_id, item) DO UPDATE SET status = $3, on_date = $4, \
                     note = $5, updated_by = $6, updated_at = $7",
                )
                .bind(household_id)
                .bind(code)
                .bind(row.status)
                .bind(&row.on_date)
                .bind(row.note.as_deref())
                .bind(by)
                .bind(now())
                .execute(&mut **tx)
                .await?;
                written += 1;
            }
        }
    }
    Ok(written)
}
