//! Consultations at the coordinators' receptions: free slots, booking, the confirmation, cancel
//! and reschedule. A coordinator's time is occupancy on the shared calendar (until the end of
//! the buffer), so one slot is booked once whatever arrives at the same moment. The reception's
//! day view is in `reception.rs`.

use crate::domain::consultation::{BookingForm, CancelForm, RescheduleForm};
use crate::domain::ErrorCode;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        auth::CurrentUser,
        context,
        notify::{self, Notice},
    },
    crate::db::{
        self,
        calendar::BookError,
        consultations::{ConsultationRow, Scope},
    },
    crate::domain::{
        access,
        consultation::{reminder_needed, slot_key, MessageKind, BOOKING_DAYS, KIND},
        office_hours::{free, Schedule, Slot},
        schedule::{tallinn_wall_clock, Span},
        FieldErrors, Role,
    },
    chrono::Datelike,
    std::collections::BTreeMap,
};

/// An id and a name, for choices in forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

#[cfg(feature = "ssr")]
pub(crate) fn office_choices(rows: &[db::offices::OfficeRow]) -> Vec<Choice> {
    rows.iter()
        .map(|o| Choice {
            id: o.id,
            name: o.name.clone(),
        })
        .collect()
}

/// A free slot as the booking page offers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotView {
    /// The value the form sends back, see `slot_key`.
    pub key: String,
    pub coordinator: String,
    /// `10:00–10:45`, Tallinn time.
    pub time: String,
}

/// The free slots of one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DaySlots {
    /// `2026-12-01`
    pub date: String,
    /// ISO weekday, 1 = Monday.
    pub weekday: u8,
    pub slots: Vec<SlotView>,
}

/// Everything the booking page needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingChoices {
    pub offices: Vec<Choice>,
    pub office: Option<i64>,
    /// Coordinators with office hours at the chosen office.
    pub coordinators: Vec<Choice>,
    pub coordinator: Option<i64>,
    /// Whether the user chooses the household (staff) or books for their own (a beneficiary).
    pub chooses_household: bool,
    /// Households the user may book for: all while few, else the matches of the search.
    pub households: Vec<Choice>,
    pub household: Option<i64>,
    pub days: Vec<DaySlots>,
    pub by_coordinator: bool,
    pub min_notice_hours: i64,
    pub cutoff_hours: i64,
}

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
    pub topic: String,
    pub party_size: i64,
    pub interpreter: Option<String>,
    pub note: String,
    /// Only for coordinators.
    pub staff_note: Option<String>,
    pub status: String,
    pub walk_in: bool,
    pub cancel_reason: Option<String>,
    /// Why the user may not cancel or move it now; `None` when they may.
    pub change_refused: Option<ErrorCode>,
    /// The household's no-shows (coordinators only).
    pub no_shows: Option<i64>,
}

#[cfg(feature = "ssr")]
pub(crate) fn is_coordinator(user: &CurrentUser) -> bool {
    user.roles.has(Role::Coordinator)
}

#[cfg(feature = "ssr")]
pub(crate) fn view_of(
    row: ConsultationRow,
    user: &CurrentUser,
    now: i64,
    no_shows: Option<i64>,
) -> ConsultationView {
    let coordinator = is_coordinator(user);
    let open = matches!(row.status.as_str(), "pending" | "confirmed");
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

/// The consultation when the user may see it: coordinators every one, a support person those of
/// their households, a beneficiary their own household's. Anything else is 404.
#[cfg(feature = "ssr")]
pub(crate) async fn visible<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    user: &CurrentUser,
    id: i64,
) -> Result<ConsultationRow, AppError> {
    let row = db::consultations::by_id(executor, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if may_book_for(user, row.household_id).await? {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether the user may book for (and see the consultations of) a household.
#[cfg(feature = "ssr")]
pub(crate) async fn may_book_for(user: &CurrentUser, household_id: i64) -> Result<bool, AppError> {
    let pool = context::db()?;
    let pool = pool.pool();
    if is_coordinator(user) {
        return Ok(db::households::by_id(pool, household_id).await?.is_some());
    }
    // A support person's access lasts while the assignment is open: an ended or handed-over
    // case stays on their page as history, but they no longer act for the household.
    if user.roles.has(Role::SupportPerson)
        && db::assignments::open_of_household(pool, household_id)
            .await?
            .is_some_and(|a| a.support_person_id == user.id)
    {
        return Ok(true);
    }
    Ok(user.roles.has(Role::Beneficiary)
        && db::households::of_account(pool, user.id).await? == Some(household_id))
}

/// The household a booking is for: the chosen one when the user may book for it, else (for a
/// beneficiary) their own.
#[cfg(feature = "ssr")]
async fn household_for(user: &CurrentUser, field: &str) -> Result<i64, AppError> {
    let refused = |code| AppError::from(FieldErrors::single("household", code));
    match field.trim() {
        "" => {
            let db = context::db()?;
            match db::households::of_account(db.pool(), user.id).await? {
                Some(id) if user.roles.has(Role::Beneficiary) => Ok(id),
                _ => Err(refused(ErrorCode::Required)),
            }
        }
        text => match text.parse::<i64>() {
            Ok(id) if may_book_for(user, id).await? => Ok(id),
            _ => Err(refused(ErrorCode::InvalidChoice)),
        },
    }
}

/// The schedule of the offices from today on.
#[cfg(feature = "ssr")]
pub(crate) async fn schedule(db: &db::Db) -> Result<Schedule, AppError> {
    Ok(db::office_hours::schedule(db.pool(), context::today()).await?)
}

/// Free slots at an office (of one coordinator, or all) on `days` days from `from`, starting
/// no earlier than `earliest`.
#[cfg(feature = "ssr")]
pub(crate) async fn free_slots(
    db: &db::Db,
    schedule: &Schedule,
    office_id: i64,
    coordinator_id: Option<i64>,
    earliest: i64,
    (from, days): (chrono::NaiveDate, i64),
) -> Result<Vec<Slot>, AppError> {
    let slots: Vec<Slot> = (0..days)
        .filter_map(|d| from.checked_add_days(chrono::Days::new(d as u64)))
        .flat_map(|date| schedule.slots_on(date))
        .filter(|s| s.office_id == office_id)
        .filter(|s| coordinator_id.is_none_or(|c| c == s.coordinator_id))
        .collect();
    let (Some(first), Some(last)) = (slots.first(), slots.iter().map(|s| s.buffer_end).max())
    else {
        return Ok(Vec::new());
    };
    let window = Span {
        start: first.span.start,
        end: last,
    };
    let mut taken = BTreeMap::new();
    for slot in &slots {
        if let std::collections::btree_map::Entry::Vacant(entry) = taken.entry(slot.coordinator_id)
        {
            let person = db::calendar::person(slot.coordinator_id);
            entry.insert(db::calendar::busy(db.pool(), &person, window).await?);
        }
    }
    Ok(free(&slots, earliest, &taken))
}

#[cfg(feature = "ssr")]
async fn coordinator_names(db: &db::Db) -> Result<BTreeMap<i64, String>, AppError> {
    let rows = db::accounts::names_with_role(db.pool(), Role::Coordinator).await?;
    Ok(rows.into_iter().collect())
}

/// Slots grouped by their Tallinn day, for the pages.
#[cfg(feature = "ssr")]
pub(crate) fn by_day(slots: &[Slot], names: &BTreeMap<i64, String>) -> Vec<DaySlots> {
    let mut days: Vec<DaySlots> = Vec::new();
    for slot in slots {
        let Some((date, _)) = tallinn_wall_clock(slot.span.start) else {
            continue;
        };
        let view = SlotView {
            key: slot_key(slot.coordinator_id, slot.span.start),
            coordinator: names.get(&slot.coordinator_id).cloned().unwrap_or_default(),
            time: context::local_span(slot.span.start, slot.span.end)
                .split_once(' ')
                .map(|(_, t)| t.to_string())
                .unwrap_or_default(),
        };
        let date_text = date.to_string();
        match days.last_mut() {
            Some(day) if day.date == date_text => day.slots.push(view),
            _ => days.push(DaySlots {
                date: date_text,
                weekday: date.weekday().number_from_monday() as u8,
                slots: vec![view],
            }),
        }
    }
    days
}

#[server(endpoint = "booking_page")]
pub async fn booking_page(
    office: Option<i64>,
    coordinator: Option<i64>,
    household: Option<i64>,
    who: Option<String>,
) -> Result<BookingChoices, AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let db = context::db()?;
    let rules = context::booking_rules();
    let by_coordinator = is_coordinator(&user);
    let offices = office_choices(&db::offices::list(db.pool()).await?);
    let office = office.filter(|id| offices.iter().any(|o| o.id == *id));
    let schedule = schedule(&db).await?;
    let names = coordinator_names(&db).await?;
    let (coordinators, days, coordinator) = match office {
        Some(office_id) => {
            let mut ids: Vec<i64> = schedule
                .windows
                .iter()
                .filter(|w| w.office_id == office_id)
                .map(|w| w.coordinator_id)
                .collect();
            ids.sort();
            ids.dedup();
            let coordinators: Vec<Choice> = ids
                .iter()
                .filter_map(|id| {
                    names.get(id).map(|name| Choice {
                        id: *id,
                        name: name.clone(),
                    })
                })
                .collect();
            let coordinator = coordinator.filter(|c| ids.contains(c));
            let earliest = rules.earliest(context::now(), by_coordinator);
            let slots = free_slots(
                &db,
                &schedule,
                office_id,
                coordinator,
                earliest,
                (context::today(), BOOKING_DAYS),
            )
            .await?;
            (coordinators, by_day(&slots, &names), coordinator)
        }
        None => (Vec::new(), Vec::new(), None),
    };
    let who = who.unwrap_or_default();
    let households = super::household_choices::for_user(&db, &user, &who, household).await?;
    let household = household.filter(|h| households.iter().any(|c| c.id == *h));
    let chooses_household = by_coordinator || user.roles.has(Role::SupportPerson);
    Ok(BookingChoices {
        offices,
        office,
        coordinators,
        coordinator,
        chooses_household,
        households,
        household,
        days,
        by_coordinator,
        min_notice_hours: rules.min_notice / 3600,
        cutoff_hours: rules.cutoff / 3600,
    })
}

/// Books a slot; answers the consultation's id and sends the browser to its confirmation page.
#[server(endpoint = "book_consultation")]
pub async fn book_consultation(form: BookingForm) -> Result<i64, AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let result = book(&user, &form).await;
    let id = super::drafts::keep_if_invalid(result, "book_consultation", &form).await?;
    context::redirect_done(&format!("/consultations/{id}"), crate::domain::Done::Booked);
    Ok(id)
}

#[cfg(feature = "ssr")]
async fn office_ids(db: &db::Db) -> Result<Vec<i64>, AppError> {
    Ok(db::offices::list(db.pool())
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect())
}

#[cfg(feature = "ssr")]
async fn book(user: &CurrentUser, form: &BookingForm) -> Result<i64, AppError> {
    let db = context::db()?;
    let request = form.parse(&office_ids(&db).await?)?;
    let household_id = household_for(user, &form.household).await?;
    let now = context::now();
    let rules = context::booking_rules();
    let slot = rules
        .bookable(
            &schedule(&db).await?,
            request.coordinator_id,
            request.office_id,
            request.start,
            now,
            is_coordinator(user),
        )
        .map_err(|code| FieldErrors::single("slot", code))?;
    let mut tx = db.begin().await?;
    let id = write_consultation(
        &mut tx,
        user.id,
        &slot,
        household_id,
        &request.details,
        Status::Booked,
    )
    .await?;
    let base = context::public_url();
    notify::consultation(&mut tx, id, &Notice::of(MessageKind::Confirmed), now, &base).await?;
    db::audit::household(&mut *tx, user.id, "consultation.book", household_id).await?;
    tx.commit().await?;
    Ok(id)
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
        kind: KIND,
        span: slot.span,
        status: "confirmed",
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

#[server(endpoint = "get_consultation")]
pub async fn get_consultation(id: i64) -> Result<ConsultationView, AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let db = context::db()?;
    let row = visible(db.pool(), &user, id).await?;
    db::audit::read(
        db.pool(),
        user.id,
        "consultation.view",
        "household",
        Some(row.household_id),
        None,
    )
    .await?;
    let no_shows = db::consultations::no_shows(db.pool(), &[row.household_id])
        .await?
        .first()
        .map(|(_, n)| *n)
        .unwrap_or(0);
    Ok(view_of(row, &user, context::now(), Some(no_shows)))
}

/// Free slots at the consultation's office to move it to (the same choice the booking page has).
#[server(endpoint = "reschedule_options")]
pub async fn reschedule_options(id: i64) -> Result<Vec<DaySlots>, AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let db = context::db()?;
    let row = visible(db.pool(), &user, id).await?;
    let earliest = context::booking_rules().earliest(context::now(), is_coordinator(&user));
    let schedule = schedule(&db).await?;
    let dates = (context::today(), BOOKING_DAYS);
    let slots = free_slots(&db, &schedule, row.office_id, None, earliest, dates).await?;
    Ok(by_day(&slots, &coordinator_names(&db).await?))
}

/// The open consultation, when the user may still change it now.
#[cfg(feature = "ssr")]
async fn changeable(
    tx: &mut db::Tx,
    user: &CurrentUser,
    id: i64,
    field: &str,
) -> Result<ConsultationRow, AppError> {
    let row = visible(&mut **tx, user, id).await?;
    if !matches!(row.status.as_str(), "pending" | "confirmed") {
        return Err(FieldErrors::single(field, ErrorCode::ConsultationClosed).into());
    }
    context::booking_rules()
        .changeable(row.starts_at, context::now(), is_coordinator(user))
        .map_err(|code| FieldErrors::single(field, code))?;
    Ok(row)
}

#[server(endpoint = "cancel_consultation")]
pub async fn cancel_consultation(id: i64, form: CancelForm) -> Result<(), AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let result = cancel(&user, id, &form).await;
    super::drafts::keep_if_invalid(result, &format!("cancel_consultation/{id}"), &form).await?;
    context::redirect_done(
        &format!("/consultations/{id}"),
        crate::domain::Done::ConsultationCancelled,
    );
    Ok(())
}

#[cfg(feature = "ssr")]
async fn cancel(user: &CurrentUser, id: i64, form: &CancelForm) -> Result<(), AppError> {
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let row = changeable(&mut tx, user, id, "reason").await?;
    let reason = form.parse()?;
    db::consultations::cancel(&mut tx, id, &reason, user.id).await?;
    let notice = Notice {
        kind: MessageKind::Cancelled,
        previous: None,
        reason: Some(&reason),
    };
    notify::consultation(&mut tx, id, &notice, context::now(), &context::public_url()).await?;
    db::audit::household(&mut *tx, user.id, "consultation.cancel", row.household_id).await?;
    tx.commit().await?;
    Ok(())
}

#[server(endpoint = "reschedule_consultation")]
pub async fn reschedule_consultation(id: i64, form: RescheduleForm) -> Result<(), AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let result = reschedule(&user, id, &form).await;
    super::drafts::keep_if_invalid(result, &format!("reschedule_consultation/{id}"), &form).await?;
    context::redirect_done(&format!("/consultations/{id}"), crate::domain::Done::Moved);
    Ok(())
}

#[cfg(feature = "ssr")]
async fn reschedule(user: &CurrentUser, id: i64, form: &RescheduleForm) -> Result<(), AppError> {
    let db = context::db()?;
    let schedule = schedule(&db).await?;
    let mut tx = db.begin().await?;
    let row = changeable(&mut tx, user, id, "slot").await?;
    let ((coordinator_id, start), reason) = form.parse()?;
    let now = context::now();
    let slot = context::booking_rules()
        .bookable(
            &schedule,
            coordinator_id,
            row.office_id,
            start,
            now,
            is_coordinator(user),
        )
        .map_err(|code| FieldErrors::single("slot", code))?;
    let resources = [db::calendar::person(slot.coordinator_id)];
    let buffer = slot.buffer_end - slot.span.end;
    match db::calendar::move_to(&mut tx, id, slot.span, buffer, &resources).await {
        Ok(()) => {}
        Err(BookError::Conflict) => {
            return Err(FieldErrors::single("slot", ErrorCode::SlotTaken).into())
        }
        Err(BookError::Db(e)) => return Err(e.into()),
    }
    db::consultations::moved(&mut tx, id, slot.coordinator_id, buffer / 60).await?;
    db::consultations::set_reminder_queued(&mut tx, id, !reminder_needed(slot.span.start, now))
        .await?;
    let notice = Notice {
        kind: MessageKind::Changed,
        previous: Some((row.starts_at, row.ends_at)),
        reason: Some(&reason),
    };
    notify::consultation(&mut tx, id, &notice, now, &context::public_url()).await?;
    db::audit::household(&mut *tx, user.id, "consultation.move", row.household_id).await?;
    tx.commit().await?;
    Ok(())
}

/// The user's consultations still to come: a beneficiary's household's, a support person's
/// households', a coordinator's own receptions.
#[server(endpoint = "my_consultations")]
pub async fn my_consultations() -> Result<Vec<ConsultationView>, AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let db = context::db()?;
    let scope = if is_coordinator(&user) {
        Scope::Coordinator(user.id)
    } else if user.roles.has(Role::SupportPerson) {
        Scope::SupportPerson(user.id)
    } else {
        match db::households::of_account(db.pool(), user.id).await? {
            Some(id) => Scope::Household(id),
            None => return Ok(Vec::new()),
        }
    };
    let now = context::now();
    let rows = db::consultations::list(db.pool(), scope, Some(now), 50).await?;
    Ok(rows
        .into_iter()
        .map(|row| view_of(row, &user, now, None))
        .collect())
}
