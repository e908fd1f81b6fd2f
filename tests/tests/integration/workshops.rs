//! Workshops: creating a series, signing up under a crowd (seats, waitlist, offers), and the
//! bad input of each form.

use crate::consultations::at;
use crate::helpers::{assert_refused, TestApp};
use crate::on_both_databases;
use reqwest::Client;
use serde_json::Value;
use std::time::Instant;

/// Thursday 14 January 2027 is the first session; the clock stands on Monday the 11th.
const MONDAY: &str = "2027-01-11";

pub(crate) struct Setup {
    pub coordinator: Client,
    pub office: i64,
    pub room: i64,
    pub facilitator: i64,
}

pub(crate) async fn setup(app: &TestApp) -> Setup {
    app.clock.set(at(MONDAY, "08:00"));
    let pool = app.db.pool();
    let office: i64 = sqlx::query_scalar(
        "INSERT INTO offices (code, name, address, updated_at) \
         VALUES ('tartu', 'Tartu', 'Riia 15, Tartu', 0) RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let room: i64 = sqlx::query_scalar(
        "INSERT INTO rooms (office_id, name, capacity) VALUES ($1, 'Grupiruum', 14) RETURNING id",
    )
    .bind(office)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO accounts (email, display_name, password_hash, language, active, created_at) \
         SELECT 'facilitator@test.ee', 'Kätlin Facilitator', password_hash, 'et', 1, 0 \
         FROM accounts WHERE email = 'volunteer@test.ee'",
    )
    .execute(pool)
    .await
    .unwrap();
    let facilitator = app.account_id("facilitator@test.ee").await;
    sqlx::query("INSERT INTO account_roles (account_id, role) VALUES ($1, 'facilitator')")
        .bind(facilitator)
        .execute(pool)
        .await
        .unwrap();
    Setup {
        coordinator: app.login_as("coordinator@test.ee").await,
        office,
        room,
        facilitator,
    }
}

pub(crate) fn series_form(s: &Setup, capacity: &str, eligibility: &str) -> Vec<(String, String)> {
    [
        ("series[activity]", "womens_group"),
        ("series[place_kind]", "room"),
        ("series[capacity]", capacity),
        ("series[language_1]", "ru"),
        ("series[eligibility]", eligibility),
        ("series[first_date]", "2027-01-14"),
        ("series[start_time]", "17:00"),
        ("series[end_time]", "18:30"),
        ("series[repeat]", "weekly"),
        ("series[weeks]", "4"),
        ("series[holidays]", "skip"),
        ("series[registration_closes]", "2027-01-13"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .chain([
        ("series[office]".to_string(), s.office.to_string()),
        ("series[room]".to_string(), s.room.to_string()),
        (
            "series[facilitator_1]".to_string(),
            s.facilitator.to_string(),
        ),
    ])
    .collect()
}

pub(crate) fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

pub(crate) async fn create_series(
    app: &TestApp,
    s: &Setup,
    form: &[(String, String)],
) -> reqwest::Response {
    app.api(&s.coordinator, "create_series", &pairs(form)).await
}

/// `n` households of one adult woman each; returns (household, member) ids.
pub(crate) async fn households(app: &TestApp, n: usize) -> Vec<(i64, i64)> {
    let pool = app.db.pool();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let household: i64 = sqlx::query_scalar(
            "INSERT INTO households (city, arrival_date, channel, status, created_by, created_at, \
             updated_at) VALUES ('Tartu', '2026-10-01', 'phone', 'active', $1, 0, 0) RETURNING id",
        )
        .bind(app.coordinator_id)
        .fetch_one(pool)
        .await
        .unwrap();
        let member: i64 = sqlx::query_scalar(
            "INSERT INTO members (household_id, first_name, last_name, date_of_birth, gender, \
             created_at) VALUES ($1, $2, 'Test', '1990-01-01', 'female', 0) RETURNING id",
        )
        .bind(household)
        .bind(format!("Person{i}"))
        .fetch_one(pool)
        .await
        .unwrap();
        out.push((household, member));
    }
    out
}

pub(crate) async fn count(app: &TestApp, series: i64, status: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE series_id = $1 AND status = $2")
        .bind(series)
        .bind(status)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn two_hundred_people_race_for_twelve_seats(app: TestApp) {
    let s = setup(&app).await;
    let res = create_series(&app, &s, &series_form(&s, "12", "everyone")).await;
    assert_eq!(res.status().as_u16(), 200);
    let series: i64 = res.json().await.unwrap();
    let people = households(&app, 200).await;
    let instances = app.instances().await;
    let started = Instant::now();
    let calls = people.iter().enumerate().map(|(i, (household, member))| {
        let client = s.coordinator.clone();
        let url = format!("{}/api/sign_up", instances[i % instances.len()]);
        let form = vec![
            ("series".to_string(), series.to_string()),
            ("form[household]".to_string(), household.to_string()),
            (format!("form[people][{member}]"), "on".to_string()),
        ];
        async move {
            let res = client
                .post(url)
                .header("accept", "application/json")
                .form(&form)
                .send()
                .await
                .expect("request");
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap_or(Value::Null);
            (status, body)
        }
    });
    let results = futures::future::join_all(calls).await;
    let elapsed = started.elapsed();
    let refused: Vec<&(u16, Value)> = results
        .iter()
        .filter(|(status, _)| *status != 200)
        .collect();
    assert!(refused.is_empty(), "no refusals, no 5xx: {refused:?}");
    let confirmed = results
        .iter()
        .filter(|(_, b)| b["confirmed"] == true)
        .count();
    let mut places: Vec<u64> = results
        .iter()
        .filter_map(|(_, b)| b["place"].as_u64())
        .collect();
    places.sort();
    let backend = app.backend_name();
    println!(
        "workshop race {backend}, {} instance(s): 200 sign-ups for 12 seats, {confirmed} confirmed, {} waitlisted, {} ms",
        instances.len(),
        places.len(),
        elapsed.as_millis()
    );
    assert_eq!(confirmed, 12);
    assert_eq!(count(&app, series, "confirmed").await, 12);
    assert_eq!(count(&app, series, "waiting").await, 188);
    assert_eq!(
        places,
        (1..=188).collect::<Vec<u64>>(),
        "each place once, in arrival order"
    );
    let taken: i64 = sqlx::query_scalar("SELECT seats_taken FROM series WHERE id = $1")
        .bind(series)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(taken, 12);
    // The place each was told is its position by arrival (registration id).
    let mut by_arrival: Vec<(i64, u64)> = results
        .iter()
        .filter_map(|(_, b)| Some((b["registration"].as_i64()?, b["place"].as_u64()?)))
        .collect();
    by_arrival.sort();
    assert!(by_arrival.windows(2).all(|w| w[0].1 < w[1].1));

    // One confirmed cancels: exactly one offer, to the first in the queue.
    let first_waiting = by_arrival[0].0;
    let (cancelled, _) = results
        .iter()
        .find(|(_, b)| b["confirmed"] == true)
        .map(|(_, b)| (b["registration"].as_i64().unwrap(), ()))
        .unwrap();
    let res = app
        .api(
            &s.coordinator,
            "cancel_registration",
            &[("id", &cancelled.to_string())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(count(&app, series, "offered").await, 1);
    let (offered,): (i64,) =
        sqlx::query_as("SELECT id FROM registrations WHERE series_id = $1 AND status = 'offered'")
            .bind(series)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(offered, first_waiting);
    let res = app
        .api(
            &s.coordinator,
            "accept_offer",
            &[("id", &offered.to_string())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        count(&app, series, "confirmed").await,
        12,
        "exactly one seat confirmed"
    );
    assert_eq!(count(&app, series, "offered").await, 0);
    assert_eq!(count(&app, series, "waiting").await, 187);
}

async fn bad_series_change_nothing(app: TestApp) {
    let s = setup(&app).await;
    for (capacity, code) in [("0", "NumberOutOfRange"), ("501", "NumberOutOfRange")] {
        assert_refused(
            create_series(&app, &s, &series_form(&s, capacity, "everyone")).await,
            "capacity",
            code,
        )
        .await;
    }
    let mut late = series_form(&s, "12", "everyone");
    for (k, v) in late.iter_mut() {
        if k == "series[registration_closes]" {
            *v = "2027-02-20".into();
        }
    }
    assert_refused(
        create_series(&app, &s, &late).await,
        "registration_closes",
        "RegistrationAfterLastSession",
    )
    .await;
    let mut backwards = series_form(&s, "12", "everyone");
    for (k, v) in backwards.iter_mut() {
        if k == "series[end_time]" {
            *v = "16:00".into();
        }
    }
    assert_refused(
        create_series(&app, &s, &backwards).await,
        "end_time",
        "EndBeforeStart",
    )
    .await;
    assert_eq!(app.count("series").await, 0);
    // A second series in the same room at the same time.
    let res = create_series(&app, &s, &series_form(&s, "12", "everyone")).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_refused(
        create_series(&app, &s, &series_form(&s, "8", "everyone")).await,
        "first_date",
        "Overlap",
    )
    .await;
    assert_eq!(app.count("series").await, 1);
    assert_eq!(app.count("series_sessions").await, 4);
    // Only coordinators create series.
    let volunteer = app.login_as("volunteer@test.ee").await;
    let res = app
        .api(
            &volunteer,
            "create_series",
            &pairs(&series_form(&s, "12", "everyone")),
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
}

/// Signs up the person of `(household, member)` through staff, which must succeed.
pub(crate) async fn signed(app: &TestApp, s: &Setup, series: i64, (household, member): (i64, i64)) {
    let res = sign(app, s, series, household, member).await;
    assert_eq!(res.status().as_u16(), 200, "signed up");
}

pub(crate) async fn sign(
    app: &TestApp,
    s: &Setup,
    series: i64,
    household: i64,
    member: i64,
) -> reqwest::Response {
    let key = format!("form[people][{member}]");
    app.api(
        &s.coordinator,
        "sign_up",
        &[
            ("series", series.to_string().as_str()),
            ("form[household]", household.to_string().as_str()),
            (key.as_str(), "on"),
        ],
    )
    .await
}

async fn bad_sign_ups_change_nothing(app: TestApp) {
    let s = setup(&app).await;
    let res = create_series(&app, &s, &series_form(&s, "1", "women_only")).await;
    let series: i64 = res.json().await.unwrap();
    let people = households(&app, 3).await;
    // A man in the women's group.
    let (man_household, man): (i64, i64) = {
        let (h, m) = people[2];
        sqlx::query("UPDATE members SET gender = 'male' WHERE id = $1")
            .bind(m)
            .execute(app.db.pool())
            .await
            .unwrap();
        (h, m)
    };
    assert_refused(
        sign(&app, &s, series, man_household, man).await,
        "people",
        "NotEligible",
    )
    .await;
    // Someone of another household.
    assert_refused(
        sign(&app, &s, series, people[0].0, people[1].1).await,
        "people",
        "InvalidChoice",
    )
    .await;
    assert_eq!(app.count("registrations").await, 0);
    let first = sign(&app, &s, series, people[0].0, people[0].1).await;
    assert_eq!(first.status().as_u16(), 200);
    assert_refused(
        sign(&app, &s, series, people[0].0, people[0].1).await,
        "people",
        "AlreadySignedUp",
    )
    .await;
    let second: Value = sign(&app, &s, series, people[1].0, people[1].1)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second["confirmed"], false);
    assert_eq!(second["place"], 1);
    assert_eq!(app.count("registrations").await, 2);

    // The first cancels: the seat is offered to the second for 24 hours.
    let first: Value = first.json().await.unwrap();
    let first_id = first["registration"].as_i64().unwrap().to_string();
    let second_id = second["registration"].as_i64().unwrap().to_string();
    app.api(&s.coordinator, "cancel_registration", &[("id", &first_id)])
        .await;
    assert_eq!(count(&app, series, "offered").await, 1);
    // Someone else's offer: 404 for a beneficiary of another household.
    let beneficiary = app.login_as("beneficiary@test.ee").await;
    let res = app
        .api(&beneficiary, "accept_offer", &[("id", &second_id)])
        .await;
    assert_eq!(res.status().as_u16(), 404);
    // An offer that ran out cannot be accepted; the worker passes it on.
    app.clock.set(app.clock.now() + 25 * 3600);
    assert_refused(
        app.api(&s.coordinator, "accept_offer", &[("id", &second_id)])
            .await,
        "registration",
        "OfferExpired",
    )
    .await;
    assert_eq!(count(&app, series, "confirmed").await, 0);
    // Registration closed on the 13th; it is now the 12th, 09:00: still open. After it closed:
    app.clock.set(at("2027-01-13", "23:59") + 60);
    assert_refused(
        sign(&app, &s, series, people[2].0, people[2].1).await,
        "series",
        "RegistrationClosed",
    )
    .await;
}

async fn a_participant_cancels_only_before_the_cut_off(app: TestApp) {
    let s = setup(&app).await;
    let res = create_series(&app, &s, &series_form(&s, "5", "women_only")).await;
    let series: i64 = res.json().await.unwrap();
    let people = households(&app, 2).await;
    let (_, member) = people[0];
    let beneficiary_id = app.account_id("beneficiary@test.ee").await;
    sqlx::query("UPDATE members SET account_id = $1 WHERE id = $2")
        .bind(beneficiary_id)
        .bind(member)
        .execute(app.db.pool())
        .await
        .unwrap();
    let olena = app.login_as("beneficiary@test.ee").await;
    let key = format!("form[people][{member}]");
    let series_id = series.to_string();
    // Someone of another household cannot be signed up by her.
    let other = format!("form[people][{}]", people[1].1);
    assert_refused(
        app.api(
            &olena,
            "sign_up",
            &[("series", series_id.as_str()), (other.as_str(), "on")],
        )
        .await,
        "people",
        "InvalidChoice",
    )
    .await;
    let res = app
        .api(
            &olena,
            "sign_up",
            &[("series", series_id.as_str()), (key.as_str(), "on")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["confirmed"], true);
    let id = body["registration"].as_i64().unwrap().to_string();
    // 23 hours before the first session (Thursday 17:00): past the 24-hour cut-off.
    app.clock.set(at("2027-01-13", "18:00"));
    assert_refused(
        app.api(&olena, "cancel_registration", &[("id", &id)]).await,
        "registration",
        "CutoffPassed",
    )
    .await;
    assert_eq!(count(&app, series, "confirmed").await, 1);
    let res = app
        .api(&s.coordinator, "cancel_registration", &[("id", &id)])
        .await;
    assert_eq!(res.status().as_u16(), 200, "a coordinator may still cancel");
    assert_eq!(count(&app, series, "confirmed").await, 0);
}

async fn anyone_sees_upcoming_workshops_in_their_language(app: TestApp) {
    let s = setup(&app).await;
    let res = create_series(&app, &s, &series_form(&s, "12", "women_only")).await;
    assert_eq!(res.status().as_u16(), 200);
    let (status, page) = app.page_in_language("/workshops", Some("ru")).await;
    assert_eq!(status, 200, "no login needed");
    assert!(page.contains("Женская группа"), "the activity in Russian");
    assert!(page.contains("Свободных мест: 12"));
    assert!(
        page.contains("Чт, 14 янв. 2027, 17:00"),
        "the next session with its weekday, Tallinn time, in Russian"
    );
    assert!(page.contains("Только для женщин"));
    let (_, other) = app
        .page_in_language(
            &format!("/workshops?office={}", s.office + 1000),
            Some("en"),
        )
        .await;
    assert!(
        other.contains("There are no upcoming workshops"),
        "another office"
    );
    let (_, by_type) = app
        .page_in_language("/workshops?activity=mens_group", Some("en"))
        .await;
    assert!(
        by_type.contains("There are no upcoming workshops"),
        "only the women's group exists"
    );
}

/// A full group checks every rule before a waitlist place, exactly as for a seat.
async fn a_full_group_waitlists_only_those_who_may_take_part(app: TestApp) {
    let s = setup(&app).await;
    let res = create_series(&app, &s, &series_form(&s, "1", "women_only")).await;
    let series: i64 = res.json().await.unwrap();
    let people = households(&app, 2).await;
    let first = sign(&app, &s, series, people[0].0, people[0].1).await;
    assert_eq!(first.status().as_u16(), 200);
    let boy: i64 = sqlx::query_scalar(
        "INSERT INTO members (household_id, first_name, last_name, date_of_birth, gender, \
         created_at) VALUES ($1, 'Boy', 'Test', '2014-06-01', 'male', 0) RETURNING id",
    )
    .bind(people[1].0)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_refused(
        sign(&app, &s, series, people[1].0, boy).await,
        "people",
        "NotEligible",
    )
    .await;
    assert_eq!(count(&app, series, "waiting").await, 0);
    // Registration closed: no waitlist place either.
    app.clock.set(at("2027-01-13", "23:59") + 60);
    assert_refused(
        sign(&app, &s, series, people[1].0, people[1].1).await,
        "series",
        "RegistrationClosed",
    )
    .await;
    assert_eq!(count(&app, series, "waiting").await, 0);
}

/// After an action the page it came from says what happened, first in `<main>`, with and
/// without JavaScript; a refusal says nothing of the kind.
async fn after_an_action_the_page_says_what_happened(app: TestApp) {
    let s = setup(&app).await;
    let res = create_series(&app, &s, &series_form(&s, "1", "women_only")).await;
    let series: i64 = res.json().await.unwrap();
    let people = households(&app, 3).await;
    let form = |(household, member): (i64, i64)| {
        vec![
            ("series".to_string(), series.to_string()),
            ("form[household]".to_string(), household.to_string()),
            (format!("form[people][{member}]"), "on".to_string()),
        ]
    };
    let from = format!("/workshops/{series}?household={}", people[0].0);
    let first = form(people[0]);
    let res = app
        .plain_post(&s.coordinator, "sign_up", &pairs(&first), &from)
        .await;
    assert_eq!(res.status().as_u16(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with(&format!(
            "/workshops/{series}?household={}&done=signed_up&t=",
            people[0].0
        )),
        "{location}"
    );
    let (status, page) = app.page(&s.coordinator, &location).await;
    assert_eq!(status, 200);
    let main = page.split("<main").nth(1).unwrap_or_default();
    assert!(
        main.contains("id=\"done\"") && main.contains("You are signed up"),
        "{main}"
    );
    // With JavaScript the answer names the same place for the router to go to.
    let second = form(people[1]);
    let res = app.api(&s.coordinator, "sign_up", &pairs(&second)).await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers().contains_key("serverfnredirect"));
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("done=waitlisted"), "{location}");
    let (_, page) = app.page(&s.coordinator, &location).await;
    assert!(page.contains("you are on the waitlist"));
    // Refused: no message of success.
    let res = app
        .plain_post(&s.coordinator, "sign_up", &pairs(&second), &from)
        .await;
    let location = res.headers()["location"]
        .to_str()
        .unwrap_or_default()
        .to_string();
    assert!(!location.contains("done="), "{location}");
}

on_both_databases!(
    after_an_action_the_page_says_what_happened,
    a_full_group_waitlists_only_those_who_may_take_part,
    anyone_sees_upcoming_workshops_in_their_language,
    a_participant_cancels_only_before_the_cut_off,
    two_hundred_people_race_for_twelve_seats,
    bad_series_change_nothing,
    bad_sign_ups_change_nothing,
);
