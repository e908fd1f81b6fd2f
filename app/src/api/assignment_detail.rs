//! Everything the assignment page shows: the household as the support person needs it, the
//! lifecycle, meetings, checklist and hours. Reading it is audited like any household read.

use super::assignments::{AssignmentView, ExtensionView};
use super::checklist::ChecklistEntry;
use super::households::MemberView;
use super::meetings::MeetingView;
#[cfg(feature = "ssr")]
use crate::domain::AuditAction;
use crate::domain::Channel;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        assignments::{is_open, view_of, visible},
        checklist::entries,
        context,
        households::member_views,
        meetings::meeting_view,
    },
    crate::db,
    crate::domain::schedule::EventStatus,
    crate::domain::{access, Role},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentDetail {
    pub assignment: AssignmentView,
    /// The viewer is a coordinator (lifecycle actions, history).
    pub coordinator: bool,
    /// Meetings and checklist can be changed (the assignment is open).
    pub open: bool,
    pub members: Vec<MemberView>,
    pub phone: String,
    pub email: String,
    pub channel: Channel,
    pub needs: String,
    pub meetings: Vec<MeetingView>,
    pub checklist: Vec<ChecklistEntry>,
    pub held_minutes: i64,
    pub extensions: Vec<ExtensionView>,
    /// Other assignments of the household (coordinators only), newest first.
    pub history: Vec<AssignmentView>,
    /// The members' logins, for the support person while the assignment is open (coordinators
    /// manage them on the household page).
    pub logins: Vec<super::invitations::MemberLoginView>,
}

#[server(endpoint = "get_assignment")]
pub async fn get_assignment(id: i64) -> Result<AssignmentDetail, AppError> {
    let user = context::require(access::ASSIGNMENTS).await?;
    let db = context::db()?;
    let pool = db.pool();
    let row = visible(pool, &user, id).await?;
    let household_id = row.household_id;
    db::audit::household(pool, user.id, AuditAction::HouseholdView, household_id).await?;
    let coordinator = user.roles.has(Role::Coordinator);
    let today = context::today();
    let now = db::now();
    let household = db::households::by_id(pool, household_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let members = member_views(pool, household_id).await?;
    let topics = db::meetings::topics_of_assignment(pool, id).await?;
    let meeting_rows = db::meetings::of_assignment(pool, id).await?;
    let held_minutes = meeting_rows
        .iter()
        .filter(|m| m.status == EventStatus::Held)
        .filter_map(|m| m.held_minutes)
        .sum();
    let meetings = meeting_rows
        .into_iter()
        .map(|m| {
            let t = topics
                .iter()
                .filter(|(e, _)| *e == m.event_id)
                .map(|(_, item)| *item)
                .collect();
            meeting_view(m, t, now)
        })
        .collect();
    let checklist = entries(
        household_id,
        &db::checklist::of_households(pool, &[household_id]).await?,
    );
    let extensions = db::assignments::extensions(pool, id)
        .await?
        .into_iter()
        .map(|(previous_end, new_end, reason, by, at)| ExtensionView {
            previous_end,
            new_end,
            reason,
            by,
            at: super::dates::time(at),
        })
        .collect();
    let history = if coordinator {
        db::assignments::of_household(pool, household_id)
            .await?
            .into_iter()
            .filter(|a| a.id != id)
            .map(|a| view_of(a, today))
            .collect()
    } else {
        Vec::new()
    };
    let open = is_open(&row);
    // Current contact details only while the support person is still on the case.
    let contacts = open || coordinator;
    let logins = if open && !coordinator {
        super::invitations::logins_of(household_id).await?
    } else {
        Vec::new()
    };
    Ok(AssignmentDetail {
        assignment: view_of(row, today),
        coordinator,
        open,
        members,
        phone: household.phone.filter(|_| contacts).unwrap_or_default(),
        email: household.email.filter(|_| contacts).unwrap_or_default(),
        channel: household.channel,
        needs: household.needs.unwrap_or_default(),
        meetings,
        checklist,
        held_minutes,
        extensions,
        history,
        logins,
    })
}
