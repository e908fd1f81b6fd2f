//! The free slots of the coming days as one group of radio buttons, per day.

use crate::api::consultations::DaySlots;
use crate::i18n::*;
use crate::ui::form::FormError;
use crate::ui::text::{field_error, weekday_name};
use leptos::prelude::*;

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
    let slot_error = move || {
        error
            .get()
            .and_then(|e| e.field_errors().and_then(|f| f.get("slot")))
            .map(|c| field_error(i18n, c))
    };
    let groups = days
        .into_iter()
        .map(|day| {
            let heading = format!("{} {}", weekday_name(i18n, day.weekday as i64), day.date);
            let slots = day
                .slots
                .into_iter()
                .map(|s| {
                    let id = format!("{id_prefix}-{}", s.key.replace(['/', ':'], "-"));
                    let checked = s.key == selected;
                    view! {
                        <li>
                            <input type="radio" id=id.clone() name="form[slot]" value=s.key checked=checked />
                            <label for=id>{t!(i18n, slot_with, time = s.time, name = s.coordinator)}</label>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h3 class="slot-day">{heading}</h3>
                <ul class="slots">{slots}</ul>
            }
        })
        .collect_view();
    view! {
        <fieldset id=format!("f-{id_prefix}") class="field" class:field-error=move || slot_error().is_some()>
            <legend>{t!(i18n, free_times)}</legend>
            <p class="hint">{t!(i18n, free_times_hint)}</p>
            <p class="error-message" role="alert">{slot_error}</p>
            {groups}
        </fieldset>
    }
}
