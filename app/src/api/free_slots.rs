//! Free consultation slots: the offices' schedule less what occupies each coordinator, grouped
//! by day for the booking page, the reception and rescheduling.

use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::context,
    crate::db,
    crate::domain::{
        consultation::slot_key,
        office_hours::{free, Schedule, Slot},
        schedule::{tallinn_wall_clock, Span},
        Role,
    },
    crate::error::AppError,
    chrono::Datelike,
    std::collections::BTreeMap,
};

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
    let mut people: Vec<i64> = slots.iter().map(|s| s.coordinator_id).collect();
    people.sort_unstable();
    people.dedup();
    let taken = db::calendar::busy_people(db.pool(), &people, window).await?;
    Ok(free(&slots, earliest, &taken))
}

#[cfg(feature = "ssr")]
pub(crate) async fn coordinator_names(db: &db::Db) -> Result<BTreeMap<i64, String>, AppError> {
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
