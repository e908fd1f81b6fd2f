use crate::helpers::TestApp;
use crate::on_both_databases;

async fn healthz_reports_the_database(app: TestApp) {
    let res = app.get(&app.client(), "/healthz").await;
    assert_eq!(res.status().as_u16(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["database"], "ok");
}

/// On PostgreSQL every connection ends stuck statements and forgotten transactions.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_connections_time_out_stuck_work() {
    let app = crate::helpers::spawn_app(crate::helpers::Backend::Postgres).await;
    for (setting, value) in [
        ("statement_timeout", "20s"),
        ("idle_in_transaction_session_timeout", "30s"),
    ] {
        let (shown,): (String,) = sqlx::query_as(&format!("SHOW {setting}"))
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_eq!(shown, value, "{setting}");
    }
}

async fn unknown_pages_are_404_with_a_page(app: TestApp) {
    let (status, body) = app.page(&app.client(), "/no/such/page").await;
    assert_eq!(status, 404);
    assert!(body.contains("<h1>"), "renders an error page: {body}");
    assert!(!body.contains("panicked"));
}

on_both_databases!(
    healthz_reports_the_database,
    unknown_pages_are_404_with_a_page
);
