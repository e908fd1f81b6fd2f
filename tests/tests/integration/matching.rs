//! Volunteer matching: profiles and availability, requests, the engine over the demo data,
//! approving, accepting, declining, check-ins and closing; hard rules, privacy and bad input.

use crate::helpers::{assert_refused, TestApp};
use crate::households::register;
use crate::on_both_databases;
use chrono::Datelike;
use reqwest::Client;
use serde_json::Value;

async fn ok(res: reqwest::Response, what: &str) -> Value {
    let status = res.status().as_u16();
    let body = res.text().await.unwrap_or_default();
    assert_eq!(status, 200, "{what}: {body}");
    serde_json::from_str(&body).unwrap_or(Value::Null)
}

/// A peer-counsellor profile in Tartu speaking Ukrainian natively, capacity 2.
const PEER_PROFILE: [(&str, &str); 6] = [
    ("profile[peer_counsellor]", "on"),
    ("profile[city]", "Tartu"),
    ("profile[capacity]", "2"),
    ("profile[language_1]", "uk"),
    ("profile[level_1]", "native"),
    ("profile[gender]", "female"),
];

/// Another volunteer account with the test password.
async fn second_volunteer(app: &TestApp) -> i64 {
    sqlx::query(
        "INSERT INTO accounts (email, display_name, password_hash, language, active, created_at) \
         SELECT 'volunteer2@test.ee', 'Mari Second', password_hash, 'en', 1, 0 \
         FROM accounts WHERE email = 'volunteer@test.ee'",
    )
    .execute(app.db.pool())
    .await
    .unwrap();
    let id = app.account_id("volunteer2@test.ee").await;
    sqlx::query("INSERT INTO account_roles (account_id, role) VALUES ($1, 'volunteer')")
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
    id
}

/// A household in Tartu (its member speaks Ukrainian) with an open peer-counselling request in
/// Ukrainian; returns (coordinator, request id).
async fn peer_request(app: &TestApp) -> (Client, i64) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let household = register(app, &coordinator).await;
    let (member,): (i64,) = sqlx::query_as("SELECT id FROM members WHERE household_id = $1")
        .bind(household)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let id = ok(
        app.api(
            &coordinator,
            "create_match_request",
            &[
                ("household", &household.to_string()),
                ("request[member]", &member.to_string()),
                ("request[programme]", "peer_counsellor"),
                ("request[language]", "uk"),
                ("request[meeting]", "in_person"),
                ("request[city]", "Tartu"),
                ("request[weekday_evenings]", "on"),
            ],
        )
        .await,
        "request",
    )
    .await;
    (coordinator, id.as_i64().unwrap())
}

/// The volunteer fills in the peer-counsellor profile; the coordinator activates them and
/// records the peer-counsellor training.
async fn ready_volunteer(app: &TestApp, coordinator: &Client, email: &str) -> (Client, i64) {
    let volunteer = app.login_as(email).await;
    ok(
        app.api(&volunteer, "save_my_volunteer_profile", &PEER_PROFILE)
            .await,
        "profile",
    )
    .await;
    let id = app.account_id(email).await;
    ok(
        app.api(
            coordinator,
            "set_volunteer_status",
            &[("id", &id.to_string()), ("status", "active")],
        )
        .await,
        "activate",
    )
    .await;
    ok(
        app.api(
            coordinator,
            "record_training",
            &[
                ("id", &id.to_string()),
                ("training[training]", "peer_counselling"),
                ("training[completed_on]", "2026-01-15"),
            ],
        )
        .await,
        "training",
    )
    .await;
    (volunteer, id)
}

fn today_of(app: &TestApp) -> chrono::NaiveDate {
    tugi_app::domain::schedule::tallinn_wall_clock(app.clock.now())
        .unwrap()
        .0
}

/// Records that the volunteer `id` completed the peer-counselling training.
async fn peer_counselling_training(app: &TestApp, coordinator: &Client, id: &str) {
    ok(
        app.api(
            coordinator,
            "record_training",
            &[
                ("id", id),
                ("training[training]", "peer_counselling"),
                ("training[completed_on]", "2026-01-15"),
            ],
        )
        .await,
        "training",
    )
    .await;
}

async fn board(app: &TestApp, coordinator: &Client) -> Value {
    ok(
        app.api(coordinator, "matching_overview", &[]).await,
        "board",
    )
    .await
}

async fn demo_login(app: &TestApp, email: &str) -> Client {
    let client = app.client();
    let res = app
        .api(
            &client,
            "login",
            &[
                ("email", email),
                ("password", tugi_server::demo::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "login as {email}");
    client
}

async fn email_of(app: &TestApp, id: i64) -> String {
    let (email,): (String,) = sqlx::query_as("SELECT email FROM accounts WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    email
}

async fn matching_runs_over_the_demo_data(app: TestApp) {
    for table in ["account_roles", "accounts"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(app.db.pool())
            .await
            .unwrap();
    }
    assert!(tugi_server::demo::load_if_empty(&app.db).await.unwrap());
    let coordinator = demo_login(&app, "coordinator@tugi.demo").await;
    let stored = ok(app.api(&coordinator, "run_matching", &[]).await, "run").await;
    assert!(
        stored.as_u64().unwrap() >= 3,
        "demo requests matched: {stored}"
    );
    let b = board(&app, &coordinator).await;
    let open = b["open"].as_array().unwrap();
    assert_eq!(open.len(), 4, "the four demo requests");
    let proposals: Vec<&Value> = open.iter().filter(|o| !o["proposal"].is_null()).collect();
    for p in &proposals {
        let parts = p["proposal"]["score"]["parts"].as_array().unwrap();
        assert!(
            parts.iter().any(|x| x[0] == "base"),
            "every proposal explains its score"
        );
    }
    // Applicants and paused volunteers are never proposed.
    let never: Vec<(i64,)> = sqlx::query_as(
        "SELECT account_id FROM volunteer_profiles WHERE status IN ('applicant', 'paused')",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(never.len(), 2);
    for p in &proposals {
        let v = p["proposal"]["volunteer_id"].as_i64().unwrap();
        assert!(never.iter().all(|(id,)| *id != v));
    }

    // Approve the first proposal; its volunteer sees it and accepts.
    let first = &proposals[0]["proposal"];
    let first_match = first["match_id"].as_i64().unwrap();
    ok(
        app.api(
            &coordinator,
            "approve_proposal",
            &[("id", &first_match.to_string())],
        )
        .await,
        "approve",
    )
    .await;
    let volunteer_email = email_of(&app, first["volunteer_id"].as_i64().unwrap()).await;
    let volunteer = demo_login(&app, &volunteer_email).await;
    let mine = ok(app.api(&volunteer, "my_matches", &[]).await, "mine").await;
    assert_eq!(mine["offers"].as_array().unwrap().len(), 1);
    ok(
        app.api(
            &volunteer,
            "accept_match",
            &[("id", &first_match.to_string())],
        )
        .await,
        "accept",
    )
    .await;

    // Approve the second; its volunteer declines: the request returns to the pool.
    let second = &proposals[1]["proposal"];
    let second_match = second["match_id"].as_i64().unwrap();
    let second_request = proposals[1]["request"]["id"].as_i64().unwrap();
    ok(
        app.api(
            &coordinator,
            "approve_proposal",
            &[("id", &second_match.to_string())],
        )
        .await,
        "approve second",
    )
    .await;
    let decliner_id = second["volunteer_id"].as_i64().unwrap();
    let decliner = demo_login(&app, &email_of(&app, decliner_id).await).await;
    assert_refused(
        app.api(
            &decliner,
            "decline_match",
            &[("id", &second_match.to_string()), ("reason", " ")],
        )
        .await,
        "reason",
        "Required",
    )
    .await;
    ok(
        app.api(
            &decliner,
            "decline_match",
            &[
                ("id", &second_match.to_string()),
                ("reason", "No time this month"),
            ],
        )
        .await,
        "decline",
    )
    .await;

    // Re-run: the declined pair is not proposed again, the accepted request is gone.
    ok(app.api(&coordinator, "run_matching", &[]).await, "re-run").await;
    let b = board(&app, &coordinator).await;
    let open = b["open"].as_array().unwrap();
    assert_eq!(open.len(), 3, "one request is matched");
    let again = open
        .iter()
        .find(|o| o["request"]["id"].as_i64() == Some(second_request))
        .expect("the declined request is open again");
    assert_ne!(
        again["proposal"]["volunteer_id"].as_i64(),
        Some(decliner_id)
    );
    assert_eq!(b["active"].as_array().unwrap().len(), 1);
}

async fn a_volunteer_keeps_their_profile_and_availability(app: TestApp) {
    let volunteer = app.login_as("volunteer@test.ee").await;
    ok(
        app.api(&volunteer, "save_my_volunteer_profile", &PEER_PROFILE)
            .await,
        "profile",
    )
    .await;
    ok(
        app.api(
            &volunteer,
            "add_my_availability",
            &[
                ("window[weekday]", "2"),
                ("window[start_time]", "17:00"),
                ("window[end_time]", "19:30"),
            ],
        )
        .await,
        "window",
    )
    .await;
    let me = ok(app.api(&volunteer, "my_volunteer_profile", &[]).await, "me").await;
    assert_eq!(
        me["summary"]["status"], "applicant",
        "a coordinator activates"
    );
    assert_eq!(me["summary"]["programmes"][0], "peer_counsellor");
    assert_eq!(me["availability"][0]["start"], "17:00");
    assert_eq!(me["availability"][0]["end"], "19:30");
    let (status, page) = app.page(&volunteer, "/volunteer/profile").await;
    assert_eq!(status, 200);
    assert!(page.contains("17:00"));
}

async fn bad_profile_and_availability_change_nothing(app: TestApp) {
    let volunteer = app.login_as("volunteer@test.ee").await;
    for (capacity, code) in [("0", "NumberOutOfRange"), ("5", "NumberOutOfRange")] {
        let mut form = PEER_PROFILE.to_vec();
        form[2] = ("profile[capacity]", capacity);
        assert_refused(
            app.api(&volunteer, "save_my_volunteer_profile", &form)
                .await,
            "capacity",
            code,
        )
        .await;
    }
    let mut form = PEER_PROFILE.to_vec();
    form[4] = ("profile[level_1]", "D1");
    assert_refused(
        app.api(&volunteer, "save_my_volunteer_profile", &form)
            .await,
        "level_1",
        "InvalidChoice",
    )
    .await;
    assert_eq!(app.count("volunteer_profiles").await, 0);
    assert_eq!(app.count("volunteer_languages").await, 0);
    assert_refused(
        app.api(
            &volunteer,
            "add_my_availability",
            &[
                ("window[weekday]", "2"),
                ("window[start_time]", "19:00"),
                ("window[end_time]", "17:00"),
            ],
        )
        .await,
        "end_time",
        "EndBeforeStart",
    )
    .await;
    assert_refused(
        app.api(
            &volunteer,
            "add_my_availability",
            &[
                ("window[weekday]", "9"),
                ("window[start_time]", "17:00"),
                ("window[end_time]", "19:00"),
            ],
        )
        .await,
        "weekday",
        "InvalidChoice",
    )
    .await;
    assert_eq!(app.count("volunteer_availability").await, 0);

    // Someone else's window, a status that does not exist, a training in the future.
    let other = second_volunteer(&app).await;
    sqlx::query(
        "INSERT INTO volunteer_availability (account_id, weekday, start_minute, end_minute) \
         VALUES ($1, 1, 600, 700)",
    )
    .bind(other)
    .execute(app.db.pool())
    .await
    .unwrap();
    let (window,): (i64,) = sqlx::query_as("SELECT id FROM volunteer_availability")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let res = app
        .api(
            &volunteer,
            "remove_my_availability",
            &[("id", &window.to_string())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    assert_eq!(app.count("volunteer_availability").await, 1);
    let coordinator = app.login_as("coordinator@test.ee").await;
    let id = other.to_string();
    assert_refused(
        app.api(
            &coordinator,
            "set_volunteer_status",
            &[("id", &id), ("status", "retired")],
        )
        .await,
        "status",
        "InvalidChoice",
    )
    .await;
    assert_refused(
        app.api(
            &coordinator,
            "record_training",
            &[
                ("id", &id),
                ("training[training]", "coaching"),
                ("training[completed_on]", "2099-01-01"),
            ],
        )
        .await,
        "completed_on",
        "DateInFuture",
    )
    .await;
    assert_eq!(app.count("volunteer_trainings").await, 0);
    // Volunteers cannot activate themselves.
    let res = app
        .api(
            &volunteer,
            "set_volunteer_status",
            &[("id", &id), ("status", "active")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
}

async fn a_pair_that_breaks_a_hard_rule_is_refused(app: TestApp) {
    let (coordinator, request) = peer_request(&app).await;
    let volunteer = app.login_as("volunteer@test.ee").await;
    ok(
        app.api(&volunteer, "save_my_volunteer_profile", &PEER_PROFILE)
            .await,
        "profile",
    )
    .await;
    let id = app.account_id("volunteer@test.ee").await.to_string();
    let assign = [("request", request.to_string()), ("volunteer", id.clone())];
    let assign: Vec<(&str, &str)> = assign.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // An applicant: the status rule.
    assert_refused(
        app.api(&coordinator, "assign_volunteer", &assign).await,
        "volunteer",
        "PairBreaksRule",
    )
    .await;
    ok(
        app.api(
            &coordinator,
            "set_volunteer_status",
            &[("id", &id), ("status", "active")],
        )
        .await,
        "activate",
    )
    .await;
    // Active, but without the peer-counsellor training.
    let res = app.api(&coordinator, "assign_volunteer", &assign).await;
    assert_eq!(res.status().as_u16(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body["Invalid"][0]["code"]["PairBreaksRule"]["rule"], "training",
        "{body}"
    );
    assert_eq!(app.count("matches").await, 0, "nothing stored");
    let run = ok(app.api(&coordinator, "run_matching", &[]).await, "run").await;
    assert_eq!(run, 0, "the engine proposes nobody either");
    let b = board(&app, &coordinator).await;
    assert_eq!(b["open"][0]["blocked"]["rule"], "training");

    peer_counselling_training(&app, &coordinator, &id).await;
    ok(
        app.api(&coordinator, "assign_volunteer", &assign).await,
        "assign",
    )
    .await;
    let (status,): (String,) = sqlx::query_as("SELECT status FROM match_requests WHERE id = $1")
        .bind(request)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(status, "matched");
    // Assigning it a second time is refused: the request is no longer open.
    assert_refused(
        app.api(&coordinator, "assign_volunteer", &assign).await,
        "request",
        "MatchNotOpen",
    )
    .await;
}

async fn only_the_volunteer_of_a_match_sees_and_answers_it(app: TestApp) {
    let (coordinator, _) = peer_request(&app).await;
    let (volunteer, _) = ready_volunteer(&app, &coordinator, "volunteer@test.ee").await;
    second_volunteer(&app).await;
    let intruder = app.login_as("volunteer2@test.ee").await;
    assert_eq!(
        ok(app.api(&coordinator, "run_matching", &[]).await, "run").await,
        1
    );
    let b = board(&app, &coordinator).await;
    let proposal = b["open"][0]["proposal"]["match_id"].as_i64().unwrap();
    let id = proposal.to_string();
    // Before approval the volunteer sees nothing of the household.
    let res = app.api(&volunteer, "get_match", &[("id", &id)]).await;
    assert_eq!(res.status().as_u16(), 404);
    let mine = ok(app.api(&volunteer, "my_matches", &[]).await, "mine").await;
    assert!(mine["offers"].as_array().unwrap().is_empty());
    ok(
        app.api(&coordinator, "approve_proposal", &[("id", &id)])
            .await,
        "approve",
    )
    .await;
    // Someone else's proposal: 404, and it stays unanswered.
    for endpoint in ["get_match", "accept_match"] {
        let res = app.api(&intruder, endpoint, &[("id", &id)]).await;
        assert_eq!(res.status().as_u16(), 404, "{endpoint}");
    }
    let res = app
        .api(
            &intruder,
            "decline_match",
            &[("id", &id), ("reason", "mine now")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let support = app.login_as("support@test.ee").await;
    let res = app.api(&support, "get_match", &[("id", &id)]).await;
    assert_eq!(res.status().as_u16(), 404);
    let beneficiary = app.login_as("beneficiary@test.ee").await;
    let res = app.api(&beneficiary, "accept_match", &[("id", &id)]).await;
    assert_eq!(res.status().as_u16(), 403);

    // The volunteer sees only what the match needs.
    let m = ok(
        app.api(&volunteer, "get_match", &[("id", &id)]).await,
        "see",
    )
    .await;
    assert_eq!(m["need"]["first_name"], "Олена");
    assert!(m["household"].is_null());
    let text = m.to_string();
    for private in ["Шевченко", "+372", "1990-02-03", "school place"] {
        assert!(!text.contains(private), "{private} is not shown: {text}");
    }
    ok(
        app.api(&volunteer, "accept_match", &[("id", &id)]).await,
        "accept",
    )
    .await;
    let res = app.api(&volunteer, "accept_match", &[("id", &id)]).await;
    assert_eq!(res.status().as_u16(), 422, "accepting twice");

    // The coordinator who approved it is told, in their language, once.
    let told: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT recipient, language, subject FROM outbox WHERE kind = 'match_accepted'",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        told,
        vec![(
            "Kadri Coordinator <coordinator@test.ee>".to_owned(),
            "en".to_owned(),
            "Liis Volunteer accepted the match".to_owned()
        )]
    );
    // The volunteer learns what happens next: the coordinator makes the first contact.
    let m = ok(
        app.api(&volunteer, "get_match", &[("id", &id)]).await,
        "see",
    )
    .await;
    assert_eq!(
        m["first_contact"]["coordinator"],
        serde_json::json!(["Kadri Coordinator", "coordinator@test.ee"])
    );
    assert!(m["first_contact"]["direct"].is_null());
    assert!(
        !m.to_string().contains("+372"),
        "no contact without consent"
    );
    // Once the household agrees, its chosen channel (Telegram) opens from the page.
    let household: i64 = sqlx::query_scalar("SELECT id FROM households")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let today_text = today_of(&app).to_string();
    ok(
        app.api(
            &coordinator,
            "record_consent",
            &[
                ("household_id", household.to_string().as_str()),
                ("consent[purpose]", "volunteer_contact"),
                ("consent[given_on]", today_text.as_str()),
            ],
        )
        .await,
        "consent",
    )
    .await;
    let m = ok(
        app.api(&volunteer, "get_match", &[("id", &id)]).await,
        "see",
    )
    .await;
    assert_eq!(m["first_contact"]["direct"]["channel"], "telegram");
    assert_eq!(
        m["first_contact"]["direct"]["link"],
        "https://t.me/+37251234567"
    );
    let (_, page) = app.page(&volunteer, &format!("/matches/{id}")).await;
    assert!(page.contains("href=\"https://t.me/+37251234567\""));

    // Check-ins: not in the future, not for someone else's match.
    let today = today_of(&app);
    let tomorrow = (today + chrono::Duration::days(1)).to_string();
    let today = today.to_string();
    assert_refused(
        app.api(
            &volunteer,
            "log_check_in",
            &[
                ("id", &id),
                ("check_in[on_date]", &tomorrow),
                ("check_in[minutes]", "60"),
            ],
        )
        .await,
        "on_date",
        "DateInFuture",
    )
    .await;
    assert_refused(
        app.api(
            &volunteer,
            "log_check_in",
            &[
                ("id", &id),
                ("check_in[on_date]", &today),
                ("check_in[minutes]", "0"),
            ],
        )
        .await,
        "minutes",
        "NumberOutOfRange",
    )
    .await;
    let res = app
        .api(
            &intruder,
            "log_check_in",
            &[
                ("id", &id),
                ("check_in[on_date]", &today),
                ("check_in[minutes]", "60"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    assert_eq!(app.count("check_ins").await, 0);
    ok(
        app.api(
            &volunteer,
            "log_check_in",
            &[
                ("id", &id),
                ("check_in[on_date]", &today),
                ("check_in[minutes]", "90"),
                ("check_in[note]", "Walked to the library together"),
            ],
        )
        .await,
        "check-in",
    )
    .await;
    let b = board(&app, &coordinator).await;
    assert_eq!(b["active"][0]["minutes"], 90);
    assert_eq!(b["hours"][0]["minutes"], 90);
    assert_eq!(b["hours_by_programme"][0][0], "peer_counsellor");

    // 31 days later without a check-in the match is flagged.
    app.clock.set(app.clock.now() + 31 * 86_400);
    let b = board(&app, &coordinator).await;
    assert_eq!(b["active"][0]["quiet"], true);

    // Closing: a known reason; then the other side's feedback.
    assert_refused(
        app.api(
            &volunteer,
            "close_match",
            &[("id", &id), ("close[reason]", "bored")],
        )
        .await,
        "reason",
        "InvalidChoice",
    )
    .await;
    ok(
        app.api(
            &volunteer,
            "close_match",
            &[
                ("id", &id),
                ("close[reason]", "goal_reached"),
                ("close[feedback]", "Olena found her way around"),
            ],
        )
        .await,
        "close",
    )
    .await;
    ok(
        app.api(
            &coordinator,
            "give_match_feedback",
            &[("id", &id), ("feedback", "Very helpful")],
        )
        .await,
        "feedback",
    )
    .await;
    let m = ok(
        app.api(&coordinator, "get_match", &[("id", &id)]).await,
        "closed",
    )
    .await;
    assert_eq!(m["status"], "closed");
    assert_eq!(m["close_reason"], "goal_reached");
    assert_eq!(m["feedback_volunteer"], "Olena found her way around");
    assert_eq!(m["feedback_household"], "Very helpful");
    // The volunteer's place is free again.
    let (busy,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM matches WHERE status IN ('approved', 'active')")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(busy, 0);
}

async fn a_support_person_asks_only_for_their_households(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let household = register(&app, &coordinator).await.to_string();
    let support = app.login_as("support@test.ee").await;
    let res = app
        .api(&support, "match_request_page", &[("household", &household)])
        .await;
    assert_eq!(res.status().as_u16(), 404, "not their household");
    let volunteer = app.login_as("volunteer@test.ee").await;
    let res = app
        .api(
            &volunteer,
            "match_request_page",
            &[("household", &household)],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
    // A coordinator's request with a member of another household, or no programme.
    assert_refused(
        app.api(
            &coordinator,
            "create_match_request",
            &[
                ("household", &household),
                ("request[member]", "999999"),
                ("request[programme]", "peer_counsellor"),
                ("request[meeting]", "online"),
                ("request[city]", "Tartu"),
            ],
        )
        .await,
        "member",
        "InvalidChoice",
    )
    .await;
    assert_refused(
        app.api(
            &coordinator,
            "create_match_request",
            &[
                ("household", &household),
                ("request[programme]", "astronaut"),
                ("request[meeting]", "online"),
                ("request[city]", "Tartu"),
            ],
        )
        .await,
        "programme",
        "InvalidChoice",
    )
    .await;
    assert_eq!(app.count("match_requests").await, 0);
}

async fn the_pages_render(app: TestApp) {
    let (coordinator, _) = peer_request(&app).await;
    ready_volunteer(&app, &coordinator, "volunteer@test.ee").await;
    ok(app.api(&coordinator, "run_matching", &[]).await, "run").await;
    for path in ["/matching", "/volunteers"] {
        let (status, page) = app.page(&coordinator, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(page.contains("Liis Volunteer"), "{path}");
    }
    let (_, page) = app.page(&coordinator, "/matching").await;
    assert!(page.contains("Meets every requirement"), "the explanation");
    let volunteer = app.login_as("volunteer@test.ee").await;
    let (status, _) = app.page(&volunteer, "/volunteer").await;
    assert_eq!(status, 200);
    let (status, _) = app.page(&volunteer, "/matching").await;
    assert_eq!(status, 403);
}

async fn without_javascript_a_refused_profile_comes_back_with_its_values(app: TestApp) {
    let volunteer = app.login_as("volunteer@test.ee").await;
    let mut form = PEER_PROFILE.to_vec();
    form[2] = ("profile[capacity]", "7");
    form.push(("profile[field_of_work]", "Carpentry"));
    let res = app
        .plain_post(
            &volunteer,
            "save_my_volunteer_profile",
            &form,
            "/volunteer/profile",
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let back = location.trim_start_matches(&app.base).to_string();
    assert!(back.starts_with("/volunteer/profile?"), "{back}");
    let (status, page) = app.page(&volunteer, &back).await;
    assert_eq!(status, 200);
    assert!(page.contains("error-summary"), "the error is shown");
    let at = page.find("class=\"error-summary\"").unwrap_or_default();
    let tag_start = page[..at].rfind("<div").unwrap_or_default();
    let tag_end = at + page[at..].find('>').unwrap_or_default();
    let summary = &page[at..];
    assert!(
        page[tag_start..tag_end].contains("autofocus"),
        "the summary takes the focus: {}",
        &page[tag_start..tag_end]
    );
    assert!(
        summary.contains("Mitu paari korraga (1–4): "),
        "the summary names the field"
    );
    assert!(page.contains("Carpentry"), "the typed value is kept");
    assert!(
        page.contains("1 kuni 4"),
        "in the volunteer's language (et)"
    );
    assert_eq!(app.count("volunteer_profiles").await, 0);

    let res = app
        .plain_post(
            &volunteer,
            "save_my_volunteer_profile",
            &PEER_PROFILE,
            "/volunteer/profile",
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(app.count("volunteer_profiles").await, 1);
}

async fn an_admin_adds_a_kind_of_training(app: TestApp) {
    let admin = app.login_as("admin@test.ee").await;
    assert_refused(
        app.api(&admin, "add_training_kind", &[("name", "  ")])
            .await,
        "name",
        "Required",
    )
    .await;
    assert_refused(
        app.api(
            &admin,
            "add_training_kind",
            &[("name", "coaching training")],
        )
        .await,
        "name",
        "AlreadyExists",
    )
    .await;
    let coordinator = app.login_as("coordinator@test.ee").await;
    let res = app
        .api(&coordinator, "add_training_kind", &[("name", "First aid")])
        .await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(app.count("trainings").await, 2, "nothing added");
    ok(
        app.api(&admin, "add_training_kind", &[("name", "First aid")])
            .await,
        "add",
    )
    .await;
    let list = ok(app.api(&admin, "list_volunteers", &[]).await, "list").await;
    assert!(list["training_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["name"] == "First aid"));
    // A coordinator can now record it for a volunteer.
    let id = app.account_id("volunteer@test.ee").await.to_string();
    let code = list["training_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "First aid")
        .and_then(|k| k["code"].as_str())
        .unwrap()
        .to_string();
    ok(
        app.api(
            &coordinator,
            "record_training",
            &[
                ("id", &id),
                ("training[training]", &code),
                ("training[completed_on]", "2026-03-01"),
            ],
        )
        .await,
        "record",
    )
    .await;
    assert_eq!(app.count("volunteer_trainings").await, 1);
}

/// Two volunteers alike, both free on Tuesday evenings; one's imported calendar has a weekly
/// Tuesday-evening commitment, so the engine proposes the other, whose evenings score.
async fn imported_regular_commitments_are_not_free_time(app: TestApp) {
    let (coordinator, _request) = peer_request(&app).await;
    second_volunteer(&app).await;
    let mut ids = Vec::new();
    for email in ["volunteer@test.ee", "volunteer2@test.ee"] {
        let (volunteer, id) = ready_volunteer(&app, &coordinator, email).await;
        ok(
            app.api(
                &volunteer,
                "add_my_availability",
                &[
                    ("window[weekday]", "2"),
                    ("window[start_time]", "17:00"),
                    ("window[end_time]", "21:00"),
                ],
            )
            .await,
            "window",
        )
        .await;
        ids.push((volunteer, id));
    }
    let today = today_of(&app);
    let days_to_tuesday = (8 - i64::from(today.weekday().number_from_monday())) % 7;
    let tuesday = today + chrono::Duration::days(days_to_tuesday + 1);
    let choir = crate::calendar::busy_file(&format!(
        "BEGIN:VEVENT\r\nUID:choir@example.com\r\nSUMMARY:Choir\r\n\
         DTSTART;TZID=Europe/Tallinn:{}T170000\r\nDTEND;TZID=Europe/Tallinn:{}T210000\r\n\
         RRULE:FREQ=WEEKLY;COUNT=13\r\nEND:VEVENT\r\n",
        tuesday.format("%Y%m%d"),
        tuesday.format("%Y%m%d"),
    ));
    let (status, body) = crate::calendar::upload(&app, &ids[0].0, choir).await;
    assert_eq!(status, 200, "{body}");
    // Both the volunteer (Estonian) and the coordinator see what the calendar takes out.
    let (_, own) = app.page(&ids[0].0, "/volunteer/profile").await;
    assert!(
        own.replace("<!>", "")
            .contains("teie kalendri järgi hõivatud 17:00–21:00"),
        "the volunteer's own availability"
    );
    let (_, theirs) = app
        .page(&coordinator, &format!("/volunteers/{}", ids[0].1))
        .await;
    assert!(theirs
        .replace("<!>", "")
        .contains("busy 17:00–21:00 from their calendar"));
    let (_, free) = app
        .page(&coordinator, &format!("/volunteers/{}", ids[1].1))
        .await;
    assert!(
        !free.contains("from their calendar"),
        "no calendar, no busy time"
    );

    let run = ok(app.api(&coordinator, "run_matching", &[]).await, "run").await;
    assert_eq!(run, 1);
    let board = board(&app, &coordinator).await;
    let proposal = &board["open"][0]["proposal"];
    assert_eq!(proposal["volunteer_id"], ids[1].1, "{board}");
    let parts = proposal["score"]["parts"].as_array().unwrap();
    assert!(
        parts.iter().any(|p| p[0] == "availability" && p[1] == 20),
        "four free evening hours: {parts:?}"
    );
}

/// The board says when the engine ran, and marks a proposal the data no longer supports.
async fn a_proposal_says_when_its_data_changed(app: TestApp) {
    let (coordinator, _) = peer_request(&app).await;
    let volunteer = app.login_as("volunteer@test.ee").await;
    ok(
        app.api(&volunteer, "save_my_volunteer_profile", &PEER_PROFILE)
            .await,
        "profile",
    )
    .await;
    let id = app.account_id("volunteer@test.ee").await.to_string();
    let status = |value: &'static str| {
        let (app, coordinator, id) = (&app, &coordinator, id.clone());
        async move {
            ok(
                app.api(
                    coordinator,
                    "set_volunteer_status",
                    &[("id", id.as_str()), ("status", value)],
                )
                .await,
                value,
            )
            .await
        }
    };
    status("active").await;
    peer_counselling_training(&app, &coordinator, &id).await;
    assert!(board(&app, &coordinator).await["last_run"].is_null());
    let (_, page) = app.page(&coordinator, "/matching").await;
    assert!(
        page.contains("The matching has not been run yet"),
        "never run"
    );
    let run = ok(app.api(&coordinator, "run_matching", &[]).await, "run").await;
    assert_eq!(run, 1);
    let b = board(&app, &coordinator).await;
    assert_eq!(b["open"][0]["proposal"]["stale"], false, "{b}");
    assert!(b["last_run"].is_string(), "{b}");
    // The volunteer pauses: the proposal no longer holds, and the board says so.
    status("paused").await;
    let b = board(&app, &coordinator).await;
    assert_eq!(b["open"][0]["proposal"]["stale"], true, "{b}");
    let (_, page) = app.page(&coordinator, "/matching").await;
    assert!(page.contains("Last run: "), "the time of the run");
    assert!(page.contains("Run the matching again"), "marked stale");
}

on_both_databases!(
    a_proposal_says_when_its_data_changed,
    imported_regular_commitments_are_not_free_time,
    an_admin_adds_a_kind_of_training,
    without_javascript_a_refused_profile_comes_back_with_its_values,
    matching_runs_over_the_demo_data,
    a_volunteer_keeps_their_profile_and_availability,
    bad_profile_and_availability_change_nothing,
    a_pair_that_breaks_a_hard_rule_is_refused,
    only_the_volunteer_of_a_match_sees_and_answers_it,
    a_support_person_asks_only_for_their_households,
    the_pages_render,
);
