//! Settings an admin words for the whole installation: the funder's acknowledgement, and the
//! private hosts followed calendars may be read from.

use crate::api::calendar_hosts::{calendar_hosts, SaveCalendarHosts};
use crate::api::funder::{funder_wording, SaveFunderWording, TEXT_MAX};
use crate::domain::role::access;
use crate::domain::InterfaceLanguage;
use crate::i18n::*;
use crate::ui::footer::FunderNote;
use crate::ui::form::{action_error, ErrorSummary, TextField};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveFunderWording>::new();
    let error = action_error(action);
    let wording = Resource::new(|| (), |_| funder_wording());
    view! {
        <RequireRole roles=access::ADMIN>
            <PageHeading text=t_string!(i18n, admin.settings_title).to_string() />
            <h2>{t!(i18n, admin.funder_title)}</h2>
            <p>{t!(i18n, admin.funder_intro, max = TEXT_MAX)}</p>
            <p>{t!(i18n, admin.funder_now)}</p>
            <FunderNote />
            <ErrorSummary error />
            <Suspense>
                {move || Suspend::new(async move {
                    let wording = wording.await.unwrap_or_default();
                    let text = move |language: InterfaceLanguage| {
                        wording
                            .iter()
                            .find(|(l, _)| *l == language)
                            .map(|(_, t)| t.clone())
                            .unwrap_or_default()
                    };
                    view! {
                        <ActionForm action=action attr:class="stack">
                            <TextField name="text_et" field="text_et" label="Eesti".to_string()
                                value=text(InterfaceLanguage::Et) error multiline=true />
                            <TextField name="text_en" field="text_en" label="English".to_string()
                                value=text(InterfaceLanguage::En) error multiline=true />
                            <TextField name="text_ru" field="text_ru" label="Русский".to_string()
                                value=text(InterfaceLanguage::Ru) error multiline=true />
                            <TextField name="text_uk" field="text_uk" label="Українська".to_string()
                                value=text(InterfaceLanguage::Uk) error multiline=true />
                            <button type="submit">{t!(i18n, workshops.save)}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
            <CalendarHostsForm />
        </RequireRole>
    }
}

/// The hosts inside the organisation's network that followed calendars may be read from.
#[component]
fn CalendarHostsForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveCalendarHosts>::new();
    let error = action_error(action);
    let hosts = Resource::new(|| (), |_| calendar_hosts());
    view! {
        <h2>{t!(i18n, admin.calendar_hosts_title)}</h2>
        <p>{t!(i18n, admin.calendar_hosts_intro)}</p>
        <Suspense>
            {move || Suspend::new(async move {
                let hosts = hosts.await.unwrap_or_default();
                view! {
                    <ActionForm action=action attr:class="stack">
                        <TextField name="hosts" field="hosts"
                            label=t_string!(i18n, admin.calendar_hosts_label).to_string()
                            value=hosts error multiline=true />
                        <button type="submit">{t!(i18n, workshops.save)}</button>
                    </ActionForm>
                }
            })}
        </Suspense>
    }
}
