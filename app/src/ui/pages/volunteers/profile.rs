//! A volunteer's own profile: programmes, languages, place, capacity, background; weekly
//! availability; the trainings a coordinator recorded.

use super::parts::Tick;
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::volunteers::{
    my_volunteer_profile, AddMyAvailability, RemoveMyAvailability, SaveMyVolunteerProfile,
    VolunteerDetail,
};
use crate::domain::matching::VolunteerStatus;
use crate::domain::matching::{AvailabilityForm, VolunteerProfileForm};
use crate::domain::role::access;
use crate::domain::{Gender, Language};
use crate::i18n::*;
use crate::names::{name, options};
use crate::ui::form::{action_error, ErrorSummary, FormError, SelectField, TextField};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::households::fields::LanguageRows;
use crate::ui::pages::ErrorView;
use crate::ui::text::weekday_name;
use leptos::prelude::*;

const LANGUAGE_FIELDS: [(&str, &str); 3] = [
    ("profile[language_1]", "profile[level_1]"),
    ("profile[language_2]", "profile[level_2]"),
    ("profile[language_3]", "profile[level_3]"),
];

#[component]
pub fn VolunteerProfilePage() -> impl IntoView {
    let save = ServerAction::<SaveMyVolunteerProfile>::new();
    let add = ServerAction::<AddMyAvailability>::new();
    let remove = ServerAction::<RemoveMyAvailability>::new();
    let data = Resource::new(
        move || {
            (
                save.version().get(),
                add.version().get(),
                remove.version().get(),
            )
        },
        |_| async move {
            let detail = my_volunteer_profile().await?;
            let profile = take_draft("volunteer_profile".into()).await?;
            let window = take_draft("availability".into()).await?;
            Ok::<_, crate::error::AppError>((detail, profile, window))
        },
    );
    view! {
        <RequireRole roles=access::VOLUNTEER>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((d, profile, window)) => view! { <ProfileView d profile window save add remove /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

fn language_options(i18n: crate::ui::text::I18n) -> Vec<(String, String)> {
    options::<Language>(i18n)
}

#[component]
fn ProfileView(
    d: VolunteerDetail,
    profile: Option<String>,
    window: Option<String>,
    save: ServerAction<SaveMyVolunteerProfile>,
    add: ServerAction<AddMyAvailability>,
    remove: ServerAction<RemoveMyAvailability>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(save);
    let add_error = action_error(add);
    let remove_error = action_error(remove);
    let form: VolunteerProfileForm = decode_draft(profile, d.form.clone());
    let w: AvailabilityForm = decode_draft(window, AvailabilityForm::default());
    let status = name(i18n, d.summary.status);
    let applicant = d.summary.status == VolunteerStatus::Applicant;
    let genders = [Gender::Female, Gender::Male, Gender::Other]
        .iter()
        .map(|g| (g.code().to_string(), name(i18n, g)))
        .collect::<Vec<_>>();
    let programmes = form
        .programme_boxes()
        .map(|(programme, value)| {
            let code = programme.code();
            view! {
                <Tick name=format!("profile[{code}]") id=format!("programme-{code}")
                    label=name(i18n, programme) checked=!value.is_empty() />
            }
        })
        .into_iter()
        .collect_view();
    view! {
        <PageHeading text=t_string!(i18n, volunteers.volunteer_profile_title).to_string() />
        <p>{t!(i18n, volunteers.volunteer_status_is, status = status)}</p>
        {applicant.then(|| view! { <p class="hint">{t!(i18n, volunteers.applicant_hint)}</p> })}
        <ErrorSummary error />
        <ActionForm action=save attr:class="stack">
            <fieldset id="f-programmes">
                <legend>{t!(i18n, volunteers.field_programmes)}</legend>
                {programmes}
            </fieldset>
            <LanguageRows names=LANGUAGE_FIELDS
                values=[
                    (form.language_1.clone(), form.level_1.clone()),
                    (form.language_2.clone(), form.level_2.clone()),
                    (form.language_3.clone(), form.level_3.clone()),
                ]
                error />
            <TextField name="profile[city]" field="city" label=t_string!(i18n, common.field_city).to_string()
                value=form.city.clone() error />
            <Tick name="profile[online]".into() id="f-online".into() label=t_string!(i18n, volunteers.field_online).to_string()
                checked=!form.online.is_empty() />
            <TextField name="profile[capacity]" field="capacity" label=t_string!(i18n, common.field_capacity).to_string()
                value=form.capacity.clone() error inputmode="numeric" />
            <SelectField name="profile[gender]" field="gender" label=t_string!(i18n, volunteers.field_gender_optional).to_string()
                value=form.gender.clone() options=genders error placeholder=String::new() />
            <TextField name="profile[field_of_work]" field="field_of_work" label=t_string!(i18n, common.field_field_of_work).to_string()
                value=form.field_of_work.clone() error />
            <SelectField name="profile[practice_language]" field="practice_language" label=t_string!(i18n, common.field_practice_language).to_string()
                value=form.practice_language.clone() options=language_options(i18n) error placeholder=String::new() />
            <TextField name="profile[origin_country]" field="origin_country" label=t_string!(i18n, common.field_origin_country).to_string()
                hint=t_string!(i18n, volunteers.peer_background_hint).to_string() value=form.origin_country.clone() error />
            <TextField name="profile[protection_path]" field="protection_path" label=t_string!(i18n, common.field_protection_path).to_string()
                value=form.protection_path.clone() error multiline=true />
            <button type="submit">{t!(i18n, common.profile_save)}</button>
        </ActionForm>

        <h2 id="availability">{t!(i18n, volunteers.availability_title)}</h2>
        <ErrorSummary error=remove_error form="remove" />
        {if d.availability.is_empty() {
            view! { <p>{t!(i18n, volunteers.no_availability)}</p> }.into_any()
        } else {
            view! {
                <ul class="windows">
                    {d.availability.into_iter().map(|w| view! {
                        <li>
                            {weekday_name(i18n, i64::from(w.weekday))} " " {w.start} "–" {w.end}
                            {(!w.busy.is_empty()).then(|| view! {
                                ", " <span class="busy">{t!(i18n, volunteers.busy_from_your_calendar, times = w.busy.join(", "))}</span>
                            })}
                            " "
                            <ActionForm action=remove attr:class="inline">
                                <input type="hidden" name="id" value=w.id />
                                <button type="submit" class="secondary">{t!(i18n, volunteers.remove)}</button>
                            </ActionForm>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <AvailabilityFields w add add_error />

        <h2 id="trainings">{t!(i18n, volunteers.trainings_title)}</h2>
        {if d.trainings.is_empty() {
            view! { <p>{t!(i18n, volunteers.no_trainings)}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {d.trainings.into_iter().map(|t| view! {
                        <li>{crate::names::training_name_in(i18n.get_locale(), &t.code, &t.name)} " — " {t.completed_on}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn AvailabilityFields(
    w: AvailabilityForm,
    add: ServerAction<AddMyAvailability>,
    add_error: FormError,
) -> impl IntoView {
    let i18n = use_i18n();
    let days = (1..=7)
        .map(|n| (n.to_string(), weekday_name(i18n, n)))
        .collect::<Vec<_>>();
    view! {
        <ErrorSummary error=add_error form="window" />
        <ActionForm action=add attr:class="stack">
            <div class="row">
                <SelectField name="window[weekday]" field="weekday" form="window" label=t_string!(i18n, common.field_weekday).to_string()
                    value=w.weekday.clone() options=days error=add_error placeholder=t_string!(i18n, common.choose).to_string() />
                <TextField name="window[start_time]" field="start_time" form="window" label=t_string!(i18n, common.field_start_time).to_string()
                    hint=t_string!(i18n, common.time_hint).to_string() value=w.start_time.clone() error=add_error inputmode="numeric" />
                <TextField name="window[end_time]" field="end_time" form="window" label=t_string!(i18n, common.field_end_time).to_string()
                    hint=t_string!(i18n, common.time_hint).to_string() value=w.end_time.clone() error=add_error inputmode="numeric" />
            </div>
            <button type="submit">{t!(i18n, volunteers.add_availability)}</button>
        </ActionForm>
    }
}
