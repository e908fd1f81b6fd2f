//! The pages a visitor without a login sees (the home page, the public workshop list, the
//! login page) are the same for every such visitor who reads them in the same language. The
//! last rendering of each is kept for a few seconds and served again with a fresh CSP nonce,
//! so that a crowd, or a crawler, arriving at once costs one rendering, not one each.
//!
//! Never kept: anything for a logged-in person (a session cookie was sent) or a visitor with a
//! form draft, the contact form (each view carries its own signed stamp), server functions,
//! files, feeds, answers other than 200, and answers that set a cookie. Any state-changing
//! request to this instance drops everything kept; other instances (PostgreSQL behind a load
//! balancer) show a change within the few seconds.

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use bytes::BytesMut;
use http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tugi_app::api::context::{Clock, LOCALE_COOKIE, SESSION_COOKIE, VISITOR_DRAFT_COOKIE};

/// Pages larger than this are not kept.
const MAX_PAGE_BYTES: usize = 1 << 20;
/// Distinct pages (paths with their queries, per language) kept at most.
const MAX_PAGES: usize = 512;

#[derive(Clone)]
pub struct PageCache(Arc<Inner>);

struct Inner {
    keep_for: Duration,
    clock: Clock,
    /// Rises with every state-changing request: a rendering begun before one is not kept.
    generation: AtomicU64,
    pages: Mutex<HashMap<Key, Page>>,
}

/// What the rendering of an anonymous page depends on: the address, the language asked for
/// (cookie or browser), and the clock (tests move it).
#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    uri: String,
    locale_cookie: Option<String>,
    accept_language: Option<String>,
    clock_offset: i64,
}

struct Page {
    kept_at: Instant,
    generation: u64,
    headers: HeaderMap,
    /// The page cut where Leptos wrote the nonce it was rendered with: served again with a
    /// fresh nonce between the pieces (one piece: the page has no nonce).
    pieces: Vec<Bytes>,
}

impl PageCache {
    /// Keeps pages for `keep_for` (zero: never).
    pub fn new(keep_for: Duration, clock: Clock) -> Self {
        PageCache(Arc::new(Inner {
            keep_for,
            clock,
            generation: AtomicU64::new(0),
            pages: Mutex::new(HashMap::new()),
        }))
    }

    fn key(&self, request: &Request) -> Option<Key> {
        if self.0.keep_for.is_zero() || request.method() != Method::GET {
            return None;
        }
        let path = request.uri().path();
        let personal_or_not_a_page = [
            "/api/",
            "/pkg/",
            "/calendar",
            "/lang/",
            "/healthz",
            "/contact",
        ]
        .iter()
        .any(|prefix| path.starts_with(prefix))
            || path.contains('.');
        let cookies = cookie_values(request.headers());
        if personal_or_not_a_page
            || cookies
                .iter()
                .any(|(name, _)| name == SESSION_COOKIE || name == VISITOR_DRAFT_COOKIE)
        {
            return None;
        }
        Some(Key {
            uri: request.uri().to_string(),
            locale_cookie: cookies
                .into_iter()
                .find(|(name, _)| name == LOCALE_COOKIE)
                .map(|(_, value)| value),
            accept_language: request
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            clock_offset: self.0.clock.offset(),
        })
    }

    fn kept(&self, key: &Key) -> Option<Response> {
        let pages = self.0.pages.lock().ok()?;
        let page = pages.get(key)?;
        let fresh = page.kept_at.elapsed() < self.0.keep_for
            && page.generation == self.0.generation.load(Ordering::SeqCst);
        fresh.then(|| page.serve())
    }

    fn keep(&self, key: Key, page: Page) {
        if let Ok(mut pages) = self.0.pages.lock() {
            if page.generation != self.0.generation.load(Ordering::SeqCst) {
                return;
            }
            if pages.len() >= MAX_PAGES {
                pages.retain(|_, p| p.kept_at.elapsed() < self.0.keep_for);
                if pages.len() >= MAX_PAGES {
                    pages.clear();
                }
            }
            pages.insert(key, page);
        }
    }

    fn forget_all(&self) {
        self.0.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut pages) = self.0.pages.lock() {
            pages.clear();
        }
    }
}

impl Page {
    fn new(generation: u64, headers: HeaderMap, body: &Bytes) -> Page {
        let nonce = headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .and_then(nonce_of);
        Page {
            kept_at: Instant::now(),
            generation,
            headers,
            pieces: match nonce {
                Some(nonce) => pieces(body, nonce.as_bytes()),
                None => vec![body.clone()],
            },
        }
    }

    fn serve(&self) -> Response {
        let mut headers = self.headers.clone();
        let body = match self.pieces.as_slice() {
            [whole] => whole.clone(),
            pieces => {
                let nonce = leptos::nonce::Nonce::new().to_string();
                if let Ok(policy) = HeaderValue::from_str(&crate::security::page_policy(&nonce)) {
                    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
                }
                let size =
                    pieces.iter().map(Bytes::len).sum::<usize>() + nonce.len() * (pieces.len() - 1);
                let mut body = BytesMut::with_capacity(size);
                for (n, piece) in pieces.iter().enumerate() {
                    if n > 0 {
                        body.extend_from_slice(nonce.as_bytes());
                    }
                    body.extend_from_slice(piece);
                }
                body.freeze()
            }
        };
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        response
    }
}

/// `body` cut at every occurrence of `nonce` (which is left out), without copying.
fn pieces(body: &Bytes, nonce: &[u8]) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for at in memchr::memmem::find_iter(body, nonce) {
        pieces.push(body.slice(start..at));
        start = at + nonce.len();
    }
    pieces.push(body.slice(start..));
    pieces
}

/// Serves a kept page when there is one; keeps what can be kept; forgets everything after a
/// state-changing request.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let changes_state = !matches!(*request.method(), Method::GET | Method::HEAD);
    let Some(key) = cache.key(&request) else {
        if changes_state {
            cache.forget_all();
        }
        let response = next.run(request).await;
        if changes_state {
            // Also after it: a page rendered meanwhile may show the state before the change.
            cache.forget_all();
        }
        return response;
    };
    if let Some(response) = cache.kept(&key) {
        return response;
    }
    let generation = cache.0.generation.load(Ordering::SeqCst);
    let response = next.run(request).await;
    let keepable = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"));
    if !keepable {
        return response;
    }
    let (parts, body) = response.into_parts();
    // A page is rendered whole before it is sent, so reading it whole costs nothing more.
    let body = match to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(_) => return Response::from_parts(parts, Body::empty()),
    };
    if body.len() > MAX_PAGE_BYTES {
        return Response::from_parts(parts, Body::from(body));
    }
    cache.keep(key, Page::new(generation, parts.headers.clone(), &body));
    Response::from_parts(parts, Body::from(body))
}

/// The nonce named in a Content-Security-Policy (`'nonce-…'`).
fn nonce_of(policy: &str) -> Option<String> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let rest = &policy[start..];
    Some(rest[..rest.find('\'')?].to_string())
}

/// The request's cookies as (name, value).
fn cookie_values(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            Some((name.to_string(), value.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        let policy = crate::security::page_policy("abc-DEF_123");
        assert_eq!(nonce_of(&policy).as_deref(), Some("abc-DEF_123"));
        assert_eq!(nonce_of("default-src 'none'"), None);
    }

    #[test]
    fn a_page_is_cut_at_its_nonce() {
        let body = Bytes::from_static(b"<script nonce=N1>a</script><p nonce=N1>b</p>");
        let cut = pieces(&body, b"N1");
        assert_eq!(
            cut,
            vec![
                Bytes::from_static(b"<script nonce="),
                Bytes::from_static(b">a</script><p nonce="),
                Bytes::from_static(b">b</p>")
            ]
        );
        assert_eq!(pieces(&body, b"XY"), vec![body.clone()]);
    }

    #[test]
    fn cookies_are_split_into_names_and_values() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("i18n_pref_locale=et; tugi_session=x=y"),
        );
        assert_eq!(
            cookie_values(&headers),
            vec![
                ("i18n_pref_locale".to_string(), "et".to_string()),
                ("tugi_session".to_string(), "x=y".to_string())
            ]
        );
    }
}
