use crate::helpers::TestApp;
use crate::on_both_databases;

async fn healthz_reports_the_database(app: TestApp) {
    let res = app.get(&app.client(), "/healthz").await;
    assert_eq!(res.status().as_u16(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["database"], "ok");
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
