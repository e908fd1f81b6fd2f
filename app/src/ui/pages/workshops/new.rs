//! A coordinator creates a series: the activity, where, for how many and whom, when (once, or
//! weekly / every other week, with public holidays skipped or moved), the registration window,
//! the cancellation cut-off and the facilitators. Works as a plain form without JavaScript.

use super::parts::activity_title;
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::workshop_staff::{series_choices, SeriesFormChoices};
use crate::api::workshops::CreateSeries;
use crate::domain::role::access;
use crate::domain::workshops::{
    Eligibility, HolidayRule, PlaceKind, Repeat, SeriesForm, DEFAULT_CUTOFF_HOURS,
    DEFAULT_OFFER_HOURS,
};
use crate::domain::Language;
use crate::i18n::*;
use crate::names::options;
use crate::ui::form::{action_error, ErrorSummary, SelectField, TextField, Tick};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;

#[component]
pub fn NewSeriesPage() -> impl IntoView {
    let create = ServerAction::<CreateSeries>::new();
    let data = Resource::new(
        move || create.version().get(),
        |_| async move {
            let choices = series_choices().await?;
            let draft = take_draft("series".to_string()).await?;
            Ok::<_, crate::error::AppError>((choices, draft))
        },
    );
    view! {
        <RequireRole roles=access::RECEPTION>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((c, draft)) => view! { <SeriesFormView c draft create /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
fn SeriesFormView(
    c: SeriesFormChoices,
    draft: Option<String>,
    create: ServerAction<CreateSeries>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(create);
    let f: SeriesForm = decode_draft(
        draft,
        SeriesForm {
            place_kind: "room".into(),
            eligibility: "everyone".into(),
            repeat: "weekly".into(),
            weeks: "6".into(),
            holidays: "skip".into(),
            offer_hours: DEFAULT_OFFER_HOURS.to_string(),
            cancel_cutoff_hours: DEFAULT_CUTOFF_HOURS.to_string(),
            start_time: "10:00".into(),
            end_time: "12:00".into(),
            first_date: c.today.clone(),
            ..Default::default()
        },
    );
    let activities = c
        .activities
        .iter()
        .map(|a| (a.clone(), activity_title(i18n, &c.custom, a)))
        .collect::<Vec<_>>();
    let offices = c
        .offices
        .iter()
        .map(|o| (o.id.to_string(), o.name.clone()))
        .collect::<Vec<_>>();
    let rooms = c
        .rooms
        .iter()
        .map(|r| (r.id.to_string(), r.name.clone()))
        .collect::<Vec<_>>();
    let places = PlaceKind::ALL
        .iter()
        .map(|p| {
            let text = match p {
                PlaceKind::Room => t_string!(i18n, workshops.place_kind_room),
                PlaceKind::Address => t_string!(i18n, workshops.place_kind_address),
                PlaceKind::Online => t_string!(i18n, common.place_online),
            };
            (p.code().to_string(), text.to_string())
        })
        .collect::<Vec<_>>();
    let languages = options::<Language>(i18n);
    let eligibility = Eligibility::ALL
        .iter()
        .map(|e| {
            let text = super::parts::eligibility_label(i18n, *e)
                .unwrap_or_else(|| t_string!(i18n, workshops.eligibility_everyone).to_string());
            (e.code().to_string(), text)
        })
        .collect::<Vec<_>>();
    let repeats = Repeat::ALL
        .iter()
        .map(|r| {
            let text = match r {
                Repeat::Once => t_string!(i18n, workshops.repeat_once),
                Repeat::Weekly => t_string!(i18n, workshops.repeat_weekly),
                Repeat::Fortnightly => t_string!(i18n, workshops.repeat_fortnightly),
            };
            (r.code().to_string(), text.to_string())
        })
        .collect::<Vec<_>>();
    let holidays = HolidayRule::ALL
        .iter()
        .map(|h| {
            let text = match h {
                HolidayRule::Skip => t_string!(i18n, workshops.holidays_skip),
                HolidayRule::Move => t_string!(i18n, workshops.holidays_move),
            };
            (h.code().to_string(), text.to_string())
        })
        .collect::<Vec<_>>();
    let facilitators = c
        .facilitators
        .iter()
        .map(|p| (p.id.to_string(), p.name.clone()))
        .collect::<Vec<_>>();
    let choose = t_string!(i18n, common.choose).to_string();
    let none = t_string!(i18n, workshops.none_option).to_string();
    view! {
        <PageHeading text=t_string!(i18n, workshops.new_series).to_string() />
        <ErrorSummary error />
        <ActionForm action=create attr:class="stack">
            <fieldset>
                <legend>{t!(i18n, workshops.series_what)}</legend>
                <SelectField name="series[activity]" field="activity" label=t_string!(i18n, common.field_activity).to_string()
                    value=f.activity.clone() options=activities error placeholder=choose.clone() />
                <SelectField name="series[office]" field="office" label=t_string!(i18n, common.field_office).to_string()
                    value=f.office.clone() options=offices error placeholder=choose.clone() />
                <SelectField name="series[place_kind]" field="place_kind" label=t_string!(i18n, common.field_place).to_string()
                    value=f.place_kind.clone() options=places error />
                <SelectField name="series[room]" field="room" label=t_string!(i18n, common.field_room).to_string()
                    value=f.room.clone() options=rooms error placeholder=none.clone()
                    hint=t_string!(i18n, workshops.room_hint).to_string() />
                <TextField name="series[address]" field="address" label=t_string!(i18n, common.field_other_address).to_string()
                    value=f.address.clone() error />
                <TextField name="series[online_link]" field="online_link" label=t_string!(i18n, common.online_link).to_string()
                    value=f.online_link.clone() error kind="url" hint=t_string!(i18n, workshops.online_link_hint).to_string() />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, workshops.series_who)}</legend>
                <TextField name="series[capacity]" field="capacity" label=t_string!(i18n, workshops.field_series_capacity).to_string()
                    value=f.capacity.clone() error kind="number" inputmode="numeric" required=true
                    hint=t_string!(i18n, workshops.capacity_hint).to_string() />
                <SelectField name="series[language_1]" field="language_1" label=t_string!(i18n, common.field_language_1).to_string()
                    value=f.language_1.clone() options=languages.clone() error placeholder=choose.clone() />
                <SelectField name="series[language_2]" field="language_2" label=t_string!(i18n, common.field_language_2).to_string()
                    value=f.language_2.clone() options=languages.clone() error placeholder=none.clone() />
                <SelectField name="series[language_3]" field="language_3" label=t_string!(i18n, common.field_language_3).to_string()
                    value=f.language_3.clone() options=languages error placeholder=none.clone() />
                <Tick name="series[interpretation]".into() id="f-interpretation".into()
                    label=t_string!(i18n, workshops.interpretation_offered).to_string() checked=!f.interpretation.is_empty() />
                <SelectField name="series[eligibility]" field="eligibility" label=t_string!(i18n, common.field_for_whom).to_string()
                    value=f.eligibility.clone() options=eligibility error />
                <Tick name="series[childcare]".into() id="f-childcare-offered".into()
                    label=t_string!(i18n, workshops.childcare_offered).to_string() checked=!f.childcare.is_empty() />
                <Tick name="series[drop_in]".into() id="f-drop-in".into()
                    label=t_string!(i18n, workshops.drop_in_allowed).to_string() checked=!f.drop_in.is_empty() />
                <Tick name="series[auto_book]".into() id="f-auto-book".into()
                    label=t_string!(i18n, workshops.auto_book_label).to_string() checked=!f.auto_book.is_empty() />
                <TextField name="series[offer_hours]" field="offer_hours" label=t_string!(i18n, common.field_offer_hours).to_string()
                    value=f.offer_hours.clone() error kind="number" inputmode="numeric" />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, workshops.series_when)}</legend>
                <TextField name="series[first_date]" field="first_date" label=t_string!(i18n, common.field_first_date).to_string()
                    value=f.first_date.clone() error kind="date" required=true />
                <div class="row">
                    <TextField name="series[start_time]" field="start_time" label=t_string!(i18n, common.field_start_time).to_string()
                        value=f.start_time.clone() error kind="time" required=true />
                    <TextField name="series[end_time]" field="end_time" label=t_string!(i18n, common.field_end_time).to_string()
                        value=f.end_time.clone() error kind="time" required=true />
                </div>
                <SelectField name="series[repeat]" field="repeat" label=t_string!(i18n, common.field_repeat).to_string()
                    value=f.repeat.clone() options=repeats error />
                <TextField name="series[weeks]" field="weeks" label=t_string!(i18n, common.field_weeks).to_string()
                    value=f.weeks.clone() error kind="number" inputmode="numeric" />
                <TextField name="series[extra_dates]" field="extra_dates" label=t_string!(i18n, common.field_extra_dates).to_string()
                    value=f.extra_dates.clone() error hint=t_string!(i18n, workshops.extra_dates_hint).to_string() />
                <SelectField name="series[holidays]" field="holidays" label=t_string!(i18n, common.field_holidays).to_string()
                    value=f.holidays.clone() options=holidays error />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, common.field_registration)}</legend>
                <TextField name="series[registration_opens]" field="registration_opens" label=t_string!(i18n, common.field_registration_opens).to_string()
                    value=f.registration_opens.clone() error kind="date" hint=t_string!(i18n, workshops.registration_opens_hint).to_string() />
                <div class="row">
                    <TextField name="series[registration_closes]" field="registration_closes" label=t_string!(i18n, common.field_registration_closes).to_string()
                        value=f.registration_closes.clone() error kind="date" required=true />
                    <TextField name="series[registration_closes_time]" field="registration_closes_time" label=t_string!(i18n, common.field_registration_closes_time).to_string()
                        value=f.registration_closes_time.clone() error kind="time" />
                </div>
                <TextField name="series[cancel_cutoff_hours]" field="cancel_cutoff_hours" label=t_string!(i18n, common.field_cancel_cutoff).to_string()
                    value=f.cancel_cutoff_hours.clone() error kind="number" inputmode="numeric"
                    hint=t_string!(i18n, workshops.cancel_cutoff_hint).to_string() />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, workshops.field_facilitators)}</legend>
                <SelectField name="series[facilitator_1]" field="facilitator_1" label=t_string!(i18n, common.field_facilitator_1).to_string()
                    value=f.facilitator_1.clone() options=facilitators.clone() error placeholder=choose />
                <SelectField name="series[facilitator_2]" field="facilitator_2" label=t_string!(i18n, common.field_facilitator_2).to_string()
                    value=f.facilitator_2.clone() options=facilitators error placeholder=none />
            </fieldset>
            <button type="submit">{t!(i18n, workshops.create_series)}</button>
        </ActionForm>
    }
}
