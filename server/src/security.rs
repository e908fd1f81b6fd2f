//! Web controls on every request and response: state-changing requests from another site are
//! refused (403), and every response carries the security headers. Pages get a
//! Content-Security-Policy with a fresh nonce for Leptos's own inline script (see
//! `page_policy`); everything else gets one that allows no inline script at all.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tugi_app::api::context::{cookie_in, LOCALE_COOKIE};

/// What the checks need to know about this installation.
#[derive(Clone, Debug)]
pub struct Policy {
    /// `https://tugi.example.ee`: the origin browsers see (TUGI_PUBLIC_URL).
    pub public_origin: String,
    /// Served over HTTPS: add HSTS.
    pub https: bool,
}

impl Policy {
    pub fn new(public_url: &str) -> Policy {
        Policy {
            public_origin: origin_of(public_url),
            https: public_url.starts_with("https://"),
        }
    }
}

/// `scheme://host[:port]` of a URL, lowercased, without path.
fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    format!("{scheme}://{host}").to_lowercase()
}

/// The policy for pages: scripts only from this site or with this response's nonce (the
/// hydration script), WebAssembly allowed, no framing, forms only to this site.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// For everything that is not a page (and pages rendered without a nonce).
const STRICT_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Whether a request changes state and comes from another site. Browsers send
/// `Sec-Fetch-Site` (and `Origin` on every POST); a request with neither is not from a browser
/// page, so it carries no one else's cookies by surprise.
pub fn is_cross_site(method: &Method, headers: &HeaderMap, policy: &Policy) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let text = |name: &str| headers.get(name).map(|v| v.to_str().unwrap_or("\u{0}"));
    if let Some(site) = text("sec-fetch-site") {
        // `none`: typed by the user or a bookmark. `same-site` (a sibling subdomain) is
        // another application and refused too.
        return !matches!(site, "same-origin" | "none");
    }
    match text("origin") {
        None => false,
        Some(origin) => {
            let origin = origin.to_lowercase();
            let host = text("host").unwrap_or("").to_lowercase();
            let own = origin == policy.public_origin
                || (!host.is_empty()
                    && (origin == format!("http://{host}") || origin == format!("https://{host}")));
            !own
        }
    }
}

/// Refuses cross-site state changes, then puts the security headers on the response.
pub async fn protect(State(policy): State<Policy>, request: Request, next: Next) -> Response {
    let asset = asset_caching(request.uri().path());
    let api = request.uri().path().starts_with("/api/");
    let mut response = if is_cross_site(request.method(), request.headers(), &policy) {
        refused(request.headers())
    } else {
        next.run(request).await
    };
    let found = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    if api {
        // Server functions answer JSON or a redirect, never a page: no nonce of a page applies.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(STRICT_POLICY),
        );
    }
    set(headers, header::CONTENT_SECURITY_POLICY, STRICT_POLICY);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(
        headers,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    // A missing file is not kept: the next build may bring it.
    let caching = match asset {
        Some(caching) if found => caching,
        Some(_) => "no-cache",
        None => "no-store",
    };
    set(headers, header::CACHE_CONTROL, caching);
    if policy.https {
        set(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    response
}

/// How long browsers may keep a built browser file (the same for everyone): a year for one
/// whose name carries its content's hash (`tugi-<16 hex>.js`), since a new build has a new
/// name; otherwise ask again each time. `None`: not a browser file, personal, never stored.
fn asset_caching(path: &str) -> Option<&'static str> {
    let file = path.strip_prefix("/pkg/")?;
    let hashed = file.strip_prefix("tugi-").is_some_and(|rest| {
        rest.len() > 16
            && rest.as_bytes()[..16].iter().all(u8::is_ascii_hexdigit)
            && matches!(rest.as_bytes()[16], b'.' | b'_')
    });
    Some(if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    })
}

fn refused(headers: &HeaderMap) -> Response {
    let language = cookie_in(headers, LOCALE_COOKIE).unwrap_or_default();
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        tugi_app::ui::text::cross_site_refused(&language),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn hashed_browser_files_are_kept_for_a_year_and_pages_never() {
        let year = Some("public, max-age=31536000, immutable");
        assert_eq!(asset_caching("/pkg/tugi-0123456789abcdef.js"), year);
        assert_eq!(asset_caching("/pkg/tugi-0123456789abcdef_bg.wasm"), year);
        assert_eq!(asset_caching("/pkg/tugi-0123456789abcdef.css"), year);
        assert_eq!(asset_caching("/pkg/tugi.css"), Some("no-cache"));
        assert_eq!(
            asset_caching("/pkg/tugi-0123456789abcdeg.js"),
            Some("no-cache")
        );
        assert_eq!(asset_caching("/households/1"), None);
        assert_eq!(asset_caching("/api/me"), None);
    }

    #[test]
    fn the_public_origin_is_scheme_and_host() {
        let policy = Policy::new("https://Tugi.Example.ee/base/");
        assert_eq!(policy.public_origin, "https://tugi.example.ee");
        assert!(policy.https);
        assert!(!Policy::new("http://127.0.0.1:3000").https);
    }

    #[test]
    fn posts_from_this_site_pass_and_from_others_are_refused() {
        let policy = Policy::new("https://tugi.example.ee");
        let post = Method::POST;
        let ok = |pairs: &[(&'static str, &str)]| !is_cross_site(&post, &headers(pairs), &policy);
        assert!(ok(&[("sec-fetch-site", "same-origin")]));
        assert!(ok(&[("sec-fetch-site", "none")]));
        assert!(ok(&[("origin", "https://tugi.example.ee")]));
        assert!(ok(&[
            ("origin", "http://10.0.0.5:3000"),
            ("host", "10.0.0.5:3000")
        ]));
        assert!(ok(&[]), "not from a browser");
        assert!(!ok(&[("sec-fetch-site", "cross-site")]));
        assert!(!ok(&[("sec-fetch-site", "same-site")]));
        assert!(!ok(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://tugi.example.ee")
        ]));
        assert!(!ok(&[("origin", "https://evil.example")]));
        assert!(!ok(&[("origin", "null")]));
        assert!(!ok(&[("origin", "https://tugi.example.ee.evil.example")]));
        assert!(!is_cross_site(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")]),
            &policy
        ));
    }
}
