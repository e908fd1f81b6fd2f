//! A new NGO's first day on an empty database, without demo data, in the browser: the first
//! admin accepts the create-admin link, creates the Tartu office with a room and invites a
//! coordinator (the link taken from the emailed .eml); the coordinator sets office hours,
//! registers a household from a request sent through the public contact form and invites its
//! adult member; the member sets a password from the email, signs up for a workshop and books
//! a consultation; the delivery report counts the person; the admin deactivates the
//! coordinator, whose open session meets the login page at the next click.

use super::browser::{Browser, Session};
use super::{fill_registration, option_value, send_contact_request, tallinn_day};
use base64::Engine;
use std::time::{Duration, Instant};

const PASSWORD: &str = "a long first-day password";

/// The text of a single-part message, decoded.
fn body_of(eml: &str) -> String {
    let (headers, body) = eml.split_once("\r\n\r\n").unwrap_or((eml, ""));
    if headers.contains("Content-Transfer-Encoding: base64") {
        let joined: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(joined)
            .unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    } else if headers.contains("Content-Transfer-Encoding: quoted-printable") {
        let bytes = quoted_printable::decode(body.as_bytes(), quoted_printable::ParseMode::Robust)
            .unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        body.to_string()
    }
}

/// Waits for the worker to write a message to `to` and answers the path of its link that
/// starts with `prefix`.
async fn link_from_outbox(b: &Browser, to: &str, prefix: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(entries) = std::fs::read_dir(&b.outbox) {
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                let to_line = text
                    .lines()
                    .find(|l| l.starts_with("To:"))
                    .unwrap_or_default();
                if !to_line.contains(to) {
                    continue;
                }
                let body = body_of(&text);
                if let Some(start) = body.find(prefix) {
                    return body[start..]
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string();
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "no message to {to} in the outbox"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Sets a password on an invitation page and lands on the home page.
async fn accept(s: &Session, link: &str) {
    s.open(link).await;
    s.fill("new_password", PASSWORD).await;
    s.fill("confirm_password", PASSWORD).await;
    s.submit().await;
    s.wait_for_path(|p| p == "/").await;
}

async fn count(b: &Browser, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(b.db.pool())
        .await
        .expect("count")
}

async fn wait_count(b: &Browser, sql: &str, wanted: i64) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while count(b, sql).await != wanted {
        assert!(Instant::now() < deadline, "{sql} never reached {wanted}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_ngo_runs_its_first_day_on_an_empty_database() {
    let started = Instant::now();
    let b = Browser::start_empty().await;
    assert_eq!(count(&b, "SELECT COUNT(*) FROM accounts").await, 0);
    assert_eq!(count(&b, "SELECT COUNT(*) FROM offices").await, 0);
    let token = tugi_server::first_admin::invite(&b.db, "maris@ngo.ee", "Maris Tamm", "en")
        .await
        .expect("create-admin");

    // The first admin: password, the setup checklist, the office and its room, a coordinator.
    let admin = b.session(true).await;
    accept(&admin, &format!("/invite/{token}")).await;
    admin.wait_for_text("#setup-title", "Setting up Tugi").await;
    admin.open("/admin/offices").await;
    admin.fill("form[name]", "Tartu").await;
    admin.fill("form[city]", "Tartu").await;
    admin.fill("form[address]", "Riia 15, 51010 Tartu").await;
    admin.submit().await;
    admin
        .wait_for_path(|p| p.starts_with("/admin/offices/"))
        .await;
    admin.fill_css("#f-room-name", "Vastuvõturuum").await;
    admin.fill_css("#f-room-capacity", "4").await;
    admin
        .fill_css("#f-room-accessibility", "Ground floor, step-free")
        .await;
    admin
        .click_xpath("//button[normalize-space()='Add room']")
        .await;
    admin.wait_for_text("ul.rooms", "Vastuvõturuum").await;
    admin.open("/invitations").await;
    admin.fill("form[display_name]", "Jaan Kask").await;
    admin.fill("form[email]", "jaan@ngo.ee").await;
    admin.select("form[language]", "en").await;
    admin.click("#role-coordinator").await;
    admin.click("#role-facilitator").await;
    admin.submit().await;
    admin
        .wait_for_text("[role=status]", "The invitation has been sent")
        .await;
    let jaan_link = link_from_outbox(&b, "jaan@ngo.ee", "/invite/").await;

    // The coordinator: office hours on weekdays, a household, its adult member invited.
    let jaan = b.session(true).await;
    accept(&jaan, &jaan_link).await;
    jaan.open("/office-hours").await;
    let tartu = option_value(&jaan, "f-window-office", "Tartu").await;
    for weekday in 1..=5 {
        jaan.select("form[office]", &tartu).await;
        jaan.select("form[weekday]", &weekday.to_string()).await;
        jaan.fill("form[start_time]", "09:00").await;
        jaan.fill("form[end_time]", "17:00").await;
        jaan.click("form:has(#f-window-start_time) button[type=submit]")
            .await;
        wait_count(&b, "SELECT COUNT(*) FROM office_hours", weekday).await;
    }
    // A person writes through the public contact form; the coordinator registers the
    // household from the request in his inbox.
    let visitor = b.session(true).await;
    visitor.open("/contact").await;
    send_contact_request(&visitor, "Mariam Rahimi", "en", "We arrived last week.").await;
    visitor.close().await;
    jaan.open("/").await;
    jaan.wait_for_text("main", "Contact requests open: 1").await;
    jaan.open("/intake").await;
    jaan.click_xpath("//table//a[normalize-space()='Mariam Rahimi']")
        .await;
    jaan.wait_for_path(|p| p.starts_with("/intake/")).await;
    jaan.click("a[href^='/households/new?intake=']").await;
    jaan.wait_for_path(|p| p == "/households/new").await;
    assert_eq!(jaan.value("member[last_name]").await, "Rahimi");
    fill_registration(&jaan, "Rahimi", "1991-05-17").await;
    jaan.submit().await;
    jaan.wait_for_path(|p| p.starts_with("/households/") && p != "/households/new")
        .await;
    let logins = "section[aria-labelledby=logins-title]";
    jaan.fill_css(&format!("{logins} input[type=email]"), "mariam@ngo.ee")
        .await;
    jaan.click(&format!("{logins} button[type=submit]")).await;
    jaan.wait_for_text(logins, "invited (mariam@ngo.ee)").await;

    // A group for the member to join, on the shared calendar (through the coordinator's API).
    let room: i64 = count(&b, "SELECT id FROM rooms").await;
    let office: i64 = count(&b, "SELECT id FROM offices").await;
    let jaan_id: i64 = count(&b, "SELECT id FROM accounts WHERE email = 'jaan@ngo.ee'").await;
    let api = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let login = api
        .post(format!("{}/api/login", b.base))
        .header("accept", "application/json")
        .form(&[("email", "jaan@ngo.ee"), ("password", PASSWORD)])
        .send()
        .await
        .expect("login");
    assert_eq!(login.status().as_u16(), 200);
    // Registration closes the day before the first session: holidays may skip later weeks
    // (in December the third and fourth), and it must not close after the last session.
    let (first, closes) = (tallinn_day(7), tallinn_day(6));
    let series = api
        .post(format!("{}/api/create_series", b.base))
        .header("accept", "application/json")
        .form(&[
            ("series[activity]", "digital_literacy"),
            ("series[place_kind]", "room"),
            ("series[capacity]", "8"),
            ("series[language_1]", "en"),
            ("series[eligibility]", "everyone"),
            ("series[first_date]", first.as_str()),
            ("series[start_time]", "17:00"),
            ("series[end_time]", "18:30"),
            ("series[repeat]", "weekly"),
            ("series[weeks]", "4"),
            ("series[holidays]", "skip"),
            ("series[registration_closes]", closes.as_str()),
            ("series[office]", office.to_string().as_str()),
            ("series[room]", room.to_string().as_str()),
            ("series[facilitator_1]", jaan_id.to_string().as_str()),
        ])
        .send()
        .await
        .expect("series");
    assert_eq!(series.status().as_u16(), 200, "a series is created");
    let series: i64 = series.json().await.expect("its id");

    // The member: a password from the email, a workshop sign-up, a consultation.
    let mariam_link = link_from_outbox(&b, "mariam@ngo.ee", "/invite/").await;
    let mariam = b.session(true).await;
    accept(&mariam, &mariam_link).await;
    mariam.open(&format!("/workshops/{series}")).await;
    mariam
        .click_xpath("//fieldset[@id='f-people']//label[normalize-space()='Mariam Rahimi']")
        .await;
    mariam.click("#f-people ~ button[type=submit]").await;
    mariam.wait_for_text(".notice", "You are signed up").await;
    mariam.open("/consultations/book").await;
    let tartu = option_value(&mariam, "office", "Tartu").await;
    mariam.select("office", &tartu).await;
    mariam.click("form.filters button").await;
    mariam
        .wait_for_path(|p| p.starts_with("/consultations/book"))
        .await;
    mariam.click("input[name='form[slot]']").await;
    mariam.select("form[topic]", "housing").await;
    mariam.fill("form[party_size]", "1").await;
    mariam.click("form.stack button[type=submit]").await;
    mariam
        .wait_for_path(|p| p.starts_with("/consultations/") && !p.ends_with("/book"))
        .await;
    assert_eq!(count(&b, "SELECT COUNT(*) FROM consultations").await, 1);
    assert_eq!(
        count(
            &b,
            "SELECT COUNT(*) FROM registrations WHERE status = 'confirmed'"
        )
        .await,
        1
    );

    // The request is closed and linked; the report counts the household's one person.
    assert_eq!(
        count(
            &b,
            "SELECT COUNT(*) FROM intake_requests WHERE household_id IS NOT NULL AND status = 'closed'"
        )
        .await,
        1
    );
    assert_eq!(super::intake::people_reached(&jaan).await, 1);

    // The admin takes the coordinator's access away; his open page meets the login page.
    admin.open(&format!("/admin/accounts/{jaan_id}")).await;
    admin.click("#f-active").await;
    wait_count(
        &b,
        "SELECT COUNT(*) FROM accounts WHERE email = 'jaan@ngo.ee' AND active = 0",
        1,
    )
    .await;
    jaan.click(".nav-links a[href='/households']").await;
    jaan.wait_for_path(|p| p == "/login").await;

    for s in [admin, jaan, mariam] {
        s.close().await;
    }
    println!(
        "first day on an empty database, end to end: {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
