//! Choosing a free time like in the booking tools people know: the days that have free times
//! first (links, so that it works without JavaScript too), then that day's times as one group
//! of radio buttons. The chosen day travels as `?day=YYYY-MM-DD` in the page's address.

use crate::api::free_slots::DaySlots;
use crate::i18n::*;
use crate::ui::form::FormError;
use crate::ui::text::{field_error, weekday_name, weekday_short};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// The day to show: the one asked for, else the one of the kept choice, else the first.
fn chosen_day(days: &[DaySlots], asked: Option<&str>, selected: &str) -> Option<usize> {
    asked
        .and_then(|d| days.iter().position(|day| day.date == d))
        .or_else(|| {
            days.iter()
                .position(|day| day.slots.iter().any(|s| s.key == selected))
        })
        .or(if days.is_empty() { None } else { Some(0) })
}

/// `2027-01-14` as `14.01`.
fn day_and_month(date: &str) -> String {
    match date.split('-').collect::<Vec<_>>()[..] {
        [_, month, day] => format!("{day}.{month}"),
        _ => date.to_string(),
    }
}

#[component]
pub fn SlotChoice(
    days: Vec<DaySlots>,
    /// The slot key to pre-select (a kept draft).
    selected: String,
    error: FormError,
    /// Distinguishes two groups on one page.
    #[prop(default = "slot")]
    id_prefix: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let location = use_location();
    let slot_error = move || {
        error
            .get()
            .and_then(|e| e.field_errors().and_then(|f| f.get("slot")))
            .map(|c| field_error(i18n, c))
    };
    let days = StoredValue::new(days);
    let selected = StoredValue::new(selected);
    let chosen = move || {
        let asked = query.with(|q| q.get("day"));
        days.with_value(|d| selected.with_value(|s| chosen_day(d, asked.as_deref(), s)))
    };
    let link = move |date: &str| {
        let mut q = query.get();
        for own in ["done", "t", "day"] {
            q.remove(own);
        }
        let rest = q.to_query_string();
        let joiner = if rest.is_empty() { "?" } else { "&" };
        // A date needs no escaping: written out, the address stays readable.
        format!(
            "{}{rest}{joiner}day={date}#f-{id_prefix}",
            location.pathname.get()
        )
    };
    let picker = move || {
        let current = chosen();
        days.with_value(|days| {
            days.iter()
                .enumerate()
                .map(|(i, day)| {
                    let href = link(&day.date);
                    let is_current = Some(i) == current;
                    view! {
                        <li>
                            <a href=href class="day" aria-current=is_current.then_some("date")>
                                <span class="weekday">{weekday_short(i18n, day.weekday as i64)}</span>
                                <span class="date">{day_and_month(&day.date)}</span>
                                <span class="count">{t!(i18n, consultations.free_times_n, n = day.slots.len())}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let times = move || {
        let day = chosen().and_then(|i| days.with_value(|d| d.get(i).cloned()))?;
        let heading = format!(
            "{} {}",
            weekday_name(i18n, day.weekday as i64),
            day_and_month(&day.date)
        );
        let slots = day
            .slots
            .into_iter()
            .map(|s| {
                let id = format!("{id_prefix}-{}", s.key.replace(['/', ':'], "-"));
                let checked = selected.with_value(|k| *k == s.key);
                view! {
                    <li>
                        <input type="radio" id=id.clone() name="form[slot]" value=s.key checked=checked />
                        <label for=id>{t!(i18n, consultations.slot_with, time = s.time, name = s.coordinator)}</label>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <h3 class="slot-day">{t!(i18n, consultations.times_on_day, day = heading)}</h3>
            <ul class="slots">{slots}</ul>
        })
    };
    view! {
        <fieldset id=format!("f-{id_prefix}") class="field" class:field-error=move || slot_error().is_some()>
            <legend>{t!(i18n, common.free_times)}</legend>
            <p class="hint">{t!(i18n, consultations.choose_day_then_time)}</p>
            <p class="error-message" role="alert">{slot_error}</p>
            <nav aria-label=move || t_string!(i18n, consultations.days_with_free_times)>
                <ul class="day-picker">{picker}</ul>
            </nav>
            {times}
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::free_slots::SlotView;

    fn day(date: &str, keys: &[&str]) -> DaySlots {
        DaySlots {
            date: date.into(),
            weekday: 1,
            slots: keys
                .iter()
                .map(|k| SlotView {
                    key: (*k).into(),
                    coordinator: String::new(),
                    time: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_asked_day_then_the_kept_choice_then_the_first() {
        let days = [day("2027-01-14", &["a"]), day("2027-01-15", &["b"])];
        assert_eq!(chosen_day(&days, Some("2027-01-15"), ""), Some(1));
        assert_eq!(chosen_day(&days, Some("2027-02-30"), "b"), Some(1));
        assert_eq!(chosen_day(&days, None, ""), Some(0));
        assert_eq!(chosen_day(&[], None, ""), None);
        assert_eq!(day_and_month("2027-01-14"), "14.01");
    }
}
