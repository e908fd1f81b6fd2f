//! A coordinator or the household's support person asks for a volunteer for one member.

use super::parts::Tick;
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::matching::{match_request_page, CreateMatchRequest, RequestPage};
use crate::domain::matching::{MatchRequestForm, Meeting};
use crate::domain::role::access;
use crate::domain::Gender;
use crate::domain::{Language, Programme};
use crate::i18n::*;
use crate::names::{name, options};
use crate::ui::form::{action_error, ErrorSummary, SelectField, TextField};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageTitle;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MatchRequestPage() -> impl IntoView {
    let query = use_query_map();
    let household = move || {
        query
            .with(|q| q.get("household").and_then(|v| v.parse::<i64>().ok()))
            .unwrap_or(-1)
    };
    let create = ServerAction::<CreateMatchRequest>::new();
    let data = Resource::new(
        move || (household(), create.version().get()),
        |(h, _)| async move {
            let page = match_request_page(h).await?;
            let draft = take_draft(format!("match_request/{h}")).await?;
            Ok::<_, crate::error::AppError>((page, draft))
        },
    );
    view! {
        <RequireRole roles=access::MATCH_REQUESTS>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((p, draft)) => view! { <RequestForm p draft create /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
fn RequestForm(
    p: RequestPage,
    draft: Option<String>,
    create: ServerAction<CreateMatchRequest>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(create);
    let f: MatchRequestForm = decode_draft(
        draft,
        MatchRequestForm {
            city: p.city.clone(),
            meeting: "either".into(),
            member: p
                .members
                .first()
                .map(|m| m.id.to_string())
                .unwrap_or_default(),
            ..Default::default()
        },
    );
    let members = p
        .members
        .iter()
        .map(|m| (m.id.to_string(), m.name.clone()))
        .collect::<Vec<_>>();
    let programmes = options::<Programme>(i18n);
    let languages = options::<Language>(i18n);
    let genders = [Gender::Female, Gender::Male]
        .iter()
        .map(|g| (g.code().to_string(), name(i18n, g)))
        .collect::<Vec<_>>();
    let meetings = options::<Meeting>(i18n);
    let times = f
        .time_boxes()
        .map(|(time, value)| {
            let code = time.code();
            view! {
                <Tick name=format!("request[{code}]") id=format!("time-{code}")
                    label=name(i18n, time) checked=!value.is_empty() />
            }
        })
        .into_iter()
        .collect_view();
    let title = t_string!(
        i18n,
        volunteers.request_title,
        name = p.household_name.clone()
    )
    .to_string();
    view! {
            <PageTitle text=t_string!(i18n, common.nav_matching).to_string() />
    <h1>{title}</h1>
            <ErrorSummary error />
            <ActionForm action=create attr:class="stack">
                <input type="hidden" name="household" value=p.household_id />
                <SelectField name="request[member]" field="member" label=t_string!(i18n, common.field_member).to_string()
                    value=f.member.clone() options=members error />
                <SelectField name="request[programme]" field="programme" label=t_string!(i18n, common.field_programme).to_string()
                    value=f.programme.clone() options=programmes error placeholder=t_string!(i18n, common.choose).to_string() />
                <SelectField name="request[language]" field="language" label=t_string!(i18n, common.field_language_pref).to_string()
                    value=f.language.clone() options=languages.clone() error placeholder=t_string!(i18n, volunteers.any).to_string() />
                <SelectField name="request[gender]" field="gender" label=t_string!(i18n, volunteers.field_gender_pref).to_string()
                    value=f.gender.clone() options=genders error placeholder=t_string!(i18n, volunteers.any).to_string() />
                <SelectField name="request[meeting]" field="meeting" label=t_string!(i18n, common.field_meeting).to_string()
                    value=f.meeting.clone() options=meetings error />
                <TextField name="request[city]" field="city" label=t_string!(i18n, common.field_city).to_string()
                    value=f.city.clone() error />
                <fieldset>
                    <legend>{t!(i18n, volunteers.field_times)}</legend>
                    {times}
                </fieldset>
                <TextField name="request[field_of_work]" field="field_of_work" label=t_string!(i18n, common.field_field_of_work).to_string()
                    value=f.field_of_work.clone() error />
                <SelectField name="request[practice_language]" field="practice_language" label=t_string!(i18n, common.field_practice_language).to_string()
                    value=f.practice_language.clone() options=languages error placeholder=t_string!(i18n, volunteers.any).to_string() />
                <TextField name="request[origin_country]" field="origin_country" label=t_string!(i18n, common.field_origin_country).to_string()
                    value=f.origin_country.clone() error />
                <TextField name="request[notes]" field="notes" label=t_string!(i18n, volunteers.field_request_notes).to_string()
                    hint=t_string!(i18n, volunteers.request_notes_hint).to_string() value=f.notes.clone() error multiline=true />
                <button type="submit">{t!(i18n, volunteers.request_submit)}</button>
            </ActionForm>
        }
}
