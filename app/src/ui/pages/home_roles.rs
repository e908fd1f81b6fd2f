//! The home page's cards for one role each: a beneficiary's workshops and groups, and a
//! facilitator's next sessions with their seats.

use super::workshops::parts::activity_title;
use crate::api::home::FacilitatorSessions;
use crate::api::workshop_pages::HouseholdWorkshops;
use crate::domain::workshops::RegistrationStatus;
use crate::i18n::*;
use crate::names::name;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SignUpsCard(w: HouseholdWorkshops) -> impl IntoView {
    let i18n = use_i18n();
    let offered = w
        .sign_ups
        .iter()
        .any(|s| s.status == RegistrationStatus::Offered);
    let empty = w.sign_ups.is_empty();
    let lines = w
        .sign_ups
        .into_iter()
        .map(|s| {
            let title = activity_title(i18n, &w.custom, &s.activity);
            let mut detail = vec![name(i18n, s.status)];
            if let Some(n) = s.place {
                detail.push(t_string!(i18n, common.waitlist_place_n, n = n).to_string());
            }
            if let Some(until) = s.offer_until {
                detail.push(t_string!(i18n, common.offer_until, until = until).to_string());
            }
            if let Some(next) = s
                .next
                .as_ref()
                .filter(|_| s.status == RegistrationStatus::Confirmed)
            {
                detail.push(format!("{}: {next}", t_string!(i18n, common.next_session)));
            }
            let detail = detail.join(" · ");
            view! {
                <li>
                    <A href=format!("/workshops/{}", s.series_id)>{title}</A>
                    " — " {detail}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="your-workshops">
            <h2 id="your-workshops">{t!(i18n, home.home_your_workshops)}</h2>
            {offered.then(|| view! {
                <p class="notice" role="status"><A href="/my-workshops">{t!(i18n, home.home_offer_waiting)}</A></p>
            })}
            {if empty {
                view! { <p>{t!(i18n, common.no_sign_ups)}</p> }.into_any()
            } else {
                view! { <ul>{lines}</ul> }.into_any()
            }}
            <p>
                <A href="/my-workshops">{t!(i18n, common.nav_my_workshops)}</A> " · "
                <A href="/workshops">{t!(i18n, home.home_find_workshop)}</A>
            </p>
        </section>
    }
}

#[component]
pub fn SessionsCard(s: FacilitatorSessions) -> impl IntoView {
    let i18n = use_i18n();
    let empty = s.next.is_empty();
    let lines = s
        .next
        .into_iter()
        .map(|x| {
            let title = activity_title(i18n, &s.custom, &x.activity);
            view! {
                <li>
                    <A href=format!("/workshops/sessions/{}", x.id)>{title}</A>
                    " · " {x.office} " — " {x.when} " — "
                    {t!(i18n, home.home_seats, taken = x.taken, capacity = x.capacity, waiting = x.waiting)}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="next-sessions">
            <h2 id="next-sessions">{t!(i18n, home.home_next_sessions)}</h2>
            {if empty {
                view! { <p>{t!(i18n, home.home_no_sessions)}</p> }.into_any()
            } else {
                view! { <ul>{lines}</ul> }.into_any()
            }}
            <p><A href="/workshops/manage">{t!(i18n, common.nav_workshop_board)}</A></p>
        </section>
    }
}
