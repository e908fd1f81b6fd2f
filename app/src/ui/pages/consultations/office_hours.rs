//! Office hours: a coordinator's weekly windows and exceptions; public holidays and the days an
//! admin opened or closed.

use crate::api::drafts::{decode_draft, take_draft};
use crate::api::office_hours::{
    office_hours_page, AddHoursException, AddOfficeWindow, OfficeHoursView, RemoveDayOverride,
    RemoveHoursException, RemoveOfficeWindow, SetDayOverride,
};
use crate::domain::office_hours::{DayOverrideForm, ExceptionForm, ExceptionKind, WindowForm};
use crate::domain::role::access;
use crate::i18n::*;
use crate::names::{name, options};
use crate::ui::form::{action_error, ErrorSummary, SelectField, TextField};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use crate::ui::text::{weekday_name, written_date};
use leptos::prelude::*;

#[component]
pub fn OfficeHoursPage() -> impl IntoView {
    let i18n = use_i18n();
    let add_window = ServerAction::<AddOfficeWindow>::new();
    let remove_window = ServerAction::<RemoveOfficeWindow>::new();
    let add_exception = ServerAction::<AddHoursException>::new();
    let remove_exception = ServerAction::<RemoveHoursException>::new();
    let set_day = ServerAction::<SetDayOverride>::new();
    let remove_day = ServerAction::<RemoveDayOverride>::new();
    let page = Resource::new(
        move || {
            (
                add_window.version().get(),
                remove_window.version().get(),
                add_exception.version().get(),
                remove_exception.version().get(),
                set_day.version().get(),
                remove_day.version().get(),
            )
        },
        |_| office_hours_page(),
    );
    let drafts = Resource::new(
        || (),
        |_| async {
            (
                take_draft("office_window".into()).await.ok().flatten(),
                take_draft("hours_exception".into()).await.ok().flatten(),
                take_draft("day_override".into()).await.ok().flatten(),
            )
        },
    );
    view! {
        <RequireRole roles=access::OFFICE_HOURS>
            <PageHeading text=t_string!(i18n, consultations.office_hours_title).to_string() />
            <Suspense>
                {move || Suspend::new(async move {
                    let (window_draft, exception_draft, day_draft) = drafts.await;
                    match page.await {
                        Ok(p) => view! {
                            {p.is_coordinator.then(|| view! {
                                <Windows p=p.clone() add=add_window remove=remove_window form=decode_draft(window_draft.clone(), WindowForm::default()) />
                                <Exceptions p=p.clone() add=add_exception remove=remove_exception form=decode_draft(exception_draft.clone(), ExceptionForm::default()) />
                            })}
                            <Days p=p.clone() set=set_day remove=remove_day form=decode_draft(day_draft, DayOverrideForm::default()) />
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

fn office_options(p: &OfficeHoursView) -> Vec<(String, String)> {
    p.offices
        .iter()
        .map(|o| (o.id.to_string(), o.name.clone()))
        .collect()
}

#[component]
fn Windows(
    p: OfficeHoursView,
    add: ServerAction<AddOfficeWindow>,
    remove: ServerAction<RemoveOfficeWindow>,
    form: WindowForm,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(add);
    let weekdays: Vec<(String, String)> = (1..=7)
        .map(|n| (n.to_string(), weekday_name(i18n, n)))
        .collect();
    let rows = p.windows.clone().into_iter().map(|w| view! {
        <tr>
            <td>{w.office.clone()}</td>
            <td>{weekday_name(i18n, w.weekday)}</td>
            <td>{format!("{}–{}", w.start_time, w.end_time)}</td>
            <td>{w.slot_minutes}</td>
            <td>{w.buffer_minutes}</td>
            <td>
                <ActionForm action=remove>
                    <input type="hidden" name="id" value=w.id />
                    <button type="submit" class="link-button">{t!(i18n, consultations.remove_submit)}</button>
                </ActionForm>
            </td>
        </tr>
    }).collect_view();
    view! {
        <section aria-labelledby="weekly">
            <h2 id="weekly">{t!(i18n, consultations.weekly_hours_title)}</h2>
            {if p.windows.is_empty() {
                view! { <p>{t!(i18n, consultations.no_weekly_hours)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap"><table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, common.field_office)}</th>
                            <th scope="col">{t!(i18n, common.field_weekday)}</th>
                            <th scope="col">{t!(i18n, consultations.col_time)}</th>
                            <th scope="col">{t!(i18n, common.field_slot_minutes)}</th>
                            <th scope="col">{t!(i18n, common.field_buffer_minutes)}</th>
                            <th scope="col">{t!(i18n, common.col_actions)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table></div>
                }.into_any()
            }}
            <ErrorSummary error form="window" />
            <ActionForm action=add attr:class="stack">
                <div class="row">
                    <SelectField name="form[office]" field="office" form="window" label=t_string!(i18n, common.field_office).to_string()
                        value=form.office.clone() options=office_options(&p) error placeholder="".to_string() />
                    <SelectField name="form[weekday]" field="weekday" form="window" label=t_string!(i18n, common.field_weekday).to_string()
                        value=form.weekday.clone() options=weekdays error placeholder="".to_string() />
                </div>
                <div class="row">
                    <TextField name="form[start_time]" field="start_time" form="window" label=t_string!(i18n, common.field_start_time).to_string()
                        hint=t_string!(i18n, common.time_hint).to_string() value=form.start_time.clone() error inputmode="numeric" />
                    <TextField name="form[end_time]" field="end_time" form="window" label=t_string!(i18n, common.field_end_time).to_string()
                        value=form.end_time.clone() error inputmode="numeric" />
                </div>
                <div class="row">
                    <TextField name="form[slot_minutes]" field="slot_minutes" form="window" label=t_string!(i18n, common.field_slot_minutes).to_string()
                        hint=t_string!(i18n, consultations.slot_minutes_hint).to_string() value=form.slot_minutes.clone() error inputmode="numeric" />
                    <TextField name="form[buffer_minutes]" field="buffer_minutes" form="window" label=t_string!(i18n, common.field_buffer_minutes).to_string()
                        hint=t_string!(i18n, consultations.buffer_minutes_hint).to_string() value=form.buffer_minutes.clone() error inputmode="numeric" />
                </div>
                <button type="submit">{t!(i18n, consultations.add_window_submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Exceptions(
    p: OfficeHoursView,
    add: ServerAction<AddHoursException>,
    remove: ServerAction<RemoveHoursException>,
    form: ExceptionForm,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(add);
    let kinds: Vec<(String, String)> = options::<ExceptionKind>(i18n);
    let items = p.exceptions.clone().into_iter().map(|x| {
        let dates = if x.from_date == x.to_date { written_date(i18n, &x.from_date) } else { format!("{} – {}", written_date(i18n, &x.from_date), written_date(i18n, &x.to_date)) };
        let office = if x.office.is_empty() { t_string!(i18n, common.all_offices).to_string() } else { x.office.clone() };
        view! {
            <li>
                <strong>{name(i18n, x.kind)}</strong> ": " {dates} " " {x.hours.clone()} ", " {office}
                {(!x.note.is_empty()).then(|| view! { " — " {x.note.clone()} })}
                <ActionForm action=remove attr:class="inline-form">
                    <input type="hidden" name="id" value=x.id />
                    <button type="submit" class="link-button">{t!(i18n, consultations.remove_submit)}</button>
                </ActionForm>
            </li>
        }
    }).collect_view();
    view! {
        <section aria-labelledby="exceptions">
            <h2 id="exceptions">{t!(i18n, consultations.exceptions_title)}</h2>
            {if p.exceptions.is_empty() {
                view! { <p>{t!(i18n, consultations.no_exceptions)}</p> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }}
            <ErrorSummary error form="exception" />
            <ActionForm action=add attr:class="stack">
                <div class="row">
                    <SelectField name="form[kind]" field="kind" form="exception" label=t_string!(i18n, common.field_exception_kind).to_string()
                        value=form.kind.clone() options=kinds error placeholder="".to_string() />
                    <SelectField name="form[office]" field="office" form="exception" label=t_string!(i18n, common.field_office).to_string()
                        hint=t_string!(i18n, consultations.exception_office_hint).to_string() value=form.office.clone() options=office_options(&p) error
                        placeholder=t_string!(i18n, common.all_offices).to_string() />
                </div>
                <div class="row">
                    <TextField name="form[from_date]" field="from_date" form="exception" label=t_string!(i18n, common.field_from_date).to_string()
                        hint=t_string!(i18n, common.date_hint).to_string() value=form.from_date.clone() error inputmode="numeric" />
                    <TextField name="form[to_date]" field="to_date" form="exception" label=t_string!(i18n, common.field_to_date).to_string()
                        value=form.to_date.clone() error inputmode="numeric" />
                </div>
                <div class="row">
                    <TextField name="form[start_time]" field="start_time" form="exception" label=t_string!(i18n, common.field_start_time).to_string()
                        hint=t_string!(i18n, common.time_hint).to_string() value=form.start_time.clone() error inputmode="numeric" />
                    <TextField name="form[end_time]" field="end_time" form="exception" label=t_string!(i18n, common.field_end_time).to_string()
                        value=form.end_time.clone() error inputmode="numeric" />
                </div>
                <TextField name="form[note]" field="note" form="exception" label=t_string!(i18n, common.field_note).to_string()
                    value=form.note.clone() error />
                <button type="submit">{t!(i18n, consultations.add_exception_submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Days(
    p: OfficeHoursView,
    set: ServerAction<SetDayOverride>,
    remove: ServerAction<RemoveDayOverride>,
    form: DayOverrideForm,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(set);
    let admin = p.is_admin;
    let rows = p.days.clone().into_iter().map(|d| {
        let state = match (d.open, &d.holiday) {
            (Some(true), _) | (None, None) => t_string!(i18n, consultations.day_open),
            (Some(false), _) | (None, Some(_)) => t_string!(i18n, consultations.day_closed),
        };
        view! {
            <tr>
                <td>{d.day.clone()}</td>
                <td>{d.holiday.map(|h| name(i18n, h)).unwrap_or_default()}</td>
                <td>{state} {(!d.note.is_empty()).then(|| view! { " — " {d.note.clone()} })}</td>
                <td>
                    {(admin && d.open.is_some()).then(|| view! {
                        <ActionForm action=remove>
                            <input type="hidden" name="day" value=d.day.clone() />
                            <button type="submit" class="link-button">{t!(i18n, consultations.undo_day_submit)}</button>
                        </ActionForm>
                    })}
                </td>
            </tr>
        }
    }).collect_view();
    let states = vec![
        (
            "open".to_string(),
            t_string!(i18n, consultations.day_open).to_string(),
        ),
        (
            "closed".to_string(),
            t_string!(i18n, consultations.day_closed).to_string(),
        ),
    ];
    view! {
        <section aria-labelledby="days">
            <h2 id="days">{t!(i18n, consultations.days_title)}</h2>
            <p class="hint">{t!(i18n, consultations.days_hint)}</p>
            <div class="table-wrap"><table>
                <thead><tr>
                    <th scope="col">{t!(i18n, common.field_day)}</th>
                    <th scope="col">{t!(i18n, consultations.field_name_of_day)}</th>
                    <th scope="col">{t!(i18n, common.field_day_state)}</th>
                    <th scope="col">{t!(i18n, common.col_actions)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
            {admin.then(|| view! {
                <ErrorSummary error form="day" />
                <ActionForm action=set attr:class="stack">
                    <div class="row">
                        <TextField name="form[day]" field="day" form="day" label=t_string!(i18n, common.field_day).to_string()
                            hint=t_string!(i18n, common.date_hint).to_string() value=form.day.clone() error inputmode="numeric" />
                        <SelectField name="form[state]" field="state" form="day" label=t_string!(i18n, common.field_day_state).to_string()
                            value=form.state.clone() options=states.clone() error placeholder="".to_string() />
                    </div>
                    <TextField name="form[note]" field="note" form="day" label=t_string!(i18n, common.field_note).to_string()
                        value=form.note.clone() error />
                    <button type="submit">{t!(i18n, consultations.set_day_submit)}</button>
                </ActionForm>
            })}
        </section>
    }
}
