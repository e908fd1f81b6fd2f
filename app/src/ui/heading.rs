//! A page's heading, which is also its `<title>` ("Book a consultation — Tugi"): a tab, a
//! bookmark and a screen reader's page list all say where one is.

use leptos::prelude::*;
use leptos_meta::Title;

/// `<h1>` and `<title>` from one text.
#[component]
pub fn PageHeading(text: String) -> impl IntoView {
    view! {
        <Title text=text.clone() />
        <h1>{text}</h1>
    }
}

/// Only the `<title>`, for pages whose heading names a person: a name does not belong in the
/// browser's history on a shared reception computer.
#[component]
pub fn PageTitle(text: String) -> impl IntoView {
    view! { <Title text=text /> }
}

/// How every title ends.
pub fn full_title(text: String) -> String {
    if text == "Tugi" {
        text
    } else {
        format!("{text} — Tugi")
    }
}
