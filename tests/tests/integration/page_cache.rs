//! Pages for visitors without a login are kept for a few seconds: served again with a fresh
//! nonce, per language, never to a logged-in person, and forgotten after any change.

use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::workshops::{create_series, series_form, setup};

/// (the page with its nonce blanked, the nonce of its policy).
async fn anonymous(app: &TestApp, path: &str, language: &str) -> (String, String) {
    let res = app
        .client()
        .get(app.url(path))
        .header("accept-language", language)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 200, "{path}");
    let policy = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce")
        .to_string();
    let body = res.text().await.unwrap();
    assert!(
        body.contains(&format!("nonce=\"{nonce}\"")),
        "the page's scripts carry the policy's nonce"
    );
    (body.replace(&nonce, "NONCE"), nonce)
}

async fn rename_office(app: &TestApp, name: &str) {
    sqlx::query("UPDATE offices SET name = $1")
        .bind(name)
        .execute(app.db.pool())
        .await
        .unwrap();
}

async fn anonymous_pages_are_kept_briefly(app: TestApp) {
    let s = setup(&app).await;
    let res = create_series(&app, &s, &series_form(&s, "12", "everyone")).await;
    assert_eq!(res.status().as_u16(), 200);
    rename_office(&app, "Tartu Riia").await;

    let (first, nonce) = anonymous(&app, "/workshops", "en").await;
    assert!(first.contains("Tartu Riia"), "{first}");
    // Changed behind the server's back: the kept page is served, with a nonce of its own.
    rename_office(&app, "Kept page check").await;
    let (again, other_nonce) = anonymous(&app, "/workshops", "en").await;
    assert_eq!(again, first);
    assert_ne!(other_nonce, nonce, "every answer has a fresh nonce");

    // Another language is another page.
    let (estonian, _) = anonymous(&app, "/workshops", "et").await;
    assert!(estonian.contains("lang=\"et\""));

    // A logged-in person gets a page of their own, never the kept one.
    let (status, own) = app.page(&s.coordinator, "/workshops").await;
    assert_eq!(status, 200);
    assert!(own.contains("Kept page check"));
    assert!(
        !first.contains("/account"),
        "the kept page has no account link"
    );

    // Any change made through this server drops what was kept.
    let res = app
        .api(
            &app.client(),
            "login",
            &[("email", "nobody@test.ee"), ("password", "wrong password")],
        )
        .await;
    assert!(res.status().is_client_error());
    let (after, _) = anonymous(&app, "/workshops", "en").await;
    assert!(after.contains("Kept page check"), "{after}");
}

async fn kept(backend: Backend) -> TestApp {
    spawn_app_with(backend, |config| config.page_cache_secs = 300).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_pages_are_kept_briefly_sqlite() {
    anonymous_pages_are_kept_briefly(kept(Backend::Sqlite).await).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_pages_are_kept_briefly_postgres() {
    anonymous_pages_are_kept_briefly(kept(Backend::Postgres).await).await
}
