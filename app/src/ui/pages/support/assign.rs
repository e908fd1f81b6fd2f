//! Assigning a support person to a household: candidates ranked by shared language, same city
//! and free caseload, each with the reasons for their place.

use crate::api::assignments::{assign_options, AssignSupportPerson};
use crate::api::drafts::{decode_draft, take_draft};
use crate::domain::role::access;
use crate::domain::AssignForm;
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary, TextField};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageTitle;
use crate::ui::pages::ErrorView;
use crate::ui::text::{candidate_note, field_error, languages_text};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn AssignPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let action = ServerAction::<AssignSupportPerson>::new();
    let error = action_error(action);
    let options = Resource::new(id, assign_options);
    let draft = Resource::new(id, |id| take_draft(format!("assign/{id}")));
    view! {
            <RequireRole roles=access::HOUSEHOLDS>
                <Suspense>
                    {move || Suspend::new(async move {
                        let draft = draft.await.ok().flatten();
                        match options.await {
                            Ok(o) => {
                                let form = decode_draft(draft, AssignForm {
                                    start_date: o.default_start.clone(),
                                    ..AssignForm::default()
                                });
                                let current = o.current.clone();
                                let choice_error = move || error.get().and_then(|e| e.field_errors().and_then(|f| f.get("support_person_id"))).map(|c| field_error(i18n, c));
                                let candidates = o.candidates.iter().map(|c| {
                                    let rid = format!("candidate-{}", c.id);
                                    let notes = c.notes.iter().map(|n| candidate_note(i18n, *n)).collect::<Vec<_>>().join(" · ");
                                    let checked = form.support_person_id == c.id.to_string();
                                    view! {
                                        <li class="candidate" class:unavailable=!c.assignable>
                                            <input type="radio" id=rid.clone() name="form[support_person_id]" value=c.id checked=checked disabled=!c.assignable />
                                            <label for=rid>
                                                <strong>{c.name.clone()}</strong>
                                                " — " {c.city.clone()} ", " {languages_text(i18n, &c.languages)}
                                                <br /><span class="hint">{notes}</span>
                                                <br /><span class="hint">{t!(i18n, support.caseload_of, open = c.open, limit = c.caseload_limit)}</span>
                                            </label>
                                        </li>
                                    }
                                }).collect_view();
                                view! {
                                    <p><A href=format!("/households/{}", o.household_id)>{t!(i18n, common.back_to_household)}</A></p>
                                    <PageTitle text=t_string!(i18n, common.nav_support_service).to_string() />
    <h1>{t!(i18n, support.assign_title, name = o.household_name.clone())}</h1>
                                    <p>{o.household_city.clone()} ", " {languages_text(i18n, &o.household_languages)}</p>
                                    {match current {
                                        Some(a) => view! {
                                            <div class="notice" role="status">
                                                <p>{t!(i18n, support.already_assigned_notice, name = a.support_person.clone())}</p>
                                                <p><A href=format!("/assignments/{}", a.id)>{t!(i18n, support.open_assignment)}</A></p>
                                            </div>
                                        }.into_any(),
                                        None => view! {
                                            <ErrorSummary error />
                                            <ActionForm action=action attr:class="stack">
                                                <input type="hidden" name="household_id" value=o.household_id />
                                                <fieldset id="f-support_person_id" class="field" class:field-error=move || choice_error().is_some()>
                                                    <legend>{t!(i18n, common.choose_support_person)}</legend>
                                                    <p class="hint">{t!(i18n, support.ranking_hint)}</p>
                                                    <p class="error-message">{choice_error}</p>
                                                    <ul class="candidates">{candidates}</ul>
                                                </fieldset>
                                                <div class="row">
                                                    <TextField name="form[start_date]" field="start_date" label=t_string!(i18n, common.field_start_date).to_string()
                                                        hint=t_string!(i18n, common.date_hint).to_string() value=form.start_date.clone() error inputmode="numeric" />
                                                    <TextField name="form[planned_end]" field="planned_end" label=t_string!(i18n, common.field_planned_end).to_string()
                                                        hint=t_string!(i18n, support.planned_end_hint, date = o.default_end.clone()).to_string() value=form.planned_end.clone() error inputmode="numeric" />
                                                </div>
                                                <TextField name="form[override_reason]" field="override_reason" label=t_string!(i18n, common.field_override_reason).to_string()
                                                    hint=t_string!(i18n, support.override_hint).to_string() value=form.override_reason.clone() error />
                                                <button type="submit">{t!(i18n, support.assign_submit)}</button>
                                            </ActionForm>
                                        }.into_any(),
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
