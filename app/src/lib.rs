//! Tugi: scheduling for the support-person and adaptation services.
//!
//! `domain` holds the rules (no I/O), `db` the SQL (server only), `api` the server functions,
//! `ui` the pages. This file holds only the HTML shell, the app and its route table.

#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod error;
mod i18n_keys;
pub mod names;
pub mod ui;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

use crate::i18n::I18nContextProvider;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};
use ui::layout::Layout;
use ui::pages::*;

/// The HTML document around the app, rendered on the server. The stylesheet carries the
/// bundle's content-hashed name, as the scripts do.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let stylesheet = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href=stylesheet />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <I18nContextProvider>
            <Link rel="icon" href="data:," />
            <Title text="Tugi" formatter=ui::heading::full_title />
            <Router>
                // Every page is rendered whole before it is sent, so that it can answer 403/404/302.
                <Layout>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                        <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                        <Route path=path!("/calendar") view=CalendarPage ssr=SsrMode::Async />
                        <Route path=path!("/calendar/office/:id") view=OfficeCalendarPage ssr=SsrMode::Async />
                        <Route path=path!("/invite/:token") view=InvitePage ssr=SsrMode::Async />
                        <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/contact") view=ContactPage ssr=SsrMode::Async />
                        <Route path=path!("/contact/thanks") view=ContactThanksPage ssr=SsrMode::Async />
                        <Route path=path!("/privacy") view=PrivacyPage ssr=SsrMode::Async />
                        <Route path=path!("/intake") view=IntakeInboxPage ssr=SsrMode::Async />
                        <Route path=path!("/reports") view=ReportPage ssr=SsrMode::Async />
                        <Route path=path!("/returns") view=ReturnCasesPage ssr=SsrMode::Async />
                        <Route path=path!("/returns/new") view=NewReturnCasePage ssr=SsrMode::Async />
                        <Route path=path!("/returns/offices") view=CountryOfficesPage ssr=SsrMode::Async />
                        <Route path=path!("/returns/offices/:id") view=CountryOfficePage ssr=SsrMode::Async />
                        <Route path=path!("/returns/:id") view=ReturnCasePage ssr=SsrMode::Async />
                        <Route path=path!("/returns/:id/contact-sheet") view=ContactSheetPage ssr=SsrMode::Async />
                        <Route path=path!("/intake/:id") view=IntakePage ssr=SsrMode::Async />
                        <Route path=path!("/reset-password/:token") view=ResetPasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/invitations") view=InvitationsPage ssr=SsrMode::Async />
                        <Route path=path!("/needs-owner") view=NeedsOwnerPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/accounts") view=AccountsPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/accounts/:id") view=AccountAdminPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/offices") view=OfficesPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/outbox") view=OutboxPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/settings") view=SettingsPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/audit") view=AuditPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/offices/:id") view=OfficeEditPage ssr=SsrMode::Async />
                        <Route path=path!("/households") view=HouseholdListPage ssr=SsrMode::Async />
                        <Route path=path!("/households/new") view=NewHouseholdPage ssr=SsrMode::Async />
                        <Route path=path!("/households/:id") view=HouseholdPage ssr=SsrMode::Async />
                        <Route path=path!("/households/:id/edit") view=EditHouseholdPage ssr=SsrMode::Async />
                        <Route path=path!("/households/:id/data") view=HouseholdDataPage ssr=SsrMode::Async />
                        <Route path=path!("/households/:id/assign") view=AssignPage ssr=SsrMode::Async />
                        <Route path=path!("/assignments") view=CoordinatorOverviewPage ssr=SsrMode::Async />
                        <Route path=path!("/assignments/:id") view=AssignmentPage ssr=SsrMode::Async />
                        <Route path=path!("/support") view=SupportDashboardPage ssr=SsrMode::Async />
                        <Route path=path!("/support-persons") view=SupportPersonsPage ssr=SsrMode::Async />
                        <Route path=path!("/support-persons/:id") view=SupportPersonPage ssr=SsrMode::Async />
                        <Route path=path!("/my-support") view=MySupportPage ssr=SsrMode::Async />
                        <Route path=path!("/my-data") view=MyDataPage ssr=SsrMode::Async />
                        <Route path=path!("/consultations") view=MyConsultationsPage ssr=SsrMode::Async />
                        <Route path=path!("/consultations/book") view=BookConsultationPage ssr=SsrMode::Async />
                        <Route path=path!("/consultations/:id") view=ConsultationPage ssr=SsrMode::Async />
                        <Route path=path!("/reception") view=ReceptionPage ssr=SsrMode::Async />
                        <Route path=path!("/office-hours") view=OfficeHoursPage ssr=SsrMode::Async />
                        <Route path=path!("/workshops") view=WorkshopsPage ssr=SsrMode::Async />
                        <Route path=path!("/workshops/new") view=NewSeriesPage ssr=SsrMode::Async />
                        <Route path=path!("/workshops/manage") view=WorkshopBoardPage ssr=SsrMode::Async />
                        <Route path=path!("/workshops/sessions/:id") view=RosterPage ssr=SsrMode::Async />
                        <Route path=path!("/workshops/:id") view=SeriesPage ssr=SsrMode::Async />
                        <Route path=path!("/my-workshops") view=MyWorkshopsPage ssr=SsrMode::Async />
                        <Route path=path!("/volunteer") view=MyMatchesPage ssr=SsrMode::Async />
                        <Route path=path!("/volunteer/profile") view=VolunteerProfilePage ssr=SsrMode::Async />
                        <Route path=path!("/volunteers") view=VolunteersPage ssr=SsrMode::Async />
                        <Route path=path!("/volunteers/:id") view=VolunteerPage ssr=SsrMode::Async />
                        <Route path=path!("/matching") view=MatchingPage ssr=SsrMode::Async />
                        <Route path=path!("/matching/new") view=MatchRequestPage ssr=SsrMode::Async />
                        <Route path=path!("/matches/:id") view=MatchPage ssr=SsrMode::Async />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}

/// Entry point of the browser bundle, called before the page's islands (`ui::islands`) are
/// brought to life; the rest of the page stays the server's HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    ui::crash::report_panics();
    leptos::mount::hydrate_islands();
    // The islands come to life right after this returns, within the same task; a timer runs
    // after that. The marker lets end-to-end tests (and curious people) see that the page is
    // interactive.
    set_timeout(
        || {
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}
