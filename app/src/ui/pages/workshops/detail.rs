//! One series: what it is, where, for whom, its sessions and free places, for anyone. A
//! beneficiary signs up themselves and members of their household here; staff choose the
//! household first (a plain GET form). Coordinators change the capacity and cancel sessions or
//! the whole series; coordinators and facilitators open the rosters.

use super::parts::{activity_text, activity_title, eligibility_label, SignUpCard};
use crate::api::workshop_pages::{workshop, WorkshopDetail};
use crate::api::workshop_staff::{CancelSeries, CancelSession, ChangeCapacity};
use crate::api::workshops::{AcceptOffer, CancelRegistration, SignUp};
use crate::domain::workshops::SignUpWindow;
use crate::i18n::*;
use crate::names::names;
use crate::ui::form::{action_error, ConfirmFirst, ErrorSummary, Tick};
use crate::ui::guard::id_param;
use crate::ui::heading::PageTitle;
use crate::ui::household_finder::{HouseholdFinder, HouseholdHint};
use crate::ui::pages::calendar::DownloadIcs;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::{
    components::{Form, A},
    hooks::use_query_map,
};

#[derive(Clone, Copy)]
struct Actions {
    sign_up: ServerAction<SignUp>,
    accept: ServerAction<AcceptOffer>,
    cancel: ServerAction<CancelRegistration>,
    capacity: ServerAction<ChangeCapacity>,
    cancel_session: ServerAction<CancelSession>,
    cancel_series: ServerAction<CancelSeries>,
}

#[component]
pub fn SeriesPage() -> impl IntoView {
    let id = id_param("id");
    let query = use_query_map();
    let household = move || query.with(|q| q.get("household").and_then(|v| v.parse::<i64>().ok()));
    let actions = Actions {
        sign_up: ServerAction::new(),
        accept: ServerAction::new(),
        cancel: ServerAction::new(),
        capacity: ServerAction::new(),
        cancel_session: ServerAction::new(),
        cancel_series: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                id(),
                household(),
                query.with(|q| q.get("who")),
                actions.sign_up.version().get()
                    + actions.accept.version().get()
                    + actions.cancel.version().get()
                    + actions.capacity.version().get()
                    + actions.cancel_session.version().get()
                    + actions.cancel_series.version().get(),
            )
        },
        |(id, household, who, _)| workshop(id, household, who),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(w) => view! { <Series w actions /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Series(w: WorkshopDetail, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let title = activity_title(i18n, &w.custom, &w.activity);
    let about = activity_text(i18n, &w.custom, &w.activity);
    let languages = names(i18n, &w.languages);
    let places = if w.free > 0 {
        t_string!(i18n, workshops.free_places_n, n = w.free).to_string()
    } else {
        t_string!(i18n, workshops.full_waitlist).to_string()
    };
    let registration = match w.registration {
        SignUpWindow::Open => t_string!(
            i18n,
            workshops.registration_open_until,
            until = w.registration_closes.clone()
        )
        .to_string(),
        SignUpWindow::NotYet => t_string!(
            i18n,
            workshops.registration_opens_at,
            at = w.registration_opens.clone()
        )
        .to_string(),
        SignUpWindow::Closed => t_string!(i18n, errors.err_registration_closed).to_string(),
    };
    let place = if w.online {
        t_string!(i18n, common.place_online).to_string()
    } else {
        w.place.clone()
    };
    let roster = w.rights.roster;
    let coordinator = w.rights.coordinator && !w.cancelled;
    let sessions = w
        .sessions
        .iter()
        .map(|s| {
            let id = s.id;
            view! {
                <li class:cancelled=s.cancelled class:past=s.past>
                    <span class="when">{s.when.clone()}</span>
                    {s.cancelled.then(|| view! { " · " <strong>{t!(i18n, workshops.session_cancelled)}</strong> })}
                    {s.moved_from.clone().map(|d| view! { " · " {t!(i18n, workshops.moved_from_holiday, date = d)} })}
                    {roster.then(|| view! { " · " <A href=format!("/workshops/sessions/{id}")>{t!(i18n, workshops.roster_link)}</A> })}
                    {(!s.past).then(|| view! { " · " <DownloadIcs href=s.download.clone() /> })}
                    {(coordinator && !s.cancelled && !s.past).then(|| view! {
                        <ConfirmFirst label=t_string!(i18n, workshops.cancel_session).to_string()
                            question=t_string!(i18n, workshops.confirm_cancel_session).to_string()>
                            <ActionForm action=actions.cancel_session attr:class="inline">
                                <input type="hidden" name="session" value=id />
                                <input type="hidden" name="reason" value="" />
                                <button type="submit" class="danger small">{t!(i18n, workshops.yes_cancel_session)}</button>
                            </ActionForm>
                        </ConfirmFirst>
                    })}
                </li>
            }
        })
        .collect_view();
    let sign_up_error = action_error(actions.sign_up);
    let cancel_error = action_error(actions.cancel);
    let accept_error = action_error(actions.accept);
    let capacity_error = action_error(actions.capacity);
    let session_error = action_error(actions.cancel_session);
    let custom = w.custom.clone();
    let mine = w
        .mine
        .iter()
        .cloned()
        .map(|s| view! { <SignUpCard s custom=custom.clone() accept=actions.accept cancel=actions.cancel /> })
        .collect_view();
    view! {
            <div class="page-head">
                <PageTitle text=title.clone() />
    <h1>{title}</h1>
                <A href="/workshops" attr:class="button secondary">{t!(i18n, workshops.all_workshops)}</A>
            </div>
            {w.cancelled.then(|| view! { <p class="notice warning" role="status">{t!(i18n, workshops.series_cancelled)}</p> })}
            {about.map(|a| view! { <p>{a}</p> })}
            <dl class="facts">
                <dt>{t!(i18n, common.field_office)}</dt><dd>{w.office.clone()}</dd>
                <dt>{t!(i18n, common.field_place)}</dt><dd>{place}</dd>
                {w.online_link.clone().map(|link| view! {
                    <dt>{t!(i18n, common.online_link)}</dt><dd><a href=link.clone() rel="noopener">{link.clone()}</a></dd>
                })}
                <dt>{t!(i18n, common.field_languages)}</dt>
                <dd>{languages}{w.interpretation.then(|| view! { " · " {t!(i18n, workshops.interpretation_offered)} })}</dd>
                {eligibility_label(i18n, w.eligibility).map(|e| view! { <dt>{t!(i18n, common.field_for_whom)}</dt><dd>{e}</dd> })}
                <dt>{t!(i18n, workshops.field_places)}</dt>
                <dd>
                    <strong>{places}</strong>
                    {(w.waiting > 0).then(|| view! { " · " {t!(i18n, workshops.waiting_seats_n, n = w.waiting)} })}
                    {w.childcare.then(|| view! { " · " {t!(i18n, workshops.childcare_offered)} })}
                </dd>
                {(!w.facilitators.is_empty()).then(|| view! {
                    <dt>{t!(i18n, workshops.field_facilitators)}</dt><dd>{w.facilitators.join(", ")}</dd>
                })}
                <dt>{t!(i18n, common.field_registration)}</dt><dd>{registration}</dd>
                <dt>{t!(i18n, common.field_cancel_cutoff)}</dt>
                <dd>{t!(i18n, workshops.cancel_cutoff_text, hours = w.cancel_cutoff_hours)}</dd>
            </dl>
            <h2>{t!(i18n, workshops.sessions_title)}</h2>
            <ErrorSummary error=session_error form="session" />
            <ol class="sessions">{sessions}</ol>
            {roster.then(|| view! { <p><a href=format!("/workshops/{}/roster.csv", w.id) download="">{t!(i18n, workshops.roster_csv)}</a></p> })}
            <ErrorSummary error=cancel_error form="mine" />
            <ErrorSummary error=accept_error form="offer" />
            {(!w.mine.is_empty()).then(|| view! { <h2>{t!(i18n, workshops.your_sign_ups)}</h2> {mine} })}
            <SignUpSection w=w.clone() action=actions.sign_up error=sign_up_error />
            {coordinator.then(|| view! {
                <section class="manage" aria-labelledby="manage-title">
                    <h2 id="manage-title">{t!(i18n, workshops.manage_series)}</h2>
                    <ErrorSummary error=capacity_error form="capacity" />
                    <ActionForm action=actions.capacity attr:class="inline-form">
                        <input type="hidden" name="id" value=w.id />
                        <div class="field">
                            <label for="f-capacity-capacity">{t!(i18n, workshops.field_series_capacity)}</label>
                            <input id="f-capacity-capacity" name="capacity" type="number" inputmode="numeric"
                                min="1" max="500" value=w.capacity />
                        </div>
                        <button type="submit">{t!(i18n, workshops.save)}</button>
                    </ActionForm>
                    <ActionForm action=actions.cancel_series attr:class="stack">
                        <input type="hidden" name="id" value=w.id />
                        <div class="field">
                            <label for="f-series-reason">{t!(i18n, common.field_reason)}</label>
                            <input id="f-series-reason" name="reason" />
                        </div>
                        <button type="submit" class="danger">{t!(i18n, workshops.cancel_series)}</button>
                    </ActionForm>
                </section>
            })}
        }
}

/// The sign-up form, or why there is none: log in, registration not open, or (staff) choose
/// the household first.
#[component]
fn SignUpSection(
    w: WorkshopDetail,
    action: ServerAction<SignUp>,
    error: crate::ui::form::FormError,
) -> impl IntoView {
    let i18n = use_i18n();
    if w.registration != SignUpWindow::Open {
        return ().into_any();
    }
    if !w.rights.logged_in {
        let login = format!("/login?next=/workshops/{}", w.id);
        return view! {
            <p><A href=login attr:class="button">{t!(i18n, workshops.log_in_to_sign_up)}</A></p>
        }
        .into_any();
    }
    if !w.rights.sign_up {
        return ().into_any();
    }
    let chooser = w.rights.staff.then(|| {
        let who = use_query_map().with_untracked(|q| q.get("who").unwrap_or_default());
        let none_found = w.households.is_empty();
        let who_hint = who.clone();
        let options = w
            .households
            .iter()
            .map(|h| {
                let selected = Some(h.id) == w.household;
                view! { <option value=h.id selected=selected>{h.name.clone()}</option> }
            })
            .collect_view();
        view! {
            {w.rights.coordinator.then(|| view! { <HouseholdFinder path=format!("/workshops/{}", w.id) /> })}
            <Form method="GET" action=format!("/workshops/{}", w.id) attr:class="filters">
                <input type="hidden" name="who" value=who.clone() />
                <div class="field">
                    <label for="f-household-choice">{t!(i18n, common.field_household)}</label>
                    <select id="f-household-choice" name="household">
                        <option value="">{t!(i18n, common.choose)}</option>
                        {options}
                    </select>
                </div>
                <button type="submit" class="secondary">{t!(i18n, workshops.show_members)}</button>
            </Form>
            {none_found.then(|| view! { <HouseholdHint who=who_hint.clone() /> })}
        }
    });
    let Some(household) = w.household else {
        return view! {
            <section aria-labelledby="sign-up-title">
                <h2 id="sign-up-title">{t!(i18n, workshops.sign_up_title)}</h2>
                {chooser}
            </section>
        }
        .into_any();
    };
    let people = w
        .members
        .iter()
        .filter(|m| !m.signed_up)
        .map(|m| {
            view! {
                <Tick name=format!("form[people][{}]", m.id) id=format!("person-{}", m.id)
                    label=m.name.clone() checked=false />
            }
        })
        .collect_view();
    let sessions = w.drop_in.then(|| {
        let options = w
            .sessions
            .iter()
            .filter(|s| !s.cancelled && !s.past)
            .map(|s| view! { <option value=s.id>{s.when.clone()}</option> })
            .collect_view();
        view! {
            <div class="field">
                <label for="f-session">{t!(i18n, common.field_drop_in_session)}</label>
                <p class="hint" id="f-session-hint">{t!(i18n, workshops.drop_in_hint)}</p>
                <select id="f-session" name="form[session]" aria-describedby="f-session-hint">
                    <option value="">{t!(i18n, workshops.whole_series)}</option>
                    {options}
                </select>
            </div>
        }
    });
    let hint = if w.family {
        t_string!(i18n, workshops.sign_up_people_hint).to_string()
    } else {
        t_string!(i18n, errors.err_one_person_only).to_string()
    };
    view! {
        <section aria-labelledby="sign-up-title">
            <h2 id="sign-up-title">{t!(i18n, workshops.sign_up_title)}</h2>
            {chooser}
            <ErrorSummary error />
            <ActionForm action attr:class="stack">
                <input type="hidden" name="series" value=w.id />
                <input type="hidden" name="form[household]" value=household />
                <fieldset id="f-people">
                    <legend>{t!(i18n, workshops.who_takes_part)}</legend>
                    <p class="hint">{hint}</p>
                    {people}
                </fieldset>
                {sessions}
                {w.childcare.then(|| view! {
                    <div class="field">
                        <label for="f-childcare">{t!(i18n, workshops.field_childcare_need)}</label>
                        <p class="hint" id="f-childcare-hint">{t!(i18n, workshops.childcare_hint)}</p>
                        <textarea id="f-childcare" name="form[childcare]" rows="2" aria-describedby="f-childcare-hint"></textarea>
                    </div>
                })}
                <button type="submit">
                    {if w.free > 0 { t!(i18n, workshops.sign_up_button).into_any() } else { t!(i18n, workshops.join_waitlist).into_any() }}
                </button>
            </ActionForm>
        </section>
    }
    .into_any()
}
