//! A household's rights over its data, on an empty database with a member who came in through
//! an invitation: seeing everything stored (page and JSON, own household only), erasure once
//! nothing is open, consent withdrawal, and the retention job.

use crate::consultations::{book_one, reception_for};
use crate::helpers::{assert_refused, TestApp, PASSWORD};
use crate::households::{register, registration, with};
use crate::into_service::{last_message, link_in};
use crate::on_both_databases;
use crate::support::days_from_today;
use reqwest::Client;
use serde_json::Value;
use tugi_server::config::MailConfig;

/// Invites the household's first member (Олена) to a login and accepts it; her client.
async fn invited_member(
    app: &TestApp,
    coordinator: &Client,
    household: i64,
    email: &str,
) -> Client {
    let (member,): (i64,) =
        sqlx::query_as("SELECT id FROM members WHERE household_id = $1 ORDER BY id LIMIT 1")
            .bind(household)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let res = app
        .api(
            coordinator,
            "invite_member",
            &[
                ("household_id", &household.to_string()),
                ("member_id", &member.to_string()),
                ("form[email]", email),
                ("form[language]", "uk"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "invited");
    let (_, _, _, body) = last_message(app, "invitation").await;
    let token = link_in(&body, "/invite/")
        .trim_start_matches("/invite/")
        .to_string();
    let client = app.client();
    let res = app
        .api(
            &client,
            "accept_invite",
            &[
                ("token", token.as_str()),
                ("new_password", PASSWORD),
                ("confirm_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "accepted");
    client
}

async fn get(client: &Client, app: &TestApp, path: &str) -> reqwest::Response {
    client.get(app.url(path)).send().await.unwrap()
}

/// The rows of one table of a JSON export, as objects by column name.
fn table(export: &Value, name: &str) -> Vec<serde_json::Map<String, Value>> {
    let table = export["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("table {name}"));
    let columns: Vec<String> = table["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            columns
                .iter()
                .cloned()
                .zip(row.as_array().unwrap().iter().cloned())
                .collect()
        })
        .collect()
}

async fn audited(app: &TestApp, action: &str, household: i64) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND subject_id = $2")
            .bind(action)
            .bind(household)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    n
}

async fn a_household_sees_everything_stored_about_it_and_nobody_else_does(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let household = register(&app, &coordinator).await;
    let other = register(&app, &coordinator).await;
    let olena = invited_member(&app, &coordinator, household, "olena@test.ee").await;

    // Her own data, as a page and as a download.
    let (status, page) = app.page(&olena, "/my-data").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Олена") && page.contains("school place"),
        "{page}"
    );
    let res = get(&olena, &app, "/my-data.json").await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(res.headers()["cache-control"], "no-store");
    let export: Value = res.json().await.unwrap();
    assert_eq!(export["household_id"], household);
    let members = table(&export, "members");
    assert_eq!(members[0]["first_name"], "Олена");
    assert_eq!(members[0]["date_of_birth"], "1990-02-03");
    let logins = table(&export, "logins");
    assert_eq!(logins[0]["email"], "olena@test.ee");
    assert!(
        table(&export, "household")[0]["created_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z')),
        "times are UTC in the download"
    );
    let names: Vec<&str> = export["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 20, "{names:?}");
    let res = get(&olena, &app, &format!("/households/{household}/data.json")).await;
    assert_eq!(res.status().as_u16(), 200, "her own household by id");

    // Nobody else's.
    let res = get(&olena, &app, &format!("/households/{other}/data.json")).await;
    assert_eq!(res.status().as_u16(), 403);
    let res = app
        .api(&olena, "household_data", &[("id", &other.to_string())])
        .await;
    assert_eq!(res.status().as_u16(), 403);
    for email in ["volunteer@test.ee", "support@test.ee", "admin@test.ee"] {
        let client = app.login_as(email).await;
        let res = get(&client, &app, &format!("/households/{household}/data.json")).await;
        assert_eq!(res.status().as_u16(), 403, "{email}");
    }
    let stranger = app.login_as("beneficiary@test.ee").await;
    let res = get(&stranger, &app, "/my-data.json").await;
    assert_eq!(res.status().as_u16(), 403, "a login without a household");
    let res = get(&app.client(), &app, "/my-data.json").await;
    assert_eq!(res.status().as_u16(), 401);
    let res = get(
        &app.client(),
        &app,
        &format!("/households/{household}/data.json"),
    )
    .await;
    assert_eq!(res.status().as_u16(), 401);

    // Coordinators see any household; every export is audited.
    let (status, page) = app
        .page(&coordinator, &format!("/households/{household}/data"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Олена") && page.contains("olena@test.ee"));
    let res = get(
        &coordinator,
        &app,
        &format!("/households/{other}/data.json"),
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    for bad in ["/households/abc/data.json", "/households/999999/data.json"] {
        let res = get(&coordinator, &app, bad).await;
        assert_eq!(res.status().as_u16(), 404, "{bad}");
    }
    // Her page, her two downloads, the coordinator's page.
    assert_eq!(audited(&app, "household.export", household).await, 4);
    assert_eq!(audited(&app, "household.export", other).await, 1);
    // Last, as the page may still read her data (and audit it) after answering.
    let (status, _) = app
        .page(&olena, &format!("/households/{household}/data"))
        .await;
    assert_eq!(status, 403, "the staff page is for staff");
}

async fn erasure_waits_for_open_work_and_keeps_only_what_reports_count(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let household = register(&app, &coordinator).await;
    let olena = invited_member(&app, &coordinator, household, "olena@test.ee").await;
    let support = app.account_id("support@test.ee").await;
    let res = app
        .api(
            &coordinator,
            "assign_support_person",
            &[
                ("household_id", &household.to_string()),
                ("form[support_person_id]", &support.to_string()),
                ("form[start_date]", &days_from_today(-10)),
                ("form[planned_end]", ""),
                ("form[override_reason]", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let assignment: i64 = res.json().await.unwrap();
    let id = household.to_string();

    let erase = |confirm: Option<&'static str>| {
        let mut form = vec![("household_id", id.clone())];
        if let Some(c) = confirm {
            form.push(("confirm", c.to_string()));
        }
        let client = coordinator.clone();
        let url = app.url("/api/erase_household");
        async move {
            client
                .post(url)
                .header("accept", "application/json")
                .form(&form)
                .send()
                .await
                .unwrap()
        }
    };
    assert_refused(erase(None).await, "confirm", "Required").await;
    assert_refused(erase(Some("yes please")).await, "confirm", "Required").await;
    assert_refused(erase(Some("on")).await, "erase", "OpenAssignment").await;
    let supporter = app.login_as("support@test.ee").await;
    let res = app
        .api(
            &supporter,
            "erase_household",
            &[("household_id", &id), ("confirm", "on")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
    let res = app
        .api(
            &coordinator,
            "erase_household",
            &[("household_id", "999999"), ("confirm", "on")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let (name,): (String,) =
        sqlx::query_as("SELECT first_name FROM members WHERE household_id = $1")
            .bind(household)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(name, "Олена", "a refusal changes nothing");

    // The refusal is shown on the page without JavaScript, translated.
    let page = format!("/households/{household}");
    let res = app
        .plain_post(
            &coordinator,
            "erase_household",
            &[("household_id", &id), ("confirm", "on")],
            &page,
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let base = app.url("");
    let (_, shown) = app
        .page(
            &coordinator,
            location.strip_prefix(&base).unwrap_or(&location),
        )
        .await;
    assert!(shown.contains("support person"), "the reason is named");

    let res = app
        .api(
            &coordinator,
            "end_assignment",
            &[
                ("id", &assignment.to_string()),
                ("form[reason]", "period_complete"),
                ("form[ended_on]", ""),
                ("form[note]", "moved to Narva, new job at the port"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let counts = (
        app.count("members").await,
        app.count("assignments").await,
        app.count("households").await,
    );
    let res = erase(Some("on")).await;
    assert_eq!(res.status().as_u16(), 200);

    let (first, last, born): (String, String, String) = sqlx::query_as(
        "SELECT first_name, last_name, date_of_birth FROM members WHERE household_id = $1",
    )
    .bind(household)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        (first.as_str(), last.as_str(), born.as_str()),
        ("", "", "1990-01-01")
    );
    let (phone, needs, status, erased): (Option<String>, Option<String>, String, Option<i64>) =
        sqlx::query_as("SELECT phone, needs, status, erased_at FROM households WHERE id = $1")
            .bind(household)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!((phone, needs, status.as_str()), (None, None, "closed"));
    assert!(erased.is_some());
    let (note,): (Option<String>,) =
        sqlx::query_as("SELECT end_note FROM assignments WHERE id = $1")
            .bind(assignment)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(note, None);
    assert_eq!(
        counts,
        (
            app.count("members").await,
            app.count("assignments").await,
            app.count("households").await,
        ),
        "every row stays for the reports"
    );
    let (emails,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM outbox WHERE recipient = 'olena@test.ee' OR body LIKE '%Олена%'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(emails, 0, "her address and name are gone from messages");

    // Her login is closed at once and cannot be opened again.
    let me: Value = app.api(&olena, "me", &[]).await.json().await.unwrap();
    assert_eq!(me, Value::Null);
    let res = app
        .api(
            &app.client(),
            "login",
            &[("email", "olena@test.ee"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);

    let (status, page) = app.page(&coordinator, &page).await;
    assert_eq!(status, 200);
    assert!(page.contains("was erased on") && !page.contains("Олена"));
    let (_, list) = app.page(&coordinator, "/households").await;
    assert!(list.contains("Household with erased data"));
    assert_refused(erase(Some("on")).await, "erase", "AlreadyErased").await;
    let mut form: Vec<(&str, &str)> = with(registration(), "household[city]", "Narva")
        .into_iter()
        .filter(|(k, _)| k.starts_with("household"))
        .collect();
    form.push(("id", &id));
    let res = app.api(&coordinator, "update_household", &form).await;
    assert!(
        res.status().is_client_error(),
        "an erased record stays erased"
    );
    // Nothing new is added to it: members, consents, a support person, a login.
    let (member,): (i64,) =
        sqlx::query_as("SELECT id FROM members WHERE household_id = $1 ORDER BY id LIMIT 1")
            .bind(household)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let member = member.to_string();
    let start = days_from_today(0);
    let support = support.to_string();
    let tries: [(&str, Vec<(&str, &str)>); 4] = [
        (
            "add_member",
            registration()
                .into_iter()
                .filter(|(k, _)| k.starts_with("member"))
                .chain([("household_id", id.as_str())])
                .collect(),
        ),
        (
            "record_consent",
            vec![
                ("household_id", id.as_str()),
                ("consent[purpose]", "messaging"),
                ("consent[given_on]", "2026-01-04"),
            ],
        ),
        (
            "assign_support_person",
            vec![
                ("household_id", id.as_str()),
                ("form[support_person_id]", support.as_str()),
                ("form[start_date]", start.as_str()),
                ("form[planned_end]", ""),
                ("form[override_reason]", ""),
            ],
        ),
        (
            "invite_member",
            vec![
                ("household_id", id.as_str()),
                ("member_id", member.as_str()),
                ("form[email]", "again@test.ee"),
                ("form[language]", "uk"),
            ],
        ),
    ];
    let members = app.count("members").await;
    let invites = app.count("invites").await;
    for (endpoint, form) in tries {
        let res = app.api(&coordinator, endpoint, &form).await;
        assert_eq!(
            res.status().as_u16(),
            404,
            "{endpoint} on an erased household"
        );
    }
    assert_eq!(app.count("members").await, members);
    assert_eq!(app.count("invites").await, invites);
    assert_eq!(audited(&app, "household.erase", household).await, 1);
}

async fn a_withdrawn_consent_to_messages_stops_them(app: TestApp) {
    let r = reception_for(&app).await;
    let id = r.household.to_string();
    let consent = |purpose: &'static str| {
        vec![
            ("household_id", id.clone()),
            ("consent[purpose]", purpose.to_string()),
            ("consent[given_on]", "2027-01-04".to_string()),
        ]
    };
    let send = |client: &Client, endpoint: &'static str, form: Vec<(&'static str, String)>| {
        let client = client.clone();
        let url = app.url(&format!("/api/{endpoint}"));
        async move {
            client
                .post(url)
                .header("accept", "application/json")
                .form(&form)
                .send()
                .await
                .unwrap()
        }
    };
    let res = send(&r.coordinator, "record_consent", consent("messaging")).await;
    assert_eq!(res.status().as_u16(), 200);
    let (consent_id,): (i64,) = sqlx::query_as("SELECT id FROM consents WHERE household_id = $1")
        .bind(r.household)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let withdraw = |consent: i64| {
        vec![
            ("household_id", id.clone()),
            ("consent_id", consent.to_string()),
        ]
    };
    let volunteer = app.login_as("volunteer@test.ee").await;
    let res = send(&volunteer, "withdraw_consent", withdraw(consent_id)).await;
    assert_eq!(res.status().as_u16(), 403);
    let res = send(&r.coordinator, "withdraw_consent", withdraw(999_999)).await;
    assert_eq!(res.status().as_u16(), 404);
    let res = send(&r.coordinator, "withdraw_consent", withdraw(consent_id)).await;
    assert_eq!(res.status().as_u16(), 200);
    let res = send(&r.coordinator, "withdraw_consent", withdraw(consent_id)).await;
    assert_refused(res, "consent", "AlreadyWithdrawn").await;
    let (_, page) = app
        .page(&r.coordinator, &format!("/households/{}", r.household))
        .await;
    assert!(page.contains("withdrawn on"), "the page says so");

    let before = app.count("outbox").await;
    book_one(&app, &r, "2027-01-13", "10:00").await;
    assert_eq!(
        app.count("outbox").await,
        before,
        "no message after withdrawal"
    );

    // Given again, messages flow again.
    let res = send(&r.coordinator, "record_consent", consent("messaging")).await;
    assert_eq!(res.status().as_u16(), 200);
    book_one(&app, &r, "2027-01-14", "10:00").await;
    assert_eq!(app.count("outbox").await, before + 1);
    assert_eq!(audited(&app, "consent.withdraw", r.household).await, 1);
}

async fn the_retention_job_erases_old_closed_households_and_old_messages(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let closed = register(&app, &coordinator).await;
    let open = register(&app, &coordinator).await;
    let busy = register(&app, &coordinator).await;
    invited_member(&app, &coordinator, closed, "olena@test.ee").await;
    invited_member(&app, &coordinator, open, "ivan@test.ee").await;
    let close = |household: i64| {
        let mut form: Vec<(&str, String)> = registration()
            .into_iter()
            .filter(|(k, _)| k.starts_with("household"))
            .map(|(k, v)| (k, v.to_string()))
            .collect();
        form.push(("household[status]", "closed".to_string()));
        form.push(("id", household.to_string()));
        let client = coordinator.clone();
        let url = app.url("/api/update_household");
        async move {
            client
                .post(url)
                .header("accept", "application/json")
                .form(&form)
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(close(closed).await.status().as_u16(), 200);
    let support = app.account_id("support@test.ee").await;
    let res = app
        .api(
            &coordinator,
            "assign_support_person",
            &[
                ("household_id", &busy.to_string()),
                ("form[support_person_id]", &support.to_string()),
                ("form[start_date]", &days_from_today(-1)),
                ("form[planned_end]", ""),
                ("form[override_reason]", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(close(busy).await.status().as_u16(), 200);

    let outbox = std::env::temp_dir()
        .join("tugi-tests")
        .join(format!("retention-{closed}-{}", app.backend_name()));
    let mail = MailConfig {
        outbox_dir: outbox,
        ..MailConfig::default()
    };
    let worker = crate::outbox::jobs(&app, mail);
    let report = worker.run_once().await.expect("jobs run");
    assert_eq!(report.purged.households_erased, 0, "nothing is due yet");

    // Two years and a month on.
    let now = chrono::Utc::now();
    let later = now + chrono::Duration::days(25 * 31);
    app.clock.set(later.timestamp());
    let report = worker.run_once().await.expect("jobs run");
    assert_eq!(report.purged.households_erased, 1);
    assert_eq!(
        report.purged.messages_blanked, 1,
        "the invitation to the open household is old"
    );
    let erased = |household: i64| {
        let pool = app.db.pool().clone();
        async move {
            let (at,): (Option<i64>,) =
                sqlx::query_as("SELECT erased_at FROM households WHERE id = $1")
                    .bind(household)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            at.is_some()
        }
    };
    assert!(erased(closed).await);
    assert!(!erased(open).await, "an active household stays");
    assert!(
        !erased(busy).await,
        "a household with an open assignment waits"
    );
    let (bodies,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE body <> ''")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(bodies, 0, "old message texts are gone");
    let (system,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'household.erase' AND account_id IS NULL",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(system, 1, "the job's erasure is audited");

    // Six years on, the audit rows from today are deleted; a second run finds nothing more.
    let audit_rows = app.count("audit_log").await;
    app.clock
        .set((now + chrono::Duration::days(6 * 366)).timestamp());
    let report = worker.run_once().await.expect("jobs run");
    assert_eq!(report.purged.audit_rows_deleted as i64, audit_rows);
    let report = worker.run_once().await.expect("jobs run");
    assert_eq!(report.purged, Default::default());
}

on_both_databases!(
    a_household_sees_everything_stored_about_it_and_nobody_else_does,
    erasure_waits_for_open_work_and_keeps_only_what_reports_count,
    a_withdrawn_consent_to_messages_stops_them,
    the_retention_job_erases_old_closed_households_and_old_messages,
);
