//! A volunteer's matches: new proposals to accept or decline, active matches, closed ones,
//! and their hours.

use super::parts::NeedFacts;
use crate::api::matches::{my_matches, AcceptMatch, DeclineMatch, MatchDetail};
use crate::domain::role::access;
use crate::i18n::*;
use crate::names::name;
use crate::ui::form::{action_error, ErrorSummary};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::matching_text::hours;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn MyMatchesPage() -> impl IntoView {
    let i18n = use_i18n();
    let accept = ServerAction::<AcceptMatch>::new();
    let decline = ServerAction::<DeclineMatch>::new();
    let data = Resource::new(
        move || (accept.version().get(), decline.version().get()),
        |_| my_matches(),
    );
    let accept_error = action_error(accept);
    let decline_error = action_error(decline);
    view! {
        <RequireRole roles=access::VOLUNTEER>
            <div class="page-head">
                <PageHeading text=t_string!(i18n, volunteers.my_matches_title).to_string() />
                <A href="/volunteer/profile" attr:class="button secondary">{t!(i18n, volunteers.nav_volunteer_profile)}</A>
            </div>
            <ErrorSummary error=accept_error />
            <ErrorSummary error=decline_error form="decline" />
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(m) => view! {
                            <p>{t!(i18n, volunteers.my_hours, h = hours(m.minutes))}</p>
                            <h2>{t!(i18n, volunteers.offers_title)}</h2>
                            {if m.offers.is_empty() {
                                view! { <p>{t!(i18n, volunteers.no_offers)}</p> }.into_any()
                            } else {
                                m.offers.into_iter().map(|o| view! { <Offer o accept decline /> }).collect_view().into_any()
                            }}
                            <h2>{t!(i18n, volunteers.active_matches_title)}</h2>
                            <MatchList rows=m.active />
                            {(!m.closed.is_empty()).then(|| view! {
                                <h2>{t!(i18n, volunteers.closed_matches_title)}</h2>
                                <MatchList rows=m.closed />
                            })}
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
fn Offer(
    o: MatchDetail,
    accept: ServerAction<AcceptMatch>,
    decline: ServerAction<DeclineMatch>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason_id = format!("f-decline-reason-{}", o.id);
    view! {
        <article class="card offer">
            <h3>{name(i18n, o.need.programme)} ": " {o.need.first_name.clone()}</h3>
            <NeedFacts need=o.need.clone() />
            <ActionForm action=accept attr:class="inline">
                <input type="hidden" name="id" value=o.id />
                <button type="submit">{t!(i18n, volunteers.accept)}</button>
            </ActionForm>
            <ActionForm action=decline attr:class="stack">
                <input type="hidden" name="id" value=o.id />
                <div class="field">
                    <label for=reason_id.clone()>{t!(i18n, volunteers.field_decline_reason)}</label>
                    <input id=reason_id name="reason" />
                </div>
                <button type="submit" class="secondary">{t!(i18n, volunteers.decline)}</button>
            </ActionForm>
        </article>
    }
}

#[component]
fn MatchList(rows: Vec<MatchDetail>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p>{t!(i18n, volunteers.no_matches)}</p> }.into_any();
    }
    view! {
        <ul class="cases">
            {rows.into_iter().map(|m| view! {
                <li class="card">
                    <A href=format!("/matches/{}", m.id)>
                        {name(i18n, m.need.programme)} ": " {m.need.first_name.clone()}
                    </A>
                    {m.since.clone().map(|s| view! { " · " {t!(i18n, volunteers.since)} " " {s} })}
                    " · " {t!(i18n, common.hours_value, h = hours(m.minutes))}
                    {m.close_reason.map(|r| view! { " · " {name(i18n, r)} })}
                    {m.quiet.then(|| view! { " · " <strong class="flag">{t!(i18n, volunteers.quiet_flag)}</strong> })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
