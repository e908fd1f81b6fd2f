//! Booking a consultation: choose an office (and a coordinator, if you like), then one of the
//! free times of the next four weeks, the topic, who is coming and whether an interpreter is
//! needed. Works without JavaScript: the office choice is a plain GET form.

use super::slots::SlotChoice;
use crate::api::consultations::{booking_page, BookConsultation};
use crate::api::drafts::{decode_draft, take_draft};
use crate::domain::consultation::{BookingForm, Topic};
use crate::domain::role::access;
use crate::domain::Language;
use crate::i18n::*;
use crate::names::options;
use crate::ui::form::{action_error, ErrorSummary, SelectField, TextField};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::household_finder::{HouseholdFinder, HouseholdHint};
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

fn query_id(value: Option<String>) -> Option<i64> {
    value.and_then(|v| v.parse().ok())
}

#[component]
pub fn BookConsultationPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<BookConsultation>::new();
    let error = action_error(action);
    let params = move || {
        query.with(|q| {
            (
                query_id(q.get("office")),
                query_id(q.get("coordinator")),
                query_id(q.get("household")),
                q.get("who"),
            )
        })
    };
    // Fetched again after a refused booking, so that a slot just taken disappears.
    let page = Resource::new(
        move || (params(), action.version().get()),
        |((office, coordinator, household, who), _)| {
            booking_page(office, coordinator, household, who)
        },
    );
    let draft = Resource::new(|| (), |_| take_draft("book_consultation".into()));
    view! {
        <RequireRole roles=access::CONSULTATIONS>
            <PageHeading text=t_string!(i18n, consultations.book_title).to_string() />
            <Suspense>
                {move || Suspend::new(async move {
                    let draft = draft.await.ok().flatten();
                    let p = match page.await {
                        Ok(p) => p,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    let topic = query.with_untracked(|q| q.get("topic")).filter(|t| Topic::parse(t).is_some()).unwrap_or_default();
                    let form = decode_draft(draft, BookingForm {
                        household: p.household.map(|h| h.to_string()).unwrap_or_default(),
                        topic: topic.clone(),
                        party_size: "1".into(),
                        ..BookingForm::default()
                    });
                    let office_value = p.office.map(|o| o.to_string()).unwrap_or_default();
                    let coordinator_value = p.coordinator.map(|c| c.to_string()).unwrap_or_default();
                    let household_value = form.household.clone();
                    let rules = if p.by_coordinator {
                        t_string!(i18n, consultations.book_rules_staff).to_string()
                    } else {
                        t_string!(i18n, consultations.book_rules, notice = p.min_notice_hours, cutoff = p.cutoff_hours).to_string()
                    };
                    let offices = p.offices.iter().map(|o| {
                        let selected = Some(o.id) == p.office;
                        view! { <option value=o.id selected=selected>{o.name.clone()}</option> }
                    }).collect_view();
                    let coordinators = p.coordinators.iter().map(|c| {
                        let selected = Some(c.id) == p.coordinator;
                        view! { <option value=c.id selected=selected>{c.name.clone()}</option> }
                    }).collect_view();
                    let staff = p.chooses_household;
                    let who = query.with_untracked(|q| q.get("who")).unwrap_or_default();
                    let none_found = p.households.is_empty();
                    let households: Vec<(String, String)> = p.households.iter().map(|h| (h.id.to_string(), h.name.clone())).collect();
                    let topics: Vec<(String, String)> = options::<Topic>(i18n);
                    let languages: Vec<(String, String)> = options::<Language>(i18n);
                    let who_hint = who.clone();
                    // Staff see whom they book for: the household of the address, which the
                    // booking takes (a choice not yet shown with "Show free times" is not).
                    let booking_for = staff.then(|| {
                        match households.iter().find(|(id, _)| *id == form.household) {
                            Some((_, name)) => t_string!(i18n, consultations.booking_for, name = name.clone()).to_string(),
                            None => t_string!(i18n, consultations.booking_for_nobody).to_string(),
                        }
                    });
                    let booking = p.office.map(|office| {
                        let slots = if p.days.is_empty() {
                            view! { <p class="notice">{t!(i18n, consultations.no_free_times)}</p> }.into_any()
                        } else {
                            view! { <SlotChoice days=p.days.clone() selected=form.slot.clone() error /> }.into_any()
                        };
                        view! {
                            <ErrorSummary error />
                            <ActionForm action=action attr:class="stack">
                                <input type="hidden" name="form[office]" value=office />
                                <input type="hidden" name="form[household]" value=form.household.clone() />
                                {slots}
                                <SelectField name="form[topic]" field="topic" label=t_string!(i18n, common.field_topic).to_string()
                                    value=form.topic.clone() options=topics.clone() error placeholder="".to_string() />
                                <TextField name="form[party_size]" field="party_size" label=t_string!(i18n, common.field_party_size).to_string()
                                    hint=t_string!(i18n, consultations.party_size_hint).to_string() value=form.party_size.clone() error kind="number" inputmode="numeric" />
                                <SelectField name="form[interpreter]" field="interpreter" label=t_string!(i18n, common.field_interpreter).to_string()
                                    value=form.interpreter.clone() options=languages.clone() error placeholder=t_string!(i18n, consultations.no_interpreter).to_string() />
                                <TextField name="form[note]" field="note" label=t_string!(i18n, common.field_note).to_string()
                                    hint=t_string!(i18n, consultations.consultation_note_hint).to_string() value=form.note.clone() error multiline=true />
                                {booking_for.clone().map(|text| view! { <p class="booking-for"><strong>{text}</strong></p> })}
                                <button type="submit">{t!(i18n, consultations.book_submit)}</button>
                            </ActionForm>
                        }
                    });
                    view! {
                        <p>{t!(i18n, consultations.book_intro)}</p>
                        <p class="hint">{rules}</p>
                        {p.by_coordinator.then(|| view! { <HouseholdFinder path="/consultations/book" /> })}
                        // Who, where and with whom are chosen together and travel in the address,
                        // so that the day links below keep them.
                        <Form method="GET" action="/consultations/book" attr:class="filters">
                            {if staff {
                                view! {
                                    <SelectField name="household" field="household" label=t_string!(i18n, common.field_household).to_string()
                                        value=household_value options=households error placeholder=t_string!(i18n, consultations.choose_household).to_string() />
                                    {none_found.then(|| view! { <HouseholdHint who=who_hint /> })}
                                }.into_any()
                            } else {
                                ().into_any()
                            }}
                            <input type="hidden" name="who" value=who.clone() />
                            <input type="hidden" name="topic" value=topic />
                            <div class="field">
                                <label for="office">{t!(i18n, common.field_office)}</label>
                                <select id="office" name="office">
                                    <option value="" selected=office_value.is_empty()>{t!(i18n, consultations.choose_office)}</option>
                                    {offices}
                                </select>
                            </div>
                            <div class="field">
                                <label for="coordinator">{t!(i18n, consultations.field_coordinator)}</label>
                                <select id="coordinator" name="coordinator">
                                    <option value="" selected=coordinator_value.is_empty()>{t!(i18n, consultations.any_coordinator)}</option>
                                    {coordinators}
                                </select>
                            </div>
                            <button type="submit" class="secondary">{t!(i18n, consultations.show_free_times)}</button>
                        </Form>
                        {booking}
                    }.into_any()
                })}
            </Suspense>
        </RequireRole>
    }
}
