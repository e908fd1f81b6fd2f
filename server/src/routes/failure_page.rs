//! A browser must never be left with a blank page. Some failures answer with an empty body: a
//! request that runs into the time limit (408), a handler that panics (the connection would
//! simply close), a body over the size limit (413). For a browser asking for a page, such an
//! answer is replaced by a small page in the reader's language that says what happened, offers
//! to try again, and keeps the header's way home. Answers that carry a body of their own
//! (translated refusals, JSON errors of server functions) are left as they are.

use axum::body::Body;
use axum::body::HttpBody as _;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use html_escape::{encode_double_quoted_attribute, encode_text};
use std::any::Any;
use tugi_app::api::dates::reader_of;
use tugi_app::domain::LocalPath;
use tugi_app::ui::text::failure_words;

/// The policy of the failure page: its only outside resource is the stylesheet.
const PAGE_POLICY: &str = "default-src 'none'; style-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

pub async fn explain_empty_failures(request: Request, next: Next) -> Response {
    if !wants_a_page(request.headers()) {
        return next.run(request).await;
    }
    let headers = request.headers().clone();
    let again = match *request.method() {
        Method::GET => request
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned()),
        _ => headers
            .get(header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(referer_path),
    };
    let response = next.run(request).await;
    let status = response.status();
    if (status.is_client_error() || status.is_server_error()) && is_empty(&response) {
        return page(&headers, status, LocalPath::or_home(again.as_deref()));
    }
    response
}

/// A panicking handler answers 500 (and the failure page above explains it) instead of
/// closing the connection without a word.
pub fn on_panic(_: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// A browser navigating or sending a form: it accepts HTML, and it is not a server function
/// called by the app's own code (that asks for JSON and shows errors in place).
fn wants_a_page(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

fn is_empty(response: &Response) -> bool {
    response.body().size_hint().exact() == Some(0)
}

/// The path and query of the Referer: only the path is kept, so the link stays on this site.
fn referer_path(referer: &str) -> Option<String> {
    let after_scheme = referer.split_once("://").map_or(referer, |(_, rest)| rest);
    after_scheme
        .find('/')
        .map(|at| after_scheme[at..].to_owned())
}

fn page(headers: &HeaderMap, status: StatusCode, again: LocalPath) -> Response {
    let words = failure_words(reader_of(headers), status.as_u16());
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} — Tugi</title><link rel=\"stylesheet\" href=\"/pkg/tugi.css\"></head>\
         <body><header class=\"site-header\"><div class=\"brand\"><a href=\"/\">Tugi</a></div>\
         </header><main id=\"main\"><div class=\"error-summary\" role=\"alert\">\
         <h1>{title}</h1><p>{what}</p><p>{check}</p></div>\
         <p><a href=\"{again_href}\">{again}</a> · <a href=\"/\">{home}</a></p></main></body></html>",
        lang = words.lang,
        title = encode_text(&words.title),
        what = encode_text(&words.what),
        check = encode_text(&words.check),
        again_href = encode_double_quoted_attribute(again.as_str()),
        again = encode_text(&words.again),
        home = encode_text(&words.home),
    );
    let mut response = (status, Body::from(html)).into_response();
    let out = response.headers_mut();
    out.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    out.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PAGE_POLICY),
    );
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    out.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}
