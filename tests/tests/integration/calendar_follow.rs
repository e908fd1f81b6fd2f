//! Following one's own calendar by its address: a local calendar server stands in for Google or
//! Nextcloud (allowed by the admin setting, as an organisation's own server would be), and the
//! worker reads it again every 30 minutes with its ETag.

use crate::helpers::{server_runtime, TestApp};
use crate::on_both_databases;
use crate::outbox::jobs;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tugi_server::config::{Config, MailConfig};

/// The calendar the local server answers with, and what it was asked.
#[derive(Default)]
struct Calendar {
    body: Mutex<String>,
    version: AtomicUsize,
    failing: AtomicBool,
    full_answers: AtomicUsize,
    not_modified: AtomicUsize,
}

async fn calendar(State(cal): State<Arc<Calendar>>, headers: HeaderMap) -> Response {
    if cal.failing.load(Ordering::SeqCst) {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let etag = format!("\"v{}\"", cal.version.load(Ordering::SeqCst));
    let asked = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok());
    if asked == Some(etag.as_str()) {
        cal.not_modified.fetch_add(1, Ordering::SeqCst);
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    cal.full_answers.fetch_add(1, Ordering::SeqCst);
    let body = cal.body.lock().unwrap().clone();
    (
        [
            (header::ETAG, etag),
            (header::CONTENT_TYPE, "text/calendar".to_string()),
        ],
        body,
    )
        .into_response()
}

async fn redirect_on(Path(n): Path<u32>) -> Response {
    (
        StatusCode::FOUND,
        [(header::LOCATION, format!("/loop/{}", n + 1))],
    )
        .into_response()
}

/// An endless answer (as "5 GB" would be), sent as fast as it is read.
async fn endless() -> Response {
    let chunk = bytes_of(64 * 1024);
    let stream = futures::stream::repeat_with(move || Ok::<_, std::io::Error>(chunk.clone()));
    axum::body::Body::from_stream(stream).into_response()
}

fn bytes_of(n: usize) -> axum::body::Bytes {
    axum::body::Bytes::from(vec![b'A'; n])
}

async fn slow() -> Response {
    tokio::time::sleep(std::time::Duration::from_secs(30)).await;
    "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into_response()
}

async fn html() -> Response {
    (
        [(header::CONTENT_TYPE, "text/html")],
        "<html><body>Sign in to see this calendar</body></html>",
    )
        .into_response()
}

/// Starts the local calendar server; answers its base address.
async fn calendar_server(cal: Arc<Calendar>) -> String {
    let router = Router::new()
        .route("/cal.ics", get(calendar))
        .route("/loop/{n}", get(redirect_on))
        .route("/endless.ics", get(endless))
        .route("/slow.ics", get(slow))
        .route("/page", get(html))
        .with_state(cal);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    server_runtime().spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    format!("http://{addr}")
}

/// A calendar with one busy hour per start (UTC seconds).
fn ics(starts: &[i64]) -> String {
    let stamp = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .unwrap()
            .format("%Y%m%dT%H%M%SZ")
            .to_string()
    };
    let events: String = starts
        .iter()
        .enumerate()
        .map(|(n, start)| {
            format!(
                "BEGIN:VEVENT\r\nUID:e{n}@example.org\r\nDTSTAMP:{}\r\nDTSTART:{}\r\nDTEND:{}\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n",
                stamp(*start),
                stamp(*start),
                stamp(start + 3600)
            )
        })
        .collect();
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Calendar//EN\r\n{events}END:VCALENDAR\r\n")
}

async fn follow(app: &TestApp, client: &reqwest::Client, address: &str) -> (u16, Value) {
    let res = client
        .post(app.url("/calendar/follow"))
        .form(&[("address", address)])
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn post(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, Value) {
    let res = client.post(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn error_of(answer: &Value) -> &str {
    answer["busy_error"].as_str().unwrap_or("")
}

async fn allow_local_server(app: &TestApp) {
    let admin = app.login_as("admin@test.ee").await;
    let res = app
        .api(&admin, "save_calendar_hosts", &[("hosts", "127.0.0.1")])
        .await;
    assert!(res.status().is_success() || res.status().is_redirection());
}

async fn following(app: &TestApp) -> (i64, i64) {
    (
        app.count("busy_subscriptions").await,
        app.count("busy_times").await,
    )
}

async fn a_volunteer_follows_a_calendar_by_its_address(app: TestApp) {
    let cal = Arc::new(Calendar::default());
    let now = app.clock.now();
    *cal.body.lock().unwrap() = ics(&[now + 86_400]);
    let base = calendar_server(cal.clone()).await;
    let address = format!("{base}/cal.ics?token=s3cret-part");
    let volunteer = app.login_as("volunteer@test.ee").await;

    // Private and plain-http addresses are refused until an admin allows the host.
    let (status, answer) = follow(&app, &volunteer, &address).await;
    assert_eq!((status, error_of(&answer)), (422, "not_https"));
    let https = address.replacen("http://", "https://", 1);
    let (status, answer) = follow(&app, &volunteer, &https).await;
    assert_eq!((status, error_of(&answer)), (422, "private_address"));
    assert_eq!(following(&app).await, (0, 0));

    let admin = app.login_as("admin@test.ee").await;
    let res = app
        .api(&admin, "save_calendar_hosts", &[("hosts", "http://x.org/")])
        .await;
    assert_eq!(res.status().as_u16(), 422, "not a host name");
    let res = app
        .api(&volunteer, "save_calendar_hosts", &[("hosts", "127.0.0.1")])
        .await;
    assert_eq!(res.status().as_u16(), 403);
    allow_local_server(&app).await;
    let (status, page) = app.page(&admin, "/admin/settings").await;
    assert_eq!(status, 200);
    assert!(page.contains("127.0.0.1"), "the setting is shown");

    let (status, answer) = follow(&app, &volunteer, &address).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["spans"], "1");
    assert_eq!(following(&app).await, (1, 1));
    let (sealed,): (String,) = sqlx::query_as("SELECT address_sealed FROM busy_subscriptions")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(!sealed.contains("s3cret"), "the address is kept sealed");
    let (_, page) = app.page(&volunteer, "/calendar").await;
    assert!(page.contains("http://127.0.0.1/…/cal.ics"), "shown masked");
    assert!(!page.contains("s3cret"), "never shown in full");

    // Thirty minutes on, the worker asks again with the ETag: nothing changed.
    let worker = jobs(&app, MailConfig::default());
    let report = worker.run_once().await.unwrap();
    assert_eq!(report.calendars_read, 0, "not due yet");
    app.clock.set(now + 31 * 60);
    let report = worker.run_once().await.unwrap();
    assert_eq!((report.calendars_read, report.calendars_failed), (1, 0));
    assert_eq!(cal.not_modified.load(Ordering::SeqCst), 1);
    assert_eq!(following(&app).await, (1, 1));

    // The calendar changes: the next read picks it up.
    *cal.body.lock().unwrap() = ics(&[now + 86_400, now + 2 * 86_400]);
    cal.version.fetch_add(1, Ordering::SeqCst);
    app.clock.set(now + 62 * 60);
    worker.run_once().await.unwrap();
    assert_eq!(following(&app).await, (1, 2));
    assert_eq!(cal.full_answers.load(Ordering::SeqCst), 2);

    // It fails: the error is recorded and shown; the busy times stay.
    cal.failing.store(true, Ordering::SeqCst);
    app.clock.set(now + 93 * 60);
    let report = worker.run_once().await.unwrap();
    assert_eq!(report.calendars_failed, 1);
    assert_eq!(following(&app).await, (1, 2));
    let (_, page) = app.page(&volunteer, "/calendar").await;
    assert!(page.contains("500"), "the last error is shown");

    // Failing for a week pauses it and tells the person; a paused calendar is not read.
    app.clock.set(now + 93 * 60 + 7 * 86_400);
    let report = worker.run_once().await.unwrap();
    assert_eq!(report.calendars_failed, 1);
    let (paused,): (Option<i64>,) = sqlx::query_as("SELECT paused_at FROM busy_subscriptions")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(paused.is_some());
    let (letters,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE kind = 'calendar_paused'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(letters, 1);
    app.clock.set(now + 8 * 86_400);
    let report = worker.run_once().await.unwrap();
    assert_eq!(report.calendars_read + report.calendars_failed, 0);

    // Read now: it works again and is no longer paused.
    cal.failing.store(false, Ordering::SeqCst);
    let (status, answer) = post(&app, &volunteer, "/calendar/follow/refresh").await;
    assert_eq!(status, 200, "{answer}");
    let (paused,): (Option<i64>,) = sqlx::query_as("SELECT paused_at FROM busy_subscriptions")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(paused, None);

    // Uploading a file replaces the followed calendar; stopping forgets the busy times.
    let (status, _) = follow(&app, &volunteer, &address).await;
    assert_eq!(status, 200);
    let (status, _) = post(&app, &volunteer, "/calendar/follow/stop").await;
    assert_eq!(status, 200);
    assert_eq!(following(&app).await, (0, 0));
    let (status, _) = post(&app, &volunteer, "/calendar/follow/refresh").await;
    assert_eq!(status, 404, "nothing followed");
}

/// A short deadline, so that the slow server's answer is waited for only briefly.
fn short_deadline(config: &mut Config) {
    config.calendar_fetch_secs = 2;
}

async fn bad_calendar_addresses_are_refused_and_change_nothing(app: TestApp) {
    let cal = Arc::new(Calendar::default());
    *cal.body.lock().unwrap() = ics(&[app.clock.now() + 86_400]);
    let base = calendar_server(cal.clone()).await;
    allow_local_server(&app).await;
    let volunteer = app.login_as("volunteer@test.ee").await;
    let port = base.rsplit(':').next().unwrap().to_string();
    cal.failing.store(true, Ordering::SeqCst);
    for (address, problem) in [
        ("", "bad_address"),
        ("calendar please", "bad_address"),
        ("ftp://example.org/a.ics", "not_https"),
        ("file:///etc/passwd", "not_https"),
        ("https://10.0.0.1/a.ics", "private_address"),
        (
            "https://169.254.169.254/latest/meta-data",
            "private_address",
        ),
        ("https://[::1]/a.ics", "private_address"),
        (
            &format!("https://localhost:{port}/cal.ics"),
            "private_address",
        ),
        (&format!("http://localhost:{port}/cal.ics"), "not_https"),
        (&format!("{base}/loop/0"), "too_many_redirects"),
        (&format!("{base}/endless.ics"), "too_big"),
        (&format!("{base}/slow.ics"), "timeout"),
        (&format!("{base}/page"), "not_calendar"),
        (&format!("{base}/cal.ics"), "http_status"),
        (&format!("{base}/missing.ics"), "http_status"),
    ] {
        let (status, answer) = follow(&app, &volunteer, address).await;
        assert_eq!((status, error_of(&answer)), (422, problem), "{address}");
    }
    assert_eq!(following(&app).await, (0, 0));

    // Without a login or the right role.
    let (status, _) = follow(&app, &app.client(), &format!("{base}/cal.ics")).await;
    assert_eq!(status, 401);
    let beneficiary = app.login_as("beneficiary@test.ee").await;
    cal.failing.store(false, Ordering::SeqCst);
    let (status, _) = follow(&app, &beneficiary, &format!("{base}/cal.ics")).await;
    assert_eq!(status, 403);
    for path in ["/calendar/follow/refresh", "/calendar/follow/stop"] {
        assert_eq!(post(&app, &app.client(), path).await.0, 401, "{path}");
        assert_eq!(post(&app, &beneficiary, path).await.0, 403, "{path}");
    }
    assert_eq!(following(&app).await, (0, 0));
}

on_both_databases!(a_volunteer_follows_a_calendar_by_its_address);
on_both_databases!(configured short_deadline; bad_calendar_addresses_are_refused_and_change_nothing);
