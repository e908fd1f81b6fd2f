use crate::helpers::{error_of, TestApp};
use crate::on_both_databases;

/// The household search with no filter.
const SEARCH_ALL: [(&str, &str); 4] = [("q", ""), ("city", ""), ("language", ""), ("status", "")];

async fn anonymous_visitors_are_sent_to_login(app: TestApp) {
    let client = app.client();
    let res = app.get(&client, "/households?city=Tartu").await;
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(
        res.headers()["location"],
        "/login?next=/households%3Fcity%3DTartu"
    );
    let res = app.api(&client, "search_households", &SEARCH_ALL).await;
    assert_eq!(res.status().as_u16(), 401);
    assert_eq!(error_of(res).await, serde_json::json!("Unauthenticated"));
}

async fn a_beneficiary_gets_403_on_the_household_list(app: TestApp) {
    let client = app.login_as("beneficiary@test.ee").await;
    let (status, page) = app.page(&client, "/households").await;
    assert_eq!(status, 403);
    assert!(!page.contains("/households/new\""), "no registration link");
    let res = app.api(&client, "search_households", &SEARCH_ALL).await;
    assert_eq!(res.status().as_u16(), 403);
    let res = app.api(&client, "get_household", &[("id", "1")]).await;
    assert_eq!(res.status().as_u16(), 403);
    let res = app
        .api(
            &client,
            "create_household",
            &[("household[city]", "Tartu"), ("member[first_name]", "X")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(app.count("households").await, 0);
}

async fn admin_areas_need_the_admin_role(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    for page in ["/admin/accounts", "/admin/offices", "/admin/offices/1"] {
        let (status, _) = app.page(&coordinator, page).await;
        assert_eq!(status, 403, "{page}");
    }
    let res = app
        .api(
            &coordinator,
            "create_invite",
            &[
                ("form[email]", "x@test.ee"),
                ("form[display_name]", "X"),
                ("form[admin]", "on"),
            ],
        )
        .await;
    crate::helpers::assert_refused(res, "roles", "RoleNotAllowed").await;
    assert_eq!(app.count("invites").await, 0);
    let res = app.api(&coordinator, "list_accounts", &[]).await;
    assert_eq!(res.status().as_u16(), 403);

    let admin = app.login_as("admin@test.ee").await;
    let (status, page) = app.page(&admin, "/admin/accounts").await;
    assert_eq!(status, 200);
    assert!(page.contains("coordinator@test.ee"));
    let (status, _) = app.page(&admin, "/households").await;
    assert_eq!(status, 403, "admins do not read households by default");
}

async fn navigation_shows_what_the_role_may_use(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let (_, home) = app.page(&coordinator, "/").await;
    assert!(home.contains("href=\"/households\""));
    assert!(!home.contains("href=\"/admin/accounts\""));
    let volunteer = app.login_as("volunteer@test.ee").await;
    let (_, home) = app.page(&volunteer, "/").await;
    assert!(!home.contains("href=\"/households\""));
    assert!(!home.contains("href=\"/admin/"));
}

on_both_databases!(
    anonymous_visitors_are_sent_to_login,
    a_beneficiary_gets_403_on_the_household_list,
    admin_areas_need_the_admin_role,
    navigation_shows_what_the_role_may_use,
);
