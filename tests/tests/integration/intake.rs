//! The public contact and self-referral form: a person's request reaches the coordinators'
//! inbox and becomes a household; spam is dropped and stored nowhere; bad input is refused
//! with nothing stored; the funder's acknowledgement can be reworded by an admin.

use crate::helpers::{assert_refused, TestApp};
use reqwest::header::ACCEPT;
use reqwest::Response;
use serde_json::Value;

/// A fresh form as the page gets it: (stamp, the answer to its question, an office it offers).
async fn fresh_form(app: &TestApp) -> (String, String, i64) {
    sqlx::query(
        "INSERT INTO offices (code, name, address, updated_at) \
         VALUES ('tartu-intake', 'Tartu', 'Riia 15, Tartu', 0) ON CONFLICT (code) DO NOTHING",
    )
    .execute(app.db.pool())
    .await
    .expect("office");
    let res = app.api(&app.client(), "contact_form", &[]).await;
    assert_eq!(res.status().as_u16(), 200);
    let form: Value = res.json().await.expect("json");
    let answer = form["a"].as_u64().expect("a") + form["b"].as_u64().expect("b");
    let office = form["offices"]
        .as_array()
        .and_then(|o| o.last())
        .and_then(|o| o[0].as_i64())
        .expect("an office");
    (
        form["stamp"].as_str().expect("stamp").to_string(),
        answer.to_string(),
        office,
    )
}

/// Moves the server's clock on, as a person takes time to fill the form in.
fn wait(app: &TestApp, seconds: i64) {
    app.clock.set(app.clock.now() + seconds);
}

fn valid<'a>(stamp: &'a str, answer: &'a str, office: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("request[requester]", "self"),
        ("request[name]", "Olena Kovalenko"),
        ("request[phone]", "+372 5555 1234"),
        ("request[email]", "olena@example.org"),
        ("request[channel]", "whatsapp"),
        ("request[language]", "uk"),
        ("request[city]", "Tartu"),
        ("request[office]", office),
        ("request[help]", "support_person"),
        ("request[message]", "Ми щойно приїхали з двома дітьми."),
        ("request[consent]", "on"),
        ("request[human_answer]", answer),
        ("request[website]", ""),
        ("request[stamp]", stamp),
    ]
}

/// Posts the form as the page's script does, from the client at `address`.
async fn send_from(app: &TestApp, address: &str, form: &[(&str, &str)]) -> Response {
    app.client()
        .post(app.url("/api/send_intake"))
        .header(ACCEPT, "application/json")
        .header("x-forwarded-for", address)
        .form(form)
        .send()
        .await
        .expect("request")
}

fn with<'a>(
    mut form: Vec<(&'static str, &'a str)>,
    field: &str,
    value: &'a str,
) -> Vec<(&'static str, &'a str)> {
    for pair in form.iter_mut() {
        if pair.0 == field {
            pair.1 = value;
        }
    }
    form
}

pub async fn a_referral_becomes_a_household_and_stays_linked(app: TestApp) {
    let (stamp, answer, office) = fresh_form(&app).await;
    let office = office.to_string();
    wait(&app, 20);
    let res = send_from(&app, "10.9.0.1", &valid(&stamp, &answer, &office)).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(app.count("intake_requests").await, 1);
    let (kind, language, recipient): (String, String, String) = sqlx::query_as(
        "SELECT kind, language, recipient FROM outbox WHERE kind = 'intake_received'",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("the sender's confirmation");
    assert_eq!(
        (kind.as_str(), language.as_str()),
        ("intake_received", "uk")
    );
    assert!(recipient.contains("olena@example.org"), "{recipient}");

    let coordinator = app.login_as("coordinator@test.ee").await;
    let inbox: Value = app
        .api(&coordinator, "intake_inbox", &[])
        .await
        .json()
        .await
        .expect("inbox");
    let open = inbox["open"].as_array().expect("open");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["name"], "Olena Kovalenko");
    assert_eq!(open[0]["help"], "support_person");
    let id = open[0]["id"].as_i64().expect("id").to_string();
    let (status, page) = app.page(&coordinator, "/intake").await;
    assert_eq!(status, 200);
    assert!(page.contains("Olena Kovalenko"), "the inbox lists it");

    let res = app.api(&coordinator, "take_intake", &[("id", &id)]).await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &coordinator,
            "note_intake",
            &[
                ("id", &id),
                ("note", "Called on WhatsApp; meeting on Monday"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let prefill: Value = app
        .api(&coordinator, "intake_prefill", &[("id", &id)])
        .await
        .json()
        .await
        .expect("prefill");
    assert_eq!(prefill[0]["city"], "Tartu");
    assert_eq!(prefill[0]["channel"], "whatsapp");
    assert_eq!(prefill[1]["first_name"], "Olena");
    assert_eq!(prefill[1]["last_name"], "Kovalenko");
    let (status, page) = app
        .page(&coordinator, &format!("/households/new?intake={id}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Kovalenko") && page.contains("name=\"intake\""));

    let households = app.count("households").await;
    let register = [
        ("household[city]", "Tartu"),
        ("household[arrival_date]", "2026-11-20"),
        ("household[phone]", "+372 5555 1234"),
        ("household[email]", "olena@example.org"),
        ("household[channel]", "whatsapp"),
        ("household[needs]", "Support person"),
        ("member[first_name]", "Olena"),
        ("member[last_name]", "Kovalenko"),
        ("member[date_of_birth]", "1990-05-01"),
        ("member[gender]", "female"),
        ("member[language_1]", "uk"),
        ("member[level_1]", "native"),
        ("intake", &id),
    ];
    let res = app.api(&coordinator, "create_household", &register).await;
    assert_eq!(res.status().as_u16(), 200);
    let household: i64 = res.json().await.expect("household id");
    let (status, outcome, linked): (String, String, Option<i64>) =
        sqlx::query_as("SELECT status, outcome, household_id FROM intake_requests WHERE id = $1")
            .bind(id.parse::<i64>().expect("id"))
            .fetch_one(app.db.pool())
            .await
            .expect("request");
    assert_eq!(
        (status.as_str(), outcome.as_str(), linked),
        ("closed", "registered", Some(household))
    );
    // The same request cannot make a second household; nothing is left of the attempt.
    let res = app.api(&coordinator, "create_household", &register).await;
    assert_refused(res, "intake", "IntakeClosed").await;
    assert_eq!(app.count("households").await, households + 1);
    // Nor be closed again.
    let res = app
        .api(
            &coordinator,
            "close_intake",
            &[("id", &id), ("outcome", "answered"), ("note", "")],
        )
        .await;
    assert_refused(res, "intake", "IntakeClosed").await;
    let detail: Value = app
        .api(&coordinator, "get_intake", &[("id", &id)])
        .await
        .json()
        .await
        .expect("detail");
    assert_eq!(detail["household_id"], household);
    assert_eq!(
        detail["contact_note"],
        "Called on WhatsApp; meeting on Monday"
    );
}

pub async fn spam_is_dropped_and_stored_nowhere(app: TestApp) {
    let (stamp, answer, office) = fresh_form(&app).await;
    let office = office.to_string();
    // Posted at once: too fast for a person.
    let res = send_from(&app, "10.9.1.1", &valid(&stamp, &answer, &office)).await;
    assert_eq!(res.status().as_u16(), 200, "a robot sees the same answer");
    wait(&app, 20);
    let honeypot = with(
        valid(&stamp, &answer, &office),
        "request[website]",
        "http://x.example",
    );
    assert_eq!(
        send_from(&app, "10.9.1.2", &honeypot)
            .await
            .status()
            .as_u16(),
        200
    );
    let forged = stamp.replacen("v1.", "v1.1", 1);
    let forged = with(valid(&stamp, &answer, &office), "request[stamp]", &forged);
    assert_eq!(
        send_from(&app, "10.9.1.3", &forged).await.status().as_u16(),
        200
    );
    let missing = with(valid(&stamp, &answer, &office), "request[stamp]", "");
    assert_eq!(
        send_from(&app, "10.9.1.4", &missing)
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(app.count("intake_requests").await, 0);
    assert_eq!(
        app.count("outbox").await,
        0,
        "no confirmation goes to a robot's address"
    );
    // A wrong answer is a person's mistake: they are told.
    let wrong = with(
        valid(&stamp, &answer, &office),
        "request[human_answer]",
        "100",
    );
    assert_refused(
        send_from(&app, "10.9.1.5", &wrong).await,
        "human_answer",
        "WrongAnswer",
    )
    .await;
    // An old stamp cannot be replayed.
    wait(&app, 3 * 3600);
    let res = send_from(&app, "10.9.1.6", &valid(&stamp, &answer, &office)).await;
    assert_refused(res, "human_answer", "FormExpired").await;
    assert_eq!(app.count("intake_requests").await, 0);
    // Twenty posts a minute from one client: the form says "too many" after five.
    let (stamp, answer, _) = fresh_form(&app).await;
    wait(&app, 20);
    let mut statuses = Vec::new();
    for _ in 0..20 {
        let res = send_from(&app, "10.9.1.7", &valid(&stamp, &answer, &office)).await;
        statuses.push(res.status().as_u16());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        5,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        15,
        "{statuses:?}"
    );
    assert_eq!(app.count("intake_requests").await, 5);
}

pub async fn bad_input_is_refused_and_nothing_is_stored(app: TestApp) {
    let (stamp, answer, office) = fresh_form(&app).await;
    let office = office.to_string();
    wait(&app, 20);
    let long = "я".repeat(3_001);
    let cases: Vec<(&str, &str, &str, &str)> = vec![
        ("request[name]", "  ", "name", "Required"),
        ("request[email]", "not an address", "email", "InvalidEmail"),
        ("request[phone]", "call me", "phone", "InvalidChoice"),
        ("request[message]", &long, "message", "TooLong"),
        ("request[office]", "999999", "office", "InvalidChoice"),
        ("request[help]", "money", "help", "InvalidChoice"),
        ("request[consent]", "", "consent", "ConsentRequired"),
        ("request[language]", "fr", "language", "InvalidChoice"),
    ];
    for (i, (field, value, error_field, code)) in cases.into_iter().enumerate() {
        let form = with(valid(&stamp, &answer, &office), field, value);
        let address = format!("10.9.2.{i}");
        assert_refused(send_from(&app, &address, &form).await, error_field, code).await;
    }
    let neither = with(
        with(valid(&stamp, &answer, &office), "request[phone]", ""),
        "request[email]",
        "",
    );
    assert_refused(
        send_from(&app, "10.9.2.50", &neither).await,
        "email",
        "EmailOrPhone",
    )
    .await;
    assert_eq!(app.count("intake_requests").await, 0);
    assert_eq!(app.count("outbox").await, 0);

    // The inbox is the coordinators': bad ids and reasons are refused too.
    let coordinator = app.login_as("coordinator@test.ee").await;
    let res = app
        .api(&coordinator, "get_intake", &[("id", "999999")])
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let res = app.api(&coordinator, "get_intake", &[("id", "abc")]).await;
    assert_eq!(res.status().as_u16(), 400);
    let beneficiary = app.login_as("beneficiary@test.ee").await;
    let res = app.api(&beneficiary, "intake_inbox", &[]).await;
    assert_eq!(res.status().as_u16(), 403);
}

pub async fn without_javascript_a_refused_form_comes_back_filled_in(app: TestApp) {
    let visitor = app.client();
    let (stamp, answer, office) = fresh_form(&app).await;
    let office = office.to_string();
    wait(&app, 20);
    let form = with(
        valid(&stamp, &answer, &office),
        "request[email]",
        "not an address",
    );
    let res = app
        .plain_post(&visitor, "send_intake", &form, "/contact")
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let (status, page) = app.page(&visitor, "/contact").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Olena Kovalenko"),
        "the name typed is shown again"
    );
    assert!(page.contains("Ми щойно приїхали"), "and the message");
    assert_eq!(app.count("intake_requests").await, 0);
    // Once shown, the draft is gone.
    let (_, again) = app.page(&visitor, "/contact").await;
    assert!(!again.contains("Olena Kovalenko"));
    // A good post lands on the thank-you page.
    let res = app
        .plain_post(
            &visitor,
            "send_intake",
            &valid(&stamp, &answer, &office),
            "/contact",
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(location.ends_with("/contact/thanks"), "{location}");
    assert_eq!(app.count("intake_requests").await, 1);
}

pub async fn an_admin_rewords_the_funder_acknowledgement(app: TestApp) {
    let (_, page) = app.page_in_language("/privacy", Some("en")).await;
    assert!(
        page.contains("Co-funded by the European Union"),
        "the default"
    );
    let admin = app.login_as("admin@test.ee").await;
    let too_long = "x".repeat(501);
    let res = app
        .api(
            &admin,
            "save_funder_wording",
            &[
                ("text_et", ""),
                ("text_en", &too_long),
                ("text_ru", ""),
                ("text_uk", ""),
            ],
        )
        .await;
    assert_refused(res, "text_en", "TooLong").await;
    let res = app
        .api(
            &admin,
            "save_funder_wording",
            &[
                ("text_et", ""),
                ("text_en", "Funded by the AMIF programme 2021-2027."),
                ("text_ru", ""),
                ("text_uk", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let (_, page) = app.page_in_language("/privacy", Some("en")).await;
    assert!(page.contains("Funded by the AMIF programme 2021-2027."));
    let (_, page) = app.page_in_language("/privacy", Some("et")).await;
    assert!(
        page.contains("Kaasrahastab Euroopa Liit"),
        "other languages keep theirs"
    );
    let coordinator = app.login_as("coordinator@test.ee").await;
    let res = app
        .api(
            &coordinator,
            "save_funder_wording",
            &[
                ("text_et", ""),
                ("text_en", "mine"),
                ("text_ru", ""),
                ("text_uk", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
}

/// Tests tell clients apart by the address a proxy forwards, as a real installation does.
fn behind_proxy(config: &mut tugi_server::config::Config) {
    config.trusted_proxy_header = Some("X-Forwarded-For".into());
}

crate::on_both_databases!(
    configured behind_proxy;
    a_referral_becomes_a_household_and_stays_linked,
    spam_is_dropped_and_stored_nowhere,
    bad_input_is_refused_and_nothing_is_stored,
    without_javascript_a_refused_form_comes_back_filled_in,
    an_admin_rewords_the_funder_acknowledgement,
);
