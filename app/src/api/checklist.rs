//! The adaptation checklist, saved from the assignment page.

use crate::domain::{checklist_gaps as gaps, ChecklistForm, ChecklistItem, ChecklistStatus};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        assignments::{finish, require_open, visible},
        context,
    },
    crate::db::{self, checklist::ChecklistRow},
    crate::domain::AuditAction,
    crate::domain::{access, Role},
};

/// One item as the page shows it; `status` is empty when not started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistEntry {
    pub item: ChecklistItem,
    pub status: Option<ChecklistStatus>,
    pub on_date: String,
    pub note: String,
}

/// All eight items of a household in checklist order, from its recorded rows.
#[cfg(feature = "ssr")]
pub(crate) fn entries(household_id: i64, rows: &[ChecklistRow]) -> Vec<ChecklistEntry> {
    ChecklistItem::ALL
        .iter()
        .map(|item| {
            let row = rows
                .iter()
                .find(|r| r.household_id == household_id && r.item == *item);
            ChecklistEntry {
                item: *item,
                status: row.map(|r| r.status),
                on_date: row.map(|r| r.on_date.clone()).unwrap_or_default(),
                note: row.and_then(|r| r.note.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

/// The core items still open, and how many of all core items are settled (done or not needed).
pub fn gaps_and_progress(entries: &[ChecklistEntry]) -> (Vec<ChecklistItem>, usize, usize) {
    let recorded: Vec<(ChecklistItem, ChecklistStatus)> = entries
        .iter()
        .filter_map(|e| Some((e.item, e.status?)))
        .collect();
    let open = gaps(&recorded);
    let core = ChecklistItem::ALL.iter().filter(|i| i.is_core()).count();
    let settled = core - open.len();
    (open, settled, core)
}

/// Saves the checklist of the assignment's household. A support person may change it while
/// their assignment is open; a coordinator at any time.
#[server(endpoint = "save_checklist")]
pub async fn save_checklist(assignment_id: i64, checklist: ChecklistForm) -> Result<(), AppError> {
    let user = context::require(access::ASSIGNMENTS).await?;
    let result = async {
        let db = context::db()?;
        let mut tx = db.begin().await?;
        let row = visible(&mut *tx, &user, assignment_id).await?;
        if !user.roles.has(Role::Coordinator) {
            require_open(&row, "items")?;
        }
        let changes = checklist.parse(context::today())?;
        if db::checklist::apply(&mut tx, row.household_id, &changes, user.id).await? > 0 {
            db::audit::household(
                &mut *tx,
                user.id,
                AuditAction::ChecklistUpdate,
                row.household_id,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
    .await;
    finish(
        result,
        &format!("checklist/{assignment_id}"),
        &checklist,
        assignment_id,
        crate::domain::Done::ChecklistSaved,
    )
    .await
}
