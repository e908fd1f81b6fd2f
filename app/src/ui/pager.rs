//! Previous and next page of a long list, keeping the page's other query parameters.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_query_map};

/// Links to the pages around `page` of `pages`, numbered in the query parameter `param`;
/// `anchor` (with its `#`) brings the reader back to the list.
#[component]
pub fn Pager(
    page: i64,
    pages: i64,
    param: &'static str,
    #[prop(optional)] anchor: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let path = use_location().pathname.get_untracked();
    let link = move |to: i64| {
        let mut q = query.get_untracked();
        for own in ["done", "t"] {
            q.remove(own);
        }
        q.replace(param, to.to_string());
        format!("{path}{}{anchor}", q.to_query_string())
    };
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=t_string!(i18n, common.pages_label).to_string()>
                {(page > 1).then(|| view! { <A href=link(page - 1) attr:rel="prev">{t!(i18n, common.page_previous)}</A> })}
                <span>{t!(i18n, common.page_n_of, n = page, of = pages)}</span>
                {(page < pages).then(|| view! { <A href=link(page + 1) attr:rel="next">{t!(i18n, common.page_next)}</A> })}
            </nav>
        }
    })
}
