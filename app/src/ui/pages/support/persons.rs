//! Support persons for coordinators: the list, and each person's page with their profile and
//! every household they have, from which a leaving or pausing person's households are moved.

use super::overview::PastAssignments;
use crate::api::assignments::ReassignHousehold;
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::support_persons::{
    get_support_person, list_support_persons, SaveSupportProfile, SupportPersonDetail,
};
use crate::domain::role::access;
use crate::domain::{SupportProfileForm, SupportStatus};
use crate::i18n::*;
use crate::names::{name, options};
use crate::ui::form::{action_error, ErrorSummary, SelectField, TextField};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::{PageHeading, PageTitle};
use crate::ui::pages::households::fields::LanguageRows;
use crate::ui::pages::ErrorView;
use crate::ui::text::{languages_text, written_date};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SupportPersonsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| list_support_persons());
    view! {
        <RequireRole roles=access::HOUSEHOLDS>
            <p><A href="/assignments">{t!(i18n, support.back_to_overview)}</A></p>
            <PageHeading text=t_string!(i18n, common.nav_support_persons).to_string() />
            <p class="hint">{t!(i18n, support.support_persons_hint)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(people) => view! {
                            <div class="table-wrap">
                            <table>
                                <thead><tr>
                                    <th scope="col">{t!(i18n, common.col_name)}</th>
                                    <th scope="col">{t!(i18n, common.field_city)}</th>
                                    <th scope="col">{t!(i18n, common.field_languages)}</th>
                                    <th scope="col">{t!(i18n, common.field_status)}</th>
                                    <th scope="col">{t!(i18n, support.col_caseload)}</th>
                                </tr></thead>
                                <tbody>
                                    {people.into_iter().map(|p| view! {
                                        <tr>
                                            <td><A href=format!("/support-persons/{}", p.id)>{p.name}</A></td>
                                            <td>{p.city}</td>
                                            <td>{languages_text(i18n, &p.languages)}</td>
                                            <td>{name(i18n, p.status)}</td>
                                            <td>{format!("{} / {}", p.open, p.caseload_limit)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

const PROFILE_LANGUAGE_FIELDS: [(&str, &str); 3] = [
    ("profile[language_1]", "profile[level_1]"),
    ("profile[language_2]", "profile[level_2]"),
    ("profile[language_3]", "profile[level_3]"),
];

#[component]
pub fn SupportPersonPage() -> impl IntoView {
    let id = id_param("id");
    let save = ServerAction::<SaveSupportProfile>::new();
    let reassign = ServerAction::<ReassignHousehold>::new();
    let detail = Resource::new(
        move || (id(), save.version().get(), reassign.version().get()),
        |(id, _, _)| get_support_person(id),
    );
    let draft = Resource::new(id, |id| take_draft(format!("support_profile/{id}")));
    view! {
        <RequireRole roles=access::HOUSEHOLDS>
            <Suspense>
                {move || Suspend::new(async move {
                    let draft = draft.await.ok().flatten();
                    match detail.await {
                        Ok(d) => view! { <PersonView d draft save reassign /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
fn PersonView(
    d: SupportPersonDetail,
    draft: Option<String>,
    save: ServerAction<SaveSupportProfile>,
    reassign: ServerAction<ReassignHousehold>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(save);
    let reassign_error = action_error(reassign);
    let form: SupportProfileForm = decode_draft(draft, d.form.clone());
    let statuses = options::<SupportStatus>(i18n);
    let takers = d
        .others
        .iter()
        .map(|c| {
            (
                c.id.to_string(),
                format!("{} — {}, {} / {}", c.name, c.city, c.open, c.caseload_limit),
            )
        })
        .collect::<Vec<_>>();
    let (open, past): (Vec<_>, Vec<_>) =
        d.assignments.into_iter().partition(|a| a.status.is_open());
    view! {
            <p><A href="/support-persons">{t!(i18n, common.nav_support_persons)}</A></p>
            <PageTitle text=t_string!(i18n, common.nav_support_service).to_string() />
    <h1>{d.person.name.clone()}</h1>
            <p>{d.person.email.clone()} " · " {t!(i18n, support.caseload_of, open = d.person.open, limit = d.person.caseload_limit)}</p>
            <h2>{t!(i18n, support.current_households_title)}</h2>
            {if open.is_empty() {
                view! { <p>{t!(i18n, support.none_now)}</p> }.into_any()
            } else {
                view! {
                    <p class="hint">{t!(i18n, support.reassign_hint)}</p>
                    <ErrorSummary error=reassign_error form="reassign" />
                    <ul class="cases">
                        {open.into_iter().map(|a| {
                            let takers = takers.clone();
                            let sid = format!("reassign-{}-to", a.id);
                            let nid = format!("reassign-{}-note", a.id);
                            let oid = format!("reassign-{}-override", a.id);
                            view! {
                                <li class="card">
                                    <p>
                                        <A href=format!("/assignments/{}", a.id)>{a.household_name.clone()}</A>
                                        ", " {a.household_city.clone()} ", " {t!(i18n, common.planned_end_on, date = written_date(i18n, &a.planned_end))}
                                    </p>
                                    <ActionForm action=reassign attr:class="stack">
                                        <input type="hidden" name="id" value=a.id />
                                        <div class="field">
                                            <label for=sid.clone()>{t!(i18n, support.reassign_to)}</label>
                                            <select id=sid name="form[support_person_id]">
                                                <option value="">{t!(i18n, common.choose)}</option>
                                                {takers.into_iter().map(|(v, t)| view! { <option value=v>{t}</option> }).collect_view()}
                                            </select>
                                        </div>
                                        <div class="field">
                                            <label for=nid.clone()>{t!(i18n, support.field_reassign_note)}</label>
                                            <input id=nid name="form[note]" />
                                        </div>
                                        <div class="field">
                                            <label for=oid.clone()>{t!(i18n, common.field_override_reason)}</label>
                                            <p class="hint">{t!(i18n, support.override_hint)}</p>
                                            <input id=oid name="form[override_reason]" />
                                        </div>
                                        <button type="submit">{t!(i18n, support.reassign_submit)}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!past.is_empty()).then(|| view! {
                <h2>{t!(i18n, support.past_households_title)}</h2>
                <PastAssignments rows=past />
            })}
            <h2>{t!(i18n, support.profile_title)}</h2>
            <ErrorSummary error />
            <ActionForm action=save attr:class="stack">
                <input type="hidden" name="id" value=d.person.id />
                <TextField name="profile[city]" field="city" label=t_string!(i18n, common.field_city).to_string()
                    value=form.city.clone() error />
                <TextField name="profile[phone]" field="phone" label=t_string!(i18n, common.field_phone).to_string()
                    value=form.phone.clone() error kind="tel" />
                <TextField name="profile[caseload_limit]" field="caseload_limit" label=t_string!(i18n, common.field_caseload_limit).to_string()
                    hint=t_string!(i18n, support.caseload_hint).to_string() value=form.caseload_limit.clone() error inputmode="numeric" />
                <SelectField name="profile[status]" field="status" label=t_string!(i18n, common.field_status).to_string()
                    value=form.status.clone() options=statuses error />
                <LanguageRows
                    names=PROFILE_LANGUAGE_FIELDS
                    values=[
                        (form.language_1.clone(), form.level_1.clone()),
                        (form.language_2.clone(), form.level_2.clone()),
                        (form.language_3.clone(), form.level_3.clone()),
                    ]
                    error
                />
                <button type="submit">{t!(i18n, common.profile_save)}</button>
            </ActionForm>
        }
}
