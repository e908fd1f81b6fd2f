use crate::helpers::TestApp;
use crate::on_both_databases;

async fn the_language_follows_accept_language_then_english(app: TestApp) {
    let (_, ru) = app.page_in_language("/login", Some("ru-RU,ru;q=0.9")).await;
    assert!(
        ru.contains("lang=\"ru\"") && ru.contains("dir=\"ltr\""),
        "a Russian page: {ru}"
    );
    assert!(ru.contains("Вход"), "Russian heading");
    let (_, et) = app.page_in_language("/login", Some("et-EE,et;q=0.9")).await;
    assert!(et.contains("lang=\"et\"") && et.contains("Sisselogimine"));
    let (_, none) = app.page_in_language("/login", None).await;
    assert!(none.contains("lang=\"en\""), "no preference: English");
    let (_, unknown) = app.page_in_language("/login", Some("fr-FR")).await;
    assert!(
        unknown.contains("lang=\"en\"") && unknown.contains("Log in"),
        "a language Tugi does not offer falls back to English"
    );
    for (code, name) in [("et", "Eesti"), ("ru", "Русский"), ("uk", "Українська")]
    {
        assert!(
            unknown.contains(&format!("action=\"/lang/{code}\"")) && unknown.contains(name),
            "the language choice is on the first page"
        );
    }
}

async fn the_switch_sets_a_cookie_and_the_account_setting(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    // A link (GET) changes the cookie only: a GET never writes to an account.
    let res = app.get(&client, "/lang/ru?next=/households").await;
    assert_eq!(res.status().as_u16(), 303);
    let (language,): (String,) =
        sqlx::query_as("SELECT language FROM accounts WHERE email = 'coordinator@test.ee'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(language, "en");
    let (_, page) = app.page(&client, "/households").await;
    assert!(page.contains("lang=\"ru\""));
    // The header's buttons post the choice, which the account keeps.
    let res = client
        .post(app.url("/lang/uk"))
        .form(&[("next", "/households")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/households");
    let (_, page) = app.page(&client, "/households").await;
    assert!(page.contains("lang=\"uk\"") && page.contains("Зареєструвати"));
    let (language,): (String,) =
        sqlx::query_as("SELECT language FROM accounts WHERE email = 'coordinator@test.ee'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(language, "uk");

    // The account's language comes back at the next login, on any device.
    let other = app.login_as("coordinator@test.ee").await;
    let (_, page) = app.page(&other, "/").await;
    assert!(page.contains("lang=\"uk\""));

    let res = app.get(&client, "/lang/xx?next=/").await;
    assert_eq!(res.status().as_u16(), 404);
    let res = app.get(&client, "/lang/et?next=//evil.example").await;
    assert_eq!(res.headers()["location"], "/");
}

on_both_databases!(
    the_language_follows_accept_language_then_english,
    the_switch_sets_a_cookie_and_the_account_setting,
);
