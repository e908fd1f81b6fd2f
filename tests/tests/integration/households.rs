use crate::helpers::{error_of, TestApp};
use crate::on_both_databases;

/// A form as sent: (name, value) pairs.
type Form<'a> = Vec<(&'a str, &'a str)>;

/// A valid registration, as the form sends it.
pub(crate) fn registration<'a>() -> Vec<(&'a str, &'a str)> {
    vec![
        ("household[city]", "Tartu"),
        ("household[arrival_date]", "2026-09-14"),
        ("household[phone]", "+372 5123 4567"),
        ("household[email]", ""),
        ("household[channel]", "telegram"),
        ("household[needs]", "school place"),
        ("household[notes]", ""),
        ("member[first_name]", "Олена"),
        ("member[last_name]", "Шевченко"),
        ("member[date_of_birth]", "1990-02-03"),
        ("member[gender]", "female"),
        ("member[language_1]", "uk"),
        ("member[level_1]", "native"),
        ("member[language_2]", "en"),
        ("member[level_2]", "B1"),
    ]
}

pub(crate) fn with<'a>(
    base: Vec<(&'a str, &'a str)>,
    key: &'a str,
    value: &'a str,
) -> Vec<(&'a str, &'a str)> {
    base.into_iter()
        .map(|(k, v)| if k == key { (k, value) } else { (k, v) })
        .collect()
}

pub(crate) async fn register(app: &TestApp, client: &reqwest::Client) -> i64 {
    let res = app.api(client, "create_household", &registration()).await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.unwrap()
}

async fn a_coordinator_registers_and_finds_a_household(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    let id = register(&app, &client).await;
    let (status, page) = app.page(&client, &format!("/households/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Олена") && page.contains("Tartu"));
    // Dates as people read them: the arrival day with its weekday, a birth date without.
    let page = page.replace("<!>", "");
    assert!(page.contains("Mon 14 Sep 2026"), "the arrival date");
    assert!(page.contains("3 Feb 1990"), "the birth date");
    let (_, list) = app.page(&client, "/households").await;
    assert!(list.contains("<td>Mon 14 Sep 2026</td>"), "in the list too");

    for query in [
        "/households?q=%D0%BE%D0%BB%D0%B5%D0%BD%D0%B0", // "олена": case-insensitive, Cyrillic
        "/households?city=Tartu",
        "/households?language=uk",
        "/households?status=active",
        "/households?q=5123",
        // Written as Estonian registries and passports write it: Latin letters.
        "/households?q=Olena",
        "/households?q=%C5%A0evt%C5%A1enko", // "Ševtšenko"
        "/households?q=shevchenko",
    ] {
        let (status, list) = app.page(&client, query).await;
        assert_eq!(status, 200);
        assert!(
            list.contains(&format!("/households/{id}")),
            "{query} finds it"
        );
    }
    for query in [
        "/households?q=zzz",
        "/households?city=Narva",
        "/households?language=ar",
        "/households?status=closed",
        "/households?q=%25",
    ] {
        let (_, list) = app.page(&client, query).await;
        assert!(
            !list.contains(&format!("/households/{id}")),
            "{query} does not find it"
        );
    }
}

async fn bad_registrations_change_nothing(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    let long = "x".repeat(101);
    let cases: Vec<(Form, &str, serde_json::Value)> = vec![
        (
            with(registration(), "household[city]", " "),
            "city",
            "Required".into(),
        ),
        (
            with(registration(), "member[first_name]", ""),
            "first_name",
            "Required".into(),
        ),
        (
            with(registration(), "member[last_name]", &long),
            "last_name",
            serde_json::json!({"TooLong": {"max": 100}}),
        ),
        (
            with(registration(), "member[date_of_birth]", "2999-01-01"),
            "date_of_birth",
            "DateInFuture".into(),
        ),
        (
            with(registration(), "member[date_of_birth]", "03.02.90"),
            "date_of_birth",
            "InvalidDate".into(),
        ),
        (
            with(registration(), "household[arrival_date]", "2030-01-01"),
            "arrival_date",
            "DateInFuture".into(),
        ),
        (
            with(registration(), "household[email]", "olena@"),
            "email",
            "InvalidEmail".into(),
        ),
        (
            with(registration(), "household[channel]", "pigeon"),
            "channel",
            "InvalidChoice".into(),
        ),
        (
            with(registration(), "member[level_2]", "D7"),
            "level_2",
            "InvalidChoice".into(),
        ),
        (
            with(registration(), "member[gender]", ""),
            "gender",
            "Required".into(),
        ),
    ];
    for (form, field, code) in cases {
        let res = app.api(&client, "create_household", &form).await;
        assert_eq!(res.status().as_u16(), 422, "{field}");
        let errors = error_of(res).await;
        let found = errors["Invalid"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == field && e["code"] == code);
        assert!(found, "{field}: {errors}");
    }
    assert_eq!(app.count("households").await, 0);
    assert_eq!(app.count("members").await, 0);
    let (changes,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'household%'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(changes, 0, "no change was audited (the login was)");
}

async fn wrong_types_and_unknown_ids_are_4xx(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    let res = app.api(&client, "get_household", &[("id", "abc")]).await;
    assert_eq!(res.status().as_u16(), 400);
    let res = app.api(&client, "get_household", &[("id", "999999")]).await;
    assert_eq!(res.status().as_u16(), 404);
    let res = app
        .api(
            &client,
            "update_household",
            &[
                ("id", "999999"),
                ("household[city]", "Tartu"),
                ("household[arrival_date]", "2026-01-01"),
                ("household[phone]", "+372 5555 5555"),
                ("household[channel]", "sms"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let res = app
        .api(
            &client,
            "record_consent",
            &[
                ("household_id", "999999"),
                ("consent[purpose]", "messaging"),
                ("consent[given_on]", "2026-01-01"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let (status, _) = app.page(&client, "/households/999999").await;
    assert_eq!(status, 404);
    let (status, _) = app.page(&client, "/households/abc").await;
    assert_eq!(status, 404);
}

async fn editing_keeps_the_data_valid(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    let id = register(&app, &client).await;
    let id_text = id.to_string();
    let edit = |city: &'static str, status: &'static str| {
        vec![
            ("id", id_text.clone()),
            ("household[city]", city.to_string()),
            ("household[arrival_date]", "2026-09-14".to_string()),
            ("household[phone]", "+372 5123 4567".to_string()),
            ("household[channel]", "phone".to_string()),
            ("household[status]", status.to_string()),
        ]
    };
    let form = edit("Narva", "closed");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.api(&client, "update_household", &form).await;
    assert_eq!(res.status().as_u16(), 200);
    let (_, list) = app
        .page(&client, "/households?city=Narva&status=closed")
        .await;
    assert!(list.contains(&format!("/households/{id}")));

    let bad = edit("", "lost");
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.api(&client, "update_household", &bad).await;
    assert_eq!(res.status().as_u16(), 422);
    let (city,): (String,) = sqlx::query_as("SELECT city FROM households WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(city, "Narva", "unchanged by the bad edit");
}

async fn members_and_consents_are_added(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    let id = register(&app, &client).await;
    let id_text = id.to_string();
    let res = app
        .api(
            &client,
            "add_member",
            &[
                ("household_id", &id_text),
                ("member[first_name]", "Taras"),
                ("member[last_name]", "Шевченко"),
                ("member[date_of_birth]", "2015-05-05"),
                ("member[gender]", "male"),
                ("member[language_1]", "uk"),
                ("member[level_1]", "native"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &client,
            "add_member",
            &[
                ("household_id", &id_text),
                ("member[first_name]", "X"),
                ("member[last_name]", "Y"),
                ("member[date_of_birth]", "2015-05-05"),
                ("member[gender]", "male"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422, "a member needs a language");
    assert_eq!(app.count("members").await, 2);

    let res = app
        .api(
            &client,
            "record_consent",
            &[
                ("household_id", &id_text),
                ("consent[purpose]", "service_delivery"),
                ("consent[given_on]", "2026-09-14"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &client,
            "record_consent",
            &[
                ("household_id", &id_text),
                ("consent[purpose]", "marketing"),
                ("consent[given_on]", "2999-01-01"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    assert_eq!(app.count("consents").await, 1);
    let (recorded_by,): (i64,) = sqlx::query_as("SELECT recorded_by FROM consents")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(recorded_by, app.coordinator_id);
    let (_, page) = app.page(&client, &format!("/households/{id}")).await;
    assert!(page.contains("Taras"));
    assert!(page.contains("2026-09-14"));
}

async fn every_staff_read_is_audited(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    let id = register(&app, &client).await;
    app.page(&client, &format!("/households/{id}")).await;
    app.api(&client, "get_household", &[("id", &id.to_string())])
        .await;
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT account_id, action FROM audit_log WHERE subject_type = 'household' AND subject_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let actions: Vec<&str> = rows.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(
        actions,
        ["household.create", "household.view", "household.view"]
    );
    assert!(rows.iter().all(|(who, _)| *who == app.coordinator_id));
}

async fn the_history_is_translated_folds_reads_and_pages(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    let id = register(&app, &client).await;
    let path = format!("/households/{id}");
    for _ in 0..4 {
        app.page(&client, &path).await;
    }
    let (_, page) = app.page(&client, &path).await;
    let page = page.replace("<!>", "");
    assert!(
        page.contains("Kadri Coordinator: viewed (5 times)"),
        "{page}"
    );
    assert_eq!(
        page.matches(": viewed").count(),
        1,
        "one line for a day's reads"
    );
    assert!(page.contains("Kadri Coordinator: registered"));
    assert!(!page.contains(": household.view"), "no raw keys");
    // A long history pages, newest first.
    let now = app.clock.now();
    for n in 0..30 {
        sqlx::query(
            "INSERT INTO audit_log (account_id, action, subject_type, subject_id, at) \
             VALUES ($1, 'consultation.book', 'household', $2, $3)",
        )
        .bind(app.coordinator_id)
        .bind(id)
        .bind(now + n)
        .execute(app.db.pool())
        .await
        .unwrap();
    }
    let (_, page) = app.page(&client, &path).await;
    let page = page.replace("<!>", "");
    // The reads (6 by now) are one line, at the newest read's place: then 19 of the 30.
    assert!(page.contains("viewed (6 times)"));
    assert_eq!(page.matches(": booked a consultation").count(), 19);
    assert!(page.contains("Page 1 of 2"));
    let (_, second) = app.page(&client, &format!("{path}?log=2")).await;
    let second = second.replace("<!>", "");
    assert_eq!(second.matches(": booked a consultation").count(), 11);
    assert!(second.contains(": registered") && !second.contains(": viewed"));
    assert!(second.contains("Page 2 of 2"));
}

async fn without_javascript_a_failed_form_comes_back_with_its_values(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    let form = with(registration(), "member[date_of_birth]", "2999-01-01");
    let res = app
        .plain_post(&client, "create_household", &form, "/households/new")
        .await;
    assert_eq!(res.status().as_u16(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with(&app.url("/households/new?")),
        "{location}"
    );
    assert!(!location.contains("%D0%9E"), "no personal data in the URL");
    let back = location.trim_start_matches(&app.base).to_string();
    let (status, page) = app.page(&client, &back).await;
    assert_eq!(status, 200);
    assert!(page.contains("2999-01-01"), "the typed value is kept");
    assert!(page.contains("Олена"));
    assert!(page.contains("error-summary"), "the error is shown");
    assert_eq!(app.count("households").await, 0);

    let res = app
        .plain_post(
            &client,
            "create_household",
            &registration(),
            "/households/new",
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
    let location = res.headers()["location"].to_str().unwrap();
    assert!(location.starts_with("/households/"), "{location}");
    assert_eq!(app.count("households").await, 1);
}

/// Dates are accepted as Estonians and others type them, and stored as ISO dates.
async fn dates_are_read_as_people_type_them(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    for (typed, stored) in [("03.02.1990", "1990-02-03"), ("4/2/1991", "1991-02-04")] {
        let form = with(registration(), "member[date_of_birth]", typed);
        let res = app.api(&client, "create_household", &form).await;
        assert_eq!(res.status().as_u16(), 200, "{typed}");
        let household: i64 = res.json().await.unwrap();
        let (date,): (String,) =
            sqlx::query_as("SELECT date_of_birth FROM members WHERE household_id = $1")
                .bind(household)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(date, stored);
    }
}

/// The list pages through every household and says how many there are in all.
async fn the_list_pages_and_counts_every_household(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    crate::workshops::households(&app, 55).await;
    let (status, first) = app.page(&client, "/households").await;
    assert_eq!(status, 200);
    // Without the markers Leptos puts around interpolated values.
    let first = first.replace("<!>", "");
    assert!(first.contains("Households found: 55"), "the true count");
    assert!(first.contains("Page 1 of 2"));
    assert_eq!(
        first.matches("href=\"/households/").count(),
        50 + 1,
        "50 rows and the new link"
    );
    let (_, second) = app.page(&client, "/households?city=Tartu&page=2").await;
    let second = second.replace("<!>", "");
    assert!(second.contains("Page 2 of 2"));
    assert_eq!(second.matches("href=\"/households/").count(), 5 + 1);
    assert!(
        second.contains("city=Tartu&amp;page=1"),
        "the filter is kept"
    );
    let (status, _) = app.page(&client, "/households?page=x").await;
    assert_eq!(status, 200, "a bad page number is the first page");
}

async fn staff_find_a_household_among_many_by_name_phone_or_birth_date(app: TestApp) {
    let client = app.login_as("coordinator@test.ee").await;
    let s = crate::workshops::setup(&app).await;
    let olena = register(&app, &client).await;
    let petro = with(registration(), "member[first_name]", "Petro");
    let petro = with(petro, "member[date_of_birth]", "1985-05-06");
    assert_eq!(
        app.api(&client, "create_household", &petro)
            .await
            .status()
            .as_u16(),
        200
    );
    crate::workshops::households(&app, 35).await;
    let book = |who: &str| {
        let path = format!(
            "/consultations/book?office={}&who={}",
            s.office,
            tugi_app::domain::encode_query_value(who)
        );
        let client = client.clone();
        let app = &app;
        async move {
            let (status, page) = app.page(&client, &path).await;
            assert_eq!(status, 200, "{path}");
            page.replace("<!>", "")
        }
    };
    // Told apart by birth date, city and the phone's end.
    let option = "Олена Шевченко · 03.02.1990 · Tartu · …4567</option>";
    // Too many to list them all: a search field, and no household until a search.
    let page = book("").await;
    assert!(page.contains("id=\"f-who\""), "the search field");
    assert!(page.contains("Search for the household above, then choose it here."));
    assert!(!page.contains(option));
    for who in [
        "shevchenko",
        "ОЛЕНА",
        "03.02.1990",
        "1990-02-03",
        "51234567",
        "5123 4567",
    ] {
        let page = book(who).await;
        assert!(page.contains(option), "found by {who}");
        if who != "shevchenko" && !who.contains('5') {
            assert!(
                !page.contains("Petro Шевченко"),
                "only the matches for {who}"
            );
        }
    }
    let page = book("Nobody Here").await;
    assert!(page.contains("No active household matches “Nobody Here”."));
    // A household already chosen stays while another is searched for.
    let path = format!(
        "/consultations/book?office={}&household={olena}&who=Petro",
        s.office
    );
    let (_, page) = app.page(&client, &path).await;
    assert!(
        page.contains(option)
            && page.contains("Petro Шевченко · 06.05.1985 · Tartu · …4567</option>")
    );
    // The same search on a series page and at the reception.
    let (_, page) = app.page(&client, "/reception?who=shevchenko").await;
    assert!(page.contains(option), "a walk-in found by name");
    // A beneficiary books for their own household: no search.
    let beneficiary = app.login_as("beneficiary@test.ee").await;
    let (_, page) = app
        .page(
            &beneficiary,
            &format!("/consultations/book?office={}", s.office),
        )
        .await;
    assert!(!page.contains("id=\"f-who\""));
}

on_both_databases!(
    the_history_is_translated_folds_reads_and_pages,
    staff_find_a_household_among_many_by_name_phone_or_birth_date,
    the_list_pages_and_counts_every_household,
    dates_are_read_as_people_type_them,
    a_coordinator_registers_and_finds_a_household,
    bad_registrations_change_nothing,
    wrong_types_and_unknown_ids_are_4xx,
    editing_keeps_the_data_valid,
    members_and_consents_are_added,
    every_staff_read_is_audited,
    without_javascript_a_failed_form_comes_back_with_its_values,
);
