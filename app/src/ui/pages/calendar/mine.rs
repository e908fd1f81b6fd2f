//! My calendar: every event of the person, this week and coming up, with the subscription
//! address and (for those who can be booked) the busy times of their own calendar.

use super::feed::{BusyBox, FeedBox};
use super::week::{Agenda, WeekView};
use crate::api::calendar::{my_calendar, DeleteBusyTimes, NewFeedAddress};
use crate::i18n::*;
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // A new address or deleted busy times show at once: both actions reload the page's data.
    let renew = ServerAction::<NewFeedAddress>::new();
    let delete = ServerAction::<DeleteBusyTimes>::new();
    let data = Resource::new(
        move || {
            let (week, new_feed) = query.with(|q| (q.get("week"), q.get("new_feed")));
            (
                week,
                new_feed,
                renew.version().get(),
                delete.version().get(),
            )
        },
        |(week, new_feed, _, _)| my_calendar(week, new_feed),
    );
    view! {
        <RequireRole roles=&[]>
            <PageHeading text=t_string!(i18n, calendar.cal_title).to_string() />
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(c) => view! {
                            <WeekView week=c.week base="/calendar" />
                            <Agenda items=c.agenda />
                            <FeedBox feed=c.feed since=c.feed_since renew />
                            {c.can_import.then(|| view! { <BusyBox busy=c.busy following=c.following delete /> })}
                            {(!c.offices.is_empty()).then(|| view! {
                                <section aria-labelledby="offices-title">
                                    <h2 id="offices-title">{t!(i18n, calendar.cal_offices)}</h2>
                                    <ul>
                                        {c.offices.into_iter().map(|(id, name)| view! {
                                            <li><A href=format!("/calendar/office/{id}")>{name}</A></li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                            })}
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
