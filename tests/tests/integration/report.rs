//! The delivery report over a small fixture whose figures are counted by hand: every table, for
//! both offices and for one, the same on SQLite and PostgreSQL; its CSV parses back to the
//! same rows; bad periods and offices are refused.

use crate::helpers::{assert_refused, TestApp};
use serde_json::Value;

/// 2026-01-01 00:00 in Tallinn is 2025-12-31 22:00 UTC.
const YEAR_START: i64 = 1_767_218_400;
const DAY: i64 = 86_400;

async fn exec(app: &TestApp, sql: &str) {
    sqlx::query(sql)
        .execute(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn id(app: &TestApp, sql: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as(sql)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    id
}

struct Fixture {
    tartu: i64,
}

/// Four households; what each did in 2026 (and just outside it) is in the comments.
async fn fixture(app: &TestApp) -> Fixture {
    let coordinator = app.coordinator_id;
    let support = app.account_id("support@test.ee").await;
    let volunteer = app.account_id("volunteer@test.ee").await;
    let tartu = id(app, "INSERT INTO offices (code, name, address, city, updated_at) VALUES ('r-tartu', 'Tartu office', 'Riia 15', 'Tartu', 0) RETURNING id").await;
    let tallinn = id(app, "INSERT INTO offices (code, name, address, city, updated_at) VALUES ('r-tallinn', 'Tallinn office', 'Pärnu mnt 1', 'Tallinn', 0) RETURNING id").await;
    let household = |city: &str| {
        format!(
            "INSERT INTO households (city, arrival_date, channel, status, created_by, created_at, updated_at) \
             VALUES ('{city}', '2025-10-01', 'phone', 'active', {coordinator}, 0, 0) RETURNING id"
        )
    };
    let h1 = id(app, &household("Tartu")).await;
    let h2 = id(app, &household("Tallinn")).await;
    let h3 = id(app, &household("Tartu")).await;
    let h4 = id(app, &household("Tallinn")).await;
    let member = |h: i64, name: &str, born: &str, gender: &str| {
        format!(
            "INSERT INTO members (household_id, first_name, last_name, date_of_birth, gender, created_at) \
             VALUES ({h}, '{name}', 'Test', '{born}', '{gender}', 0) RETURNING id"
        )
    };
    let m1 = id(app, &member(h1, "Adult", "1990-01-01", "female")).await;
    let m2 = id(app, &member(h1, "Child", "2015-06-01", "male")).await;
    let m3 = id(app, &member(h2, "Senior", "1950-01-01", "female")).await;
    let _m4 = id(app, &member(h3, "Unreached", "1980-03-03", "male")).await;
    let m5 = id(app, &member(h4, "Groupie", "2000-01-01", "undisclosed")).await;

    // A support person for h1 from February to May 2026; h3's ended in 2025.
    let assignment = |h: i64, start: &str, end: &str| {
        format!(
            "INSERT INTO assignments (household_id, support_person_id, start_date, planned_end, \
             first_planned_end, status, end_reason, ended_on, created_by, created_at, updated_at) \
             VALUES ({h}, {support}, '{start}', '{end}', '{end}', 'ended', 'period_complete', '{end}', \
             {coordinator}, 0, 0) RETURNING id"
        )
    };
    let a1 = id(app, &assignment(h1, "2026-02-01", "2026-05-01")).await;
    let _a0 = id(app, &assignment(h3, "2025-01-01", "2025-06-01")).await;
    let mut uid = 0;
    let mut event = |kind: &str, at: i64, status: &str| {
        uid += 1;
        format!(
            "INSERT INTO events (uid, kind, starts_at, ends_at, status, created_by, created_at, updated_at) \
             VALUES ('report-{uid}', '{kind}', {at}, {}, '{status}', {coordinator}, 0, 0) RETURNING id",
            at + 3600
        )
    };
    // 90 minutes of meetings held in 2026; one held in 2025.
    let e = id(app, &event("meeting", YEAR_START + 60 * DAY, "held")).await;
    exec(
        app,
        &format!(
            "INSERT INTO meetings (event_id, assignment_id, held_minutes) VALUES ({e}, {a1}, 90)"
        ),
    )
    .await;
    let e = id(app, &event("meeting", YEAR_START - 10 * DAY, "held")).await;
    exec(
        app,
        &format!(
            "INSERT INTO meetings (event_id, assignment_id, held_minutes) VALUES ({e}, {a1}, 60)"
        ),
    )
    .await;
    for (h, item, status, on) in [
        (h1, "bank_account", "done", "2026-03-05"),
        (h1, "family_doctor", "in_progress", "2026-03-06"),
        (h3, "school_place", "done", "2025-05-01"),
    ] {
        exec(app, &format!(
            "INSERT INTO checklist_items (household_id, item, status, on_date, updated_by, updated_at) \
             VALUES ({h}, '{item}', '{status}', '{on}', {support}, 0)"
        )).await;
    }
    // Consultations: h2 at Tallinn held (with a Russian interpreter) and missed; h1 at Tartu
    // cancelled; h3 at Tartu held half an hour before 2026 began in Tallinn.
    for (h, office, topic, at, status, interpreter) in [
        (
            h2,
            tallinn,
            "documents",
            YEAR_START + 90 * DAY,
            "held",
            "'ru'",
        ),
        (
            h2,
            tallinn,
            "documents",
            YEAR_START + 97 * DAY,
            "missed",
            "NULL",
        ),
        (
            h1,
            tartu,
            "housing",
            YEAR_START + 99 * DAY,
            "cancelled",
            "NULL",
        ),
        (h3, tartu, "work", YEAR_START - 1800, "held", "NULL"),
    ] {
        let e = id(app, &event("consultation", at, status)).await;
        exec(app, &format!(
            "INSERT INTO consultations (event_id, office_id, coordinator_id, household_id, booked_by, \
             topic, party_size, interpreter) \
             VALUES ({e}, {office}, {coordinator}, {h}, {coordinator}, '{topic}', 1, {interpreter})"
        )).await;
    }
    // Groups: digital literacy at Tartu (m1 present, m2 absent); art therapy at Tallinn (m3 and
    // m5 present; a second session cancelled).
    let series = |activity: &str, office: i64| {
        format!(
            "INSERT INTO series (activity, office_id, place_kind, capacity, languages, eligibility, \
             registration_opens, registration_closes, created_by, created_at, updated_at) \
             VALUES ('{activity}', {office}, 'online', 10, 'en', 'everyone', 0, 1, {coordinator}, 0, 0) \
             RETURNING id"
        )
    };
    let s1 = id(app, &series("digital_literacy", tartu)).await;
    let s2 = id(app, &series("art_therapy", tallinn)).await;
    let mut session = Vec::new();
    for (s, at, status) in [
        (s1, YEAR_START + 124 * DAY, "confirmed"),
        (s2, YEAR_START + 156 * DAY, "confirmed"),
        (s2, YEAR_START + 163 * DAY, "cancelled"),
    ] {
        let e = id(app, &event("session", at, status)).await;
        exec(
            app,
            &format!("INSERT INTO series_sessions (event_id, series_id) VALUES ({e}, {s})"),
        )
        .await;
        session.push(e);
    }
    for (e, m, status) in [
        (session[0], m1, "present"),
        (session[0], m2, "absent"),
        (session[1], m3, "present"),
        (session[1], m5, "present"),
    ] {
        exec(
            app,
            &format!(
                "INSERT INTO attendance (session_id, member_id, status, marked_by, marked_at) \
             VALUES ({e}, {m}, '{status}', {coordinator}, 0)"
            ),
        )
        .await;
    }
    // A language partner for m1 since July 2026 (an hour of check-ins); a job mentor for m3 from
    // November 2025, closed in February 2026.
    let request = |h: i64, m: i64, programme: &str| {
        format!(
            "INSERT INTO match_requests (household_id, member_id, programme, meeting, city, \
             requested_by, created_at, updated_at) \
             VALUES ({h}, {m}, '{programme}', 'either', 'Tartu', {coordinator}, 0, 0) RETURNING id"
        )
    };
    let r1 = id(app, &request(h1, m1, "language_partner")).await;
    let r2 = id(app, &request(h2, m3, "job_mentor")).await;
    let july = YEAR_START + 181 * DAY;
    let m_1 = id(app, &format!(
        "INSERT INTO matches (request_id, volunteer_id, status, score, breakdown, proposed_at, \
         answered_at, updated_at) VALUES ({r1}, {volunteer}, 'active', 10, '{{}}', {july}, {july}, 0) \
         RETURNING id"
    )).await;
    exec(
        app,
        &format!(
        "INSERT INTO matches (request_id, volunteer_id, status, score, breakdown, proposed_at, \
         answered_at, closed_at, close_reason, updated_at) \
         VALUES ({r2}, {volunteer}, 'closed', 10, '{{}}', {}, {}, {}, 'goal_reached', 0)",
        YEAR_START - 60 * DAY,
        YEAR_START - 60 * DAY,
        YEAR_START + 31 * DAY
    ),
    )
    .await;
    for (on, minutes) in [("2026-07-10", 60), ("2025-12-30", 45)] {
        exec(
            app,
            &format!(
                "INSERT INTO check_ins (match_id, on_date, minutes, created_by, created_at) \
             VALUES ({m_1}, '{on}', {minutes}, {volunteer}, 0)"
            ),
        )
        .await;
    }
    exec(
        app,
        &format!(
            "INSERT INTO volunteer_trainings (account_id, training, completed_on, recorded_by) \
         VALUES ({volunteer}, 'coaching', '2026-03-01', {coordinator})"
        ),
    )
    .await;
    // Contact requests: one registered as h1, one still open, one closed as spam.
    for (help, status, outcome, at, office) in [
        (
            "support_person",
            "closed",
            "'registered'",
            YEAR_START + 32 * DAY,
            tartu,
        ),
        ("other", "new", "NULL", YEAR_START + 61 * DAY, tallinn),
        (
            "workshop",
            "closed",
            "'spam'",
            YEAR_START + 62 * DAY,
            tallinn,
        ),
    ] {
        exec(app, &format!(
            "INSERT INTO intake_requests (requester, name, phone, channel, language, city, office_id, \
             help, message, status, outcome, created_at) \
             VALUES ('self', 'X', '+372 5555 0000', 'phone', 'en', 'Tartu', {office}, '{help}', 'm', \
             '{status}', {outcome}, {at})"
        )).await;
    }
    Fixture { tartu }
}

async fn report(app: &TestApp, client: &reqwest::Client, office: &str) -> Value {
    let res = app
        .api(
            client,
            "delivery_report",
            &[
                ("from", "2026-01-01"),
                ("to", "2026-12-31"),
                ("office", office),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.expect("report")
}

/// The rows of table `id`, as text.
fn rows(report: &Value, id: &str) -> Vec<Vec<String>> {
    let table = report["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("table {id}"));
    serde_json::from_value(table["rows"].clone()).expect("rows")
}

fn row<'a>(rows: &'a [Vec<String>], first: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0] == first)
        .unwrap_or_else(|| panic!("a row {first} in {rows:?}"))
}

fn strs(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

pub async fn the_report_counts_what_was_delivered(app: TestApp) {
    let f = fixture(&app).await;
    let coordinator = app.login_as("coordinator@test.ee").await;
    let r = report(&app, &coordinator, "").await;

    let people = rows(&r, "people");
    let header: Vec<String> =
        serde_json::from_value(r["tables"][0]["headers"].clone()).expect("headers");
    assert_eq!(header[1..4], strs(&["0–17", "18–64", "65+"]));
    assert_eq!(people.len(), 5, "four genders and the total");
    assert_eq!(people[0][1..], strs(&["0", "1", "1", "2"]), "women");
    assert_eq!(people[1][1..], strs(&["1", "0", "0", "1"]), "men");
    assert_eq!(people[2][1..], strs(&["0", "0", "0", "0"]), "other");
    assert_eq!(people[3][1..], strs(&["0", "1", "0", "1"]), "undisclosed");
    assert_eq!(people[4][1..], strs(&["1", "2", "1", "4"]), "total");
    assert_eq!(
        r["tables"][0]["note"]
            .as_str()
            .map(|n| n.starts_with("4 ") && n.contains(" 3 ")),
        Some(true),
        "{}",
        r["tables"][0]["note"]
    );

    let support: Vec<String> = rows(&r, "support")
        .into_iter()
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(support, strs(&["1", "1", "1", "1.5", "1"]));

    let consultations = rows(&r, "consultations");
    assert_eq!(
        consultations,
        vec![
            strs(&[
                "Tallinn office",
                "Documents and residence permit",
                "1",
                "1",
                "0"
            ]),
            strs(&["Tartu office", "Housing", "0", "0", "1"]),
        ]
    );
    assert_eq!(rows(&r, "interpreters"), vec![strs(&["Russian", "1"])]);

    let workshops = rows(&r, "workshops");
    assert_eq!(
        row(&workshops, "Digital literacy")[1..],
        strs(&["1", "1", "1"])
    );
    assert_eq!(row(&workshops, "Art therapy")[1..], strs(&["1", "2", "2"]));
    assert_eq!(
        row(&workshops, "Parenting training")[1..],
        strs(&["0", "0", "0"])
    );

    let matches = rows(&r, "matches");
    assert_eq!(
        row(&matches, "Language partner")[1..],
        strs(&["1", "1", "0", "1.0"])
    );
    assert_eq!(
        row(&matches, "Job mentor")[1..],
        strs(&["0", "1", "1", "0.0"])
    );
    assert_eq!(
        row(&matches, "Peer counsellor")[1..],
        strs(&["0", "0", "0", "0.0"])
    );

    let volunteers: Vec<String> = rows(&r, "volunteers")
        .into_iter()
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(volunteers, strs(&["1", "1"]));

    let intake = rows(&r, "intake");
    // Received, registered, answered, not eligible, duplicate, spam, still open.
    assert_eq!(
        intake[0][1..],
        strs(&["1", "1", "0", "0", "0", "0", "0"]),
        "{intake:?}"
    );
    assert_eq!(
        row(&intake, "A workshop or a support group")[1..],
        strs(&["1", "0", "0", "0", "0", "1", "0"])
    );
    assert_eq!(
        row(&intake, "Another question or a suggestion")[1..],
        strs(&["1", "0", "0", "0", "0", "0", "1"])
    );

    // One office: its consultations and groups, and the households of its city.
    let tartu = report(&app, &coordinator, &f.tartu.to_string()).await;
    assert_eq!(rows(&tartu, "people")[4][1..], strs(&["1", "1", "0", "2"]));
    assert_eq!(
        rows(&tartu, "consultations"),
        vec![strs(&["Tartu office", "Housing", "0", "0", "1"])]
    );
    assert!(rows(&tartu, "interpreters").is_empty());
    assert_eq!(
        row(&rows(&tartu, "workshops"), "Art therapy")[1..],
        strs(&["0", "0", "0"])
    );
    assert_eq!(
        row(&rows(&tartu, "matches"), "Job mentor")[1..],
        strs(&["0", "0", "0", "0.0"])
    );
    let intake = rows(&tartu, "intake");
    assert_eq!(intake[0][1], "1");
    assert_eq!(row(&intake, "Another question or a suggestion")[1], "0");

    // Each table downloads as CSV that a CSV library reads back to the same rows.
    for table in [
        "people",
        "support",
        "consultations",
        "workshops",
        "matches",
        "intake",
    ] {
        let res = coordinator
            .get(app.url(&format!(
                "/reports.csv?from=2026-01-01&to=2026-12-31&office=&table={table}"
            )))
            .send()
            .await
            .expect("csv");
        assert_eq!(res.status().as_u16(), 200, "{table}");
        assert!(res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv")));
        let bytes = res.bytes().await.expect("body");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[3..]);
        let parsed: Vec<Vec<String>> = reader
            .records()
            .map(|r| {
                r.expect("a CSV record")
                    .iter()
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        // The figures, then an empty row and the funder's acknowledgement.
        let (figures, foot) = parsed.split_at(parsed.len() - 2);
        assert_eq!(figures, rows(&r, table), "{table}");
        assert!(foot[0].iter().all(String::is_empty), "{foot:?}");
        assert!(
            foot[1][0].starts_with("Co-funded by the European Union"),
            "{foot:?}"
        );
    }
    // An admin's rewording is what the exports then carry.
    let admin = app.login_as("admin@test.ee").await;
    let res = app
        .api(
            &admin,
            "save_funder_wording",
            &[
                ("text_et", ""),
                ("text_en", "Funded by AMIF, grant 2026-17"),
                ("text_ru", ""),
                ("text_uk", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let csv = coordinator
        .get(app.url("/reports.csv?from=2026-01-01&to=2026-12-31&office=&table=people"))
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("text");
    assert!(
        csv.trim_end()
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("\"Funded by AMIF, grant 2026-17\";")),
        "{csv}"
    );
}

pub async fn bad_report_requests_are_refused(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let ask = |from: &'static str, to: &'static str, office: &'static str| {
        let client = coordinator.clone();
        let app = &app;
        async move {
            app.api(
                &client,
                "delivery_report",
                &[("from", from), ("to", to), ("office", office)],
            )
            .await
        }
    };
    assert_refused(
        ask("2026-12-31", "2026-01-01", "").await,
        "to",
        "EndBeforeStart",
    )
    .await;
    assert_refused(
        ask("2020-01-01", "2026-01-01", "").await,
        "to",
        "PeriodTooLong",
    )
    .await;
    assert_refused(
        ask("someday", "2026-01-01", "").await,
        "from",
        "InvalidDate",
    )
    .await;
    assert_refused(
        ask("2026-01-01", "2026-12-31", "999999").await,
        "office",
        "InvalidChoice",
    )
    .await;
    assert_refused(
        ask("2026-01-01", "2026-12-31", "Tartu").await,
        "office",
        "InvalidChoice",
    )
    .await;
    let csv = |path: &'static str, client: reqwest::Client| {
        let url = app.url(path);
        async move { client.get(url).send().await.expect("csv").status().as_u16() }
    };
    assert_eq!(
        csv(
            "/reports.csv?from=2026-01-01&to=2026-12-31&table=nothing",
            coordinator.clone()
        )
        .await,
        404
    );
    assert_eq!(
        csv(
            "/reports.csv?from=2026-12-31&to=2026-01-01&table=people",
            coordinator.clone()
        )
        .await,
        422
    );
    assert_eq!(csv("/reports.csv?table=people", app.client()).await, 401);
    let beneficiary = app.login_as("beneficiary@test.ee").await;
    assert_eq!(csv("/reports.csv?table=people", beneficiary).await, 403);
    // This year so far, when no period is given.
    let res = app.api(&coordinator, "delivery_report", &[]).await;
    assert_eq!(res.status().as_u16(), 200);
}

pub async fn households_and_volunteers_download_as_csv(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let res = app
        .api(
            &coordinator,
            "create_household",
            &[
                ("household[city]", "Tartu"),
                ("household[arrival_date]", "2026-11-20"),
                ("household[phone]", "+372 5555 1234"),
                ("household[channel]", "phone"),
                ("member[first_name]", "Анна-Марія"),
                ("member[last_name]", "O'Brien; \"Jr\""),
                ("member[date_of_birth]", "1990-05-01"),
                ("member[gender]", "female"),
                ("member[language_1]", "uk"),
                ("member[level_1]", "native"),
            ],
        )
        .await;
    let status = res.status().as_u16();
    assert_eq!(status, 200, "{}", res.text().await.unwrap_or_default());
    let read = |path: &'static str, client: reqwest::Client| {
        let url = app.url(path);
        async move {
            let res = client.get(url).send().await.expect("csv");
            let status = res.status().as_u16();
            let bytes = res.bytes().await.expect("body");
            (status, bytes)
        }
    };
    let (status, bytes) = read("/households.csv?city=Tartu", coordinator.clone()).await;
    assert_eq!(status, 200);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(
        rows,
        vec![vec![
            "Анна-Марія O'Brien; \"Jr\"".to_string(),
            "Tartu".to_string(),
            "2026-11-20".to_string(),
            "1".to_string(),
            "Active".to_string(),
        ]]
    );
    let (status, bytes) = read("/volunteers.csv", coordinator.clone()).await;
    assert_eq!(status, 200);
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
    assert!(text.contains("volunteer@test.ee"), "{text}");
    let volunteer = app.login_as("volunteer@test.ee").await;
    assert_eq!(read("/households.csv", volunteer.clone()).await.0, 403);
    assert_eq!(read("/volunteers.csv", volunteer).await.0, 403);
    assert_eq!(read("/households.csv", app.client()).await.0, 401);
}

/// Rows of a downloaded CSV (after its byte-order mark), header first.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a byte-order mark first");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.expect("record").iter().map(str::to_string).collect())
        .collect()
}

async fn download(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, Vec<u8>) {
    let res = client.get(app.url(path)).send().await.expect("csv");
    let status = res.status().as_u16();
    (status, res.bytes().await.expect("body").to_vec())
}

pub async fn a_roster_and_a_reception_day_download_as_csv(app: TestApp) {
    let coordinator = app.coordinator_id;
    let crate::workshops::Setup {
        office,
        facilitator,
        coordinator: client,
        ..
    } = crate::workshops::setup(&app).await;
    let household = |name: &str, last: &str| {
        let name = name.to_string();
        let last = last.to_string();
        let app = &app;
        async move {
            let h = id(app, &format!(
                "INSERT INTO households (city, arrival_date, channel, status, created_by, created_at, updated_at) \
                 VALUES ('Tartu', '2026-10-01', 'phone', 'active', {coordinator}, 0, 0) RETURNING id"
            )).await;
            let m = id(app, &format!(
                "INSERT INTO members (household_id, first_name, last_name, date_of_birth, gender, created_at) \
                 VALUES ({h}, '{name}', '{last}', '1990-01-01', 'female', 0) RETURNING id"
            )).await;
            (h, m)
        }
    };
    let (h1, m1) = household("Олена", "Коваль").await;
    let (h2, m2) = household("Amir", "Said").await;
    exec(&app, &format!("INSERT INTO member_languages (member_id, language, level) VALUES ({m1}, 'uk', 'native'), ({m1}, 'ru', 'good')")).await;
    let series = id(&app, &format!(
        "INSERT INTO series (activity, office_id, place_kind, capacity, languages, eligibility, \
         registration_opens, registration_closes, created_by, created_at, updated_at) \
         VALUES ('digital_literacy', {office}, 'online', 10, 'uk', 'everyone', 0, 1, {coordinator}, 0, 0) \
         RETURNING id"
    )).await;
    // Two sessions: Tue 1 Dec 2026 and Tue 8 Dec 2026, 17:00 in Tallinn (15:00 UTC).
    let first_at = 1_796_137_200;
    let mut sessions = Vec::new();
    for (n, at) in [first_at, first_at + 7 * DAY].into_iter().enumerate() {
        let e = id(&app, &format!(
            "INSERT INTO events (uid, kind, starts_at, ends_at, status, created_by, created_at, updated_at) \
             VALUES ('roster-{n}', 'session', {at}, {}, 'confirmed', {coordinator}, 0, 0) RETURNING id",
            at + 5400
        )).await;
        exec(
            &app,
            &format!("INSERT INTO series_sessions (event_id, series_id) VALUES ({e}, {series})"),
        )
        .await;
        sessions.push(e);
    }
    // Олена for the whole series (childcare for one), Amir dropping in on the second session.
    for (h, m, session, childcare) in [
        (h1, m1, "NULL".to_string(), "'1 child, 4 years'"),
        (h2, m2, sessions[1].to_string(), "NULL"),
    ] {
        let r = id(&app, &format!(
            "INSERT INTO registrations (series_id, session_id, household_id, booked_by, seats, status, \
             childcare, created_at, updated_at, confirmed_at) \
             VALUES ({series}, {session}, {h}, {coordinator}, 1, 'confirmed', {childcare}, 0, 0, 0) RETURNING id"
        )).await;
        exec(&app, &format!(
            "INSERT INTO registration_people (registration_id, series_id, member_id) VALUES ({r}, {series}, {m})"
        )).await;
    }
    for (session, m, mark) in [
        (sessions[0], m1, "present"),
        (sessions[1], m1, "excused"),
        (sessions[1], m2, "present"),
    ] {
        exec(
            &app,
            &format!(
                "INSERT INTO attendance (session_id, member_id, status, marked_by, marked_at) \
             VALUES ({session}, {m}, '{mark}', {coordinator}, 0)"
            ),
        )
        .await;
    }
    // The reception on Tue 1 Dec 2026: Amir at 10:00 with a Ukrainian interpreter, held.
    let e = id(&app, &format!(
        "INSERT INTO events (uid, kind, starts_at, ends_at, status, created_by, created_at, updated_at) \
         VALUES ('day-1', 'consultation', 1796112000, 1796114700, 'held', {coordinator}, 0, 0) RETURNING id"
    )).await;
    exec(&app, &format!(
        "INSERT INTO consultations (event_id, office_id, coordinator_id, household_id, booked_by, \
         topic, party_size, interpreter, note, staff_note) \
         VALUES ({e}, {office}, {coordinator}, {h2}, {coordinator}, 'housing', 2, 'uk', 'Rent, \"deposit\"', '=1+1')"
    )).await;

    let (status, bytes) = download(&app, &client, &format!("/workshops/{series}/roster.csv")).await;
    assert_eq!(status, 200);
    let rows = csv_rows(&bytes);
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    // By last name: Said before Коваль. Amir's seat covers the second session only.
    assert_eq!(
        rows,
        vec![
            row(&[
                "Name",
                "Languages",
                "Childcare",
                "Single session",
                "2026-12-01 17:00",
                "2026-12-08 17:00"
            ]),
            row(&["Amir Said", "", "", "2026-12-08 17:00", "", "Present"]),
            row(&[
                "Олена Коваль",
                "Russian, Ukrainian",
                "1 child, 4 years",
                "",
                "Present",
                "Excused"
            ]),
        ]
    );

    let (status, bytes) = download(
        &app,
        &client,
        &format!("/reception.csv?office={office}&date=2026-12-01"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        csv_rows(&bytes),
        vec![
            row(&[
                "Time",
                "Household",
                "People coming",
                "Topic",
                "Interpreter",
                "Coordinator",
                "Status",
                "walk-in",
                "Note",
                "Coordinators' note (not shown to the household)"
            ]),
            row(&[
                "2026-12-01 10:00–10:45",
                "Amir Said",
                "2",
                "Housing",
                "Ukrainian",
                "Kadri Coordinator",
                "Held",
                "",
                "Rent, \"deposit\"",
                "'=1+1"
            ]),
        ]
    );
    // Another day is empty but for the titles.
    let (status, bytes) = download(
        &app,
        &client,
        &format!("/reception.csv?office={office}&date=2026-12-02"),
    )
    .await;
    assert_eq!((status, csv_rows(&bytes).len()), (200, 1));

    // Bad input: a day that is not one, an office or a series that does not exist.
    for (path, expected) in [
        (
            format!("/reception.csv?office={office}&date=31.02.2026"),
            400,
        ),
        (format!("/reception.csv?office={office}"), 400),
        (
            format!("/reception.csv?office={}&date=2026-12-01", office + 100),
            404,
        ),
        (format!("/workshops/{}/roster.csv", series + 100), 404),
        ("/workshops/x/roster.csv".to_string(), 400),
    ] {
        assert_eq!(download(&app, &client, &path).await.0, expected, "{path}");
    }

    // Access follows the relationship: a facilitator only of their own series; no others.
    let roster = format!("/workshops/{series}/roster.csv");
    let day = format!("/reception.csv?office={office}&date=2026-12-01");
    let facilitator_client = app.login_as("facilitator@test.ee").await;
    assert_eq!(download(&app, &facilitator_client, &roster).await.0, 404);
    exec(&app, &format!("INSERT INTO series_facilitators (series_id, account_id) VALUES ({series}, {facilitator})")).await;
    assert_eq!(download(&app, &facilitator_client, &roster).await.0, 200);
    assert_eq!(download(&app, &facilitator_client, &day).await.0, 403);
    let volunteer = app.login_as("volunteer@test.ee").await;
    assert_eq!(download(&app, &volunteer, &roster).await.0, 403);
    assert_eq!(download(&app, &volunteer, &day).await.0, 403);
    assert_eq!(download(&app, &app.client(), &roster).await.0, 401);
    assert_eq!(download(&app, &app.client(), &day).await.0, 401);
}

crate::on_both_databases!(
    the_report_counts_what_was_delivered,
    bad_report_requests_are_refused,
    households_and_volunteers_download_as_csv,
    a_roster_and_a_reception_day_download_as_csv,
);
