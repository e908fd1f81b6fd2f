//! Error pages: the status goes into the HTTP response, the words into the page.

use crate::error::AppError;
use crate::i18n::*;
use crate::ui::heading::PageTitle;
use crate::ui::text::app_error;
use leptos::prelude::*;

#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(error.status_code());
    }
    let (title, text) = app_error(i18n, &error);
    view! {
            <section class="error-page">
                <PageTitle text=title.clone() />
    <h1>{title}</h1>
                <p>{text}</p>
                <p><a href="/">{t!(i18n, common.back_home)}</a></p>
            </section>
        }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorView error=AppError::NotFound /> }
}
