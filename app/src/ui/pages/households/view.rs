use super::fields::MemberFields;
use crate::api::data_protection::{EraseHousehold, WithdrawConsent};
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::households::{get_household, AddMember, RecordConsent};
use crate::domain::contact_link::{contact_link, tel};
use crate::domain::role::access;
use crate::domain::{Channel, ConsentForm, ConsentPurpose, MemberForm};
use crate::i18n::*;
use crate::names::{name, options};
use crate::ui::form::{action_error, ErrorSummary, SelectField, TextField, Tick};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageTitle;
use crate::ui::pager::Pager;
use crate::ui::pages::{ErrorView, LoginActions, MemberLogins};
use crate::ui::text::{languages_text, written_birth_date, written_date};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HouseholdPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let add_member = ServerAction::<AddMember>::new();
    let consent = ServerAction::<RecordConsent>::new();
    let withdraw = ServerAction::<WithdrawConsent>::new();
    let erase = ServerAction::<EraseHousehold>::new();
    let logins = LoginActions::new();
    let member_error = action_error(add_member);
    let consent_error = action_error(consent);
    let withdraw_error = action_error(withdraw);
    let erase_error = action_error(erase);
    let query = use_query_map();
    let household = Resource::new(
        move || {
            (
                id(),
                query.with(|q| q.get("log").and_then(|v| v.parse::<i64>().ok())),
                add_member.version().get()
                    + consent.version().get()
                    + withdraw.version().get()
                    + erase.version().get()
                    + logins.version(),
            )
        },
        |(id, log, _)| get_household(id, log),
    );
    let drafts = Resource::new(id, |id| async move {
        (
            take_draft(format!("add_member/{id}")).await.ok().flatten(),
            take_draft(format!("record_consent/{id}"))
                .await
                .ok()
                .flatten(),
        )
    });
    view! {
            <RequireRole roles=access::HOUSEHOLDS>
                <Suspense>
                    {move || Suspend::new(async move {
                        let (member_draft, consent_draft) = drafts.await;
                        match household.await {
                            Ok(h) => {
                                let member_form: MemberForm = decode_draft(member_draft, MemberForm::default());
                                let consent_form: ConsentForm = decode_draft(consent_draft, ConsentForm::default());
                                let purposes = options::<ConsentPurpose>(i18n);
                                let title = match (&h.erased_at, h.members.first()) {
                                    (None, Some(m)) => format!("{} {}", m.first_name, m.last_name),
                                    _ => t_string!(i18n, households.erased_household).to_string(),
                                };
                                let f = h.form.clone();
                                view! {
                                    <p><A href="/households">{t!(i18n, households.back_to_list)}</A></p>
                                    <div class="page-head">
                                        <PageTitle text=t_string!(i18n, common.nav_households).to_string() />
    <h1>{t!(i18n, households.household_of, name = title.clone())}</h1>
                                        <div class="actions">
                                            <A href=format!("/households/{}/edit", h.id) attr:class="button">{t!(i18n, households.household_edit)}</A>
                                            <A href=format!("/matching/new?household={}", h.id) attr:class="button secondary">{t!(i18n, common.ask_volunteer)}</A>
                                        </div>
                                    </div>
                                    {h.erased_at.clone().map(|when| view! { <p class="notice" role="status">{t!(i18n, households.erased_notice, when)}</p> })}
                                    <dl class="facts">
                                        <dt>{t!(i18n, common.field_city)}</dt><dd>{f.city}</dd>
                                        <dt>{t!(i18n, households.field_arrival_date)}</dt><dd>{written_date(i18n, &f.arrival_date)}</dd>
                                        <dt>{t!(i18n, common.field_phone)}</dt>
                                        <dd>{match tel(&f.phone) {
                                            Some(link) => view! { <a href=link rel="external">{f.phone.clone()}</a> }.into_any(),
                                            None => view! { <span>{f.phone.clone()}</span> }.into_any(),
                                        }}</dd>
                                        <dt>{t!(i18n, common.field_email)}</dt><dd>{f.email.clone()}</dd>
                                        <dt>{t!(i18n, common.field_channel)}</dt>
                                        <dd>
                                            {name(i18n, h.channel)}
                                            {Some(h.channel)
                                                .filter(|c| !matches!(c, Channel::Phone | Channel::Email))
                                                .and_then(|c| contact_link(c, Some(&f.phone), Some(&f.email)))
                                                .map(|link| view! { " · " <a href=link rel="external noopener">{t!(i18n, households.open_channel)}</a> })}
                                        </dd>
                                        <dt>{t!(i18n, common.field_status)}</dt><dd>{name(i18n, h.status)}</dd>
                                        <dt>{t!(i18n, common.field_needs)}</dt><dd class="prose">{f.needs}</dd>
                                        <dt>{t!(i18n, common.field_notes)}</dt><dd class="prose">{f.notes}</dd>
                                    </dl>
                                    <h2>{t!(i18n, households.support_section_title)}</h2>
                                    {match h.assignments.iter().find(|a| a.status.is_open()).cloned() {
                                        Some(a) => view! {
                                            <p>
                                                {t!(i18n, names.role_support_person)} ": "
                                                <A href=format!("/assignments/{}", a.id)>{a.support_person.clone()}</A>
                                                ", " {t!(i18n, common.planned_end_on, date = written_date(i18n, &a.planned_end))}
                                            </p>
                                        }.into_any(),
                                        None => view! {
                                            <p>{t!(i18n, households.no_support_person_yet)}</p>
                                            <p><A href=format!("/households/{}/assign", h.id) attr:class="button">{t!(i18n, common.assign_link)}</A></p>
                                        }.into_any(),
                                    }}
                                    {(!h.assignments.is_empty()).then(|| view! {
                                        <ul>
                                            {h.assignments.clone().into_iter().map(|a| view! {
                                                <li>
                                                    <A href=format!("/assignments/{}", a.id)>{a.support_person}</A>
                                                    ", " {written_date(i18n, &a.start_date)} " – " {written_date(i18n, &a.ended_on.unwrap_or(a.planned_end))}
                                                    ", " {name(i18n, a.status)}
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    })}
                                    <h2>{t!(i18n, households.members_title)}</h2>
                                    <ul class="members">
                                        {h.members.into_iter().map(|m| {
                                            let langs = languages_text(i18n, &m.languages);
                                            view! {
                                                <li>
                                                    <strong>{m.first_name} " " {m.last_name}</strong>
                                                    ", " {written_birth_date(i18n, &m.date_of_birth)} ", " {name(i18n, m.gender)}
                                                    <br />{langs}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                    <MemberLogins household_id=h.id rows=h.logins.clone() actions=logins />
                                    <details class="card" open=member_error.get_untracked().is_some()>
                                        <summary>{t!(i18n, households.add_member_title)}</summary>
                                        <ErrorSummary error=member_error />
                                        <ActionForm action=add_member attr:class="stack">
                                            <input type="hidden" name="household_id" value=h.id />
                                            <MemberFields form=member_form error=member_error />
                                            <button type="submit">{t!(i18n, households.add_member_submit)}</button>
                                        </ActionForm>
                                    </details>
                                    <h2>{t!(i18n, households.consents_title)}</h2>
                                    {if h.consents.is_empty() {
                                        view! { <p>{t!(i18n, households.no_consents)}</p> }.into_any()
                                    } else {
                                        view! {
                                            <ul>
                                                {h.consents.into_iter().map(|c| view! {
                                                    <li>
                                                        {name(i18n, c.purpose)} ": " {c.given_on} " (" {c.recorded_by} ", " {c.recorded_at} ")"
                                                        {match c.withdrawn {
                                                            Some((date, by)) => view! { " — " <strong>{t!(i18n, households.consent_withdrawn, date, by)}</strong> }.into_any(),
                                                            None => view! {
                                                                <ActionForm action=withdraw attr:class="inline">
                                                                    <input type="hidden" name="household_id" value=h.id />
                                                                    <input type="hidden" name="consent_id" value=c.id />
                                                                    <button type="submit" class="secondary">{t!(i18n, households.consent_withdraw_submit)}</button>
                                                                </ActionForm>
                                                            }.into_any(),
                                                        }}
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                    <ErrorSummary error=withdraw_error />
                                    <ErrorSummary error=consent_error />
                                    <ActionForm action=consent attr:class="stack narrow">
                                        <input type="hidden" name="household_id" value=h.id />
                                        <SelectField name="consent[purpose]" field="purpose" label=t_string!(i18n, common.field_purpose).to_string()
                                            value=consent_form.purpose options=purposes error=consent_error placeholder=t_string!(i18n, common.choose).to_string() />
                                        <TextField name="consent[given_on]" field="given_on" label=t_string!(i18n, common.field_given_on).to_string()
                                            hint=t_string!(i18n, common.date_hint).to_string() value=consent_form.given_on error=consent_error inputmode="numeric" />
                                        <button type="submit">{t!(i18n, households.consent_record_submit)}</button>
                                    </ActionForm>
                                    <h2>{t!(i18n, households.data_protection_title)}</h2>
                                    <ul>
                                        <li><A href=format!("/households/{}/data", h.id)>{t!(i18n, households.data_view_link)}</A></li>
                                        <li><a href=format!("/households/{}/data.json", h.id) download>{t!(i18n, common.data_json_link)}</a></li>
                                    </ul>
                                    {h.erased_at.is_none().then(|| view! {
                                        <details class="card" open=erase_error.get_untracked().is_some()>
                                            <summary>{t!(i18n, households.erase_title)}</summary>
                                            <p>{t!(i18n, households.erase_explain)}</p>
                                            <ErrorSummary error=erase_error />
                                            <ActionForm action=erase attr:class="stack narrow">
                                                <input type="hidden" name="household_id" value=h.id />
                                                <Tick name="confirm".to_string() id="f-confirm".to_string() label=t_string!(i18n, households.erase_confirm).to_string() checked=false />
                                                <button type="submit" id="f-erase" class="danger">{t!(i18n, households.erase_submit)}</button>
                                            </ActionForm>
                                        </details>
                                    })}
                                    <h2 id="audit">{t!(i18n, households.audit_title)}</h2>
                                    <ul class="audit">
                                        {h.audit.into_iter().map(|a| view! {
                                            <li>
                                                {a.at} " — " {a.actor} ": " {name(i18n, a.action)}
                                                {(a.times > 1).then(|| view! { " (" {t!(i18n, households.audit_times, n = a.times)} ")" })}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                    <Pager page=h.audit_page pages=h.audit_pages param="log" anchor="#audit" />
                                }.into_any()
                            }
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })}
                </Suspense>
            </RequireRole>
        }
}
