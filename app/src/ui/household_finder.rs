//! The search staff use to find the household they act for: name, phone or date of birth. A GET
//! form, so it works without JavaScript; with JavaScript the matches follow the typing (an island).

use crate::i18n::*;
use crate::ui::islands::SearchAsYouType;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// The page's query without the search and the last success notice (a household already chosen
/// stays chosen while another is searched for).
fn kept_query() -> Vec<(String, String)> {
    let query = use_query_map();
    let map = query.get_untracked();
    map.into_iter()
        .filter(|(k, _)| !matches!(k.as_ref(), "who" | "done" | "t"))
        .map(|(k, v)| (k.to_string(), v.to_owned()))
        .collect()
}

/// The search form; pages show it to coordinators (support persons choose among their few
/// households). `path` is the page, whose other query parameters are kept.
#[component]
pub fn HouseholdFinder(#[prop(into)] path: String) -> impl IntoView {
    view! { <FinderForm path /> }
}

#[component]
fn FinderForm(path: String) -> impl IntoView {
    let i18n = use_i18n();
    let who = use_query_map().with_untracked(|q| q.get("who").unwrap_or_default());
    let kept = kept_query();
    view! {
        <Form method="GET" action=path.clone() attr:class="filters finder" attr:role="search">
            {kept.iter().map(|(k, v)| view! { <input type="hidden" name=k.clone() value=v.clone() /> }).collect_view()}
            <div class="field">
                <label for="f-who">{t!(i18n, common.find_household)}</label>
                <SearchAsYouType id="f-who".to_string() name="who".to_string() value=who
                    hint_id="f-who-hint".to_string() page=path kept />
                <p class="hint" id="f-who-hint">{t!(i18n, common.find_household_hint)}</p>
            </div>
            <button type="submit" class="secondary">{t!(i18n, common.find)}</button>
        </Form>
    }
}

/// Under an empty choice: search first, or nothing matched `who`.
#[component]
pub fn HouseholdHint(who: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="hint" role="status">
            {if who.trim().is_empty() {
                t!(i18n, common.household_search_first).into_any()
            } else {
                t!(i18n, common.household_no_matches, who = who.clone()).into_any()
            }}
        </p>
    }
}
