//! An office's calendar for coordinators: its workshop sessions and consultations by week, and
//! the address of its public feed.

use super::week::WeekView;
use crate::api::calendar::office_calendar;
use crate::domain::role::access;
use crate::i18n::*;
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageTitle;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OfficeCalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let query = use_query_map();
    let data = Resource::new(
        move || (id(), query.with(|q| q.get("week"))),
        |(id, week)| office_calendar(id, week),
    );
    view! {
            <RequireRole roles=access::OFFICE_CALENDAR>
                <Suspense>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(c) => {
                                let base = format!("/calendar/office/{}", id());
                                view! {
                                    <PageTitle text=t_string!(i18n, calendar.cal_office_title, office = c.name.clone()).to_string() />
    <h1>{t!(i18n, calendar.cal_office_title, office = c.name.clone())}</h1>
                                    <p><a href=c.feed.clone()>{t!(i18n, calendar.cal_office_feed)}</a></p>
                                    <WeekView week=c.week base />
                                }.into_any()
                            }
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })}
                </Suspense>
            </RequireRole>
        }
}
