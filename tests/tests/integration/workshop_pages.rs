//! Workshops beyond the seats: the series page and who sees the online link, a beneficiary's
//! sign-ups, messages in the household's language, capacity changes, cancelled sessions and
//! series, rosters with attendance, the figures, and activity types an admin adds.

use crate::consultations::at;
use crate::helpers::{assert_refused, TestApp};
use crate::on_both_databases;
use crate::workshops::{count, create_series, households, series_form, setup, sign, signed, Setup};
use reqwest::Client;
use serde_json::Value;

/// An online women's group for `capacity`, meeting Thursdays from 14 January 2027.
async fn online_series(app: &TestApp, s: &Setup, capacity: &str) -> i64 {
    let mut form = series_form(s, capacity, "women_only");
    for (k, v) in form.iter_mut() {
        if k == "series[place_kind]" {
            *v = "online".into();
        }
    }
    form.push((
        "series[online_link]".into(),
        "https://meet.example.org/naised".into(),
    ));
    let res = create_series(app, s, &form).await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.unwrap()
}

/// Links the beneficiary account to `member` and logs in as her.
async fn as_beneficiary(app: &TestApp, member: i64) -> Client {
    let id = app.account_id("beneficiary@test.ee").await;
    sqlx::query("UPDATE members SET account_id = $1 WHERE id = $2")
        .bind(id)
        .bind(member)
        .execute(app.db.pool())
        .await
        .unwrap();
    app.login_as("beneficiary@test.ee").await
}

/// Gives the households an email address, so that messages can reach them (in English: their
/// members speak no interface language).
async fn reachable(app: &TestApp, people: &[(i64, i64)]) {
    for (household, _) in people {
        sqlx::query("UPDATE households SET email = $2 WHERE id = $1")
            .bind(household)
            .bind(format!("household{household}@example.org"))
            .execute(app.db.pool())
            .await
            .unwrap();
    }
}

async fn messages(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as("SELECT kind, language, subject FROM outbox ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .unwrap()
}

async fn registration_of(res: reqwest::Response) -> String {
    assert_eq!(res.status().as_u16(), 200);
    let body: Value = res.json().await.unwrap();
    body["registration"].as_i64().unwrap().to_string()
}

pub(crate) async fn sessions_of(app: &TestApp, series: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT x.event_id FROM series_sessions x JOIN events e ON e.id = x.event_id \
         WHERE x.series_id = $1 ORDER BY e.starts_at",
    )
    .bind(series)
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

async fn sign_ups_pages_and_messages(app: TestApp) {
    let s = setup(&app).await;
    let series = online_series(&app, &s, "1").await;
    let people = households(&app, 2).await;
    reachable(&app, &people).await;
    let olena = as_beneficiary(&app, people[0].1).await;
    let page = format!("/workshops/{series}");

    // Anyone sees the series, never its link.
    let (status, anonymous) = app.page_in_language(&page, Some("en")).await;
    assert_eq!(status, 200);
    assert!(anonymous.contains("Women&#x27;s group") || anonymous.contains("Women's group"));
    assert!(anonymous.contains("Thu 14 Jan 2027, 17:00–18:30"));
    assert!(anonymous.contains("Log in to sign up"));
    assert!(!anonymous.contains("meet.example.org"));

    // Olena signs herself up: confirmed, told in Ukrainian, and she now sees the link.
    let key = format!("form[people][{}]", people[0].1);
    let series_id = series.to_string();
    let mine = registration_of(
        app.api(&olena, "sign_up", &[("series", &series_id), (&key, "on")])
            .await,
    )
    .await;
    let (_, hers) = app.page(&olena, &page).await;
    assert!(
        hers.contains("https://meet.example.org/naised"),
        "confirmed: the link"
    );
    let kinds = messages(&app).await;
    assert_eq!(kinds.len(), 1);
    assert_eq!(kinds[0].0, "workshop_confirmed");
    assert_eq!(kinds[0].1, "uk");
    assert!(kinds[0].2.contains("Жіноча група"), "{}", kinds[0].2);

    // The other household waits: first on the waitlist, no link for it.
    let waiting = registration_of(sign(&app, &s, series, people[1].0, people[1].1).await).await;
    let (_, staff) = app
        .page(&s.coordinator, &format!("{page}?household={}", people[1].0))
        .await;
    assert!(
        staff.contains("Person1"),
        "staff see the chosen household's sign-up"
    );
    let kinds = messages(&app).await;
    assert_eq!(kinds.last().unwrap().0, "workshop_waitlisted");

    // Her dashboard lists the sign-up; cancelling passes the seat on as an offer.
    let (status, dashboard) = app.page(&olena, "/my-workshops").await;
    assert_eq!(status, 200);
    assert!(
        dashboard.contains("Підтверджено"),
        "confirmed, in Ukrainian"
    );
    let res = app
        .api(&olena, "cancel_registration", &[("id", &mine)])
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let kinds: Vec<String> = messages(&app).await.into_iter().map(|m| m.0).collect();
    assert_eq!(
        &kinds[kinds.len() - 2..],
        ["workshop_cancelled", "workshop_offered"]
    );
    assert_eq!(count(&app, series, "offered").await, 1);
    let res = app
        .api(&s.coordinator, "accept_offer", &[("id", &waiting)])
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(count(&app, series, "confirmed").await, 1);
    assert_eq!(messages(&app).await.last().unwrap().0, "workshop_confirmed");
}

async fn capacity_and_cancellations(app: TestApp) {
    let s = setup(&app).await;
    let series = online_series(&app, &s, "1").await;
    let people = households(&app, 3).await;
    reachable(&app, &people).await;
    for (h, m) in &people {
        sign(&app, &s, series, *h, *m).await;
    }
    let id = series.to_string();
    // Not below the seats taken, not above 500; nothing changes.
    for (bad, code) in [
        ("0", "NumberOutOfRange"),
        ("501", "NumberOutOfRange"),
        ("x", "NumberOutOfRange"),
    ] {
        assert_refused(
            app.api(
                &s.coordinator,
                "change_capacity",
                &[("id", &id), ("capacity", bad)],
            )
            .await,
            "capacity",
            code,
        )
        .await;
    }
    let beneficiary = app.login_as("beneficiary@test.ee").await;
    let res = app
        .api(
            &beneficiary,
            "change_capacity",
            &[("id", &id), ("capacity", "5")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(count(&app, series, "waiting").await, 2);
    // Two more seats: both waiting are offered one, in order.
    let res = app
        .api(
            &s.coordinator,
            "change_capacity",
            &[("id", &id), ("capacity", "3")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(count(&app, series, "offered").await, 2);
    assert_eq!(count(&app, series, "waiting").await, 0);

    // A session cancelled: everyone taking part is told; it stays listed as cancelled.
    let sessions = sessions_of(&app, series).await;
    let before = messages(&app).await.len();
    let second = sessions[1].to_string();
    let res = app
        .api(
            &s.coordinator,
            "cancel_session",
            &[("session", &second), ("reason", "Ruum remondis")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let after = messages(&app).await;
    assert_eq!(after.len() - before, 3, "one confirmed and two offered");
    assert!(after[before..]
        .iter()
        .all(|m| m.0 == "workshop_session_cancelled"));
    assert_refused(
        app.api(
            &s.coordinator,
            "cancel_session",
            &[("session", &second), ("reason", "")],
        )
        .await,
        "session",
        "AlreadyStarted",
    )
    .await;
    let (_, page) = app
        .page_in_language(&format!("/workshops/{series}"), Some("en"))
        .await;
    assert!(page.contains("cancelled"));

    // The whole series: every sign-up ends and is told.
    let res = app
        .api(
            &s.coordinator,
            "cancel_series",
            &[("id", &id), ("reason", "")],
        )
        .await;
    assert!(res.status().is_success() || res.status().is_redirection());
    assert_eq!(count(&app, series, "cancelled").await, 3);
    assert_eq!(
        messages(&app)
            .await
            .iter()
            .filter(|m| m.0 == "workshop_cancelled")
            .count(),
        3
    );
    assert_refused(
        app.api(
            &s.coordinator,
            "cancel_series",
            &[("id", &id), ("reason", "")],
        )
        .await,
        "series",
        "RegistrationClosed",
    )
    .await;
    let (_, list) = app.page_in_language("/workshops", Some("en")).await;
    assert!(
        list.contains("There are no upcoming workshops"),
        "a cancelled series is not listed"
    );
}

async fn rosters_and_attendance(app: TestApp) {
    let s = setup(&app).await;
    let series = online_series(&app, &s, "4").await;
    let people = households(&app, 2).await;
    sign(&app, &s, series, people[0].0, people[0].1).await;
    sqlx::query(
        "INSERT INTO member_languages (member_id, language, level) VALUES ($1, 'ru', 'native')",
    )
    .bind(people[0].1)
    .execute(app.db.pool())
    .await
    .unwrap();
    let first = sessions_of(&app, series).await[0];
    let roster = format!("/workshops/sessions/{first}");
    let facilitator = app.login_as("facilitator@test.ee").await;
    let (status, page) = app.page(&facilitator, &roster).await;
    assert_eq!(status, 200);
    assert!(page.contains("Person0 Test"));
    assert!(
        page.contains("vene"),
        "languages, in the facilitator's Estonian"
    );
    assert!(!page.contains("Person1 Test"), "only those signed up");
    assert!(!page.contains("+372"), "no contact details");
    // Printed, it is an attendance sheet: funder, signature column, lines for walk-ins, date.
    assert!(page.contains("Kaasrahastatud Euroopa Liidu"));
    assert!(page.contains("Allkiri"));
    assert_eq!(page.matches("class=\"print-only blank\"").count(), 5);
    assert!(page.replace("<!>", "").contains("Trükitud 11.01.2027"));
    // Someone else's roster: a volunteer has no access, another facilitator does not find it.
    let volunteer = app.login_as("volunteer@test.ee").await;
    assert_eq!(app.page(&volunteer, &roster).await.0, 403);
    sqlx::query("DELETE FROM series_facilitators")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(app.page(&facilitator, &roster).await.0, 404);
    sqlx::query("INSERT INTO series_facilitators (series_id, account_id) VALUES ($1, $2)")
        .bind(series)
        .bind(s.facilitator)
        .execute(app.db.pool())
        .await
        .unwrap();

    let session = first.to_string();
    let mark = format!("form[marks][{}]", people[0].1);
    let stranger = format!("form[marks][{}]", people[1].1);
    let (mark_field, stranger_field) = (
        format!("marks[{}]", people[0].1),
        format!("marks[{}]", people[1].1),
    );
    let post = |key: String, value: &'static str| {
        let (client, session, app) = (&facilitator, session.clone(), &app);
        async move {
            app.api(
                client,
                "mark_session_attendance",
                &[("session", &session), (&key, value)],
            )
            .await
        }
    };
    // Monday, the session is on Thursday: excused may be noted, present not yet.
    assert_refused(
        post(mark.clone(), "present").await,
        &mark_field,
        "NotYetStarted",
    )
    .await;
    assert_refused(
        post(mark.clone(), "late").await,
        &mark_field,
        "InvalidChoice",
    )
    .await;
    assert_refused(
        post(stranger.clone(), "excused").await,
        &stranger_field,
        "InvalidChoice",
    )
    .await;
    assert_eq!(app.count("attendance").await, 0);
    assert_eq!(post(mark.clone(), "excused").await.status().as_u16(), 200);
    app.clock.set(at("2027-01-14", "18:40"));
    assert_eq!(post(mark.clone(), "present").await.status().as_u16(), 200);
    assert_eq!(app.count("attendance").await, 1, "changed, not added");
    let (_, page) = app.page(&facilitator, &roster).await;
    assert!(page.contains("checked"), "the mark is shown");
    let (status, board) = app.page(&s.coordinator, "/workshops/manage").await;
    assert_eq!(status, 200);
    assert!(board.contains("100 %"), "attendance per series");
    assert!(board.contains("1 / 4 (25 %)"), "fill rate");

    // Sign-ups stay open for an ongoing group: someone who joins after the first session is on
    // the later rosters only, and cannot be marked for the one they missed.
    sqlx::query("UPDATE series SET registration_closes = $1 WHERE id = $2")
        .bind(at("2027-02-01", "00:00"))
        .bind(series)
        .execute(app.db.pool())
        .await
        .unwrap();
    signed(&app, &s, series, people[1]).await;
    let (_, page) = app.page(&facilitator, &roster).await;
    assert!(!page.contains("Person1 Test"), "not at the past session");
    assert_refused(
        post(stranger.clone(), "absent").await,
        &stranger_field,
        "InvalidChoice",
    )
    .await;
    let second = sessions_of(&app, series).await[1];
    let (_, page) = app
        .page(&facilitator, &format!("/workshops/sessions/{second}"))
        .await;
    assert!(page.contains("Person1 Test"), "on the next roster");
}

async fn admins_add_activity_types(app: TestApp) {
    let admin = app.login_as("admin@test.ee").await;
    let form = [
        ("activity[category]", "life_skills"),
        ("activity[name_en]", "Cooking club"),
        ("activity[name_ru]", "Кулинарный клуб"),
        ("activity[description_en]", "Cooking Estonian food together"),
    ];
    let res = app.api(&admin, "add_activity_type", &form).await;
    assert_eq!(res.status().as_u16(), 200);
    let code: String = res.json().await.unwrap();
    assert_eq!(code, "cooking_club");
    assert_refused(
        app.api(&admin, "add_activity_type", &form).await,
        "name_en",
        "AlreadyExists",
    )
    .await;
    assert_refused(
        app.api(
            &admin,
            "add_activity_type",
            &[
                ("activity[category]", "sports"),
                ("activity[name_en]", "Football"),
            ],
        )
        .await,
        "category",
        "InvalidChoice",
    )
    .await;
    let coordinator = app.login_as("coordinator@test.ee").await;
    let res = app.api(&coordinator, "add_activity_type", &form).await;
    assert_eq!(res.status().as_u16(), 403);
    let types: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activity_types WHERE builtin = 0")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(types, 1);

    // A series of the new type, named in the reader's language.
    let s = setup(&app).await;
    let mut series = series_form(&s, "6", "everyone");
    for (k, v) in series.iter_mut() {
        if k == "series[activity]" {
            *v = "cooking_club".into();
        }
    }
    let res = create_series(&app, &s, &series).await;
    assert_eq!(res.status().as_u16(), 200);
    let id: i64 = res.json().await.unwrap();
    let (_, ru) = app
        .page_in_language(&format!("/workshops/{id}"), Some("ru"))
        .await;
    assert!(ru.contains("Кулинарный клуб"));
    let (_, et) = app
        .page_in_language(&format!("/workshops/{id}"), Some("et"))
        .await;
    assert!(
        et.contains("Cooking club"),
        "English where no Estonian name was given"
    );
    assert!(et.contains("Cooking Estonian food together"));
}

async fn staff_pages_render(app: TestApp) {
    let s = setup(&app).await;
    let (status, page) = app.page(&s.coordinator, "/workshops/new").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Kätlin Facilitator"),
        "facilitators to choose"
    );
    assert!(page.contains("Grupiruum"), "rooms to choose");
    let facilitator = app.login_as("facilitator@test.ee").await;
    assert_eq!(app.page(&facilitator, "/workshops/manage").await.0, 200);
    assert_eq!(app.page(&facilitator, "/workshops/new").await.0, 403);
    let beneficiary = app.login_as("beneficiary@test.ee").await;
    assert_eq!(app.page(&beneficiary, "/workshops/manage").await.0, 403);
    assert_eq!(app.page(&beneficiary, "/my-workshops").await.0, 200);
    assert_eq!(
        app.client()
            .get(app.url("/workshops/999"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
    // Without JavaScript a refused series comes back with its values and the message.
    let mut form = series_form(&s, "0", "everyone");
    form.retain(|(k, _)| k != "series[facilitator_1]");
    let res = app
        .plain_post(
            &s.coordinator,
            "create_series",
            &crate::workshops::pairs(&form),
            "/workshops/new",
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let back = location.trim_start_matches(&app.base).to_string();
    assert!(back.starts_with("/workshops/new?"), "{back}");
    let (status, again) = app.page(&s.coordinator, &back).await;
    assert_eq!(status, 200);
    assert!(again.contains("error-summary"), "the error is shown");
    assert!(
        again.contains("from 1 to 500"),
        "in the coordinator's language (en)"
    );
    assert!(
        again.contains("value=\"2027-01-14\""),
        "the typed values are kept"
    );
    assert_eq!(app.count("series").await, 0);
}

/// The home page per role: a facilitator sees the next sessions with their seats, a
/// beneficiary their next appointment and their sign-ups with the waitlist place.
async fn the_home_page_shows_each_role_what_it_needs(app: TestApp) {
    let s = setup(&app).await;
    let res = create_series(&app, &s, &series_form(&s, "1", "everyone")).await;
    assert_eq!(res.status().as_u16(), 200);
    let series: i64 = res.json().await.unwrap();
    let people = households(&app, 2).await;
    signed(&app, &s, series, people[0]).await;
    let olena = as_beneficiary(&app, people[1].1).await;
    let (_, before) = app.page(&olena, "/").await;
    let before = before.replace("<!>", "");
    assert!(
        before.contains("Ваш наступний прийом") && before.contains("У вас немає запису на прийом.")
    );
    assert!(before.contains("Ви ще не записалися"), "no sign-ups yet");
    signed(&app, &s, series, people[1]).await;

    let (_, home) = app.page(&olena, "/").await;
    let home = home.replace("<!>", "");
    assert!(home.contains("Ваші майстерні та групи"), "{home}");
    assert!(
        home.contains(&format!("href=\"/workshops/{series}\">Жіноча група</a>")),
        "{home}"
    );
    assert!(
        home.contains("У списку очікування · Місце у списку очікування: 1"),
        "{home}"
    );

    let facilitator = app.login_as("facilitator@test.ee").await;
    let (_, home) = app.page(&facilitator, "/").await;
    let home = home.replace("<!>", "");
    let first = sessions_of(&app, series).await[0];
    assert!(home.contains("Teie järgmised kohtumised"), "{home}");
    assert!(
        home.contains(&format!(
            "href=\"/workshops/sessions/{first}\">Naistegrupp</a>"
        )),
        "{home}"
    );
    assert!(home.contains("N, 14. jaan 2027 kell 17:00–18:30"), "{home}");
    assert!(home.contains("1/1 kohta täis, 1 ootel"), "{home}");
    // Neither card for the coordinator.
    let (_, home) = app.page(&s.coordinator, "/").await;
    assert!(!home.contains("Your next sessions") && !home.contains("Your next appointment"));
}

on_both_databases!(
    the_home_page_shows_each_role_what_it_needs,
    sign_ups_pages_and_messages,
    capacity_and_cancellations,
    rosters_and_attendance,
    admins_add_activity_types,
    staff_pages_render,
);
