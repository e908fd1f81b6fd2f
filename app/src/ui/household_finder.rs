//! The search staff use to find the household they act for: name, phone or date of birth. A GET
//! form, so it works without JavaScript; with JavaScript the matches follow the typing, and the
//! field keeps the focus when the page is drawn again with them.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::time::Duration;

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
    let searching = !who.is_empty();
    let field = NodeRef::<leptos::html::Input>::new();
    // After a search the field keeps the focus, the caret after the text, so typing goes on
    // (the page around it may have been drawn again with the matches).
    Effect::new(move |_| {
        if let (true, Some(input)) = (searching, field.get()) {
            let _ = input.focus();
            let end = input.value().len() as u32;
            let _ = input.set_selection_range(end, end);
        }
    });
    let kept = kept_query();
    let navigate = use_navigate();
    // Only the last keystroke's search is loaded.
    let typed = StoredValue::new(0_u64);
    let target = path.clone();
    let hidden = kept.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let generation = typed.get_value() + 1;
        typed.set_value(generation);
        let (navigate, target, hidden) = (navigate.clone(), target.clone(), hidden.clone());
        set_timeout(
            move || {
                if typed.get_value() != generation {
                    return;
                }
                let mut query: Vec<String> = hidden
                    .iter()
                    .map(|(k, v)| format!("{k}={}", crate::domain::encode_query_value(v)))
                    .collect();
                query.push(format!("who={}", crate::domain::encode_query_value(&text)));
                let options = NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                };
                navigate(&format!("{target}?{}", query.join("&")), options);
            },
            Duration::from_millis(300),
        );
    };
    view! {
        <Form method="GET" action=path attr:class="filters finder" attr:role="search">
            {kept.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v /> }).collect_view()}
            <div class="field">
                <label for="f-who">{t!(i18n, common.find_household)}</label>
                <input id="f-who" type="search" name="who" value=who autocomplete="off" node_ref=field
                    autofocus=searching
                    aria-describedby="f-who-hint" on:input=on_input />
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
