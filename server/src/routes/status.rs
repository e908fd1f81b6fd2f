//! Puts the right HTTP status on two kinds of responses that Leptos leaves at the wrong one:
//! - server functions answer every error with 500; API clients get the status the error means
//!   (422 for invalid input, 403, 404, ...). Plain form posts are redirects and pass unchanged;
//! - a page that redirects (to the login page, say) is a 302 whatever the request's `Accept`.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tugi_app::error::AppError;

/// Error bodies are small; anything larger is left alone.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn fix_status(request: Request, next: Next) -> Response {
    let is_page = request.method() == Method::GET && !request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    if is_page
        && response.status() == StatusCode::OK
        && response.headers().contains_key(header::LOCATION)
    {
        *response.status_mut() = StatusCode::FOUND;
        return response;
    }
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status_code();
    }
    Response::from_parts(parts, Body::from(bytes))
}
