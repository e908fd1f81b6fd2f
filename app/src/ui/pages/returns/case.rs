//! One return case: who returns and where to, the family members returning with them, the
//! dates of the journey, the three-month contact rule, the steps the reader may take now, and
//! the case's history.

use super::cases::{contact_text, person_fields};
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::return_cases::{
    get_return_case, AddReturnFamilyMember, CaseDetail, RemoveReturnFamilyMember, UpdateReturnCase,
};
use crate::api::return_steps::{
    CloseWithoutContact, CounselReturnCase, ExtendContactDeadline, PlanReturnDeparture,
    RecordFirstContact, RecordReturnDeparture, WithdrawReturnCase,
};
use crate::domain::reintegration::{
    DepartureForm, DeparturePlanForm, ExtensionForm, FamilyMemberForm, FirstContactForm, Relation,
};
use crate::domain::role::access;
use crate::domain::Gender;
use crate::i18n::*;
use crate::names::{name, options};
use crate::ui::form::{action_error, ConfirmFirst, ErrorSummary, SelectField, TextField};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use crate::ui::text::{birth_date_in, date_in};
use leptos::prelude::*;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};

/// What a refused post typed, per form of the page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Drafts {
    person: Option<String>,
    member: Option<String>,
    plan: Option<String>,
    departure: Option<String>,
    contact: Option<String>,
    extension: Option<String>,
}

async fn drafts_of(id: i64) -> Drafts {
    let take = |form: &str| take_draft(format!("{form}/{id}"));
    Drafts {
        person: take("update_return_case").await.ok().flatten(),
        member: take("add_return_family_member").await.ok().flatten(),
        plan: take("plan_return_departure").await.ok().flatten(),
        departure: take("record_return_departure").await.ok().flatten(),
        contact: take("record_first_contact").await.ok().flatten(),
        extension: take("extend_contact_deadline").await.ok().flatten(),
    }
}

#[component]
pub fn ReturnCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let update = ServerAction::<UpdateReturnCase>::new();
    let add_member = ServerAction::<AddReturnFamilyMember>::new();
    let remove_member = ServerAction::<RemoveReturnFamilyMember>::new();
    let counsel = ServerAction::<CounselReturnCase>::new();
    let plan = ServerAction::<PlanReturnDeparture>::new();
    let departure = ServerAction::<RecordReturnDeparture>::new();
    let contact = ServerAction::<RecordFirstContact>::new();
    let extend = ServerAction::<ExtendContactDeadline>::new();
    let no_contact = ServerAction::<CloseWithoutContact>::new();
    let withdraw = ServerAction::<WithdrawReturnCase>::new();
    let case = Resource::new(
        move || {
            (
                id(),
                update.version().get(),
                add_member.version().get(),
                remove_member.version().get(),
                counsel.version().get(),
                plan.version().get(),
                departure.version().get(),
                (
                    contact.version().get(),
                    extend.version().get(),
                    no_contact.version().get(),
                    withdraw.version().get(),
                ),
            )
        },
        |(id, ..)| get_return_case(id),
    );
    let drafts = Resource::new(id, drafts_of);
    view! {
        <RequireRole roles=access::RETURN_CASES>
            <Suspense>
                {move || Suspend::new(async move {
                    let d = match case.await {
                        Ok(d) => d,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    let drafts = drafts.await;
                    view! {
                        <PageHeading text=d.line.name.clone() />
                        <p><A href="/returns">{t!(i18n, returns.cases_back)}</A></p>
                        <p role="status"><strong>{t!(i18n, common.field_status)} ": " {name(i18n, d.line.status)}</strong></p>
                        <Facts d=d.clone() />
                        <Family d=d.clone() add=add_member remove=remove_member draft=drafts.member.clone() />
                        <h2>{t!(i18n, returns.next_steps_title)}</h2>
                        <Steps d=d.clone() counsel plan departure contact extend no_contact withdraw drafts=drafts />
                        {d.may.edit.then(|| {
                            let error = action_error(update);
                            let person = d.form.clone();
                            let case_id = d.line.id;
                            view! {
                                <details class="card">
                                    <summary>{t!(i18n, returns.case_edit)}</summary>
                                    <ErrorSummary error form="person" />
                                    <ActionForm action=update attr:class="stack narrow">
                                        <input type="hidden" name="id" value=case_id />
                                        {person_fields(i18n, person, error)}
                                        <button type="submit">{t!(i18n, returns.case_save)}</button>
                                    </ActionForm>
                                </details>
                            }
                        })}
                        <History d=d />
                    }.into_any()
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
fn Facts(d: CaseDetail) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let day = move |date: Option<chrono::NaiveDate>| {
        date.map(|date| date_in(locale, date))
            .unwrap_or_else(|| "—".into())
    };
    let contact = contact_text(i18n, &d.line);
    let id = d.line.id;
    view! {
        <dl class="facts">
            <dt>{t!(i18n, common.field_date_of_birth)}</dt><dd>{birth_date_in(locale, d.date_of_birth)}</dd>
            <dt>{t!(i18n, common.field_gender)}</dt><dd>{name(i18n, d.gender)}</dd>
            <dt>{t!(i18n, returns.case_language)}</dt><dd>{name(i18n, d.language)}</dd>
            <dt>{t!(i18n, common.field_phone)}</dt><dd>{if d.form.phone.is_empty() { "—".to_string() } else { d.form.phone.clone() }}</dd>
            <dt>{t!(i18n, common.field_email)}</dt><dd>{if d.form.email.is_empty() { "—".to_string() } else { d.form.email.clone() }}</dd>
            <dt>{t!(i18n, returns.case_nationality)}</dt><dd>{d.form.nationality.clone()}</dd>
            <dt>{t!(i18n, returns.case_return_to)}</dt><dd>{format!("{}, {}", d.line.return_city, d.line.return_country)}</dd>
            <dt>{t!(i18n, returns.case_counsellor)}</dt><dd>{d.counsellor.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>{t!(i18n, returns.case_country_office)}</dt>
            <dd>
                {match (d.country_office_id, d.line.country_office.clone()) {
                    (Some(_), Some(office)) => view! {
                        {office} " · " <A href=format!("/returns/{id}/contact-sheet")>{t!(i18n, returns.contact_sheet_link)}</A>
                    }.into_any(),
                    _ => "—".into_any(),
                }}
            </dd>
            <dt>{t!(i18n, returns.case_decision_on)}</dt><dd>{day(d.decision_on)}</dd>
            <dt>{t!(i18n, returns.case_planned_departure)}</dt><dd>{day(d.planned_departure_on)}</dd>
            <dt>{t!(i18n, returns.case_departed_on)}</dt><dd>{day(d.departed_on)}</dd>
            <dt>{t!(i18n, returns.case_arrived_on)}</dt><dd>{day(d.arrived_on)}</dd>
            <dt>{t!(i18n, returns.case_first_contact)}</dt>
            <dd>
                {match d.first_contact_on {
                    Some(on) => format!("{}{}", date_in(locale, on), d.first_contact_note.as_ref().map(|n| format!(" — {n}")).unwrap_or_default()),
                    None => contact.unwrap_or_else(|| "—".into()),
                }}
            </dd>
            {d.contact_extended_to.map(|until| view! {
                <dt>{t!(i18n, returns.case_extended_to)}</dt>
                <dd>{date_in(locale, until)} {d.extension_reason.clone().map(|r| format!(" — {r}"))}</dd>
            })}
        </dl>
    }
}

#[component]
fn Family(
    d: CaseDetail,
    add: ServerAction<AddReturnFamilyMember>,
    remove: ServerAction<RemoveReturnFamilyMember>,
    draft: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let add_error = action_error(add);
    let remove_error = action_error(remove);
    let id = d.line.id;
    let editable = d.may.edit;
    let form = decode_draft(draft, FamilyMemberForm::default());
    view! {
        <h2>{t!(i18n, returns.family_title)}</h2>
        <ErrorSummary error=remove_error form="remove-member" />
        {if d.members.is_empty() {
            view! { <p>{t!(i18n, returns.family_none)}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {d.members.into_iter().map(|m| view! {
                        <li>
                            {m.name.clone()} " · " {name(i18n, m.relation)} " · " {birth_date_in(locale, m.date_of_birth)} " · " {name(i18n, m.gender)}
                            {editable.then(|| view! {
                                " "
                                <ActionForm action=remove attr:class="inline">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="member" value=m.id />
                                    <button type="submit" class="secondary">{t!(i18n, returns.family_remove)} " " {m.name.clone()}</button>
                                </ActionForm>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {editable.then(|| view! {
            <details class="card" open=add_error.get_untracked().is_some()>
                <summary>{t!(i18n, returns.family_add)}</summary>
                <ErrorSummary error=add_error form="member" />
                <ActionForm action=add attr:class="stack narrow">
                    <input type="hidden" name="id" value=id />
                    <SelectField name="form[relation]" field="relation" label=t_string!(i18n, returns.family_relation).to_string()
                        value=form.relation options={options::<Relation>(i18n)} error=add_error placeholder=String::new() form="member" />
                    <TextField name="form[first_name]" field="first_name" label=t_string!(i18n, common.field_first_name).to_string()
                        value=form.first_name error=add_error required=true form="member" />
                    <TextField name="form[last_name]" field="last_name" label=t_string!(i18n, common.field_last_name).to_string()
                        value=form.last_name error=add_error required=true form="member" />
                    <TextField name="form[date_of_birth]" field="date_of_birth" label=t_string!(i18n, common.field_date_of_birth).to_string()
                        hint=t_string!(i18n, common.date_hint).to_string() value=form.date_of_birth error=add_error inputmode="numeric" required=true form="member" />
                    <SelectField name="form[gender]" field="gender" label=t_string!(i18n, common.field_gender).to_string()
                        value=form.gender options={options::<Gender>(i18n)} error=add_error placeholder=String::new() form="member" />
                    <button type="submit">{t!(i18n, returns.family_add)}</button>
                </ActionForm>
            </details>
        })}
    }
}

#[component]
#[allow(clippy::too_many_arguments)]
fn Steps(
    d: CaseDetail,
    counsel: ServerAction<CounselReturnCase>,
    plan: ServerAction<PlanReturnDeparture>,
    departure: ServerAction<RecordReturnDeparture>,
    contact: ServerAction<RecordFirstContact>,
    extend: ServerAction<ExtendContactDeadline>,
    no_contact: ServerAction<CloseWithoutContact>,
    withdraw: ServerAction<WithdrawReturnCase>,
    drafts: Drafts,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = d.line.id;
    let may = d.may;
    let nothing = !(may.counsel
        || may.plan_departure
        || may.record_departure
        || may.first_contact
        || may.extend
        || may.close_no_contact
        || may.withdraw);
    let plan_form = decode_draft(
        drafts.plan,
        DeparturePlanForm {
            decision_on: d.decision_on.map(|x| x.to_string()).unwrap_or_default(),
            planned_departure_on: d
                .planned_departure_on
                .map(|x| x.to_string())
                .unwrap_or_default(),
            country_office: d
                .country_office_id
                .map(|x| x.to_string())
                .unwrap_or_default(),
        },
    );
    let departure_form = decode_draft(drafts.departure, DepartureForm::default());
    let contact_form = decode_draft(drafts.contact, FirstContactForm::default());
    let extension_form = decode_draft(drafts.extension, ExtensionForm::default());
    let offices: Vec<(String, String)> = d
        .country_offices
        .iter()
        .map(|(id, n)| (id.to_string(), n.clone()))
        .collect();
    view! {
        {nothing.then(|| view! { <p>{t!(i18n, returns.next_steps_none)}</p> })}
        {may.counsel.then(|| {
            let error = action_error(counsel);
            view! {
                <section class="card">
                    <h3>{t!(i18n, returns.step_counsel_title)}</h3>
                    <p class="hint">{t!(i18n, returns.step_counsel_hint)}</p>
                    <ErrorSummary error form="counsel" />
                    <ActionForm action=counsel attr:class="stack narrow">
                        <input type="hidden" name="id" value=id />
                        <TextField name="comment" field="comment" label=t_string!(i18n, returns.step_comment).to_string()
                            value=String::new() error multiline=true form="counsel" />
                        <button type="submit">{t!(i18n, returns.step_counsel)}</button>
                    </ActionForm>
                </section>
            }
        })}
        {may.plan_departure.then(|| {
            let error = action_error(plan);
            view! {
                <section class="card">
                    <h3>{t!(i18n, returns.step_plan_title)}</h3>
                    <ErrorSummary error form="plan" />
                    <ActionForm action=plan attr:class="stack narrow">
                        <input type="hidden" name="id" value=id />
                        <TextField name="form[decision_on]" field="decision_on" label=t_string!(i18n, returns.case_decision_on).to_string()
                            hint=t_string!(i18n, common.date_hint).to_string() value=plan_form.decision_on error inputmode="numeric" required=true form="plan" />
                        <TextField name="form[planned_departure_on]" field="planned_departure_on" label=t_string!(i18n, returns.case_planned_departure).to_string()
                            hint=t_string!(i18n, common.date_hint).to_string() value=plan_form.planned_departure_on error inputmode="numeric" required=true form="plan" />
                        <SelectField name="form[country_office]" field="country_office" label=t_string!(i18n, returns.case_country_office).to_string()
                            hint=t_string!(i18n, returns.step_plan_office_hint).to_string()
                            value=plan_form.country_office options=offices error placeholder=String::new() form="plan" />
                        <button type="submit">{t!(i18n, returns.step_plan)}</button>
                    </ActionForm>
                </section>
            }
        })}
        {may.record_departure.then(|| {
            let error = action_error(departure);
            view! {
                <section class="card">
                    <h3>{t!(i18n, returns.step_departure_title)}</h3>
                    <ErrorSummary error form="departure" />
                    <ActionForm action=departure attr:class="stack narrow">
                        <input type="hidden" name="id" value=id />
                        <TextField name="form[departed_on]" field="departed_on" label=t_string!(i18n, returns.case_departed_on).to_string()
                            hint=t_string!(i18n, common.date_hint).to_string() value=departure_form.departed_on error inputmode="numeric" required=true form="departure" />
                        <TextField name="form[arrived_on]" field="arrived_on" label=t_string!(i18n, returns.case_arrived_on).to_string()
                            hint=t_string!(i18n, returns.step_arrival_hint).to_string()
                            value=departure_form.arrived_on error inputmode="numeric" form="departure" />
                        <button type="submit">{t!(i18n, returns.step_departure)}</button>
                    </ActionForm>
                </section>
            }
        })}
        {may.first_contact.then(|| {
            let error = action_error(contact);
            view! {
                <section class="card">
                    <h3>{t!(i18n, returns.step_contact_title)}</h3>
                    <ErrorSummary error form="contact" />
                    <ActionForm action=contact attr:class="stack narrow">
                        <input type="hidden" name="id" value=id />
                        <TextField name="form[contacted_on]" field="contacted_on" label=t_string!(i18n, returns.step_contacted_on).to_string()
                            hint=t_string!(i18n, common.date_hint).to_string() value=contact_form.contacted_on error inputmode="numeric" required=true form="contact" />
                        <TextField name="form[note]" field="note" label=t_string!(i18n, common.field_note).to_string()
                            value=contact_form.note error multiline=true form="contact" />
                        <button type="submit">{t!(i18n, returns.step_contact)}</button>
                    </ActionForm>
                </section>
            }
        })}
        {may.extend.then(|| {
            let error = action_error(extend);
            view! {
                <section class="card">
                    <h3>{t!(i18n, returns.step_extend_title)}</h3>
                    <ErrorSummary error form="extend" />
                    <ActionForm action=extend attr:class="stack narrow">
                        <input type="hidden" name="id" value=id />
                        <TextField name="form[until]" field="until" label=t_string!(i18n, returns.step_extend_until).to_string()
                            hint=t_string!(i18n, common.date_hint).to_string() value=extension_form.until error inputmode="numeric" required=true form="extend" />
                        <TextField name="form[reason]" field="reason" label=t_string!(i18n, common.field_reason).to_string()
                            value=extension_form.reason error multiline=true required=true form="extend" />
                        <button type="submit">{t!(i18n, returns.step_extend)}</button>
                    </ActionForm>
                </section>
            }
        })}
        {may.close_no_contact.then(|| {
            let error = action_error(no_contact);
            view! {
                <section class="card">
                    <h3>{t!(i18n, returns.step_no_contact_title)}</h3>
                    <p class="hint">{t!(i18n, returns.step_no_contact_hint)}</p>
                    <ErrorSummary error form="no-contact" />
                    <ActionForm action=no_contact attr:class="stack narrow">
                        <input type="hidden" name="id" value=id />
                        <TextField name="comment" field="comment" label=t_string!(i18n, common.field_reason).to_string()
                            value=String::new() error multiline=true required=true form="no-contact" />
                        <button type="submit" class="secondary">{t!(i18n, returns.step_no_contact)}</button>
                    </ActionForm>
                </section>
            }
        })}
        {may.withdraw.then(|| {
            let error = action_error(withdraw);
            view! {
                <ErrorSummary error form="withdraw" />
                <ConfirmFirst label=t_string!(i18n, returns.step_withdraw).to_string()
                    question=t_string!(i18n, returns.step_withdraw_question).to_string()
                    open=error.get_untracked().is_some()>
                    <ActionForm action=withdraw attr:class="stack narrow">
                        <input type="hidden" name="id" value=id />
                        <TextField name="comment" field="comment" label=t_string!(i18n, common.field_reason).to_string()
                            value=String::new() error multiline=true required=true form="withdraw" />
                        <button type="submit" class="secondary">{t!(i18n, returns.step_withdraw)}</button>
                    </ActionForm>
                </ConfirmFirst>
            }
        })}
    }
}

#[component]
fn History(d: CaseDetail) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{t!(i18n, returns.history_title)}</h2>
        <ol class="history">
            {d.steps.into_iter().map(|s| view! {
                <li>
                    <strong>{name(i18n, s.to)}</strong> " · " {s.at} " · " {s.by}
                    {s.comment.map(|c| view! { <br /> <span>{c}</span> })}
                </li>
            }).collect_view()}
        </ol>
    }
}
