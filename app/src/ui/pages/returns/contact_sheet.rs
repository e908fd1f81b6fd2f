//! The country office's details as the returnee takes them home: printable, in the person's
//! language, with the three-month rule spelled out.

use crate::api::return_cases::contact_sheet;
use crate::domain::role::access;
use crate::i18n::*;
use crate::names::locale;
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageTitle;
use crate::ui::pages::ErrorView;
use crate::ui::text::date_in;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_router::components::A;

#[component]
pub fn ContactSheetPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let sheet = Resource::new(id, contact_sheet);
    view! {
        <RequireRole roles=access::RETURN_CASES>
            <Suspense>
                {move || Suspend::new(async move {
                    let s = match sheet.await {
                        Ok(s) => s,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    // The sheet speaks the returnee's language, whatever the reader's.
                    let l = locale(s.language);
                    let o = s.office;
                    let rule = match s.deadline {
                        Some(deadline) => td_string!(l, returns.sheet_rule_deadline, deadline = date_in(l, deadline)).to_string(),
                        None => td_string!(l, returns.sheet_rule).to_string(),
                    };
                    view! {
                        <PageTitle text=t_string!(i18n, returns.contact_sheet_link).to_string() />
                        <p class="no-print"><A href=format!("/returns/{}", s.case_id)>{t!(i18n, returns.sheet_back)}</A></p>
                        <article class="printable" lang=s.language.code()>
                            <h1>{td_string!(l, returns.sheet_title)}</h1>
                            <p>{td_string!(l, returns.sheet_for, name = s.name.clone())}</p>
                            <p><strong>{rule}</strong></p>
                            <h2>{o.name.clone()}</h2>
                            <dl class="facts">
                                <dt>{td_string!(l, returns.office_country)}</dt><dd>{o.country.clone()}</dd>
                                <dt>{td_string!(l, returns.office_address)}</dt><dd>{o.address.clone()}</dd>
                                <dt>{td_string!(l, returns.office_phone)}</dt><dd>{o.phone.clone()}</dd>
                                <dt>{td_string!(l, returns.office_email)}</dt><dd>{o.email.clone()}</dd>
                                <dt>{td_string!(l, returns.office_languages)}</dt><dd>{o.languages.clone()}</dd>
                                <dt>{td_string!(l, returns.office_hours)}</dt><dd>{o.working_hours.clone()}</dd>
                            </dl>
                            <p>{td_string!(l, returns.sheet_in_kind)}</p>
                        </article>
                    }.into_any()
                })}
            </Suspense>
        </RequireRole>
    }
}
