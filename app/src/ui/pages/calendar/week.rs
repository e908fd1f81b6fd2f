//! A week of events, one day under another (reads on a phone), and an agenda list.

use crate::api::calendar::{CalendarItem, Week};
use crate::i18n::*;
use crate::ui::text::weekday_name;
use leptos::prelude::*;
use leptos_router::components::A;

/// One event for people's own calendars: the .ics file that calendar apps open, and links that
/// add it to Google Calendar or Outlook on the web (the server redirects with the event filled
/// in).
#[component]
pub fn DownloadIcs(href: String) -> impl IntoView {
    let i18n = use_i18n();
    let google = format!("{href}?to=google");
    let outlook = format!("{href}?to=outlook");
    view! {
        <span class="cal-add" role="group" aria-label=move || t_string!(i18n, calendar.cal_add_to).to_string()>
            <a class="cal-download" href=href download="">{t!(i18n, calendar.cal_download)}</a>
            " · "
            <a href=google rel="external nofollow">{t!(i18n, calendar.cal_add_google)}</a>
            " · "
            <a href=outlook rel="external nofollow">{t!(i18n, calendar.cal_add_outlook)}</a>
        </span>
    }
}

/// One event: title linking to its page, time, place, and its .ics download.
#[component]
pub fn ItemLine(item: CalendarItem, show_date: bool) -> impl IntoView {
    let i18n = use_i18n();
    let when = if item.all_day {
        if show_date {
            format!("{} · {}", item.when, t_string!(i18n, calendar.cal_all_day))
        } else {
            t_string!(i18n, calendar.cal_all_day).to_string()
        }
    } else if show_date {
        item.when.clone()
    } else {
        item.time.clone()
    };
    let class = if item.cancelled {
        "cal-item cancelled"
    } else {
        "cal-item"
    };
    view! {
        <li class=class data-kind=item.kind.code()>
            <span class="cal-when">{when}</span>
            " "
            <A href=item.link.clone()>{item.title.clone()}</A>
            {item.cancelled.then(|| view! { " " <strong class="badge">{t!(i18n, calendar.cal_cancelled)}</strong> })}
            {item.place.clone().map(|p| view! { <span class="cal-place">{p}</span> })}
            " "
            <DownloadIcs href=item.download.clone() />
        </li>
    }
}

#[component]
pub fn WeekView(week: Week, #[prop(into)] base: String) -> impl IntoView {
    let i18n = use_i18n();
    let prev = format!("{base}?week={}", week.previous);
    let next = format!("{base}?week={}", week.next);
    let (first, last) = (week.first.clone(), week.last.clone());
    view! {
        <section class="week" aria-labelledby="week-title">
            <div class="page-head">
                <h2 id="week-title">{t!(i18n, calendar.cal_week, from = first, to = last)}</h2>
                <nav class="week-nav" aria-label=move || t_string!(i18n, calendar.cal_week, from = week.first.clone(), to = week.last.clone()).to_string()>
                    <A href=prev attr:class="button secondary">{t!(i18n, calendar.cal_prev_week)}</A>
                    " "
                    <A href=base.clone() attr:class="button secondary">{t!(i18n, calendar.cal_this_week)}</A>
                    " "
                    <A href=next attr:class="button secondary">{t!(i18n, calendar.cal_next_week)}</A>
                </nav>
            </div>
            <ol class="week-days">
                {week.days.into_iter().map(|day| {
                    let empty = day.items.is_empty() && day.busy.is_empty();
                    view! {
                        <li class="week-day">
                            <h3>{weekday_name(i18n, i64::from(day.weekday))} " " {day.date.clone()}</h3>
                            {empty.then(|| view! { <p class="muted">{t!(i18n, calendar.cal_free_day)}</p> })}
                            <ul class="cal-items">
                                {day.busy.into_iter().map(|b| view! {
                                    <li class="cal-item busy"><span class="cal-when">{b}</span> " " {t!(i18n, calendar.cal_busy_block)}</li>
                                }).collect_view()}
                                {day.items.into_iter().map(|item| view! { <ItemLine item show_date=false /> }).collect_view()}
                            </ul>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
pub fn Agenda(items: Vec<CalendarItem>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="agenda-title">
            <h2 id="agenda-title">{t!(i18n, calendar.cal_agenda)}</h2>
            {if items.is_empty() {
                view! { <p>{t!(i18n, calendar.cal_nothing)}</p> }.into_any()
            } else {
                view! {
                    <ul class="cal-items agenda">
                        {items.into_iter().map(|item| view! { <ItemLine item show_date=true /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
