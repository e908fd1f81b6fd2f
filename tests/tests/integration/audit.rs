//! The audit log: security events and staff reads are written as they happen, rows cannot be
//! changed, and admins (only) read them with filters and as CSV.

use crate::helpers::{assert_refused, TestApp, PASSWORD};
use crate::households::register;
use crate::on_both_databases;
use serde_json::Value;

async fn actions(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    rows.into_iter().map(|(a,)| a).collect()
}

async fn security_events_and_reads_are_written(app: TestApp) {
    let anyone = app.client();
    let res = app
        .api(
            &anyone,
            "login",
            &[("email", "coordinator@test.ee"), ("password", "wrong one")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let res = app
        .api(
            &anyone,
            "login",
            &[("email", "nobody@test.ee"), ("password", "wrong one")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let coordinator = app.login_as("coordinator@test.ee").await;
    let household = register(&app, &coordinator).await.to_string();
    let res = app
        .api(&coordinator, "get_household", &[("id", &household)])
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &coordinator,
            "search_households",
            &[
                ("q", "Tamm"),
                ("city", ""),
                ("language", ""),
                ("status", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &coordinator,
            "create_invite",
            &[
                ("form[email]", "new.volunteer@test.ee"),
                ("form[display_name]", "Uus Vabatahtlik"),
                ("form[language]", "et"),
                ("form[volunteer]", "on"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    let res = app
        .api(
            &coordinator,
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a new long password"),
                ("confirm_password", "a new long password"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app.api(&coordinator, "logout", &[]).await;
    assert_eq!(res.status().as_u16(), 200);

    let seen = actions(&app).await;
    for expected in [
        "login.failed",
        "login",
        "household.create",
        "household.view",
        "households.search",
        "invite.create",
        "password.change",
        "logout",
    ] {
        assert!(seen.iter().any(|a| a == expected), "{expected} in {seen:?}");
    }
    // The failed logins name the address typed and the client; one has no account.
    let failed: Vec<(Option<i64>, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT account_id, detail, client FROM audit_log WHERE action = 'login.failed' ORDER BY id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(failed.len(), 2);
    assert!(failed[0].0.is_some() && failed[1].0.is_none());
    assert_eq!(failed[1].1.as_deref(), Some("nobody@test.ee"));
    assert_eq!(failed[1].2.as_deref(), Some("127.0.0.1"));

    // Rows are only ever added.
    let changed = sqlx::query("UPDATE audit_log SET action = 'nothing'")
        .execute(app.db.pool())
        .await;
    assert!(
        changed.is_err(),
        "the database refuses changes to the audit log"
    );
}

async fn admins_filter_and_export_the_log(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let household = register(&app, &coordinator).await.to_string();
    app.api(&coordinator, "get_household", &[("id", &household)])
        .await;
    let admin = app.login_as("admin@test.ee").await;

    let entries = |filter: Vec<(&'static str, String)>| {
        let (app, admin) = (&app, &admin);
        async move {
            let form: Vec<(String, String)> = filter
                .into_iter()
                .map(|(k, v)| (format!("filter[{k}]"), v))
                .collect();
            let form: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.api(admin, "audit_entries", &form).await
        }
    };
    let rows: Vec<Value> = entries(vec![("household", household.clone())])
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = rows.iter().filter_map(|r| r["action"].as_str()).collect();
    assert_eq!(
        actions,
        ["household.view", "household.create"],
        "newest first"
    );
    assert_eq!(rows[0]["actor"], "Kadri Coordinator");
    let rows: Vec<Value> = entries(vec![("action", "login".into()), ("who", "maris".into())])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "the admin's own login: {rows:?}");
    let today = chrono::Utc::now().date_naive().to_string();
    let rows: Vec<Value> = entries(vec![
        ("from", "2020-01-01".into()),
        ("until", "2020-01-31".into()),
    ])
    .await
    .json()
    .await
    .unwrap();
    assert!(rows.is_empty());
    assert!(!entries(vec![("from", today.clone())])
        .await
        .json::<Vec<Value>>()
        .await
        .unwrap()
        .is_empty());

    // Bad filters are named, and change nothing.
    let before = app.count("audit_log").await;
    assert_refused(
        entries(vec![("household", "x".into())]).await,
        "household",
        "NumberOutOfRange",
    )
    .await;
    let res = entries(vec![("from", "2026-13-01".into())]).await;
    assert_eq!(res.status().as_u16(), 422);
    let res = entries(vec![
        ("from", "2026-02-02".into()),
        ("until", "2026-02-01".into()),
    ])
    .await;
    assert_eq!(res.status().as_u16(), 422);
    assert_eq!(app.count("audit_log").await, before);

    // The CSV: admins only; the export is itself written down.
    let res = app
        .get(&admin, &format!("/admin/audit.csv?household={household}"))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = res.text().await.unwrap();
    assert!(
        csv.starts_with("id,at,actor,action,action_name,subject,detail,client\r\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3, "{csv}");
    // The action as its code and as its name in the admin's language (English).
    assert!(csv.contains("\"household.view\",\"viewed\""), "{csv}");
    assert!(csv.contains("\"household.create\",\"registered\""), "{csv}");
    let res = app.get(&coordinator, "/admin/audit.csv").await;
    assert_eq!(res.status().as_u16(), 403);
    let res = app.get(&app.client(), "/admin/audit.csv").await;
    assert_eq!(res.status().as_u16(), 401);
    let res = app.get(&admin, "/admin/audit.csv?household=x").await;
    assert_eq!(res.status().as_u16(), 422);
    let exports: Vec<(String,)> =
        sqlx::query_as("SELECT detail FROM audit_log WHERE action = 'audit.export'")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(exports, vec![("2 rows".to_string(),)]);
    let (status, page) = app
        .page(&admin, &format!("/admin/audit?household={household}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("household.view"));
    assert!(
        page.contains("registered"),
        "actions are named, beside their code"
    );
}

on_both_databases!(
    security_events_and_reads_are_written,
    admins_filter_and_export_the_log,
);
