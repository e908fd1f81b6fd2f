//! When the browser code fails (a panic), the page must not go blank or freeze without a word: a
//! banner in the page's language says so and offers a reload, which the server renders afresh.

use crate::i18n::Locale;
use leptos_i18n::td_string;

/// Replaces the panic hook: the error still goes to the console, and the reader sees the banner.
pub fn report_panics() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner();
    }));
}

fn show_banner() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let language = document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .unwrap_or_default();
    let l = crate::names::interface_locale(&language).unwrap_or(Locale::en);
    let (text, reload) = (
        td_string!(l, common.crash_message),
        td_string!(l, common.crash_reload),
    );
    // `rel="external"`: a plain reload by the browser, not the (failed) client-side router.
    let html = format!(
        "<div class=\"crash\" role=\"alert\"><p>{text} <a href=\"\" rel=\"external\">{reload}</a></p></div>"
    );
    if let Some(body) = document.body() {
        let _ = body.insert_adjacent_html("afterbegin", &html);
    }
}
