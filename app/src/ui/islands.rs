//! The only parts of a page that run in the browser. Everything else is server-rendered HTML
//! whose links and forms work without JavaScript; each island adds a convenience on top of a
//! path that works without it. Islands get their texts as props (already translated on the
//! server), so the browser bundle carries neither the translations nor the pages.

use leptos::prelude::*;

/// A button that puts `text` on the clipboard and then says so (only once the browser has done
/// it). Without JavaScript, or where the browser refuses, the field beside it can be copied by
/// hand.
#[island]
pub fn CopyButton(id: String, text: String, label: String, done_label: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| write_clipboard(&text, move || copied.set(true));
    let shown = move || {
        if copied.get() {
            done_label.clone()
        } else {
            label.clone()
        }
    };
    view! { <button type="button" class="secondary" id=id on:click=copy>{shown}</button> }
}

/// Opens the browser's print dialog (the page's print layout hides the controls).
#[island]
pub fn PrintButton(label: String) -> impl IntoView {
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! { <button type="button" class="secondary" on:click=print>{label}</button> }
}

/// A search field whose matches follow the typing: a pause in typing loads `page` with the
/// field's text as `name` (and the `kept` parameters), as the surrounding GET form does when
/// sent. After such a load the field has the focus, the caret after the text.
#[island]
pub fn SearchAsYouType(
    id: String,
    name: String,
    value: String,
    hint_id: String,
    page: String,
    kept: Vec<(String, String)>,
) -> impl IntoView {
    let searching = !value.is_empty();
    let field = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let (true, Some(input)) = (searching, field.get()) {
            let _ = input.focus();
            let end = input.value().len() as u32;
            let _ = input.set_selection_range(end, end);
        }
    });
    // Only the last keystroke's search is loaded.
    let typed = StoredValue::new(0_u64);
    let key = name.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let generation = typed.get_value() + 1;
        typed.set_value(generation);
        let url = crate::domain::search_url(&page, &kept, &key, &text);
        set_timeout(
            move || {
                if typed.get_value() == generation {
                    load_in_place(&url);
                }
            },
            std::time::Duration::from_millis(400),
        );
    };
    view! {
        <input id=id type="search" name=name value=value autocomplete="off" node_ref=field
            autofocus=searching aria-describedby=hint_id on:input=on_input />
    }
}

/// Loads `url` in place of the current page (no new history entry for each search).
fn load_in_place(url: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(url);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
}

/// Puts `text` on the clipboard and calls `done` when the browser has.
fn write_clipboard(text: &str, done: impl FnOnce() + 'static) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let written = window.navigator().clipboard().write_text(text);
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(written).await.is_ok() {
                done();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (text, done);
}
