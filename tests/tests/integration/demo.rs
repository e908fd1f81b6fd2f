use crate::helpers::TestApp;
use crate::on_both_databases;

async fn the_demo_data_fills_an_empty_database_once(app: TestApp) {
    // The test accounts make the database non-empty: start from an empty one.
    for table in ["account_roles", "accounts"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(app.db.pool())
            .await
            .unwrap();
    }
    assert!(tugi_server::demo::load_if_empty(&app.db).await.unwrap());
    assert!(
        !tugi_server::demo::load_if_empty(&app.db).await.unwrap(),
        "only once"
    );

    let count_role = |role: &'static str| {
        let pool = app.db.pool().clone();
        async move {
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM account_roles WHERE role = $1")
                .bind(role)
                .fetch_one(&pool)
                .await
                .unwrap();
            n
        }
    };
    assert_eq!(count_role("coordinator").await, 2);
    assert_eq!(count_role("support_person").await, 4);
    assert_eq!(count_role("volunteer").await, 12);
    assert_eq!(count_role("facilitator").await, 2);
    for role in ["admin", "beneficiary"] {
        assert!(count_role(role).await >= 1, "{role}");
    }
    let per_programme: Vec<(String, i64)> = sqlx::query_as(
        "SELECT programme, COUNT(*) FROM volunteer_programmes GROUP BY programme ORDER BY programme",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(per_programme.len(), 4, "{per_programme:?}");
    assert!(per_programme.iter().all(|(_, n)| *n == 3));
    assert_eq!(app.count("offices").await, 2);
    assert_eq!(app.count("households").await, 30);
    let languages: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT language FROM member_languages ORDER BY language")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let languages: Vec<&str> = languages.iter().map(|(l,)| l.as_str()).collect();
    for wanted in ["uk", "ru", "ar", "prs", "ti", "en"] {
        assert!(languages.contains(&wanted), "{wanted} in {languages:?}");
    }
    // The support-person service has profiles, assignments, meetings and checklist items.
    assert_eq!(app.count("support_profiles").await, 4);
    assert_eq!(app.count("assignments").await, 4);
    assert_eq!(app.count("meetings").await, 2);
    assert_eq!(app.count("checklist_items").await, 2);
    assert_eq!(app.count("office_hours").await, 9);
    // The demo coordinator can log in with the published password.
    let client = app.client();
    let res = app
        .api(
            &client,
            "login",
            &[
                ("email", "coordinator@tugi.demo"),
                ("password", tugi_server::demo::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let (status, page) = app.page(&client, "/assignments").await;
    assert_eq!(status, 200);
    assert!(page.contains("Oksana Melnyk"));
    // Four contact requests: three open (one waiting too long), one closed.
    assert_eq!(app.count("intake_requests").await, 4);
    let (status, page) = app.page(&client, "/intake").await;
    assert_eq!(status, 200);
    for name in [
        "Oksana Melnyk",
        "Hamid Karimi",
        "Dmitri Sokolov",
        "Mari Tamm",
    ] {
        assert!(page.contains(name), "{name} in the inbox");
    }
}

on_both_databases!(the_demo_data_fills_an_empty_database_once);
