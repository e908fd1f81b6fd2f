//! One consultation: the confirmation page after booking, with the details in the reader's
//! language, and the forms to move or cancel it while the rules allow.

use super::slots::SlotChoice;
use crate::api::consultation_record::ConsultationView;
use crate::api::consultations::{
    get_consultation, reschedule_options, CancelConsultation, RescheduleConsultation,
};
use crate::api::drafts::{decode_draft, take_draft};
use crate::domain::consultation::{CancelForm, RescheduleForm};
use crate::domain::role::access;
use crate::domain::schedule::EventStatus;
use crate::i18n::*;
use crate::names::name;
use crate::ui::form::{action_error, ErrorSummary, TextField};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageHeading;
use crate::ui::pages::calendar::DownloadIcs;
use crate::ui::pages::ErrorView;
use crate::ui::text::{consultation_status_name, field_error};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ConsultationPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let cancel = ServerAction::<CancelConsultation>::new();
    let reschedule = ServerAction::<RescheduleConsultation>::new();
    let consultation = Resource::new(
        move || (id(), cancel.version().get(), reschedule.version().get()),
        |(id, _, _)| get_consultation(id),
    );
    let options = Resource::new(
        move || (id(), reschedule.version().get()),
        |(id, _)| reschedule_options(id),
    );
    let drafts = Resource::new(id, |id| async move {
        (
            take_draft(format!("cancel_consultation/{id}"))
                .await
                .ok()
                .flatten(),
            take_draft(format!("reschedule_consultation/{id}"))
                .await
                .ok()
                .flatten(),
        )
    });
    view! {
        <RequireRole roles=access::CONSULTATIONS>
            <Suspense>
                {move || Suspend::new(async move {
                    let (cancel_draft, move_draft) = drafts.await;
                    match consultation.await {
                        Ok(c) => {
                            let slots = options.await.unwrap_or_default();
                            view! {
                                <p><A href="/consultations">{t!(i18n, consultations.my_consultations_title)}</A></p>
                                <PageHeading text=t_string!(i18n, consultations.consultation_title).to_string() />
                                <Facts c=c.clone() />
                                <p><DownloadIcs href=c.download.clone() /></p>
                                {match c.change_refused {
                                    None => view! {
                                        <Reschedule id=c.id action=reschedule slots
                                            form=decode_draft(move_draft, RescheduleForm::default()) />
                                        <Cancel id=c.id action=cancel form=decode_draft(cancel_draft, CancelForm::default()) />
                                    }.into_any(),
                                    Some(code) if c.status == EventStatus::Confirmed || c.status == EventStatus::Pending => view! {
                                        <p class="notice">{field_error(i18n, code)}</p>
                                    }.into_any(),
                                    Some(_) => ().into_any(),
                                }}
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
fn Facts(c: ConsultationView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="facts">
            <dt>{t!(i18n, common.col_when)}</dt><dd><strong>{c.when.clone()}</strong> " (" {t!(i18n, common.mail_tallinn_time)} ")"</dd>
            <dt>{t!(i18n, common.field_place)}</dt><dd>{c.office.clone()} ", " {c.office_address.clone()}</dd>
            <dt>{t!(i18n, consultations.field_coordinator)}</dt><dd>{c.coordinator.clone()}</dd>
            <dt>{t!(i18n, common.field_household)}</dt><dd>{c.household_name.clone()}</dd>
            <dt>{t!(i18n, common.field_topic)}</dt><dd>{name(i18n, c.topic)}</dd>
            <dt>{t!(i18n, common.field_party_size)}</dt><dd>{c.party_size}</dd>
            <dt>{t!(i18n, common.field_interpreter)}</dt>
            <dd>{match c.interpreter {
                Some(language) => name(i18n, language),
                None => t_string!(i18n, consultations.no_interpreter).to_string(),
            }}</dd>
            {(!c.note.is_empty()).then(|| view! { <dt>{t!(i18n, common.field_note)}</dt><dd>{c.note.clone()}</dd> })}
            <dt>{t!(i18n, common.field_status)}</dt><dd>{consultation_status_name(i18n, c.status)}</dd>
            {c.cancel_reason.clone().map(|r| view! { <dt>{t!(i18n, common.field_reason)}</dt><dd>{r}</dd> })}
            {c.no_shows.map(|n| view! { <dt>{t!(i18n, consultations.col_no_shows)}</dt><dd>{n}</dd> })}
            {c.staff_note.clone().filter(|n| !n.is_empty()).map(|n| view! { <dt>{t!(i18n, common.field_staff_note)}</dt><dd>{n}</dd> })}
        </dl>
    }
}

#[component]
fn Reschedule(
    id: i64,
    action: ServerAction<RescheduleConsultation>,
    slots: Vec<crate::api::free_slots::DaySlots>,
    form: RescheduleForm,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    view! {
        <section>
            <h2>{t!(i18n, consultations.reschedule_title)}</h2>
            <ErrorSummary error form="move" />
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id />
                {if slots.is_empty() {
                    view! { <p>{t!(i18n, consultations.no_free_times)}</p> }.into_any()
                } else {
                    view! { <SlotChoice days=slots selected=form.slot.clone() error id_prefix="move-slot" /> }.into_any()
                }}
                <TextField name="form[reason]" field="reason" form="move" label=t_string!(i18n, common.field_reason).to_string()
                    value=form.reason.clone() error />
                <button type="submit">{t!(i18n, consultations.reschedule_submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Cancel(id: i64, action: ServerAction<CancelConsultation>, form: CancelForm) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    view! {
        <h2>{t!(i18n, consultations.cancel_title)}</h2>
        <ErrorSummary error form="cancel" />
        <ActionForm action=action attr:class="stack">
            <input type="hidden" name="id" value=id />
            <TextField name="form[reason]" field="reason" form="cancel" label=t_string!(i18n, common.field_reason).to_string()
                value=form.reason.clone() error />
            <button type="submit" class="danger">{t!(i18n, consultations.cancel_submit)}</button>
        </ActionForm>
    }
}
