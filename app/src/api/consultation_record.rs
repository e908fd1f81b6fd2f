//! A consultation as the pages show it, and how one is written: the event occupying the
//! coordinator to the end of the buffer, and the consultation's own row.

use crate::domain::consultation::Topic;
use crate::domain::schedule::EventStatus;
use crate::domain::{ErrorCode, Language};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{auth::CurrentUser, consultation_access::is_coordinator, context},
    crate::db::{self, calendar::BookError, consultations::ConsultationRow},
    crate::domain::schedule::AgendaKind,
    crate::domain::{
        consultation::reminder_needed, office_hours::Slot, schedule::tallinn_wall_clock,
        FieldErrors,
    },
    crate::error::AppError,
};

/// A consultation as its page and the lists show it, in Europe/Tallinn time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultationView {
    pub id: i64,
    /// Its .ics download.
    pub download: String,
    pub office_id: i64,
    pub office: String,
    pub office_address: String,
    pub coordinator: String,
    pub household_id: i64,
    pub household_name: String,
    /// `2026-12-01 10:00–10:45`
    pub when: String,
    /// `2026-12-01`
    pub date: String,
    pub topic: Topic,
    pub party_size: i64,
    pub interpreter: Option<Language>,
    pub note: String,
    /// Only for coordinators.
    pub staff_note: Option<String>,
    pub status: EventStatus,
    pub walk_in: bool,
    pub cancel_reason: Option<String>,
    /// Why the user may not cancel or move it now; `None` when they may.
    pub change_refused: Option<ErrorCode>,
    /// The household's no-shows (coordinators only).
    pub no_shows: Option<i64>,
}

#[cfg(feature = "ssr")]
pub(crate) fn view_of(
    row: ConsultationRow,
    user: &CurrentUser,
    now: i64,
    no_shows: Option<i64>,
) -> ConsultationView {
    let coordinator = is_coordinator(user);
    let open = row.status.is_live();
    let change_refused = if open {
        context::booking_rules()
            .changeable(row.starts_at, now, coordinator)
            .err()
    } else {
        Some(ErrorCode::ConsultationClosed)
    };
    ConsultationView {
        id: row.event_id,
        download: super::calendar::download_path(&row.uid),
        office_id: row.office_id,
        office: row.office,
        office_address: row.office_address,
        coordinator: row.coordinator,
        household_id: row.household_id,
        household_name: row.household_name,
        when: super::dates::span(row.starts_at, row.ends_at),
        date: tallinn_wall_clock(row.starts_at)
            .map(|(d, _)| d.to_string())
            .unwrap_or_default(),
        topic: row.topic,
        party_size: row.party_size,
        interpreter: row.interpreter,
        note: row.note.unwrap_or_default(),
        staff_note: if coordinator {
            Some(row.staff_note.unwrap_or_default())
        } else {
            None
        },
        status: row.status,
        walk_in: row.walk_in == 1,
        cancel_reason: row.cancel_reason,
        change_refused,
        no_shows: if coordinator { no_shows } else { None },
    }
}

#[cfg(feature = "ssr")]
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Status {
    Booked,
    /// Someone at the reception who takes the slot now.
    WalkIn,
}

/// Writes the event (occupying the coordinator to the end of the buffer) and the consultation,
/// or refuses with "just taken" when the coordinator is already occupied then.
#[cfg(feature = "ssr")]
pub(crate) async fn write_consultation(
    tx: &mut db::Tx,
    booked_by: i64,
    slot: &Slot,
    household_id: i64,
    details: &crate::domain::consultation::Details,
    status: Status,
) -> Result<i64, AppError> {
    let office = db::offices::by_id_in(&mut **tx, slot.office_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if office.closed_at.is_some() {
        return Err(FieldErrors::single("slot", ErrorCode::OfficeClosed).into());
    }
    let place = format!("{}, {}", office.name, office.address);
    let uid = format!("{}@tugi", super::credentials::new_token());
    let resources = [db::calendar::person(slot.coordinator_id)];
    let event = db::calendar::NewEvent {
        uid: &uid,
        kind: AgendaKind::Consultation,
        span: slot.span,
        status: EventStatus::Confirmed,
        place: Some(&place),
        created_by: booked_by,
        resources: &resources,
        buffer_after: slot.buffer_end - slot.span.end,
    };
    let id = match db::calendar::create(tx, &event).await {
        Ok(id) => id,
        Err(BookError::Conflict) => {
            return Err(FieldErrors::single("slot", ErrorCode::SlotTaken).into())
        }
        Err(BookError::Db(e)) => return Err(e.into()),
    };
    let reminded = !reminder_needed(slot.span.start, context::now());
    db::consultations::create(
        tx,
        &db::consultations::NewConsultation {
            event_id: id,
            office_id: slot.office_id,
            coordinator_id: slot.coordinator_id,
            household_id,
            booked_by,
            details,
            staff_note: None,
            walk_in: status == Status::WalkIn,
            buffer_minutes: (slot.buffer_end - slot.span.end) / 60,
            reminder_queued: reminded || status == Status::WalkIn,
        },
    )
    .await?;
    Ok(id)
}
