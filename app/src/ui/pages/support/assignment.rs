//! One assignment: the household as the support person needs it, the lifecycle, meetings,
//! the adaptation checklist and the hours. Coordinators and the assigned support person.

use crate::api::assignment_detail::{get_assignment, AssignmentDetail};
use crate::api::assignments::{EndAssignment, ExtendAssignment, MarkHandedOver, PlanHandover};
use crate::api::checklist::SaveChecklist;
use crate::api::dashboards::hours_text;
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::meetings::{CancelMeeting, MeetingView, PlanMeeting, RecordMeeting};
use crate::domain::role::access;
use crate::domain::schedule::EventStatus;
use crate::domain::schedule::MeetingForm;
use crate::domain::AssignmentStatus;
use crate::domain::{ChecklistItem, ChecklistStatus, EndReason};
use crate::i18n::*;
use crate::names::{name, names};
use crate::ui::form::{action_error, ErrorSummary, FormError, SelectField, TextField};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageTitle;
use crate::ui::pages::calendar::DownloadIcs;
use crate::ui::pages::{ErrorView, LoginActions, MemberLogins};
use crate::ui::text::{checklist_status_name, languages_text, written_birth_date, written_date};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn AssignmentPage() -> impl IntoView {
    let id = id_param("id");
    let plan = ServerAction::<PlanMeeting>::new();
    let record = ServerAction::<RecordMeeting>::new();
    let cancel = ServerAction::<CancelMeeting>::new();
    let checklist = ServerAction::<SaveChecklist>::new();
    let extend = ServerAction::<ExtendAssignment>::new();
    let end = ServerAction::<EndAssignment>::new();
    let handover = ServerAction::<PlanHandover>::new();
    let handed_over = ServerAction::<MarkHandedOver>::new();
    let logins = LoginActions::new();
    let detail = Resource::new(
        move || {
            (
                id(),
                plan.version().get()
                    + record.version().get()
                    + cancel.version().get()
                    + checklist.version().get()
                    + extend.version().get()
                    + end.version().get()
                    + handover.version().get()
                    + handed_over.version().get()
                    + logins.version(),
            )
        },
        |(id, _)| get_assignment(id),
    );
    let drafts = Resource::new(id, |id| async move {
        (
            take_draft(format!("meeting/{id}")).await.ok().flatten(),
            take_draft(format!("checklist/{id}")).await.ok().flatten(),
        )
    });
    let actions = Actions {
        plan,
        record,
        cancel,
        checklist,
        extend,
        end,
        handover,
        handed_over,
        logins,
    };
    view! {
        <RequireRole roles=access::ASSIGNMENTS>
            <Suspense>
                {move || Suspend::new(async move {
                    let (meeting_draft, checklist_draft) = drafts.await;
                    match detail.await {
                        Ok(d) => view! { <AssignmentView d actions meeting_draft checklist_draft /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    plan: ServerAction<PlanMeeting>,
    record: ServerAction<RecordMeeting>,
    cancel: ServerAction<CancelMeeting>,
    checklist: ServerAction<SaveChecklist>,
    extend: ServerAction<ExtendAssignment>,
    end: ServerAction<EndAssignment>,
    handover: ServerAction<PlanHandover>,
    handed_over: ServerAction<MarkHandedOver>,
    logins: LoginActions,
}

#[component]
fn AssignmentView(
    d: AssignmentDetail,
    actions: Actions,
    meeting_draft: Option<String>,
    checklist_draft: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let a = d.assignment.clone();
    let back = if d.coordinator {
        "/assignments"
    } else {
        "/support"
    };
    let end_text = a.end_reason.map(|r| {
        format!(
            "{} ({})",
            name(i18n, r),
            a.ended_on.clone().unwrap_or_default()
        )
    });
    view! {
            <p><A href=back>{t!(i18n, support.back_to_overview)}</A></p>
            <PageTitle text=t_string!(i18n, common.nav_support_service).to_string() />
    <h1>{t!(i18n, support.assignment_title, name = a.household_name.clone())}</h1>
            {a.ending_soon.then(|| view! {
                <div class="notice" role="status"><p>{t!(i18n, support.ending_soon_notice, date = written_date(i18n, &a.planned_end))}</p></div>
            })}
            {(!d.open).then(|| view! {
                <div class="notice" role="status"><p>{t!(i18n, support.assignment_read_only)}</p></div>
            })}
            {d.open.then(|| view! {
                <p><A href=format!("/matching/new?household={}", a.household_id) attr:class="button secondary">{t!(i18n, common.ask_volunteer)}</A></p>
            })}
            <dl class="facts">
                <dt>{t!(i18n, names.role_support_person)}</dt>
                <dd>
                    {if d.coordinator {
                        view! { <A href=format!("/support-persons/{}", a.support_person_id)>{a.support_person.clone()}</A> }.into_any()
                    } else {
                        a.support_person.clone().into_any()
                    }}
                </dd>
                <dt>{t!(i18n, common.field_status)}</dt><dd>{name(i18n, a.status)}</dd>
                <dt>{t!(i18n, common.field_start_date)}</dt><dd>{written_date(i18n, &a.start_date)}</dd>
                <dt>{t!(i18n, common.field_planned_end)}</dt><dd>{written_date(i18n, &a.planned_end)}</dd>
                {a.override_reason.clone().map(|r| view! { <dt>{t!(i18n, common.field_override_reason)}</dt><dd>{r}</dd> })}
                {end_text.map(|t| view! { <dt>{t!(i18n, support.field_end_reason)}</dt><dd>{t}</dd> })}
                {a.end_note.clone().map(|n| view! { <dt>{t!(i18n, common.field_note)}</dt><dd class="prose">{n}</dd> })}
                {a.handover_date.clone().map(|h| view! {
                    <dt>{t!(i18n, common.field_handover_date)}</dt>
                    <dd>{h} " — " {a.handover_note.clone().unwrap_or_default()}</dd>
                })}
                <dt>{t!(i18n, support.held_hours)}</dt><dd>{hours_text(d.held_minutes)}</dd>
            </dl>
            <HouseholdFacts d=d.clone() logins=actions.logins />
            <Meetings d=d.clone() actions draft=meeting_draft />
            <Checklist d=d.clone() action=actions.checklist draft=checklist_draft />
            <Lifecycle d=d.clone() actions />
            {(!d.extensions.is_empty()).then(|| view! {
                <h2>{t!(i18n, support.extensions_title)}</h2>
                <ul>
                    {d.extensions.clone().into_iter().map(|e| view! {
                        <li>{e.previous_end} " → " {e.new_end} ": " {e.reason} " (" {e.by} ", " {e.at} ")"</li>
                    }).collect_view()}
                </ul>
            })}
            {(!d.history.is_empty()).then(|| view! {
                <h2>{t!(i18n, support.history_title)}</h2>
                <ul>
                    {d.history.clone().into_iter().map(|h| view! {
                        <li>
                            <A href=format!("/assignments/{}", h.id)>{h.support_person}</A>
                            ", " {written_date(i18n, &h.start_date)} " – " {written_date(i18n, &h.ended_on.unwrap_or(h.planned_end))}
                            ", " {name(i18n, h.status)}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        }
}

#[component]
fn HouseholdFacts(d: AssignmentDetail, logins: LoginActions) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{t!(i18n, support.household_title)}</h2>
        <ul class="members">
            {d.members.into_iter().map(|m| view! {
                <li>
                    <strong>{m.first_name} " " {m.last_name}</strong>
                    ", " {written_birth_date(i18n, &m.date_of_birth)} ", " {name(i18n, m.gender)}
                    <br />{languages_text(i18n, &m.languages)}
                </li>
            }).collect_view()}
        </ul>
        <dl class="facts">
            <dt>{t!(i18n, common.field_city)}</dt><dd>{d.assignment.household_city}</dd>
            <dt>{t!(i18n, common.field_phone)}</dt><dd>{d.phone}</dd>
            <dt>{t!(i18n, common.field_email)}</dt><dd>{d.email}</dd>
            <dt>{t!(i18n, common.field_channel)}</dt><dd>{name(i18n, d.channel)}</dd>
            <dt>{t!(i18n, common.field_needs)}</dt><dd class="prose">{d.needs}</dd>
        </dl>
        {(!d.logins.is_empty()).then(|| view! {
            <MemberLogins household_id=d.assignment.household_id rows=d.logins.clone() actions=logins />
        })}
    }
}

#[component]
fn Meetings(d: AssignmentDetail, actions: Actions, draft: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let plan_error = action_error(actions.plan);
    let record_error = action_error(actions.record);
    let cancel_error = action_error(actions.cancel);
    let form: MeetingForm = decode_draft(draft, MeetingForm::default());
    let open = d.open;
    let id = d.assignment.id;
    view! {
        <h2 id="meetings">{t!(i18n, support.meetings_title)}</h2>
        <ErrorSummary error=record_error />
        <ErrorSummary error=cancel_error />
        {if d.meetings.is_empty() {
            view! { <p>{t!(i18n, support.no_meetings)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                <table class="meetings">
                    <thead><tr>
                        <th scope="col">{t!(i18n, common.col_when)}</th>
                        <th scope="col">{t!(i18n, common.field_place)}</th>
                        <th scope="col">{t!(i18n, support.field_topics)}</th>
                        <th scope="col">{t!(i18n, common.field_status)}</th>
                        <th scope="col">{t!(i18n, common.col_actions)}</th>
                    </tr></thead>
                    <tbody>
                        {d.meetings.into_iter().map(|m| view! { <MeetingRow m open actions /> }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
        {open.then(|| view! {
            <details class="card" open=plan_error.get_untracked().is_some()>
                <summary>{t!(i18n, support.plan_meeting_title)}</summary>
                <ErrorSummary error=plan_error form="meeting" />
                <ActionForm action=actions.plan attr:class="stack">
                    <input type="hidden" name="assignment_id" value=id />
                    <MeetingFields form=form.clone() error=plan_error />
                    <button type="submit">{t!(i18n, support.plan_meeting_submit)}</button>
                </ActionForm>
            </details>
        })}
    }
}

#[component]
fn MeetingFields(form: MeetingForm, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    let topics = ChecklistItem::ALL
        .iter()
        .map(|item| {
            let code = item.code();
            let id = format!("topic-{code}");
            let checked = form.topics.contains_key(code);
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=id.clone() name=format!("meeting[topics][{code}]") checked=checked />
                    <label for=id>{name(i18n, item)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <TextField name="meeting[date]" field="date" form="meeting" label=t_string!(i18n, common.field_date).to_string()
            hint=t_string!(i18n, common.date_hint).to_string() value=form.date.clone() error inputmode="numeric" />
        <div class="row">
            <TextField name="meeting[start_time]" field="start_time" form="meeting" label=t_string!(i18n, common.field_start_time).to_string()
                hint=t_string!(i18n, common.time_hint).to_string() value=form.start_time.clone() error inputmode="numeric" />
            <TextField name="meeting[end_time]" field="end_time" form="meeting" label=t_string!(i18n, common.field_end_time).to_string()
                hint=t_string!(i18n, common.time_hint).to_string() value=form.end_time.clone() error inputmode="numeric" />
        </div>
        <TextField name="meeting[place]" field="place" form="meeting" label=t_string!(i18n, common.field_place).to_string()
            value=form.place.clone() error />
        <fieldset id="f-meeting-topics" class="field">
            <legend>{t!(i18n, support.field_topics)}</legend>
            {topics}
        </fieldset>
        <TextField name="meeting[note]" field="note" form="meeting" label=t_string!(i18n, support.field_note_optional).to_string()
            value=form.note.clone() error multiline=true />
    }
}

#[component]
fn MeetingRow(m: MeetingView, open: bool, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let topics = names(i18n, &m.topics);
    let status = match (m.status, m.held_minutes) {
        (EventStatus::Held, Some(minutes)) => format!(
            "{} ({})",
            name(i18n, EventStatus::Held),
            t_string!(i18n, common.hours_value, h = hours_text(minutes))
        ),
        (s, _) => name(i18n, s),
    };
    let planned = open && m.status.is_live();
    let outcome_id = format!("outcome-{}", m.id);
    let minutes_id = format!("minutes-{}", m.id);
    view! {
        <tr>
            <td>{m.when.clone()} " " <DownloadIcs href=m.download.clone() /></td>
            <td data-label=t_string!(i18n, common.field_place).to_string()>{m.place.clone()}</td>
            <td data-label=t_string!(i18n, support.field_topics).to_string()>{topics}</td>
            <td data-label=t_string!(i18n, common.field_status).to_string()>{status}</td>
            <td>
                {(planned && m.can_record).then(|| view! {
                    <ActionForm action=actions.record attr:class="inline-form">
                        <input type="hidden" name="id" value=m.id />
                        <label for=outcome_id.clone()>{t!(i18n, common.field_outcome)}</label>
                        <select id=outcome_id name="form[outcome]">
                            <option value="held">{t!(i18n, names.event_held)}</option>
                            <option value="missed">{t!(i18n, names.event_missed)}</option>
                        </select>
                        <label for=minutes_id.clone()>{t!(i18n, common.field_minutes)}</label>
                        <input id=minutes_id.clone() name="form[minutes]" inputmode="numeric" size="4"
                            placeholder=m.planned_minutes.to_string() aria-describedby=format!("{minutes_id}-hint") />
                        <span class="hint" id=format!("{minutes_id}-hint")>{t!(i18n, support.minutes_planned_hint, n = m.planned_minutes)}</span>
                        <button type="submit">{t!(i18n, support.record_submit)}</button>
                    </ActionForm>
                })}
                {planned.then(|| view! {
                    <ActionForm action=actions.cancel attr:class="inline-form">
                        <input type="hidden" name="id" value=m.id />
                        <button type="submit" class="secondary">{t!(i18n, support.cancel_meeting_submit)}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}

#[component]
fn Checklist(
    d: AssignmentDetail,
    action: ServerAction<SaveChecklist>,
    draft: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    let (_, settled, total) = crate::api::checklist::gaps_and_progress(&d.checklist);
    let kept: Option<crate::domain::ChecklistForm> =
        draft.and_then(|j| serde_json::from_str(&j).ok());
    let editable = d.open || d.coordinator;
    let rows = d
        .checklist
        .into_iter()
        .map(|entry| {
            let code = entry.item.code().to_string();
            let row = kept
                .as_ref()
                .and_then(|k| k.items.get(&code).cloned())
                .unwrap_or(crate::domain::ChecklistRowForm {
                    status: entry.status.map(|s| s.code().to_string()).unwrap_or_default(),
                    on_date: entry.on_date.clone(),
                    note: entry.note.clone(),
                });
            let name = name(i18n, entry.item);
            let options = std::iter::once((String::new(), checklist_status_name(i18n, "")))
                .chain(ChecklistStatus::ALL.iter().map(|s| (s.code().to_string(), checklist_status_name(i18n, s.code()))))
                .map(|(value, text)| {
                    let selected = value == row.status;
                    view! { <option value=value selected=selected>{text}</option> }
                })
                .collect_view();
            let status_id = format!("f-{code}_status");
            let date_id = format!("f-{code}_date");
            let note_id = format!("f-{code}_note");
            let message = {
                let code = code.clone();
                move || {
                    error.get().and_then(|e| {
                        e.field_errors().and_then(|f| {
                            f.0.iter()
                                .find(|fe| fe.field.starts_with(&format!("{code}_")))
                                .map(|fe| crate::ui::text::field_error(i18n, fe.code))
                        })
                    })
                }
            };
            view! {
                <tr>
                    <th scope="row">{name.clone()}<span class="error-message">{message}</span></th>
                    <td>
                        <label class="visually-hidden" for=status_id.clone()>{format!("{name}: {}", t_string!(i18n, common.field_status))}</label>
                        <select id=status_id name=format!("checklist[items][{code}][status]") disabled=!editable>{options}</select>
                    </td>
                    <td>
                        <label class="visually-hidden" for=date_id.clone()>{format!("{name}: {}", t_string!(i18n, common.field_date))}</label>
                        <input id=date_id name=format!("checklist[items][{code}][on_date]") value=row.on_date inputmode="numeric" size="10" placeholder="2026-11-24" disabled=!editable />
                    </td>
                    <td>
                        <label class="visually-hidden" for=note_id.clone()>{format!("{name}: {}", t_string!(i18n, common.field_note))}</label>
                        <input id=note_id name=format!("checklist[items][{code}][note]") value=row.note disabled=!editable />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 id="checklist">{t!(i18n, support.checklist_title)}</h2>
        <p role="status">{t!(i18n, support.checklist_progress, settled = settled, total = total)}</p>
        <ErrorSummary error />
        <ActionForm action=action>
            <input type="hidden" name="assignment_id" value=d.assignment.id />
            <div class="table-wrap">
            <table class="checklist">
                <thead><tr>
                    <th scope="col">{t!(i18n, support.col_item)}</th>
                    <th scope="col">{t!(i18n, common.field_status)}</th>
                    <th scope="col">{t!(i18n, common.field_date)}</th>
                    <th scope="col">{t!(i18n, common.field_note)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
            {editable.then(|| view! { <button type="submit">{t!(i18n, support.checklist_save)}</button> })}
        </ActionForm>
    }
}

#[component]
fn Lifecycle(d: AssignmentDetail, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let a = d.assignment.clone();
    let extend_error = action_error(actions.extend);
    let end_error = action_error(actions.end);
    let handover_error = action_error(actions.handover);
    let handed_error = action_error(actions.handed_over);
    let reasons = EndReason::CHOSEN
        .iter()
        .map(|r| (r.code().to_string(), name(i18n, r)))
        .collect::<Vec<_>>();
    let ended = a.status == AssignmentStatus::Ended;
    view! {
        {d.open.then(|| view! {
            <h2 id="handover">{t!(i18n, support.handover_title)}</h2>
            <p>{t!(i18n, support.handover_intro)}</p>
            <ErrorSummary error=handover_error form="handover" />
            <ActionForm action=actions.handover attr:class="stack narrow">
                <input type="hidden" name="id" value=a.id />
                <TextField name="form[handover_date]" field="handover_date" form="handover" label=t_string!(i18n, common.field_handover_date).to_string()
                    hint=t_string!(i18n, common.date_hint).to_string() value=a.handover_date.clone().unwrap_or_default() error=handover_error inputmode="numeric" />
                <TextField name="form[note]" field="note" form="handover" label=t_string!(i18n, support.field_handover_note).to_string()
                    value=a.handover_note.clone().unwrap_or_default() error=handover_error multiline=true />
                <button type="submit">{t!(i18n, support.handover_submit)}</button>
            </ActionForm>
        })}
        {(d.open && d.coordinator).then(|| view! {
            <h2>{t!(i18n, support.extend_title)}</h2>
            <ErrorSummary error=extend_error form="extend" />
            <ActionForm action=actions.extend attr:class="stack narrow">
                <input type="hidden" name="id" value=a.id />
                <TextField name="form[new_end]" field="new_end" form="extend" label=t_string!(i18n, common.field_new_end).to_string()
                    hint=t_string!(i18n, support.extend_hint, date = a.latest_extension.clone()).to_string() value="" error=extend_error inputmode="numeric" />
                <TextField name="form[reason]" field="reason" form="extend" label=t_string!(i18n, common.field_reason).to_string()
                    value="" error=extend_error />
                <button type="submit">{t!(i18n, support.extend_submit)}</button>
            </ActionForm>
            <h2>{t!(i18n, support.end_title)}</h2>
            <ErrorSummary error=end_error form="end" />
            <ActionForm action=actions.end attr:class="stack narrow">
                <input type="hidden" name="id" value=a.id />
                <SelectField name="form[reason]" field="reason" form="end" label=t_string!(i18n, support.field_end_reason).to_string()
                    value="" options=reasons.clone() error=end_error placeholder=t_string!(i18n, common.choose).to_string() />
                <TextField name="form[ended_on]" field="ended_on" form="end" label=t_string!(i18n, common.field_ended_on).to_string()
                    hint=t_string!(i18n, support.ended_on_hint).to_string() value="" error=end_error inputmode="numeric" />
                <TextField name="form[note]" field="note" form="end" label=t_string!(i18n, support.field_note_optional).to_string()
                    value="" error=end_error multiline=true />
                <button type="submit">{t!(i18n, support.end_submit)}</button>
            </ActionForm>
            <p><A href=format!("/support-persons/{}", a.support_person_id)>{t!(i18n, support.reassign_link)}</A></p>
        })}
        {(ended && d.coordinator).then(|| view! {
            <h2>{t!(i18n, support.handed_over_title)}</h2>
            <ErrorSummary error=handed_error />
            <ActionForm action=actions.handed_over>
                <input type="hidden" name="id" value=a.id />
                <button type="submit">{t!(i18n, support.handed_over_submit)}</button>
            </ActionForm>
        })}
    }
}
