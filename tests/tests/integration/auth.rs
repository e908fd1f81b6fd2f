use crate::helpers::{error_of, TestApp, PASSWORD};
use crate::on_both_databases;

async fn login_with_the_right_password_opens_a_session(app: TestApp) {
    let client = app.client();
    let res = app
        .api(
            &client,
            "login",
            &[("email", "Coordinator@Test.ee "), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("tugi_session="))
        .expect("session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    assert!(!session.contains("Secure"), "not Secure unless configured");
    let me: serde_json::Value = app.api(&client, "me", &[]).await.json().await.unwrap();
    assert_eq!(me["email"], "coordinator@test.ee");
    assert_eq!(app.count("sessions").await, 1);
}

async fn wrong_password_and_unknown_account_get_the_same_answer(app: TestApp) {
    let client = app.client();
    let wrong = app
        .api(
            &client,
            "login",
            &[
                ("email", "coordinator@test.ee"),
                ("password", "not-the-password"),
            ],
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 422);
    assert!(wrong.headers().get("set-cookie").is_none());
    let wrong = error_of(wrong).await;
    let unknown = app
        .api(
            &client,
            "login",
            &[
                ("email", "nobody@test.ee"),
                ("password", "not-the-password"),
            ],
        )
        .await;
    assert_eq!(unknown.status().as_u16(), 422);
    assert_eq!(wrong, error_of(unknown).await);
    assert_eq!(wrong["Invalid"][0]["code"], "LoginFailed");
    assert_eq!(app.count("sessions").await, 0);
}

async fn repeated_failures_are_throttled(app: TestApp) {
    let client = app.client();
    for _ in 0..10 {
        let res = app
            .api(
                &client,
                "login",
                &[("email", "admin@test.ee"), ("password", "guess-guess")],
            )
            .await;
        assert_eq!(res.status().as_u16(), 422);
    }
    let res = app
        .api(
            &client,
            "login",
            &[("email", "admin@test.ee"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status().as_u16(), 429, "even the right password waits");
}

async fn malformed_login_requests_are_400(app: TestApp) {
    let res = app
        .api(&app.client(), "login", &[("email", "a@b.ee")])
        .await;
    assert_eq!(res.status().as_u16(), 400);
}

async fn logout_ends_the_session(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    let res = app.plain_post(&client, "logout", &[], "/").await;
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(res.headers()["location"], "/login");
    assert_eq!(app.count("sessions").await, 0);
    let me: serde_json::Value = app.api(&client, "me", &[]).await.json().await.unwrap();
    assert!(me.is_null());
}

async fn a_new_login_replaces_the_session(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    app.api(
        &client,
        "login",
        &[("email", "coordinator@test.ee"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(
        app.count("sessions").await,
        1,
        "the old session id is dropped"
    );
}

async fn an_invite_sets_a_password_once(app: TestApp) {
    let admin = app.login_as("admin@test.ee").await;
    let res = app
        .api(
            &admin,
            "create_invite",
            &[
                ("form[email]", "new.person@test.ee"),
                ("form[display_name]", "New Person"),
                ("form[volunteer]", "on"),
                ("form[facilitator]", "on"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let link: String = res.json().await.unwrap();
    let token = link.trim_start_matches("/invite/").to_string();
    let (status, page) = app.page(&app.client(), &link).await;
    assert_eq!(status, 200);
    assert!(page.contains("new.person@test.ee"));

    let invitee = app.client();
    let short = app
        .api(
            &invitee,
            "accept_invite",
            &[
                ("token", &token),
                ("new_password", "short"),
                ("confirm_password", "short"),
            ],
        )
        .await;
    assert_eq!(short.status().as_u16(), 422);
    assert_eq!(
        error_of(short).await["Invalid"][0]["code"]["PasswordTooShort"]["min"],
        10
    );
    let mismatch = app
        .api(
            &invitee,
            "accept_invite",
            &[
                ("token", &token),
                ("new_password", "a long password"),
                ("confirm_password", "a long passw0rd"),
            ],
        )
        .await;
    assert_eq!(mismatch.status().as_u16(), 422);
    assert_eq!(app.count("accounts").await, 6);

    let ok = app
        .api(
            &invitee,
            "accept_invite",
            &[
                ("token", &token),
                ("new_password", "a long password"),
                ("confirm_password", "a long password"),
            ],
        )
        .await;
    assert_eq!(ok.status().as_u16(), 200);
    let me: serde_json::Value = app.api(&invitee, "me", &[]).await.json().await.unwrap();
    assert_eq!(me["display_name"], "New Person");
    assert_eq!(me["roles"], serde_json::json!(["volunteer", "facilitator"]));

    let again = app
        .api(
            &app.client(),
            "accept_invite",
            &[
                ("token", &token),
                ("new_password", "another password"),
                ("confirm_password", "another password"),
            ],
        )
        .await;
    assert_eq!(again.status().as_u16(), 422);
    assert_eq!(error_of(again).await["Invalid"][0]["code"], "InvalidInvite");
    let (status, _) = app.page(&app.client(), &link).await;
    assert_eq!(status, 404, "a used link is gone");
}

async fn invite_input_is_checked(app: TestApp) {
    let admin = app.login_as("admin@test.ee").await;
    let res = app
        .api(
            &admin,
            "create_invite",
            &[
                ("form[email]", "coordinator@test.ee"),
                ("form[display_name]", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let errors = error_of(res).await;
    let codes: Vec<(String, serde_json::Value)> = errors["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_string(), e["code"].clone()))
        .collect();
    assert!(
        codes.contains(&("email".into(), "EmailTaken".into())),
        "{codes:?}"
    );
    assert!(codes.contains(&("display_name".into(), "Required".into())));
    assert!(codes.contains(&("roles".into(), "NoRole".into())));
    let res = app
        .api(
            &admin,
            "create_invite",
            &[
                ("form[email]", "not an email"),
                ("form[display_name]", "X"),
                ("form[admin]", "on"),
            ],
        )
        .await;
    assert_eq!(error_of(res).await["Invalid"][0]["code"], "InvalidEmail");
    assert_eq!(app.count("invites").await, 0);
}

async fn password_change_checks_the_current_one(app: TestApp) {
    let client = app.login_as("volunteer@test.ee").await;
    let other = app.login_as("volunteer@test.ee").await;
    let wrong = app
        .api(
            &client,
            "change_password",
            &[
                ("current_password", "wrong"),
                ("new_password", "brand new password"),
                ("confirm_password", "brand new password"),
            ],
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 422);
    assert_eq!(
        error_of(wrong).await["Invalid"][0]["field"],
        "current_password"
    );
    let ok = app
        .api(
            &client,
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "brand new password"),
                ("confirm_password", "brand new password"),
            ],
        )
        .await;
    assert_eq!(ok.status().as_u16(), 200);
    let me: serde_json::Value = app.api(&other, "me", &[]).await.json().await.unwrap();
    assert!(me.is_null(), "other sessions end");
    let old = app
        .api(
            &app.client(),
            "login",
            &[("email", "volunteer@test.ee"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(old.status().as_u16(), 422);
    let new = app
        .api(
            &app.client(),
            "login",
            &[
                ("email", "volunteer@test.ee"),
                ("password", "brand new password"),
            ],
        )
        .await;
    assert_eq!(new.status().as_u16(), 200);
}

async fn login_redirects_only_within_the_site(app: TestApp) {
    let client = app.client();
    let res = app
        .plain_post(
            &client,
            "login",
            &[
                ("email", "coordinator@test.ee"),
                ("password", PASSWORD),
                ("next", "https://evil.example/"),
            ],
            "/login",
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(res.headers()["location"], "/");
    let res = app
        .plain_post(
            &app.client(),
            "login",
            &[
                ("email", "coordinator@test.ee"),
                ("password", PASSWORD),
                ("next", "/households?q=a"),
            ],
            "/login",
        )
        .await;
    assert_eq!(res.headers()["location"], "/households?q=a");
}

on_both_databases!(
    login_with_the_right_password_opens_a_session,
    wrong_password_and_unknown_account_get_the_same_answer,
    repeated_failures_are_throttled,
    malformed_login_requests_are_400,
    logout_ends_the_session,
    a_new_login_replaces_the_session,
    an_invite_sets_a_password_once,
    invite_input_is_checked,
    password_change_checks_the_current_one,
    login_redirects_only_within_the_site,
);
