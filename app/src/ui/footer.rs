//! The foot of every page: the funder's acknowledgement with the EU emblem, and the ways to
//! reach the programme.

use crate::api::funder::funder_wording;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// The EU flag: twelve gold stars in a circle on blue, drawn inline (no image to fetch).
#[component]
pub fn EuFlag() -> impl IntoView {
    let stars = (0..12)
        .map(|i| {
            let angle = f64::from(i) * std::f64::consts::PI / 6.0;
            let (x, y) = (45.0 + 20.0 * angle.sin(), 30.0 - 20.0 * angle.cos());
            view! { <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="2.6" fill="#FFDD00" /> }
        })
        .collect_view();
    view! {
        <svg class="eu-flag" viewBox="0 0 90 60" width="45" height="30" aria-hidden="true" focusable="false">
            <rect width="90" height="60" fill="#003399" />
            {stars}
        </svg>
    }
}

/// The acknowledgement in the reader's language: an admin's wording, or the programme's.
#[component]
pub fn FunderNote() -> impl IntoView {
    let i18n = use_i18n();
    let wording = Resource::new(|| (), |_| funder_wording());
    view! {
        <p class="funder">
            <EuFlag />
            <span>
                <Suspense fallback=move || t_string!(i18n, common.funder_ack).to_string()>
                    {move || Suspend::new(async move {
                        let locale = i18n.get_locale_untracked();
                        wording
                            .await
                            .ok()
                            .and_then(|w| {
                                w.into_iter()
                                    .find(|(l, _)| crate::names::locale(*l) == locale)
                                    .map(|(_, text)| text)
                            })
                            .unwrap_or_else(|| t_string!(i18n, common.funder_ack).to_string())
                    })}
                </Suspense>
            </span>
        </p>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <FunderNote />
            <ul class="footer-links">
                <li><A href="/contact">{t!(i18n, home.contact_link)}</A></li>
                <li><A href="/privacy">{t!(i18n, home.privacy_title)}</A></li>
                <li><A href="/workshops">{t!(i18n, common.nav_workshops)}</A></li>
            </ul>
        </footer>
    }
}
