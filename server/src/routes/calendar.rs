//! Calendar files: the personal feed (secret token, no login), an office's public feed, one
//! event's download, and the upload of a person's own calendar for its busy times. Feeds answer
//! with ETag and Last-Modified, 304 to a conditional request, and 429 past their rate limit.

use crate::AppState;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::hash::{Hash, Hasher};
use tugi_app::api::calendar_feed::{self, Rendered};
use tugi_app::api::context::{cookie_in, LOCALE_COOKIE, SESSION_COOKIE};
use tugi_app::api::credentials::token_hash;
use tugi_app::db;
use tugi_app::domain::access;
use tugi_app::domain::ics::add_links::AddTo;
use tugi_app::domain::ics::import::{self, ImportError};
use tugi_app::domain::InterfaceLanguage;

/// Requests one feed token may make in a minute (clients poll every 15 to 60 minutes).
pub const TOKEN_LIMIT: i64 = 20;
/// Requests with unknown tokens, all together, in a minute: guessing gets nowhere.
pub const UNKNOWN_LIMIT: i64 = 60;
/// Requests for one office's public feed in a minute.
pub const OFFICE_LIMIT: i64 = 300;

fn ics_name(file: &str) -> Option<&str> {
    file.strip_suffix(".ics").filter(|name| !name.is_empty())
}

pub async fn personal_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(token) = ics_name(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let ctx = &state.ctx;
    let now = ctx.clock.now();
    let hash = token_hash(token);
    let account = match db::calendar_feeds::account_of(ctx.db.pool(), &hash).await {
        Ok(account) => account,
        Err(error) => return failed(error),
    };
    let (bucket, limit) = match account {
        Some(_) => (format!("feed:{hash}"), TOKEN_LIMIT),
        None => ("feed:unknown".to_owned(), UNKNOWN_LIMIT),
    };
    match db::calendar_feeds::hit(ctx.db.pool(), &bucket, now).await {
        Ok(hits) if hits > limit => return too_many(),
        Ok(_) => {}
        Err(error) => return failed(error),
    }
    let Some(account_id) = account else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match calendar_feed::personal(&ctx.db, account_id, now, &ctx.public_url).await {
        Ok(rendered) => calendar(&headers, rendered, "private", None),
        Err(error) => failed(error),
    }
}

#[derive(Deserialize)]
pub struct Language {
    lang: Option<String>,
    /// An office feed of one activity type only.
    activity: Option<String>,
}

pub async fn office_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<Language>,
    headers: HeaderMap,
) -> Response {
    let Some(id) = ics_name(&file).and_then(|id| id.parse::<i64>().ok()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let ctx = &state.ctx;
    let now = ctx.clock.now();
    match db::calendar_feeds::hit(ctx.db.pool(), &format!("office:{id}"), now).await {
        Ok(hits) if hits > OFFICE_LIMIT => return too_many(),
        Ok(_) => {}
        Err(error) => return failed(error),
    }
    let language = language_of(query.lang.as_deref(), &headers);
    match calendar_feed::office(
        &ctx.db,
        id,
        query.activity.as_deref(),
        language,
        now,
        &ctx.public_url,
    )
    .await
    {
        Ok(Some(rendered)) => calendar(&headers, rendered, "public", None),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failed(error),
    }
}

/// A supported language from the query, else the visitor's language cookie, else Estonian.
fn language_of(asked: Option<&str>, headers: &HeaderMap) -> InterfaceLanguage {
    let cookie = cookie_in(headers, LOCALE_COOKIE);
    [asked.map(str::to_owned), cookie]
        .into_iter()
        .flatten()
        .find_map(|l| InterfaceLanguage::parse(&l))
        .unwrap_or(InterfaceLanguage::Et)
}

/// The logged-in account of the request and its language.
pub(super) async fn session_account(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<(i64, InterfaceLanguage)>, sqlx::Error> {
    let Some(hash) = cookie_in(headers, SESSION_COOKIE).map(|t| token_hash(&t)) else {
        return Ok(None);
    };
    let pool = state.ctx.db.pool();
    let Some(id) = db::sessions::account_of(pool, &hash, state.ctx.session_idle_secs).await? else {
        return Ok(None);
    };
    Ok(db::accounts::by_id(pool, id)
        .await?
        .map(|a| (a.id, a.language)))
}

/// The logged-in account of the request, when it holds one of `roles` (401 without a login,
/// 403 without the role).
pub(super) async fn account_with_role(
    state: &AppState,
    headers: &HeaderMap,
    roles: &[tugi_app::domain::Role],
) -> Result<i64, tugi_app::error::AppError> {
    use tugi_app::error::AppError;
    let (account, _) = session_account(state, headers)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !db::accounts::roles(state.ctx.db.pool(), account)
        .await?
        .has_any(roles)
    {
        return Err(AppError::Forbidden);
    }
    Ok(account)
}

#[derive(Deserialize)]
pub struct AddToQuery {
    to: Option<String>,
}

/// One event as an .ics download, or with `?to=google|outlook` a redirect that adds it to that
/// web calendar.
pub async fn event_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<AddToQuery>,
    headers: HeaderMap,
) -> Response {
    let add_to = match query.to.as_deref() {
        None => None,
        Some(code) => match AddTo::parse(code) {
            Some(service) => Some(service),
            None => return StatusCode::NOT_FOUND.into_response(),
        },
    };
    let Some(uid) = ics_name(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let account = match session_account(&state, &headers).await {
        Ok(account) => account,
        Err(error) => return failed(error),
    };
    let language = match &account {
        Some((_, language)) => *language,
        None => language_of(None, &headers),
    };
    let ctx = &state.ctx;
    let id = account.map(|(id, _)| id);
    match calendar_feed::one(&ctx.db, id, uid, language, &ctx.public_url).await {
        Ok(Some(one)) => match add_to {
            Some(AddTo::Google) => Redirect::to(&one.google).into_response(),
            Some(AddTo::Outlook) => Redirect::to(&one.outlook).into_response(),
            None => calendar(&headers, one.rendered, "private", Some(&one.file_name)),
        },
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failed(error),
    }
}

/// The calendar as `text/calendar`, or 304 when the client's copy is current.
fn calendar(
    headers: &HeaderMap,
    rendered: Rendered,
    cache: &str,
    download: Option<&str>,
) -> Response {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    rendered.body.hash(&mut hasher);
    let etag = format!("\"{:016x}\"", hasher.finish());
    let modified = chrono::DateTime::from_timestamp(rendered.last_modified.max(0), 0)
        .unwrap_or_default()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let current = match text(header::IF_NONE_MATCH) {
        Some(tags) => tags.split(',').any(|t| {
            let t = t.trim();
            t == "*" || t.trim_start_matches("W/") == etag
        }),
        None => text(header::IF_MODIFIED_SINCE)
            .and_then(|since| chrono::DateTime::parse_from_rfc2822(since).ok())
            .is_some_and(|since| rendered.last_modified <= since.timestamp()),
    };
    let cache_control = format!("{cache}, max-age=300");
    let common = [
        (header::ETAG, etag),
        (header::LAST_MODIFIED, modified),
        (header::CACHE_CONTROL, cache_control),
    ];
    if current {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    // The name is made of ASCII letters, digits and dashes (`add_links::file_name`).
    let disposition = match download {
        Some(name) => format!("attachment; filename=\"{name}\""),
        None => "inline".to_owned(),
    };
    (
        StatusCode::OK,
        common,
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        rendered.body,
    )
        .into_response()
}

fn too_many() -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, "60")],
        "too many requests",
    )
        .into_response()
}

pub(super) fn failed(error: sqlx::Error) -> Response {
    tracing::error!(%error, "calendar");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

/// The largest request body of an upload: the file and the form around it.
pub const UPLOAD_BODY_LIMIT: usize = import::MAX_BYTES + 64 * 1024;

/// Why an upload was refused, as a code the calendar page translates.
fn refusal(error: &ImportError) -> (StatusCode, Vec<(&'static str, String)>) {
    let code = |c: &str| vec![("busy_error", c.to_owned())];
    let status = match error {
        ImportError::TooBig => StatusCode::PAYLOAD_TOO_LARGE,
        ImportError::NotCalendar => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let fields = match error {
        ImportError::Empty => code("empty"),
        ImportError::TooBig => code("too_big"),
        ImportError::NotCalendar => code("not_calendar"),
        ImportError::Truncated => code("truncated"),
        ImportError::TooManyEvents => code("too_many_events"),
        ImportError::TooManyBusyTimes => code("too_many_busy"),
        ImportError::Unreadable => code("unreadable"),
        ImportError::NoEvents => code("no_events"),
        one_event => match event_problem(one_event) {
            Some((reason, event, detail)) => vec![
                ("busy_error", reason.to_owned()),
                ("event", event.to_owned()),
                ("detail", detail.to_owned()),
            ],
            None => code("unreadable"),
        },
    };
    (status, fields)
}

/// The reason code, the event's title and the detail of a problem with one event.
fn event_problem(error: &ImportError) -> Option<(&'static str, &str, &str)> {
    match error {
        ImportError::UnknownTimeZone { event, zone } => Some(("zone", event, zone)),
        ImportError::InvalidDate { event, value } => Some(("date", event, value)),
        ImportError::InvalidRule { event, rule } => Some(("rule", event, rule)),
        _ => None,
    }
}

/// The events left out of a saved upload, at most this many named on the page.
const SKIPPED_NAMED: usize = 5;

/// The outcome of a saved upload: the counts, and the first skipped events with their reasons
/// (`skip1`, `skip1_event`, `skip1_detail`, …).
pub(super) fn saved(busy: &import::BusyTimes) -> Vec<(&'static str, String)> {
    const NAMES: [(&str, &str, &str); SKIPPED_NAMED] = [
        ("skip1", "skip1_event", "skip1_detail"),
        ("skip2", "skip2_event", "skip2_detail"),
        ("skip3", "skip3_event", "skip3_detail"),
        ("skip4", "skip4_event", "skip4_detail"),
        ("skip5", "skip5_event", "skip5_detail"),
    ];
    let mut fields = vec![
        ("busy", "saved".to_owned()),
        ("spans", busy.spans.len().to_string()),
        ("events", busy.events.to_string()),
        ("skipped", busy.skipped.len().to_string()),
    ];
    let named = busy.skipped.iter().filter_map(event_problem);
    for ((reason, event, detail), (k_reason, k_event, k_detail)) in named.zip(NAMES) {
        fields.push((k_reason, reason.to_owned()));
        fields.push((k_event, event.to_owned()));
        fields.push((k_detail, detail.to_owned()));
    }
    fields
}

/// A browser's own form post is sent back to the calendar page with the outcome in the query;
/// any other client gets the status and the outcome as JSON.
pub(super) fn outcome(
    headers: &HeaderMap,
    status: StatusCode,
    fields: Vec<(&'static str, String)>,
) -> Response {
    let html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if html {
        let query: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencoding(v)))
            .collect();
        return Redirect::to(&format!("/calendar?{}#busy", query.join("&"))).into_response();
    }
    let body: serde_json::Map<String, serde_json::Value> = fields
        .into_iter()
        .map(|(k, v)| (k.to_owned(), serde_json::Value::String(v)))
        .collect();
    (status, axum::Json(body)).into_response()
}

fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `POST /calendar/busy`, a multipart form with one `file`: replaces the person's busy times.
pub async fn upload_busy(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let account = match session_account(&state, &headers).await {
        Ok(Some((id, _))) => id,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(error) => return failed(error),
    };
    let pool = state.ctx.db.pool();
    match db::accounts::roles(pool, account).await {
        Ok(roles) if roles.has_any(access::BUSY_IMPORT) => {}
        Ok(_) => return StatusCode::FORBIDDEN.into_response(),
        Err(error) => return failed(error),
    }
    let bytes = match read_file(multipart).await {
        Ok(bytes) => bytes,
        Err(error) => {
            let (status, fields) = refusal(&error);
            return outcome(&headers, status, fields);
        }
    };
    let now = state.ctx.clock.now();
    let busy = match import::busy_times(&bytes, now) {
        Ok(busy) => busy,
        Err(error) => {
            let (status, fields) = refusal(&error);
            return outcome(&headers, status, fields);
        }
    };
    let stored = async {
        let mut tx = state.ctx.db.begin().await?;
        db::calendar_feeds::replace_busy(&mut tx, account, busy.events, &busy.spans, now).await?;
        // A file replaces a followed calendar: one source of busy times at a time.
        db::busy_subscriptions::stop(&mut tx, account).await?;
        tx.commit().await
    };
    if let Err(error) = stored.await {
        return failed(error);
    }
    outcome(&headers, StatusCode::OK, saved(&busy))
}

/// The bytes of the form's `file` field, refused when missing, empty or too large.
async fn read_file(
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Vec<u8>, ImportError> {
    let mut multipart = multipart.map_err(|_| ImportError::NotCalendar)?;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err(ImportError::Empty),
            Err(error) => return Err(too_big_or(error.status(), ImportError::Unreadable)),
        };
        if field.name() != Some("file") {
            continue;
        }
        let mut field = field;
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() > import::MAX_BYTES {
                        return Err(ImportError::TooBig);
                    }
                }
                Ok(None) => break,
                Err(error) => return Err(too_big_or(error.status(), ImportError::Truncated)),
            }
        }
        if bytes.is_empty() {
            return Err(ImportError::Empty);
        }
        return Ok(bytes);
    }
}

fn too_big_or(status: StatusCode, otherwise: ImportError) -> ImportError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ImportError::TooBig
    } else {
        otherwise
    }
}
