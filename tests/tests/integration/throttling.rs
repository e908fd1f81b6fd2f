//! Attempts that guess passwords or make the server hash them are limited per address and per
//! client, counted in the database before they are judged; sessions end when idle.

use crate::helpers::{spawn_app_with, Backend, TestApp, PASSWORD};
use crate::on_both_databases;
use reqwest::header::ACCEPT;
use std::collections::BTreeMap;
use tugi_server::config::MailConfig;

/// Sends `logins` (email, password, client address) at once and counts the answers by status.
async fn logins_at_once(
    app: &TestApp,
    logins: Vec<(String, String, String)>,
) -> BTreeMap<u16, usize> {
    let client = app.client();
    let calls = logins.into_iter().map(|(email, password, from)| {
        let request = client
            .post(app.url("/api/login"))
            .header(ACCEPT, "application/json")
            .header("x-forwarded-for", from)
            .form(&[("email", email), ("password", password)]);
        async move {
            request
                .send()
                .await
                .map(|r| r.status().as_u16())
                .unwrap_or(0)
        }
    });
    let mut counts = BTreeMap::new();
    for status in futures::future::join_all(calls).await {
        *counts.entry(status).or_insert(0) += 1;
    }
    counts
}

async fn login_status(app: &TestApp, email: &str, password: &str, from: &str) -> u16 {
    let counts = logins_at_once(app, vec![(email.into(), password.into(), from.into())]).await;
    counts.keys().next().copied().unwrap_or(0)
}

async fn a_thousand_wrong_logins_for_one_address_are_refused_without_errors(app: TestApp) {
    let started = std::time::Instant::now();
    let wrong = (0..1000)
        .map(|i| {
            (
                "coordinator@test.ee".to_string(),
                format!("guess {i}"),
                "203.0.113.7".into(),
            )
        })
        .collect();
    let counts = logins_at_once(&app, wrong).await;
    let judged = counts.get(&422).copied().unwrap_or(0);
    let refused = counts.get(&429).copied().unwrap_or(0);
    assert_eq!(judged + refused, 1000, "only 422 and 429: {counts:?}");
    assert!(judged <= 10, "at most ten guesses judged: {counts:?}");
    println!(
        "1,000 parallel wrong logins ({}): {judged} judged, {refused} refused with 429, in {:.1} s",
        app.backend_name(),
        started.elapsed().as_secs_f64()
    );
    // The address stays locked for its window, even with the right password.
    assert_eq!(
        login_status(&app, "coordinator@test.ee", PASSWORD, "198.51.100.1").await,
        429
    );
    let (hits,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM throttle_hits WHERE scope = 'login:email'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(hits, 1001, "every attempt was counted");
}

async fn one_client_is_limited_across_addresses(app: TestApp) {
    // Without a trusted proxy header every request counts as the connection's address, so a
    // forged header changes nothing.
    let spread = (0..150)
        .map(|i| {
            (
                format!("nobody{i}@test.ee"),
                "guess".to_string(),
                format!("10.0.0.{i}"),
            )
        })
        .collect();
    let counts = logins_at_once(&app, spread).await;
    assert!(counts.get(&422).copied().unwrap_or(0) <= 100, "{counts:?}");
    assert!(counts.get(&429).copied().unwrap_or(0) >= 50, "{counts:?}");
    assert_eq!(
        counts.keys().filter(|s| **s != 422 && **s != 429).count(),
        0,
        "{counts:?}"
    );
    assert_eq!(
        login_status(&app, "admin@test.ee", PASSWORD, "10.9.9.9").await,
        429
    );
}

async fn wrong_current_passwords_are_limited_too(app: TestApp) {
    let client = app.login_as("support@test.ee").await;
    let mut statuses = Vec::new();
    for i in 0..12 {
        let res = app
            .api(
                &client,
                "change_password",
                &[
                    ("current_password", &format!("wrong {i}")),
                    ("new_password", "a new long password"),
                    ("confirm_password", "a new long password"),
                ],
            )
            .await;
        statuses.push(res.status().as_u16());
    }
    assert_eq!(&statuses[..10], &[422; 10]);
    assert_eq!(&statuses[10..], &[429, 429]);
}

async fn idle_sessions_end_and_are_swept_with_their_drafts(app: TestApp) {
    let idle = app.login_as("coordinator@test.ee").await;
    let busy = app.login_as("admin@test.ee").await;
    // Two and a half hours without a request on the first; a fresh request on the second.
    let now = tugi_app::db::now();
    sqlx::query(
        "UPDATE sessions SET last_seen_at = $1, draft_path = 'create_office', draft = '{}' \
         WHERE account_id = $2",
    )
    .bind(now - 150 * 60)
    .bind(app.account_id("coordinator@test.ee").await)
    .execute(app.db.pool())
    .await
    .unwrap();
    let res = app.api(&idle, "me", &[]).await;
    assert_eq!(
        res.text().await.unwrap(),
        "null",
        "the idle session has ended"
    );
    let (status, _) = app.page(&busy, "/admin/accounts").await;
    assert_eq!(status, 200);

    let report = crate::outbox::jobs(&app, MailConfig::default())
        .run_once()
        .await
        .unwrap();
    assert_eq!(report.sessions_ended, 1);
    let (drafts,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions WHERE draft IS NOT NULL")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(drafts, 0, "the draft went with its session");
    assert_eq!(app.count("sessions").await, 1);
}

on_both_databases!(
    a_thousand_wrong_logins_for_one_address_are_refused_without_errors,
    one_client_is_limited_across_addresses,
    wrong_current_passwords_are_limited_too,
    idle_sessions_end_and_are_swept_with_their_drafts,
);

/// Behind a proxy that passes the client's address, each client has its own count, and the
/// address's own limit still holds whatever the clients.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_clients_are_told_apart() {
    let app = spawn_app_with(Backend::Sqlite, |config| {
        config.trusted_proxy_header = Some("X-Forwarded-For".into());
    })
    .await;
    let from_many = (0..60)
        .map(|i| {
            (
                "coordinator@test.ee".to_string(),
                "guess".to_string(),
                format!("10.1.0.{i}"),
            )
        })
        .collect();
    let counts = logins_at_once(&app, from_many).await;
    assert!(counts.get(&422).copied().unwrap_or(0) <= 10, "{counts:?}");
    let one_client = (0..120)
        .map(|i| {
            (
                format!("nobody{i}@test.ee"),
                "guess".to_string(),
                "10.2.0.1".to_string(),
            )
        })
        .collect();
    let counts = logins_at_once(&app, one_client).await;
    assert!(counts.get(&429).copied().unwrap_or(0) >= 20, "{counts:?}");
    // Another client still logs in.
    assert_eq!(
        login_status(&app, "admin@test.ee", PASSWORD, "1.2.3.4, 10.3.0.1").await,
        200
    );
    assert_eq!(
        login_status(&app, "support@test.ee", PASSWORD, "10.2.0.1").await,
        429
    );
}
