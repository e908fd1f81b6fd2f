//! What every server function needs: the database, the request, the current user.

use crate::api::auth::CurrentUser;
use crate::db::{self, Db};
use crate::domain::consultation::BookingRules;
use crate::domain::Role;
use crate::error::AppError;
use chrono::NaiveDate;
use http::header::{ACCEPT, COOKIE, SET_COOKIE};
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

pub const SESSION_COOKIE: &str = "tugi_session";
/// A visitor's form draft (see `api::drafts`); pages for such a visitor are never kept.
pub const VISITOR_DRAFT_COOKIE: &str = "tugi_draft";
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";
/// The language choice is remembered for a year.
pub const LOCALE_COOKIE_MAX_AGE: i64 = 365 * 24 * 3600;

/// Shared by every request; provided as Leptos context by the server.
#[derive(Clone, Debug)]
pub struct ServerContext {
    pub db: Db,
    /// Mark cookies `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    pub clock: Clock,
    pub booking_rules: BookingRules,
    /// Where links in messages point, `https://tugi.example.ee`.
    pub public_url: String,
    /// Where messages go, for the admin's setup checklist: `smtp`, or the outbox folder.
    pub mail_target: String,
    /// The header in which a trusted reverse proxy passes the client's address.
    pub trusted_proxy_header: Option<http::HeaderName>,
    /// A session ends after this many seconds without a request.
    pub session_idle_secs: i64,
    /// The organisation's name, for printed sheets (empty: not set).
    pub organisation: String,
}

/// The time the scheduling rules judge by: the system clock, moved by an offset that only tests
/// set (to stand on the day of a booked consultation, or past a cut-off).
#[derive(Clone, Debug, Default)]
pub struct Clock(std::sync::Arc<std::sync::atomic::AtomicI64>);

impl Clock {
    pub fn now(&self) -> i64 {
        db::now() + self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How far this clock is moved from the system clock (seconds; zero outside tests).
    pub fn offset(&self) -> i64 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Moves this clock so that it reads `at` now.
    pub fn set(&self, at: i64) {
        self.0
            .store(at - db::now(), std::sync::atomic::Ordering::Relaxed);
    }
}

/// Now, by the server's clock (UTC unix seconds).
pub fn now() -> i64 {
    server_context()
        .map(|c| c.clock.now())
        .unwrap_or_else(|_| db::now())
}

/// How long a session may sit unused.
pub fn session_idle_secs() -> i64 {
    server_context()
        .map(|c| c.session_idle_secs)
        .unwrap_or(2 * 3600)
}

pub fn public_url() -> String {
    server_context().map(|c| c.public_url).unwrap_or_default()
}

/// The organisation's name as set for this installation (empty when not set).
pub fn organisation() -> String {
    server_context().map(|c| c.organisation).unwrap_or_default()
}

pub fn booking_rules() -> BookingRules {
    server_context()
        .map(|c| c.booking_rules)
        .unwrap_or_default()
}

pub fn server_context() -> Result<ServerContext, AppError> {
    use_context::<ServerContext>().ok_or(AppError::Internal)
}

pub fn db() -> Result<Db, AppError> {
    server_context().map(|c| c.db)
}

fn request_parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// A value of a cookie sent with the request.
pub fn cookie(name: &str) -> Option<String> {
    cookie_in(&request_parts()?.headers, name)
}

/// A value of a cookie in request headers (also for plain axum handlers).
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers.get_all(COOKIE).iter().find_map(|header| {
        let header = header.to_str().ok()?;
        cookie::Cookie::split_parse(header)
            .filter_map(Result::ok)
            .find(|c| c.name() == name)
            .map(|c| c.value().to_string())
    })
}

/// A `Set-Cookie` value with the attributes every Tugi cookie has (path `/`, SameSite=Lax).
pub fn cookie_header(
    name: &str,
    value: &str,
    max_age_secs: i64,
    http_only: bool,
    secure: bool,
) -> String {
    cookie::Cookie::build((name.to_string(), value.to_string()))
        .path("/")
        .http_only(http_only)
        .same_site(cookie::SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(max_age_secs))
        .build()
        .to_string()
}

/// The client's address, for throttling: from the trusted proxy's header when one is
/// configured (the last address in it, the one the proxy itself saw), else the connection's
/// peer; `unknown` when neither is known.
pub fn client_address() -> String {
    let Some(parts) = request_parts() else {
        return "unknown".into();
    };
    let proxy_header = server_context().ok().and_then(|c| c.trusted_proxy_header);
    let forwarded = proxy_header
        .and_then(|name| parts.headers.get_all(name).iter().next_back().cloned())
        .and_then(|value| value.to_str().ok().and_then(last_forwarded_address));
    forwarded
        .or_else(|| {
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip())
        })
        .map(|ip| ip.to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The last address of an `X-Forwarded-For`-style list: the one the trusted proxy appended.
pub fn last_forwarded_address(value: &str) -> Option<std::net::IpAddr> {
    value.rsplit(',').next()?.trim().parse().ok()
}

/// The path and query of the page a form was posted from, when it is on this site; `/`
/// otherwise.
pub fn referer_target() -> String {
    let referer = request_parts()
        .and_then(|p| p.headers.get(http::header::REFERER).cloned())
        .and_then(|v| v.to_str().ok().map(str::to_string))
        .unwrap_or_default();
    let after_scheme = referer
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or("");
    let target = after_scheme
        .find('/')
        .map(|i| &after_scheme[i..])
        .unwrap_or("/");
    let target = target.split('#').next().unwrap_or("/");
    crate::domain::LocalPath::or_home(Some(target)).to_string()
}

/// The path (without query) of the page a form was posted from.
pub fn referer_path() -> String {
    let target = referer_target();
    target.split('?').next().unwrap_or("/").to_string()
}

/// True for a browser's own form post (JavaScript off): it gets redirects, not JSON.
pub fn is_plain_form_post() -> bool {
    request_parts()
        .and_then(|p| p.headers.get(ACCEPT).cloned())
        .and_then(|v| v.to_str().ok().map(|s| s.contains("text/html")))
        .unwrap_or(false)
}

pub fn set_cookie(name: &str, value: &str, max_age_secs: i64, http_only: bool) {
    let secure = server_context().map(|c| c.secure_cookies).unwrap_or(false);
    let cookie = cookie_header(name, value, max_age_secs, http_only, secure);
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        res.append_header(SET_COOKIE, value);
    }
}

/// The hash under which the current request's session is stored, if it sent one.
pub fn session_token_hash() -> Option<String> {
    cookie(SESSION_COOKIE).map(|t| super::credentials::token_hash(&t))
}

/// The current user of a page request, read once: the page's resources (the menu, the role
/// gate, the page's data) each ask for it. The server puts one into the extensions of each
/// page request (shared by every copy of its parts); server functions called over HTTP get
/// none, as they may change the session or the account before asking again.
#[derive(Clone, Debug, Default)]
pub struct UserOfPage(std::sync::Arc<tokio::sync::OnceCell<Option<CurrentUser>>>);

pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let page = request_parts().and_then(|p| p.extensions.get::<UserOfPage>().cloned());
    match page {
        Some(page) => page.0.get_or_try_init(read_current_user).await.cloned(),
        None => read_current_user().await,
    }
}

async fn read_current_user() -> Result<Option<CurrentUser>, AppError> {
    let Some(hash) = session_token_hash() else {
        return Ok(None);
    };
    let db = db()?;
    let holder = db::sessions::holder(db.pool(), &hash, session_idle_secs()).await?;
    Ok(holder.map(|h| CurrentUser {
        id: h.id,
        email: h.email,
        display_name: h.display_name,
        roles: h.roles,
        language: h.language,
    }))
}

/// The current user when they hold one of `roles`: 401 when not logged in, 403 otherwise.
pub async fn require(roles: &[Role]) -> Result<CurrentUser, AppError> {
    let user = current_user().await?.ok_or(AppError::Unauthenticated)?;
    if user.roles.has_any(roles) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn require_login() -> Result<CurrentUser, AppError> {
    current_user().await?.ok_or(AppError::Unauthenticated)
}

/// Today's date in Europe/Tallinn, against which "not in the future" is judged.
pub fn today() -> NaiveDate {
    crate::domain::schedule::tallinn_wall_clock(now())
        .map(|(date, _)| date)
        .unwrap_or_default()
}

/// The Europe/Tallinn date of a UTC instant.
pub fn local_date(at: i64) -> Option<NaiveDate> {
    crate::domain::schedule::tallinn_wall_clock(at).map(|(date, _)| date)
}

/// A UTC instant (unix seconds) as Europe/Tallinn wall-clock time, `2026-03-29 10:00`.
/// Formatted on the server so that the browser bundle needs no time-zone tables.
pub fn local_time(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| {
            t.with_timezone(&chrono_tz::Europe::Tallinn)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// A span of UTC instants as Tallinn wall-clock times, `2026-03-29 10:00–11:30` (the end's date
/// is repeated only when it differs).
pub fn local_span(start: i64, end: i64) -> String {
    let (a, b) = (local_time(start), local_time(end));
    match (a.split_once(' '), b.split_once(' ')) {
        (Some((da, _)), Some((db, tb))) if da == db => format!("{a}–{tb}"),
        _ => format!("{a} – {b}"),
    }
}

/// Sends the browser on to `path` after the server function: a 302 for a plain form post, a
/// client-side navigation otherwise.
pub fn redirect(path: &str) {
    leptos_axum::redirect(crate::domain::LocalPath::or_home(Some(path)).as_str());
}

/// Sends the browser to `path` and announces `done` at the top of it.
pub fn redirect_done(path: &str, done: crate::domain::Done) {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or_default();
    redirect(&crate::domain::with_done(path, done, stamp));
}

/// Sends the browser back to the page the form came from (its query kept) and announces `done`.
pub fn done(done: crate::domain::Done) {
    redirect_done(&referer_target(), done);
}

#[cfg(test)]
mod tests {
    use super::local_time;

    #[test]
    fn the_proxy_appended_address_is_the_client() {
        use super::last_forwarded_address as last;
        assert_eq!(
            last("203.0.113.9").map(|a| a.to_string()),
            Some("203.0.113.9".into())
        );
        assert_eq!(
            last("1.1.1.1, 203.0.113.9").map(|a| a.to_string()),
            Some("203.0.113.9".into())
        );
        assert_eq!(
            last(" 2001:db8::1 ").map(|a| a.to_string()),
            Some("2001:db8::1".into())
        );
        assert_eq!(last("1.1.1.1, not-an-address"), None);
        assert_eq!(last(""), None);
    }

    #[test]
    fn local_time_follows_tallinn_summer_and_winter_time() {
        // 2026-03-29 08:00 UTC is 11:00 in Tallinn (EEST, after the March change).
        assert_eq!(local_time(1_774_771_200), "2026-03-29 11:00");
        // 2026-01-15 08:00 UTC is 10:00 (EET).
        assert_eq!(local_time(1_768_464_000), "2026-01-15 10:00");
    }

    #[test]
    fn spans_repeat_the_date_only_when_it_changes() {
        use super::local_span;
        assert_eq!(
            local_span(1_768_464_000, 1_768_469_400),
            "2026-01-15 10:00–11:30"
        );
        assert_eq!(
            local_span(1_768_464_000, 1_768_464_000 + 86_400),
            "2026-01-15 10:00 – 2026-01-16 10:00"
        );
    }
}
