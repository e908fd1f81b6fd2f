//! The public list of upcoming workshops and groups, per office and activity type, in the
//! visitor's language, without logging in. The filters are a plain GET form.

use super::parts::{activity_text, activity_title, eligibility_label};
use crate::api::workshop_pages::CustomActivity;
use crate::api::workshops::{list_workshops, PublicFeed, WorkshopCard};
use crate::i18n::*;
use crate::names::names;
use crate::ui::heading::PageHeading;
use crate::ui::islands::CopyButton;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::{
    components::{Form, A},
    hooks::use_query_map,
};

#[component]
pub fn WorkshopsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = move || {
        query.with(|q| {
            (
                q.get("office").and_then(|v| v.parse::<i64>().ok()),
                q.get("activity").filter(|a| !a.is_empty()),
            )
        })
    };
    let list = Resource::new(params, |(office, activity)| {
        list_workshops(office, activity)
    });
    view! {
        <PageHeading text=t_string!(i18n, workshops.workshops_title).to_string() />
        <p>{t!(i18n, workshops.workshops_intro)}</p>
        <Suspense>
            {move || Suspend::new(async move {
                let (office, activity) = params();
                match list.await {
                    Ok(l) => {
                        let offices = l.offices.iter().map(|o| {
                            let selected = Some(o.id) == office;
                            view! { <option value=o.id selected=selected>{o.name.clone()}</option> }
                        }).collect_view();
                        let activities = l.activities.iter().map(|a| {
                            let selected = Some(a) == activity.as_ref();
                            view! { <option value=a.clone() selected=selected>{activity_title(i18n, &l.custom, a)}</option> }
                        }).collect_view();
                        view! {
                            <Form method="GET" action="/workshops" attr:class="filters">
                                <div class="field">
                                    <label for="f-office">{t!(i18n, common.field_office)}</label>
                                    <select id="f-office" name="office">
                                        <option value="">{t!(i18n, common.all_offices)}</option>
                                        {offices}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="f-activity">{t!(i18n, common.field_activity)}</label>
                                    <select id="f-activity" name="activity">
                                        <option value="">{t!(i18n, workshops.all_activities)}</option>
                                        {activities}
                                    </select>
                                </div>
                                <button type="submit">{t!(i18n, common.show_day)}</button>
                            </Form>
                            {if l.series.is_empty() {
                                view! { <p>{t!(i18n, workshops.no_workshops)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="workshops">
                                        {l.series.into_iter().map(|c| view! { <li><Card c custom=l.custom.clone() /></li> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <FollowFeeds feeds=l.feeds />
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Each office's public calendar of workshops and groups: open it in the calendar app, or copy
/// its address (the field can be copied by hand without JavaScript).
#[component]
fn FollowFeeds(feeds: Vec<PublicFeed>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = feeds
        .into_iter()
        .enumerate()
        .map(|(n, f)| {
            let field = format!("feed-{n}");
            view! {
                <li>
                    <label for=field.clone()>{t!(i18n, workshops.follow_address, office = f.office.clone())}</label>
                    <input id=field type="text" readonly value=f.https.clone() class="wide" />
                    <p class="actions">
                        <a class="button" href=f.webcal.clone()>{t!(i18n, calendar.cal_feed_open)}</a>
                        " "
                        <CopyButton id=format!("feed-copy-{n}") text=f.https.clone()
                            label=t_string!(i18n, calendar.cal_copy).to_string()
                            done_label=t_string!(i18n, calendar.cal_copied).to_string() />
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card follow" aria-labelledby="follow-title">
            <h2 id="follow-title">{t!(i18n, workshops.follow_title)}</h2>
            <p>{t!(i18n, workshops.follow_help)}</p>
            <ul class="feeds">{rows}</ul>
            <details class="phone-help">
                <summary>{t!(i18n, calendar.cal_help_phones)}</summary>
                <p>{t!(i18n, calendar.cal_help_android)}</p>
                <p>{t!(i18n, calendar.cal_help_iphone)}</p>
            </details>
        </section>
    }
}

#[component]
fn Card(c: WorkshopCard, custom: Vec<CustomActivity>) -> impl IntoView {
    let i18n = use_i18n();
    let languages = names(i18n, &c.languages);
    let eligibility = eligibility_label(i18n, c.eligibility);
    let places = if c.free > 0 {
        t_string!(i18n, workshops.free_places_n, n = c.free).to_string()
    } else {
        t_string!(i18n, workshops.full_waitlist).to_string()
    };
    let title = activity_title(i18n, &custom, &c.activity);
    let about = activity_text(i18n, &custom, &c.activity);
    view! {
        <article class="card workshop">
            <h2><A href=format!("/workshops/{}", c.id)>{title}</A></h2>
            {about.map(|a| view! { <p>{a}</p> })}
            <dl class="facts">
                <dt>{t!(i18n, common.field_office)}</dt><dd>{c.office.clone()}</dd>
                <dt>{t!(i18n, common.next_session)}</dt><dd>{c.next.clone()} " · " {t!(i18n, workshops.sessions_count, n = c.sessions)}</dd>
                <dt>{t!(i18n, common.field_languages)}</dt>
                <dd>
                    {languages}
                    {c.interpretation.then(|| view! { " · " {t!(i18n, workshops.interpretation_offered)} })}
                </dd>
                {eligibility.map(|e| view! { <dt>{t!(i18n, common.field_for_whom)}</dt><dd>{e}</dd> })}
                <dt>{t!(i18n, workshops.field_places)}</dt>
                <dd><strong>{places}</strong>{c.childcare.then(|| view! { " · " {t!(i18n, workshops.childcare_offered)} })}</dd>
            </dl>
            {(!c.open_for_sign_up).then(|| view! { <p class="hint">{t!(i18n, errors.err_registration_closed)}</p> })}
        </article>
    }
}
