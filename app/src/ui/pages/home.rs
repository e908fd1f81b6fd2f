use crate::api::admin::setup_status;
use crate::api::home::{home_dashboard, HomeView};
use crate::domain::role::access;
use crate::error::AppError;
use crate::i18n::*;
use crate::names::name;
use crate::ui::guard::user_resource;
use crate::ui::heading::PageHeading;
use crate::ui::pages::calendar::ItemLine;
use crate::ui::pages::home_roles::{SessionsCard, SignUpsCard};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let user = user_resource();
    // Made here, outside the suspended view, so that the page hydrates (an admin's checklist).
    let setup = Resource::new(|| (), |_| setup_status());
    let dashboard = Resource::new(|| (), |_| home_dashboard());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match user.await.ok().flatten() {
                    Some(u) => {
                        let roles = u.roles.iter().map(|r| name(i18n, r)).collect::<Vec<_>>().join(", ");
                        let households = u.roles.has_any(access::HOUSEHOLDS);
                        let admin = u.roles.has_any(access::ADMIN);
                        let support = u.roles.has_any(access::SUPPORT_PERSON);
                        let beneficiary = u.roles.has_any(access::BENEFICIARY);
                        let inviter = u.roles.has_any(access::INVITE);
                        view! {
                            <h1>{t!(i18n, home.home_welcome, name = u.display_name.clone())}</h1>
                            {admin.then(|| view! { <SetupChecklist status=setup /> })}
                            <Dashboard data=dashboard />
                            <p>{t!(i18n, home.home_your_roles)} " " {roles}</p>
                            <ul class="cards">
                                <Show when=move || households>
                                    <li><A href="/households">{t!(i18n, common.nav_households)}</A></li>
                                    <li><A href="/households/new">{t!(i18n, common.households_new)}</A></li>
                                    <li><A href="/intake">{t!(i18n, households.intake_title)}</A></li>
                                    <li><A href="/assignments">{t!(i18n, common.nav_support_service)}</A></li>
                                    <li><A href="/support-persons">{t!(i18n, common.nav_support_persons)}</A></li>
                                </Show>
                                <Show when=move || support>
                                    <li><A href="/support">{t!(i18n, common.nav_my_households)}</A></li>
                                </Show>
                                <Show when=move || beneficiary>
                                    <li><A href="/my-support">{t!(i18n, common.nav_my_support)}</A></li>
                                    <li><A href="/my-data">{t!(i18n, home.my_data_link)}</A></li>
                                </Show>
                                <Show when=move || admin>
                                    <li><A href="/admin/accounts">{t!(i18n, common.nav_accounts)}</A></li>
                                    <li><A href="/admin/offices">{t!(i18n, common.nav_offices)}</A></li>
                                    <li><A href="/admin/outbox">{t!(i18n, home.nav_outbox)}</A></li>
                                    <li><A href="/admin/audit">{t!(i18n, home.nav_audit)}</A></li>
                                </Show>
                                <Show when=move || inviter>
                                    <li><A href="/invitations">{t!(i18n, common.invitations_title)}</A></li>
                                    <li><A href="/needs-owner">{t!(i18n, home.needs_owner_title)}</A></li>
                                </Show>
                                <li><A href="/account">{t!(i18n, home.nav_account)}</A></li>
                            </ul>
                        }.into_any()
                    }
                    None => view! {
                        <PageHeading text=t_string!(i18n, home.home_title).to_string() />
                        <p>{t!(i18n, home.home_intro)}</p>
                        <p><A href="/login">{t!(i18n, common.nav_login)}</A></p>
                        <p><A href="/contact">{t!(i18n, home.home_contact_invite)}</A></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A new installation's first steps, for admins, until they are done.
#[component]
fn SetupChecklist(
    status: Resource<Result<crate::api::admin::SetupProgress, crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let Ok(s) = status.await else { return ().into_any() };
                if s.done() {
                    return ().into_any();
                }
                let item = move |done: bool, text: String, href: &'static str| {
                    let mark = if done { t_string!(i18n, home.setup_done) } else { t_string!(i18n, home.setup_todo) };
                    view! {
                        <li class:done=done>
                            <span class="setup-mark">{mark}</span> ": " <A href=href>{text}</A>
                        </li>
                    }
                };
                let mail = if s.mail == "smtp" {
                    t_string!(i18n, home.setup_mail_smtp).to_string()
                } else {
                    t_string!(i18n, home.setup_mail_files, folder = s.mail.clone()).to_string()
                };
                view! {
                    <section class="card setup" aria-labelledby="setup-title">
                        <h2 id="setup-title">{t!(i18n, home.setup_title)}</h2>
                        <ol>
                            {item(s.office_with_room, t_string!(i18n, home.setup_office).to_string(), "/admin/offices")}
                            {item(s.office_hours, t_string!(i18n, home.setup_hours).to_string(), "/office-hours")}
                            {item(s.coordinator_invited, t_string!(i18n, home.setup_coordinator).to_string(), "/invitations")}
                        </ol>
                        <p>{mail}</p>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// What is coming up for the person, and what their role needs first.
#[component]
fn Dashboard(data: Resource<Result<HomeView, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let d = data.await.ok()?;
                Some(view! {
                    {d.attention.map(|a| view! {
                        <section class="card" aria-labelledby="attention">
                            <h2 id="attention">{t!(i18n, home.home_attention)}</h2>
                            <ul>
                                <li><A href="/assignments">{t!(i18n, home.home_ending_soon, n = a.ending_soon)}</A></li>
                                <li><A href="/assignments">{t!(i18n, home.home_waiting, n = a.waiting)}</A></li>
                                <li><A href="/intake">{t!(i18n, home.home_intake, open = a.intake_open, overdue = a.intake_overdue)}</A></li>
                                <li><A href="/reception">{t!(i18n, home.home_reception_today)}</A></li>
                            </ul>
                        </section>
                    })}
                    {d.sign_ups.is_some().then(|| view! {
                        <section class="card" aria-labelledby="next-appointment">
                            <h2 id="next-appointment">{t!(i18n, home.home_next_appointment)}</h2>
                            {match d.next_appointment.clone() {
                                Some(item) => view! { <ul class="cal-items agenda"><ItemLine item show_date=true /></ul> }.into_any(),
                                None => view! { <p>{t!(i18n, home.home_no_appointment)}</p> }.into_any(),
                            }}
                            <p><A href="/consultations/book">{t!(i18n, common.book_link)}</A></p>
                        </section>
                    })}
                    {d.sign_ups.map(|w| view! { <SignUpsCard w /> })}
                    {d.sessions.map(|s| view! { <SessionsCard s /> })}
                    <section aria-labelledby="coming-up">
                        <h2 id="coming-up">{t!(i18n, home.home_coming_up)}</h2>
                        {if d.coming_up.is_empty() {
                            view! { <p>{t!(i18n, home.home_nothing_coming)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="cal-items agenda">
                                    {d.coming_up.into_iter().map(|item| view! { <ItemLine item show_date=true /> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <p><A href="/calendar">{t!(i18n, home.home_whole_calendar)}</A></p>
                    </section>
                })
            })}
        </Suspense>
    }
}
