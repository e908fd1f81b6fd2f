//! The authorisation matrix: every page route and every server function, called as every kind
//! of person (and, for those whose rights follow a relationship, on their own, another's and a
//! former record), answers exactly as `access_matrix.txt` says. The targets come from the
//! router and the server-function registry, so a new page or endpoint without a row fails.
//!
//! Rows: `target args status…`, one status per column of `COLUMNS`. Arguments are a form body
//! with placeholders (`{household}`…) filled per column; state-changing calls carry arguments
//! that pass authorisation but fail validation, so the world stays the same from column to
//! column. `TUGI_MATRIX_WRITE=1` rewrites the statuses from what the server answers (review
//! the diff before committing it).

use crate::helpers::{spawn_app, Backend, TestApp};
use reqwest::header::ACCEPT;
use reqwest::Client;
use std::collections::{BTreeMap, BTreeSet};
use tugi_server::demo::DEMO_PASSWORD;

const MATRIX: &str = "tests/integration/access_matrix.txt";

/// Who calls, and on which record: (column, account email, relationship).
const COLUMNS: [(&str, Option<&str>, Relation); 16] = [
    ("anon", None, Relation::Own),
    ("admin", Some("admin@tugi.demo"), Relation::Own),
    ("coordinator", Some("coordinator@tugi.demo"), Relation::Own),
    ("support:own", Some("support@tugi.demo"), Relation::Own),
    ("support:other", Some("support@tugi.demo"), Relation::Other),
    (
        "support:former",
        Some("support@tugi.demo"),
        Relation::Former,
    ),
    ("volunteer:own", Some("volunteer@tugi.demo"), Relation::Own),
    (
        "volunteer:other",
        Some("volunteer@tugi.demo"),
        Relation::Other,
    ),
    (
        "facilitator:own",
        Some("facilitator@tugi.demo"),
        Relation::Own,
    ),
    (
        "facilitator:other",
        Some("facilitator@tugi.demo"),
        Relation::Other,
    ),
    (
        "beneficiary:own",
        Some("beneficiary@tugi.demo"),
        Relation::Own,
    ),
    (
        "beneficiary:other",
        Some("beneficiary@tugi.demo"),
        Relation::Other,
    ),
    ("counsellor", Some("counsellor@tugi.demo"), Relation::Own),
    ("approver", Some("approver@tugi.demo"), Relation::Own),
    // The caseworker at the Georgian office, on a Georgian case and on a Ukrainian one.
    (
        "caseworker:own",
        Some("caseworker@tugi.demo"),
        Relation::Own,
    ),
    (
        "caseworker:other",
        Some("caseworker@tugi.demo"),
        Relation::Other,
    ),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Relation {
    Own,
    Other,
    Former,
}

/// An id no record has.
const NONE: i64 = 999_999;

async fn one(app: &TestApp, sql: &str, bind: i64) -> i64 {
    let row: Option<(Option<i64>,)> = sqlx::query_as(sql)
        .bind(bind)
        .fetch_optional(app.db.pool())
        .await
        .expect("fixture query");
    row.and_then(|(id,)| id).unwrap_or(NONE)
}

/// A request for a volunteer on `household`, matched (active) to `volunteer`; the match's id.
async fn active_match(app: &TestApp, household: i64, volunteer: i64, by: i64) -> (i64, i64) {
    let member = one(
        app,
        "SELECT MIN(id) FROM members WHERE household_id = $1",
        household,
    )
    .await;
    let (request,): (i64,) = sqlx::query_as(
        "INSERT INTO match_requests (household_id, member_id, programme, meeting, city, \
         requested_by, created_at, updated_at, status) \
         VALUES ($1, $2, 'adaptation_mentor', 'either', 'Tallinn', $3, 0, 0, 'matched') RETURNING id",
    )
    .bind(household)
    .bind(member)
    .bind(by)
    .fetch_one(app.db.pool())
    .await
    .expect("request");
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO matches (request_id, volunteer_id, status, score, breakdown, proposed_at, \
         updated_at) VALUES ($1, $2, 'active', 0, '{}', 0, 0) RETURNING id",
    )
    .bind(request)
    .bind(volunteer)
    .fetch_one(app.db.pool())
    .await
    .expect("match");
    (id, request)
}

/// A confirmed consultation of `household` with `coordinator` at `office`, ten days ahead.
async fn consultation(app: &TestApp, household: i64, office: i64, coordinator: i64, by: i64) {
    let start = tugi_app::db::now() + 10 * 86_400 + (household * 10 + by) * 3600;
    let (event,): (i64,) = sqlx::query_as(
        "INSERT INTO events (uid, kind, starts_at, ends_at, status, sequence, created_by, \
         created_at, updated_at) VALUES ($1, 'consultation', $2, $3, 'confirmed', 0, $4, 0, 0) \
         RETURNING id",
    )
    .bind(format!("matrix-{household}-{by}@tugi"))
    .bind(start)
    .bind(start + 45 * 60)
    .bind(by)
    .fetch_one(app.db.pool())
    .await
    .expect("event");
    sqlx::query(
        "INSERT INTO occupancy (event_id, resource, starts_at, ends_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(event)
    .bind(format!("person:{coordinator}"))
    .bind(start)
    .bind(start + 45 * 60)
    .execute(app.db.pool())
    .await
    .expect("occupancy");
    sqlx::query(
        "INSERT INTO consultations (event_id, office_id, coordinator_id, household_id, booked_by, \
         topic, party_size) VALUES ($1, $2, $3, $4, $5, 'documents', 1)",
    )
    .bind(event)
    .bind(office)
    .bind(coordinator)
    .bind(household)
    .bind(by)
    .execute(app.db.pool())
    .await
    .expect("consultation");
}

/// A confirmed seat for `household` in `series`.
async fn registration(app: &TestApp, series: i64, household: i64, by: i64) {
    sqlx::query("UPDATE series SET seats_taken = seats_taken + 1 WHERE id = $1")
        .bind(series)
        .execute(app.db.pool())
        .await
        .expect("seat");
    sqlx::query(
        "INSERT INTO registrations (series_id, household_id, booked_by, seats, status, \
         created_at, updated_at, confirmed_at) VALUES ($1, $2, $3, 1, 'confirmed', 0, 0, 0)",
    )
    .bind(series)
    .bind(household)
    .bind(by)
    .execute(app.db.pool())
    .await
    .expect("registration");
}

/// The placeholders' values for every column, from the demo world plus a few records.
async fn bindings(app: &TestApp) -> Vec<BTreeMap<&'static str, i64>> {
    let id = |email: &'static str| app.account_id(email);
    let (support, volunteer, volunteer2, facilitator, facilitator2, beneficiary, coordinator) = (
        id("support@tugi.demo").await,
        id("volunteer@tugi.demo").await,
        id("volunteer2@tugi.demo").await,
        id("facilitator@tugi.demo").await,
        id("facilitator2@tugi.demo").await,
        id("beneficiary@tugi.demo").await,
        id("coordinator@tugi.demo").await,
    );
    let open = "SELECT MIN(id) FROM assignments WHERE support_person_id = $1 AND status = 'active'";
    let own_assignment = one(app, open, support).await;
    // The support person's second household becomes a former one.
    let former_assignment = one(
        app,
        "SELECT MAX(id) FROM assignments WHERE support_person_id = $1 AND status = 'active'",
        support,
    )
    .await;
    assert_ne!(
        own_assignment, former_assignment,
        "the demo gives two households"
    );
    sqlx::query(
        "UPDATE assignments SET status = 'ended', end_reason = 'period_complete', \
         ended_on = '2026-11-01' WHERE id = $1",
    )
    .bind(former_assignment)
    .execute(app.db.pool())
    .await
    .expect("end");
    // A contact request, as the public form leaves one.
    sqlx::query(
        "INSERT INTO intake_requests (requester, name, phone, channel, language, city, help, \
         message, status, created_at) \
         VALUES ('self', 'Matrix Person', '+372 5555 0000', 'phone', 'en', 'Tallinn', 'other', \
         'hello', 'new', 1800000000)",
    )
    .execute(app.db.pool())
    .await
    .expect("intake request");
    let other_assignment = one(
        app,
        "SELECT MIN(id) FROM assignments WHERE support_person_id <> $1 AND status = 'active'",
        support,
    )
    .await;
    let household_of = |assignment: i64| {
        one(
            app,
            "SELECT household_id FROM assignments WHERE id = $1",
            assignment,
        )
    };
    let (own_home, former_home, other_home) = (
        household_of(own_assignment).await,
        household_of(former_assignment).await,
        household_of(other_assignment).await,
    );
    let ben_home = one(
        app,
        "SELECT household_id FROM members WHERE account_id = $1",
        beneficiary,
    )
    .await;
    let ben_other = one(
        app,
        "SELECT MIN(id) FROM households WHERE id <> $1",
        ben_home,
    )
    .await;
    let (own_match, own_request) = active_match(app, own_home, volunteer, coordinator).await;
    let (other_match, other_request) = active_match(app, other_home, volunteer2, coordinator).await;
    let series_of = "SELECT MIN(s.series_id) FROM series_sessions s \
        JOIN occupancy o ON o.event_id = s.event_id WHERE o.resource = 'person:' || CAST($1 AS TEXT)";
    let (own_series, other_series) = (
        one(app, series_of, facilitator).await,
        one(app, series_of, facilitator2).await,
    );
    let office = one(app, "SELECT MIN(id) FROM offices WHERE id > $1", 0).await;
    // The demo books none for these households: one consultation each, one workshop seat.
    for (home, by) in [
        (own_home, support),
        (ben_home, beneficiary),
        (ben_other, coordinator),
    ] {
        consultation(app, home, office, coordinator, by).await;
    }
    registration(app, own_series, ben_home, beneficiary).await;
    registration(app, own_series, ben_other, coordinator).await;
    let georgia = one(
        app,
        "SELECT MIN(id) FROM country_offices WHERE id > $1 AND country = 'Georgia'",
        0,
    )
    .await;
    let case_at = "SELECT MIN(id) FROM return_cases WHERE country_office_id = $1";
    let georgian_case = one(app, case_at, georgia).await;
    let other_case = one(
        app,
        "SELECT MIN(id) FROM return_cases WHERE country_office_id <> $1",
        georgia,
    )
    .await;
    assert!(
        georgian_case != NONE && other_case != NONE,
        "demo return cases"
    );
    let mut columns = Vec::new();
    for (name, _, relation) in COLUMNS {
        let (household, assignment, matched, request, series) = match (name, relation) {
            (n, Relation::Own) if n.starts_with("volunteer") => {
                (own_home, own_assignment, own_match, own_request, own_series)
            }
            (n, Relation::Other) if n.starts_with("volunteer") => (
                other_home,
                other_assignment,
                other_match,
                other_request,
                own_series,
            ),
            (n, r) if n.starts_with("facilitator") => {
                let series = if r == Relation::Own {
                    own_series
                } else {
                    other_series
                };
                (own_home, own_assignment, own_match, own_request, series)
            }
            (n, r) if n.starts_with("beneficiary") => {
                let home = if r == Relation::Own {
                    ben_home
                } else {
                    ben_other
                };
                let assignment = one(
                    app,
                    "SELECT MAX(id) FROM assignments WHERE household_id = $1",
                    home,
                )
                .await;
                (home, assignment, own_match, own_request, own_series)
            }
            (_, Relation::Other) => (
                other_home,
                other_assignment,
                other_match,
                other_request,
                own_series,
            ),
            (_, Relation::Former) => (
                former_home,
                former_assignment,
                own_match,
                own_request,
                own_series,
            ),
            _ => (own_home, own_assignment, own_match, own_request, own_series),
        };
        let mut b = BTreeMap::new();
        b.insert("household", household);
        b.insert("assignment", assignment);
        b.insert("match", matched);
        b.insert("request", request);
        b.insert("series", series);
        b.insert(
            "session",
            one(
                app,
                "SELECT MIN(event_id) FROM series_sessions WHERE series_id = $1",
                series,
            )
            .await,
        );
        b.insert(
            "consultation",
            one(
                app,
                "SELECT MIN(event_id) FROM consultations WHERE household_id = $1",
                household,
            )
            .await,
        );
        b.insert(
            "registration",
            one(
                app,
                "SELECT MIN(id) FROM registrations WHERE household_id = $1",
                household,
            )
            .await,
        );
        b.insert(
            "meeting",
            one(
                app,
                "SELECT MIN(m.event_id) FROM meetings m WHERE m.assignment_id = $1",
                assignment,
            )
            .await,
        );
        b.insert("office", office);
        b.insert(
            "intake",
            one(app, "SELECT MIN(id) FROM intake_requests WHERE id > $1", 0).await,
        );
        b.insert("account", volunteer2);
        b.insert("volunteer", volunteer);
        b.insert("support", support);
        b.insert("country_office", georgia);
        let case = if name == "caseworker:other" {
            other_case
        } else {
            georgian_case
        };
        b.insert("case", case);
        columns.push(b);
    }
    columns
}

/// `{household}` → the column's value; `{token}` → a token no link has.
fn fill(template: &str, values: &BTreeMap<&'static str, i64>) -> String {
    let mut out = template.replace("{token}", "not-a-token");
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

async fn call(app: &TestApp, client: &Client, target: &str, args: &str) -> u16 {
    let response = match target.strip_prefix("api:") {
        Some(endpoint) => {
            let body = if args == "-" {
                String::new()
            } else {
                args.to_string()
            };
            client
                .post(app.url(&format!("/api/{endpoint}")))
                .header(ACCEPT, "application/json")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
        }
        None => client.get(app.url(target)).send().await,
    };
    response.map(|r| r.status().as_u16()).unwrap_or(0)
}

/// `/households/{household}` and `/households/:id` name the same route.
fn route_shape(path: &str) -> String {
    path.split('/')
        .map(|part| {
            if part.starts_with(':') || part.starts_with('{') {
                ":"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

struct Row {
    target: String,
    args: String,
    expected: Vec<String>,
}

fn read_matrix() -> Vec<Row> {
    let text = std::fs::read_to_string(MATRIX).expect("access_matrix.txt");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut parts = line.split_whitespace();
            Row {
                target: parts.next().unwrap_or_default().to_string(),
                args: parts.next().unwrap_or("-").to_string(),
                expected: parts.map(str::to_string).collect(),
            }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_every_role_as_the_matrix_says() {
    let app = spawn_app(Backend::Sqlite).await;
    // The demo world, in place of the test accounts.
    for table in ["account_roles", "accounts"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(app.db.pool())
            .await
            .expect("empty");
    }
    assert!(tugi_server::demo::load_if_empty(&app.db)
        .await
        .expect("demo"));
    let rows = read_matrix();

    // Every page and every server function has a row, and every row still exists.
    let listed: BTreeSet<String> = rows.iter().map(|r| route_shape(&r.target)).collect();
    let mut known: BTreeSet<String> = tugi_server::page_paths()
        .iter()
        .map(|p| route_shape(p))
        .collect();
    known.extend(
        tugi_server::endpoint_paths()
            .iter()
            .map(|p| p.replacen("/api/", "api:", 1)),
    );
    let missing: Vec<_> = known.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&known).collect();
    assert!(
        missing.is_empty(),
        "routes without a row in {MATRIX}: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for routes that no longer exist: {stale:?}"
    );

    let values = bindings(&app).await;
    let mut clients = BTreeMap::new();
    for (_, email, _) in COLUMNS {
        if let Some(email) = email {
            if !clients.contains_key(email) {
                let client = app.client();
                let res = client
                    .post(app.url("/api/login"))
                    .header(ACCEPT, "application/json")
                    .form(&[("email", email), ("password", DEMO_PASSWORD)])
                    .send()
                    .await
                    .expect("login");
                assert_eq!(res.status().as_u16(), 200, "login as {email}");
                clients.insert(email, client);
            }
        }
    }
    let anonymous = app.client();
    let write = std::env::var("TUGI_MATRIX_WRITE").is_ok();
    let mut out = format!("# {:<30} {:<56}", "target", "args");
    for (name, _, _) in COLUMNS {
        out.push_str(&format!(" {name}"));
    }
    out.push('\n');
    let (mut checked, mut unexpected) = (0, Vec::new());
    for row in &rows {
        let mut answers = Vec::new();
        for (i, (name, email, _)) in COLUMNS.iter().enumerate() {
            let client = email.and_then(|e| clients.get(e)).unwrap_or(&anonymous);
            let target = fill(&row.target, &values[i]);
            let args = fill(&row.args, &values[i]);
            let status = call(&app, client, &target, &args).await;
            assert!(
                status != 0 && status < 500,
                "{name} {target} {args}: {status}"
            );
            if row.expected.get(i).map(String::as_str) != Some(status.to_string().as_str()) {
                unexpected.push(format!(
                    "{name} {} {}: {status}, expected {:?}",
                    row.target,
                    row.args,
                    row.expected.get(i)
                ));
            }
            checked += 1;
            answers.push(status.to_string());
        }
        out.push_str(&format!("{:<32} {:<56}", row.target, row.args));
        for ((name, _, _), answer) in COLUMNS.iter().zip(&answers) {
            out.push_str(&format!(" {answer:<width$}", width = name.len()));
        }
        out.push('\n');
    }
    println!(
        "access matrix: {} routes × {} callers = {checked} answers checked, {} unexpected",
        rows.len(),
        COLUMNS.len(),
        unexpected.len()
    );
    if write {
        std::fs::write(MATRIX, out).expect("write the matrix");
        return;
    }
    assert!(
        unexpected.is_empty(),
        "unexpected answers:\n{}",
        unexpected.join("\n")
    );
}
