//! Workshops for staff: fill rate, waitlist and attendance per series with the sessions of the
//! coming weeks (a coordinator sees every series, a facilitator their own), the way to a new
//! series, and for an admin the form that adds an activity type.

use super::parts::activity_title;
use crate::api::drafts::{decode_draft, take_draft};
use crate::api::workshop_staff::{workshop_figures, AddActivityType, FiguresBoard};
use crate::domain::role::access;
use crate::domain::workshops::{ActivityTypeForm, Category};
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary, SelectField, TextField, Tick};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn WorkshopBoardPage() -> impl IntoView {
    let add = ServerAction::<AddActivityType>::new();
    let data = Resource::new(
        move || add.version().get(),
        |_| async move {
            let board = workshop_figures().await?;
            let draft = take_draft("activity".to_string()).await?;
            Ok::<_, crate::error::AppError>((board, draft))
        },
    );
    view! {
        <RequireRole roles=access::WORKSHOP_BOARD>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((b, draft)) => view! { <Board b draft add /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
fn Board(
    b: FiguresBoard,
    draft: Option<String>,
    add: ServerAction<AddActivityType>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = b
        .series
        .clone()
        .into_iter()
        .map(|s| {
            let sessions = s
                .upcoming
                .into_iter()
                .map(|x| {
                    view! {
                        <li class:cancelled=x.cancelled>
                            <A href=format!("/workshops/sessions/{}", x.id)>{x.when}</A>
                        </li>
                    }
                })
                .collect_view();
            let title = activity_title(i18n, &b.custom, &s.activity);
            let fill = format!("{} / {} ({} %)", s.taken, s.capacity, s.fill);
            let attendance = s
                .attendance
                .map(|a| format!("{a} %"))
                .unwrap_or_else(|| "—".into());
            view! {
                <li>
                    <article class="card">
                        <h2 class="card-title">
                            <A href=format!("/workshops/{}", s.id)>{title}</A>
                            " · " {s.office.clone()}
                            {s.cancelled.then(|| view! { " · " {t!(i18n, names.ws_status_cancelled)} })}
                        </h2>
                        <dl class="facts">
                            <dt>{t!(i18n, workshops.col_first_session)}</dt><dd>{s.first.clone().unwrap_or_default()}</dd>
                            <dt>{t!(i18n, workshops.col_fill)}</dt><dd>{fill}</dd>
                            <dt>{t!(i18n, workshops.col_waiting)}</dt><dd>{s.waiting}</dd>
                            <dt>{t!(i18n, workshops.col_attendance)}</dt><dd>{attendance}</dd>
                        </dl>
                        <details>
                            <summary>{t!(i18n, workshops.col_sessions_rosters)}</summary>
                            <ul class="sessions">{sessions}</ul>
                        </details>
                    </article>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="page-head">
            <PageHeading text=t_string!(i18n, workshops.workshop_board_title).to_string() />
            {b.coordinator.then(|| view! { <A href="/workshops/new" attr:class="button">{t!(i18n, workshops.new_series)}</A> })}
        </div>
        {if b.series.is_empty() {
            view! { <p>{t!(i18n, workshops.no_workshops)}</p> }.into_any()
        } else {
            view! { <ul class="workshops">{rows}</ul> }.into_any()
        }}
        {b.admin.then(|| view! { <ActivityTypeSection draft add /> })}
    }
}

#[component]
fn ActivityTypeSection(draft: Option<String>, add: ServerAction<AddActivityType>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(add);
    let f: ActivityTypeForm = decode_draft(draft, ActivityTypeForm::default());
    let categories = Category::ALL
        .iter()
        .map(|c| {
            let text = match c {
                Category::LifeSkills => t_string!(i18n, workshops.category_life_skills),
                Category::MentalHealth => t_string!(i18n, workshops.category_mental_health),
            };
            (c.code().to_string(), text.to_string())
        })
        .collect::<Vec<_>>();
    let added = move || {
        add.value().get().and_then(|r| r.ok()).map(|code| {
            view! { <p class="notice" role="status">{t!(i18n, workshops.activity_type_added, code = code)}</p> }
        })
    };
    view! {
        <section aria-labelledby="types-title">
            <h2 id="types-title">{t!(i18n, workshops.add_activity_type)}</h2>
            {added}
            <ErrorSummary error />
            <ActionForm action=add attr:class="stack">
                <SelectField name="activity[category]" field="category" label=t_string!(i18n, common.field_category).to_string()
                    value=f.category.clone() options=categories error placeholder=t_string!(i18n, common.choose).to_string() />
                <TextField name="activity[name_en]" field="name_en" label=t_string!(i18n, common.field_name_en).to_string()
                    value=f.name_en.clone() error required=true />
                <TextField name="activity[name_et]" field="name_et" label=t_string!(i18n, common.field_name_et).to_string()
                    value=f.name_et.clone() error />
                <TextField name="activity[name_ru]" field="name_ru" label=t_string!(i18n, common.field_name_ru).to_string()
                    value=f.name_ru.clone() error />
                <TextField name="activity[name_uk]" field="name_uk" label=t_string!(i18n, common.field_name_uk).to_string()
                    value=f.name_uk.clone() error />
                <TextField name="activity[description_en]" field="description_en" label=t_string!(i18n, common.field_description_en).to_string()
                    value=f.description_en.clone() error multiline=true />
                <TextField name="activity[description_et]" field="description_et" label=t_string!(i18n, common.field_description_et).to_string()
                    value=f.description_et.clone() error multiline=true />
                <TextField name="activity[description_ru]" field="description_ru" label=t_string!(i18n, common.field_description_ru).to_string()
                    value=f.description_ru.clone() error multiline=true />
                <TextField name="activity[description_uk]" field="description_uk" label=t_string!(i18n, common.field_description_uk).to_string()
                    value=f.description_uk.clone() error multiline=true />
                <Tick name="activity[family]".into() id="f-family".into()
                    label=t_string!(i18n, workshops.field_family_sign_up).to_string() checked=!f.family.is_empty() />
                <button type="submit">{t!(i18n, workshops.add_activity_type)}</button>
            </ActionForm>
        </section>
    }
}
