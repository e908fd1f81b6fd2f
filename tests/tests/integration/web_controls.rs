//! The web controls every request meets: security headers, refusal of state changes from
//! other sites, redirect targets on this site only, and odd headers that never break a request.

use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::on_both_databases;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT};

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// The nonce of a page's Content-Security-Policy.
fn nonce_of(policy: &str) -> Option<String> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let end = policy[start..].find('\'')? + start;
    Some(policy[start..end].to_string())
}

async fn every_response_carries_the_security_headers(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let mut nonces = Vec::new();
    for path in ["/login", "/", "/households"] {
        let res = app.get(&coordinator, path).await;
        assert_eq!(res.status().as_u16(), 200, "{path}");
        let headers = res.headers().clone();
        let policy = header(&headers, "content-security-policy").to_string();
        let nonce = nonce_of(&policy).unwrap_or_else(|| panic!("{path}: a nonce in {policy}"));
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        let scripts = policy
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap_or("");
        assert!(!scripts.contains("unsafe-inline"), "{scripts}");
        assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
        assert_eq!(header(&headers, "x-frame-options"), "DENY");
        assert_eq!(header(&headers, "referrer-policy"), "same-origin");
        assert_eq!(header(&headers, "cache-control"), "no-store", "{path}");
        assert_eq!(
            header(&headers, "strict-transport-security"),
            "",
            "plain http"
        );
        let html = res.text().await.unwrap();
        // Every inline script carries this response's nonce (an empty placeholder, which
        // browsers never run, need not).
        let inline = html.matches("<script").count() - html.matches("<script></script>").count();
        let with_nonce = html.matches(&format!("nonce=\"{nonce}\"")).count();
        assert!(
            inline > 0 && with_nonce >= inline,
            "{path}: {inline} scripts, {with_nonce} with the nonce"
        );
        nonces.push(nonce);
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 3, "a fresh nonce for every response");

    let res = app.api(&coordinator, "me", &[]).await;
    assert_eq!(header(res.headers(), "cache-control"), "no-store");
    assert!(header(res.headers(), "content-security-policy").contains("default-src 'none'"));
    let res = app.get(&coordinator, "/healthz").await;
    assert_eq!(header(res.headers(), "x-content-type-options"), "nosniff");
    browser_files_have_hashed_names_and_are_kept_for_a_year(&app).await;
}

async fn browser_files_have_hashed_names_and_are_kept_for_a_year(app: &TestApp) {
    let (_, page) = app.page(&app.client(), "/login").await;
    let name = std::fs::read_to_string(format!("{}/bundle.txt", crate::helpers::site_root()))
        .expect("the bundle's name (scripts/build.sh)");
    let name = name.trim();
    assert!(name.len() == "tugi-".len() + 16, "{name}");
    for file in [
        format!("/pkg/{name}.css"),
        format!("/pkg/{name}.js"),
        format!("/pkg/{name}_bg.wasm"),
    ] {
        assert!(page.contains(&file), "the page links {file}");
        let res = app.get(&app.client(), &file).await;
        assert_eq!(res.status().as_u16(), 200, "{file}");
        assert_eq!(
            header(res.headers(), "cache-control"),
            "public, max-age=31536000, immutable",
            "{file}"
        );
        for (encoding, copy) in [("br", "br"), ("gzip", "gzip")] {
            let res = app
                .client()
                .get(app.url(&file))
                .header("accept-encoding", encoding)
                .send()
                .await
                .unwrap();
            assert_eq!(header(res.headers(), "content-encoding"), copy, "{file}");
        }
    }
    // The plain-named stylesheet of the failure page is asked for again each time; a file
    // that is not there is never kept.
    let res = app.get(&app.client(), "/pkg/tugi.css").await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(header(res.headers(), "cache-control"), "no-cache");
    let res = app
        .get(&app.client(), "/pkg/tugi-0123456789abcdef.js")
        .await;
    assert_eq!(res.status().as_u16(), 404);
    assert_eq!(header(res.headers(), "cache-control"), "no-cache");
}

async fn posts_from_another_site_are_refused_and_change_nothing(app: TestApp) {
    let admin = app.login_as("admin@test.ee").await;
    let offices = app.count("offices").await;
    let create = |origin: Option<&'static str>, site: Option<&'static str>| {
        let mut request = admin
            .post(app.url("/api/create_office"))
            .header(ACCEPT, "application/json")
            .form(&[
                ("form[name]", "Narva"),
                ("form[city]", "Narva"),
                ("form[address]", "Tallinna mnt 6"),
            ]);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if let Some(site) = site {
            request = request.header("sec-fetch-site", site);
        }
        request.send()
    };
    for (origin, site) in [
        (Some("https://evil.example"), None),
        (Some("null"), None),
        (None, Some("cross-site")),
        (None, Some("same-site")),
        (Some("https://evil.example"), Some("cross-site")),
    ] {
        let res = create(origin, site).await.unwrap();
        assert_eq!(res.status().as_u16(), 403, "{origin:?} {site:?}");
        assert!(res.text().await.unwrap().contains("another website"));
    }
    assert_eq!(app.count("offices").await, offices, "nothing was created");

    // The logout form of another site does not end the session.
    let res = admin
        .post(app.url("/api/logout"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    let (status, _) = app.page(&admin, "/admin/accounts").await;
    assert_eq!(status, 200, "still logged in");

    // The language switch of another site stores nothing.
    let res = choose_language(&app, &admin, "ru", ("sec-fetch-site", "cross-site")).await;
    assert_eq!(res, 403);
    let (language,): (String,) =
        sqlx::query_as("SELECT language FROM accounts WHERE email = 'admin@test.ee'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(language, "en");

    // Uploads are state changes too.
    let res = admin
        .post(app.url("/calendar/busy"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);

    // From this site (as a browser says it), the same requests work.
    let origin: &'static str = Box::leak(app.base.clone().into_boxed_str());
    let res = create(Some(origin), Some("same-origin")).await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let res = create(Some(origin), None).await.unwrap();
    assert_eq!(
        res.status().as_u16(),
        422,
        "a second office of that name: a real answer"
    );
    assert_eq!(app.count("offices").await, offices + 1);
}

async fn redirect_targets_stay_on_this_site(app: TestApp) {
    let client = app.client();
    for next in [
        "/%09/evil.example",
        "//evil.example",
        "/\\evil.example",
        "/%2F/evil.example",
        "/%5Cevil.example",
        "/%252F%252Fevil.example",
        "https://evil.example",
        "/%0d%0aSet-Cookie:%20a=b",
    ] {
        let res = app.get(&client, &format!("/lang/en?next={next}")).await;
        assert_eq!(res.status().as_u16(), 303, "{next}");
        assert_eq!(header(res.headers(), "location"), "/", "{next}");
        assert!(
            res.headers().get_all("set-cookie").iter().count() == 1,
            "{next}"
        );
    }
    let res = app
        .get(&client, "/lang/en?next=/workshops%3Fweek%3D2")
        .await;
    assert_eq!(header(res.headers(), "location"), "/workshops?week=2");

    // A newline or a tab in the login's `next` sends the person home, without a server error.
    for next in [
        "/\n/evil.example",
        "/\t/evil.example",
        "//evil.example",
        "/\\evil",
    ] {
        let client = app.client();
        let res = app
            .plain_post(
                &client,
                "login",
                &[
                    ("email", "coordinator@test.ee"),
                    ("password", crate::helpers::PASSWORD),
                    ("next", next),
                ],
                "/login",
            )
            .await;
        assert_eq!(res.status().as_u16(), 302, "{next:?}");
        assert_eq!(header(res.headers(), "location"), "/", "{next:?}");
    }
    let client = app.client();
    let res = app
        .plain_post(
            &client,
            "login",
            &[
                ("email", "coordinator@test.ee"),
                ("password", crate::helpers::PASSWORD),
                ("next", "/households?status=active"),
            ],
            "/login",
        )
        .await;
    assert_eq!(
        header(res.headers(), "location"),
        "/households?status=active"
    );
}

async fn odd_headers_never_give_a_server_error(app: TestApp) {
    let client = app.client();
    let odd: Vec<(&str, HeaderValue)> = vec![
        (
            "origin",
            HeaderValue::from_bytes(b"https://\xffevil").unwrap(),
        ),
        (
            "sec-fetch-site",
            HeaderValue::from_bytes(b"\xfe\xff").unwrap(),
        ),
        (
            "cookie",
            HeaderValue::from_bytes(b"tugi_session=\xff\xfe; i18n_pref_locale=\xff").unwrap(),
        ),
        (
            "referer",
            HeaderValue::from_bytes(b"http://\xff/x").unwrap(),
        ),
        ("accept", HeaderValue::from_bytes(b"text/html\xff").unwrap()),
        (
            "cookie",
            HeaderValue::from_str(&format!("tugi_session={}", "a".repeat(8_000))).unwrap(),
        ),
        (
            "x-forwarded-for",
            HeaderValue::from_str("not, an, address").unwrap(),
        ),
    ];
    for (name, value) in odd {
        for (method, path) in [
            ("GET", "/login"),
            ("POST", "/api/login"),
            ("POST", "/lang/en"),
        ] {
            let request = match method {
                "GET" => client.get(app.url(path)),
                _ => client
                    .post(app.url(path))
                    .form(&[("email", "x@y.ee"), ("password", "p")]),
            };
            let res = request.header(name, value.clone()).send().await.unwrap();
            let status = res.status().as_u16();
            assert!(
                (200..500).contains(&status),
                "{name} on {method} {path}: {status}"
            );
        }
    }
    // A header block larger than the server takes is refused before it reaches Tugi.
    let res = client
        .get(app.url("/login"))
        .header("cookie", format!("a={}", "b".repeat(1_000_000)))
        .send()
        .await;
    if let Ok(res) = res {
        let status = res.status().as_u16();
        assert!((400..500).contains(&status), "oversized headers: {status}");
    }
}

/// A failure without a body of its own (here a method no route takes) never leaves a browser
/// with a blank page: it gets a page in its language, with the header and a way back.
async fn an_empty_failure_reaches_a_browser_as_a_page(app: TestApp) {
    let beneficiary = app.login_as("beneficiary@test.ee").await;
    let res = beneficiary
        .put(app.url("/workshops?week=2"))
        .header(ACCEPT, "text/html,application/xhtml+xml")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 405);
    assert!(header(res.headers(), "content-type").starts_with("text/html"));
    assert!(header(res.headers(), "content-security-policy").contains("default-src 'none'"));
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"<html lang="uk">"#), "{html}");
    assert!(html.contains(r#"class="site-header""#), "{html}");
    assert!(html.contains(r#"role="alert""#), "{html}");
    assert!(html.contains("Щось пішло не так"), "{html}");
    assert!(html.contains("405"), "{html}");
    assert!(
        html.contains(r#"<a href="/">"#),
        "no page to go back to: {html}"
    );

    // A form sent to the wrong place: trying again goes back to the form's page.
    let res = reqwest::Client::new()
        .post(app.url("/households"))
        .header(ACCEPT, "text/html")
        .header("accept-language", "et-EE,et;q=0.9")
        .header("referer", app.url("/households/new"))
        .form(&[("name", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 405);
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"<html lang="et">"#), "{html}");
    assert!(html.contains(r#"href="/households/new""#), "{html}");

    // The app's own calls ask for JSON and keep their answer.
    let res = beneficiary
        .put(app.url("/workshops"))
        .header(ACCEPT, "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 405);
    assert!(!res.text().await.unwrap().contains("<html"));
}

on_both_databases!(
    every_response_carries_the_security_headers,
    posts_from_another_site_are_refused_and_change_nothing,
    redirect_targets_stay_on_this_site,
    odd_headers_never_give_a_server_error,
    an_empty_failure_reaches_a_browser_as_a_page,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_https_address_turns_on_hsts_and_secure_cookies() {
    let app = spawn_app_with(Backend::Sqlite, |config| {
        config.public_url = "https://tugi.example.ee".into();
    })
    .await;
    let client = app.client();
    let res = app
        .api(
            &client,
            "login",
            &[
                ("email", "coordinator@test.ee"),
                ("password", crate::helpers::PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let cookies: Vec<_> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_string)
        .collect();
    assert!(!cookies.is_empty());
    for cookie in &cookies {
        assert!(cookie.contains("Secure"), "{cookie}");
    }
    assert!(cookies
        .iter()
        .any(|c| c.starts_with("tugi_session=") && c.contains("HttpOnly")));
    assert!(header(res.headers(), "strict-transport-security").starts_with("max-age="));
    // The public origin counts as this site even where the Host header says otherwise.
    let res = choose_language(&app, &client, "et", ("origin", "https://tugi.example.ee")).await;
    assert_eq!(res, 303);
}

/// Posts the header's language choice with one request header; answers the status.
async fn choose_language(
    app: &TestApp,
    client: &reqwest::Client,
    code: &str,
    (name, value): (&'static str, &'static str),
) -> u16 {
    client
        .post(app.url(&format!("/lang/{code}")))
        .header(name, value)
        .form(&[("next", "/")])
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0)
}
