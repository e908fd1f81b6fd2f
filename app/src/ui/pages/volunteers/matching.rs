//! The coordinator's matching board: run the engine, read each proposal's explanation,
//! approve, pick another volunteer or reject; why a request found nobody; matches waiting for
//! an answer, active matches with their hours and the quiet ones flagged; hours per volunteer
//! and per programme.

use crate::api::matching::{
    matching_overview, ApproveProposal, AssignVolunteer, MatchLine, OpenRequest, RejectProposal,
    RunMatching,
};
use crate::domain::matching::HardRule;
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
pub fn MatchingPage() -> impl IntoView {
    let i18n = use_i18n();
    let run = ServerAction::<RunMatching>::new();
    let approve = ServerAction::<ApproveProposal>::new();
    let assign = ServerAction::<AssignVolunteer>::new();
    let reject = ServerAction::<RejectProposal>::new();
    let data = Resource::new(
        move || {
            (
                run.version().get(),
                approve.version().get(),
                assign.version().get(),
                reject.version().get(),
            )
        },
        |_| matching_overview(),
    );
    let errors = [
        action_error(approve),
        action_error(assign),
        action_error(reject),
    ];
    view! {
        <RequireRole roles=access::MATCHING>
            <div class="page-head">
                <PageHeading text=t_string!(i18n, volunteers.matching_title).to_string() />
                <A href="/volunteers" attr:class="button secondary">{t!(i18n, common.nav_volunteers)}</A>
            </div>
            {errors.map(|error| view! { <ErrorSummary error /> })}
            <ActionForm action=run attr:class="stack">
                <p class="hint">{t!(i18n, volunteers.run_matching_hint)}</p>
                <button type="submit">{t!(i18n, volunteers.run_matching)}</button>
            </ActionForm>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(b) => view! {
                            <p class="hint">{match b.last_run.clone() {
                                Some(when) => t_string!(i18n, volunteers.matching_last_run, when = when).to_string(),
                                None => t_string!(i18n, volunteers.matching_never_run).to_string(),
                            }}</p>
                            <h2>{t!(i18n, volunteers.open_requests_title)}</h2>
                            <p class="hint">{t!(i18n, volunteers.new_request_hint)}</p>
                            {if b.open.is_empty() {
                                view! { <p>{t!(i18n, volunteers.no_open_requests)}</p> }.into_any()
                            } else {
                                b.open.into_iter().map(|o| view! { <Request o approve assign reject /> }).collect_view().into_any()
                            }}
                            <h2>{t!(i18n, volunteers.waiting_answer_title)}</h2>
                            <Lines rows=b.waiting />
                            <h2>{t!(i18n, volunteers.active_matches_title)}</h2>
                            <Lines rows=b.active />
                            <h2>{t!(i18n, volunteers.hours_by_volunteer_title)}</h2>
                            <div class="table-wrap">
                            <table>
                                <thead><tr>
                                    <th scope="col">{t!(i18n, common.field_volunteer)}</th>
                                    <th scope="col">{t!(i18n, common.field_programme)}</th>
                                    <th scope="col">{t!(i18n, common.col_hours)}</th>
                                </tr></thead>
                                <tbody>
                                    {b.hours.into_iter().map(|h| view! {
                                        <tr>
                                            <td><A href=format!("/volunteers/{}", h.volunteer_id)>{h.volunteer}</A></td>
                                            <td>{name(i18n, h.programme)}</td>
                                            <td>{hours(h.minutes)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                            <h2>{t!(i18n, volunteers.hours_by_programme_title)}</h2>
                            <ul class="hours-by-programme">
                                {b.hours_by_programme.into_iter().map(|(p, m)| view! {
                                    <li>{name(i18n, p)} ": " {t!(i18n, common.hours_value, h = hours(m))}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
fn Request(
    o: OpenRequest,
    approve: ServerAction<ApproveProposal>,
    assign: ServerAction<AssignVolunteer>,
    reject: ServerAction<RejectProposal>,
) -> impl IntoView {
    let i18n = use_i18n();
    let r = o.request;
    let pick_id = format!("pick-{}", r.id);
    let has_candidates = !o.candidates.is_empty();
    let explanation = match (o.proposal.clone(), o.blocked.clone()) {
        (Some(p), _) => {
            let title = t_string!(
                i18n,
                volunteers.proposal_title,
                name = p.volunteer_name.clone()
            )
            .to_string();
            view! {
                <section class="proposal">
                    <h4>{title}</h4>
                    {p.stale.then(|| view! { <p class="notice warning">{t!(i18n, volunteers.proposal_stale)}</p> })}
                    <p><strong>{t!(i18n, volunteers.score_total, n = p.score.total)}</strong></p>
                    <ul class="score">
                        {p.score.parts.into_iter().map(|(c, n)| view! {
                            <li>{name(i18n, c)} ": " {t!(i18n, volunteers.points, n = n)}</li>
                        }).collect_view()}
                    </ul>
                    <div class="actions">
                        <ActionForm action=approve attr:class="inline">
                            <input type="hidden" name="id" value=p.match_id />
                            <button type="submit">{t!(i18n, volunteers.approve)}</button>
                        </ActionForm>
                        <ActionForm action=reject attr:class="inline">
                            <input type="hidden" name="id" value=p.match_id />
                            <button type="submit" class="secondary">{t!(i18n, volunteers.reject)}</button>
                        </ActionForm>
                    </div>
                </section>
            }
            .into_any()
        }
        (None, Some(b)) if !has_candidates || b.rule == HardRule::Capacity => {
            let rule = name(i18n, b.rule);
            view! {
                <section class="blocked">
                    <p>{t!(i18n, volunteers.no_proposal, rule = rule)}</p>
                    <ul class="funnel">
                        {b.funnel.into_iter().map(|(rule, n)| {
                            let rule = name(i18n, rule);
                            view! { <li>{t!(i18n, volunteers.funnel_step, rule = rule, n = n)}</li> }
                        }).collect_view()}
                    </ul>
                </section>
            }
            .into_any()
        }
        _ => view! { <p class="hint">{t!(i18n, volunteers.not_run_yet)}</p> }.into_any(),
    };
    let options = o
        .candidates
        .iter()
        .map(|c| {
            let text = t_string!(
                i18n,
                volunteers.candidate_option,
                name = c.name.clone(),
                n = c.score
            )
            .to_string();
            view! { <option value=c.volunteer_id>{text}</option> }
        })
        .collect_view();
    let facts = [
        r.language.map(|l| name(i18n, l)),
        Some(name(i18n, r.meeting)),
        Some(r.city.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <article class="card request">
            <h3>
                {name(i18n, r.programme)} ": "
                <A href=format!("/households/{}", r.household_id)>{r.member_name.clone()}</A>
            </h3>
            <p>{facts} " · " {t!(i18n, volunteers.waited_days, n = r.waiting_days)}</p>
            {explanation}
            {(!o.candidates.is_empty()).then(|| view! {
                <ActionForm action=assign attr:class="stack">
                    <input type="hidden" name="request" value=r.id />
                    <div class="field">
                        <label for=pick_id.clone()>{t!(i18n, volunteers.choose_other_volunteer)}</label>
                        <select id=pick_id name="volunteer">{options}</select>
                    </div>
                    <button type="submit" class="secondary">{t!(i18n, volunteers.approve_this_volunteer)}</button>
                </ActionForm>
            })}
        </article>
    }
}

#[component]
fn Lines(rows: Vec<MatchLine>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p>{t!(i18n, volunteers.no_matches)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
        <table>
            <thead><tr>
                <th scope="col">{t!(i18n, common.field_member)}</th>
                <th scope="col">{t!(i18n, common.field_programme)}</th>
                <th scope="col">{t!(i18n, common.field_volunteer)}</th>
                <th scope="col">{t!(i18n, volunteers.since)}</th>
                <th scope="col">{t!(i18n, common.col_hours)}</th>
                <th scope="col">{t!(i18n, volunteers.last_contact)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|m| view! {
                    <tr class:quiet=m.quiet>
                        <td><A href=format!("/matches/{}", m.id)>{m.request.member_name.clone()}</A></td>
                        <td>{name(i18n, m.request.programme)}</td>
                        <td><A href=format!("/volunteers/{}", m.volunteer_id)>{m.volunteer_name.clone()}</A></td>
                        <td>{m.since.clone().unwrap_or_default()}</td>
                        <td>{hours(m.minutes)}</td>
                        <td>
                            {m.last_contact.clone().unwrap_or_default()}
                            {m.quiet.then(|| view! { " " <strong class="flag">{t!(i18n, volunteers.quiet_flag)}</strong> })}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}
