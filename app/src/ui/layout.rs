//! The frame of every page: skip link, header with navigation and language switch, main, and
//! the footer.

use crate::domain::role::access;
use crate::domain::InterfaceLanguage;
use crate::i18n::*;
use crate::ui::feedback::DoneNotice;
use crate::ui::footer::Footer;
use crate::ui::guard::{path_and_query, user_resource, user_roles_include};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let user = user_resource();
    let location = use_location();
    let here = move || path_and_query(&location.pathname.get(), &location.search.get());
    // The account's language wins over the browser's as soon as someone logs in (or accepts an
    // invitation): the login answer sets the cookie, this sets the page already on screen.
    Effect::new(move |_| {
        if let Some(Ok(Some(u))) = user.get() {
            let locale = crate::names::locale(u.language);
            if i18n.get_locale_untracked() != locale {
                i18n.set_locale(locale);
            }
        }
    });
    let nav = move || {
        Suspend::new(async move {
            let user = user.await.ok().flatten();
            let logged_in = user.is_some();
            let households = user_roles_include(&user, access::HOUSEHOLDS);
            let admin = user_roles_include(&user, access::ADMIN);
            let support = user_roles_include(&user, access::SUPPORT_PERSON);
            let beneficiary = user_roles_include(&user, access::BENEFICIARY);
            let consultations = user_roles_include(&user, access::CONSULTATIONS);
            let reception = user_roles_include(&user, access::RECEPTION);
            let office_hours = user_roles_include(&user, access::OFFICE_HOURS);
            let matching = user_roles_include(&user, access::MATCHING);
            let volunteers = user_roles_include(&user, access::VOLUNTEERS) && !matching;
            let volunteer = user_roles_include(&user, access::VOLUNTEER);
            let workshop_board = user_roles_include(&user, access::WORKSHOP_BOARD);
            let reports = user_roles_include(&user, access::REPORTS);
            let returns = user_roles_include(&user, access::RETURN_CASES);
            let country_offices = user_roles_include(&user, access::COUNTRY_OFFICES) && !returns;
            view! {
                <ul class="nav-links">
                    <li><A href="/">{t!(i18n, names.nav_home)}</A></li>
                    <li><A href="/workshops">{t!(i18n, common.nav_workshops)}</A></li>
                    <Show when=move || logged_in>
                        <li><A href="/calendar">{t!(i18n, common.nav_calendar)}</A></li>
                    </Show>
                    <Show when=move || households>
                        <li><A href="/households">{t!(i18n, common.nav_households)}</A></li>
                        <li><A href="/intake">{t!(i18n, households.intake_title)}</A></li>
                        <li><A href="/assignments">{t!(i18n, common.nav_support_service)}</A></li>
                    </Show>
                    <Show when=move || support>
                        <li><A href="/support">{t!(i18n, common.nav_my_households)}</A></li>
                    </Show>
                    <Show when=move || beneficiary>
                        <li><A href="/my-support">{t!(i18n, common.nav_my_support)}</A></li>
                    </Show>
                    <Show when=move || consultations>
                        <li><A href="/consultations">{t!(i18n, common.nav_consultations)}</A></li>
                    </Show>
                    <Show when=move || reception>
                        <li><A href="/reception">{t!(i18n, common.nav_reception)}</A></li>
                    </Show>
                    <Show when=move || office_hours>
                        <li><A href="/office-hours">{t!(i18n, common.nav_office_hours)}</A></li>
                    </Show>
                    <Show when=move || matching>
                        <li><A href="/matching">{t!(i18n, common.nav_matching)}</A></li>
                    </Show>
                    <Show when=move || volunteers>
                        <li><A href="/volunteers">{t!(i18n, common.nav_volunteers)}</A></li>
                    </Show>
                    <Show when=move || beneficiary>
                        <li><A href="/my-workshops">{t!(i18n, common.nav_my_workshops)}</A></li>
                    </Show>
                    <Show when=move || workshop_board>
                        <li><A href="/workshops/manage">{t!(i18n, common.nav_workshop_board)}</A></li>
                    </Show>
                    <Show when=move || volunteer>
                        <li><A href="/volunteer">{t!(i18n, common.nav_my_matches)}</A></li>
                    </Show>
                    <Show when=move || reports>
                        <li><A href="/reports">{t!(i18n, common.report_title)}</A></li>
                    </Show>
                    <Show when=move || returns>
                        <li><A href="/returns">{t!(i18n, returns.cases_title)}</A></li>
                    </Show>
                    <Show when=move || country_offices>
                        <li><A href="/returns/offices">{t!(i18n, returns.offices_title)}</A></li>
                    </Show>
                    <Show when=move || admin>
                        <li><A href="/admin/offices">{t!(i18n, common.nav_offices)}</A></li>
                        <li><A href="/admin/accounts">{t!(i18n, common.nav_accounts)}</A></li>
                        <li><A href="/admin/settings">{t!(i18n, admin.settings_title)}</A></li>
                    </Show>
                </ul>
                {match user {
                    Some(u) => view! {
                        <div class="nav-user">
                            <A href="/account">{u.display_name}</A>
                            <form method="post" action="/api/logout">
                                <button type="submit" class="link-button">{t!(i18n, common.nav_logout)}</button>
                            </form>
                        </div>
                    }.into_any(),
                    None => view! {
                        <div class="nav-user"><A href="/login">{t!(i18n, common.nav_login)}</A></div>
                    }.into_any(),
                }}
            }
        })
    };
    view! {
        <a class="skip-link" href="#main">{t!(i18n, common.skip_to_content)}</a>
        <header class="site-header">
            <div class="brand"><A href="/">"Tugi"</A></div>
            <nav aria-label=move || t_string!(i18n, common.nav_label)>
                <Suspense>{nav}</Suspense>
            </nav>
            <nav class="lang-switch" aria-label=move || t_string!(i18n, common.language_switch)>
                <ul>
                    {InterfaceLanguage::ALL
                        .iter()
                        .map(|language| {
                            let (code, name) = (language.code(), language.endonym());
                            let current = move || i18n.get_locale().as_str() == code;
                            // A form post, not a link: the choice is also stored on the
                            // account, and nothing that changes data answers a GET.
                            view! {
                                <li>
                                    <form method="post" action=format!("/lang/{code}")>
                                        <input type="hidden" name="next" value=here />
                                        <button
                                            type="submit"
                                            class="link-button"
                                            lang=code
                                            aria-current=move || current().then_some("true")
                                        >
                                            {name}
                                        </button>
                                    </form>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
        <main id="main" tabindex="-1"><DoneNotice />{children()}</main>
        <Footer />
    }
}
