//! One volunteer for coordinators: profile, status (activate, pause, left), trainings and
//! weekly availability.

use crate::api::drafts::{decode_draft, take_draft};
use crate::api::volunteers::{get_volunteer, RecordTraining, SetVolunteerStatus, VolunteerDetail};
use crate::domain::matching::{TrainingForm, VolunteerStatus};
use crate::domain::role::access;
use crate::i18n::*;
use crate::names::{name, names, options};
use crate::ui::form::{action_error, ErrorSummary, SelectField, TextField};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageTitle;
use crate::ui::pages::ErrorView;
use crate::ui::text::{languages_text, weekday_name};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn VolunteerPage() -> impl IntoView {
    let id = id_param("id");
    let status = ServerAction::<SetVolunteerStatus>::new();
    let training = ServerAction::<RecordTraining>::new();
    let data = Resource::new(
        move || (id(), status.version().get(), training.version().get()),
        |(id, _, _)| async move {
            let detail = get_volunteer(id).await?;
            let draft = take_draft(format!("training/{id}")).await?;
            Ok::<_, crate::error::AppError>((detail, draft))
        },
    );
    view! {
        <RequireRole roles=access::MATCHING>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((d, draft)) => view! { <Detail d draft status training /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
fn Detail(
    d: VolunteerDetail,
    draft: Option<String>,
    status: ServerAction<SetVolunteerStatus>,
    training: ServerAction<RecordTraining>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status_error = action_error(status);
    let training_error = action_error(training);
    let t: TrainingForm = decode_draft(draft, TrainingForm::default());
    let s = d.summary.clone();
    let f = d.form.clone();
    let statuses = options::<VolunteerStatus>(i18n);
    let kinds = d
        .training_kinds
        .iter()
        .map(|k| {
            (
                k.code.clone(),
                crate::names::training_name_in(i18n.get_locale(), &k.code, &k.name),
            )
        })
        .collect::<Vec<_>>();
    let place = if f.online.is_empty() {
        s.city.clone()
    } else {
        format!("{} / {}", s.city, t_string!(i18n, names.meeting_online))
    };
    view! {
            <p><A href="/volunteers">{t!(i18n, common.nav_volunteers)}</A></p>
            <PageTitle text=t_string!(i18n, common.nav_volunteers).to_string() />
    <h1>{s.name.clone()}</h1>
            <p>{s.email.clone()} " · " {name(i18n, s.status)} " · " {format!("{} / {}", s.busy, s.capacity)}</p>
            <dl class="facts">
                <dt>{t!(i18n, volunteers.field_programmes)}</dt>
                <dd>{names(i18n, &s.programmes)}</dd>
                <dt>{t!(i18n, common.field_languages)}</dt><dd>{languages_text(i18n, &s.languages)}</dd>
                <dt>{t!(i18n, volunteers.field_city_or_online)}</dt><dd>{place}</dd>
                {d.gender.map(|g| view! { <dt>{t!(i18n, common.field_gender)}</dt><dd>{name(i18n, g)}</dd> })}
                {(!f.field_of_work.is_empty()).then(|| view! { <dt>{t!(i18n, common.field_field_of_work)}</dt><dd>{f.field_of_work.clone()}</dd> })}
                {d.practice_language.map(|l| view! { <dt>{t!(i18n, common.field_practice_language)}</dt><dd>{name(i18n, l)}</dd> })}
                {(!f.origin_country.is_empty()).then(|| view! { <dt>{t!(i18n, common.field_origin_country)}</dt><dd>{f.origin_country.clone()}</dd> })}
                {(!f.protection_path.is_empty()).then(|| view! { <dt>{t!(i18n, common.field_protection_path)}</dt><dd>{f.protection_path.clone()}</dd> })}
            </dl>

            <h2>{t!(i18n, volunteers.set_status)}</h2>
            <ErrorSummary error=status_error form="status" />
            <ActionForm action=status attr:class="stack">
                <input type="hidden" name="id" value=s.id />
                <SelectField name="status" field="status" form="status" label=t_string!(i18n, common.field_status).to_string()
                    value=s.status.code().to_string() options=statuses error=status_error />
                <button type="submit">{t!(i18n, volunteers.set_status)}</button>
            </ActionForm>

            <h2 id="trainings">{t!(i18n, volunteers.trainings_title)}</h2>
            {if d.trainings.is_empty() {
                view! { <p>{t!(i18n, volunteers.no_trainings)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {d.trainings.iter().map(|t| view! {
                            <li>{crate::names::training_name_in(i18n.get_locale(), &t.code, &t.name)} " — " {t.completed_on.clone()}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <ErrorSummary error=training_error form="training" />
            <ActionForm action=training attr:class="stack">
                <input type="hidden" name="id" value=s.id />
                <SelectField name="training[training]" field="training" form="training" label=t_string!(i18n, common.field_training).to_string()
                    value=t.training.clone() options=kinds error=training_error placeholder=t_string!(i18n, common.choose).to_string() />
                <TextField name="training[completed_on]" field="completed_on" form="training" label=t_string!(i18n, common.field_completed_on).to_string()
                    hint=t_string!(i18n, common.date_hint).to_string() value=t.completed_on.clone() error=training_error inputmode="numeric" />
                <button type="submit">{t!(i18n, volunteers.record_training)}</button>
            </ActionForm>

            <h2>{t!(i18n, volunteers.availability_title)}</h2>
            {if d.availability.is_empty() {
                view! { <p>{t!(i18n, volunteers.no_availability)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {d.availability.iter().map(|w| view! {
                            <li>
                                {weekday_name(i18n, i64::from(w.weekday))} " " {w.start.clone()} "–" {w.end.clone()}
                                {(!w.busy.is_empty()).then(|| view! {
                                    ", " <span class="busy">{t!(i18n, volunteers.busy_from_their_calendar, times = w.busy.join(", "))}</span>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        }
}
