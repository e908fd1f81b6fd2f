//! Assisted voluntary return on an empty database: the admin invites the return staff, the
//! country offices are set up, and a case goes from the first enquiry through departure and
//! the first contact abroad; a partner caseworker sees only their office's cases; the
//! three-month rule ends in a reasoned decision; bad input is refused with nothing changed.

use crate::helpers::{assert_refused, TestApp, PASSWORD};
use crate::into_service::{last_message, link_in};
use crate::on_both_databases;
use reqwest::Client;
use serde_json::Value;

/// Invites `email` to `role` as the admin and accepts; the new person's logged-in client.
async fn invited(app: &TestApp, admin: &Client, email: &str, role: &str) -> Client {
    let field = format!("form[{role}]");
    let res = app
        .api(
            admin,
            "create_invite",
            &[
                ("form[email]", email),
                ("form[display_name]", email),
                ("form[language]", "en"),
                (&field, "on"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "invite {email}");
    let (_, _, _, body) = last_message(app, "invitation").await;
    let link = link_in(&body, "/invite/");
    let client = app.client();
    let res = app
        .api(
            &client,
            "accept_invite",
            &[
                ("token", link.trim_start_matches("/invite/")),
                ("new_password", PASSWORD),
                ("confirm_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "accept {email}");
    client
}

fn office_form(country: &str, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("id", "0".into()),
        ("form[country]", country.into()),
        ("form[name]", name.into()),
        ("form[address]", "1 Main St".into()),
        ("form[phone]", "+995 32 200 00 00".into()),
        ("form[email]", "office@example.org".into()),
        ("form[languages]", "Georgian, Russian".into()),
        ("form[working_hours]", "Mon–Fri 10–17".into()),
    ]
}

async fn call(app: &TestApp, client: &Client, endpoint: &str, form: &[(&str, String)]) -> u16 {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.api(client, endpoint, &form).await.status().as_u16()
}

async fn status_of(app: &TestApp, case: i64) -> String {
    let (status,): (String,) = sqlx::query_as("SELECT status FROM return_cases WHERE id = $1")
        .bind(case)
        .fetch_one(app.db.pool())
        .await
        .expect("case");
    status
}

/// The return staff, invited on an empty database, and two country offices with one
/// caseworker each: (counsellor, approver, Georgian caseworker, Ukrainian caseworker, Georgian
/// office id).
async fn programme(app: &TestApp) -> (Client, Client, Client, Client, i64) {
    let admin = app.login_as("admin@test.ee").await;
    let counsellor = invited(app, &admin, "counsellor@test.ee", "return_counsellor").await;
    let approver = invited(app, &admin, "approver@test.ee", "approver").await;
    let georgian = invited(app, &admin, "eka@test.ee", "partner_caseworker").await;
    let ukrainian = invited(app, &admin, "serhii@test.ee", "partner_caseworker").await;
    // A coordinator may not invite return staff.
    let coordinator = app.login_as("coordinator@test.ee").await;
    let res = app
        .api(
            &coordinator,
            "create_invite",
            &[
                ("form[email]", "x@test.ee"),
                ("form[display_name]", "X"),
                ("form[language]", "en"),
                ("form[approver]", "on"),
            ],
        )
        .await;
    assert_eq!(
        res.status().as_u16(),
        422,
        "coordinators invite no return staff"
    );

    assert_eq!(
        call(
            app,
            &counsellor,
            "save_country_office",
            &office_form("Georgia", "IOM Tbilisi")
        )
        .await,
        200
    );
    assert_eq!(
        call(
            app,
            &admin,
            "save_country_office",
            &office_form("Ukraine", "IOM Kyiv")
        )
        .await,
        200
    );
    // The same name twice is refused.
    let res = app
        .api(
            &counsellor,
            "save_country_office",
            &office_form("Georgia", "IOM Tbilisi")
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_refused(res, "name", "AlreadyExists").await;
    // A caseworker reads the directory but does not keep it.
    assert_eq!(
        call(
            app,
            &georgian,
            "save_country_office",
            &office_form("Armenia", "IOM Yerevan")
        )
        .await,
        403
    );
    let office = |name: &'static str| async move {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM country_offices WHERE name = $1")
            .bind(name)
            .fetch_one(app.db.pool())
            .await
            .expect("office");
        id
    };
    let (tbilisi, kyiv) = (office("IOM Tbilisi").await, office("IOM Kyiv").await);
    for (office, email) in [(tbilisi, "eka@test.ee"), (kyiv, "serhii@test.ee")] {
        let account = app.account_id(email).await;
        let res = call(
            app,
            &counsellor,
            "set_country_office_staff",
            &[
                ("office", office.to_string()),
                ("account", account.to_string()),
                ("attach", "true".into()),
            ],
        )
        .await;
        assert_eq!(res, 200);
    }
    // Only a partner caseworker can be placed at an office.
    let approver_id = app.account_id("approver@test.ee").await;
    let res = app
        .api(
            &counsellor,
            "set_country_office_staff",
            &[
                ("office", &tbilisi.to_string()),
                ("account", &approver_id.to_string()),
                ("attach", "true"),
            ],
        )
        .await;
    assert_refused(res, "account", "RoleNotAllowed").await;
    (counsellor, approver, georgian, ukrainian, tbilisi)
}

fn person(first: &str, country: &str) -> Vec<(&'static str, String)> {
    vec![
        ("form[first_name]", first.into()),
        ("form[last_name]", "Beridze".into()),
        ("form[date_of_birth]", "1988-06-30".into()),
        ("form[gender]", "female".into()),
        ("form[language]", "ru".into()),
        ("form[nationality]", "Georgian".into()),
        ("form[return_country]", country.into()),
        ("form[return_city]", "Kutaisi".into()),
    ]
}

async fn open_case(app: &TestApp, counsellor: &Client, first: &str) -> i64 {
    assert_eq!(
        call(
            app,
            counsellor,
            "open_return_case",
            &person(first, "Georgia")
        )
        .await,
        200
    );
    let (id,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM return_cases WHERE first_name = $1")
        .bind(first)
        .fetch_one(app.db.pool())
        .await
        .expect("case");
    id
}

/// Counsels the person, plans the departure to `office` and records it (arriving the same day).
async fn send_home(
    app: &TestApp,
    counsellor: &Client,
    case: i64,
    office: i64,
    decided: &str,
    left: &str,
) {
    let id = case.to_string();
    let steps: [(&str, Vec<(&str, String)>); 3] = [
        ("counsel_return_case", vec![("comment", String::new())]),
        (
            "plan_return_departure",
            vec![
                ("form[decision_on]", decided.into()),
                ("form[planned_departure_on]", left.into()),
                ("form[country_office]", office.to_string()),
            ],
        ),
        (
            "record_return_departure",
            vec![
                ("form[departed_on]", left.into()),
                ("form[arrived_on]", String::new()),
            ],
        ),
    ];
    for (endpoint, mut form) in steps {
        form.push(("id", id.clone()));
        assert_eq!(
            call(app, counsellor, endpoint, &form).await,
            200,
            "{endpoint}"
        );
    }
}

async fn a_case_goes_from_enquiry_to_the_first_contact_abroad(app: TestApp) {
    let (counsellor, approver, georgian, ukrainian, tbilisi) = programme(&app).await;
    let case = open_case(&app, &counsellor, "Tamar").await;
    let id = case.to_string();
    assert_eq!(status_of(&app, case).await, "enquiry");

    // Before a country office is assigned, no caseworker sees the case.
    for caseworker in [&georgian, &ukrainian] {
        assert_eq!(
            call(&app, caseworker, "get_return_case", &[("id", id.clone())]).await,
            404
        );
    }
    // A family member returns with her.
    let child = [
        ("id", id.clone()),
        ("form[relation]", "child".into()),
        ("form[first_name]", "Luka".into()),
        ("form[last_name]", "Beridze".into()),
        ("form[date_of_birth]", "2015-02-14".into()),
        ("form[gender]", "male".into()),
    ];
    assert_eq!(
        call(&app, &counsellor, "add_return_family_member", &child).await,
        200
    );
    // The departure cannot be planned before counselling.
    let plan = [
        ("id", id.clone()),
        ("form[decision_on]", "2026-11-01".into()),
        ("form[planned_departure_on]", "2026-11-10".into()),
        ("form[country_office]", tbilisi.to_string()),
    ];
    let res = app
        .api(
            &counsellor,
            "plan_return_departure",
            &plan
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_refused(res, "case", "CaseStepRefused").await;
    assert_eq!(
        call(
            &app,
            &counsellor,
            "counsel_return_case",
            &[
                ("id", id.clone()),
                ("comment", "Options and the form explained".into())
            ]
        )
        .await,
        200
    );
    // An approver sees the case but does not counsel.
    assert_eq!(
        call(&app, &approver, "get_return_case", &[("id", id.clone())]).await,
        200
    );
    assert_eq!(
        call(
            &app,
            &approver,
            "counsel_return_case",
            &[("id", id.clone()), ("comment", String::new())]
        )
        .await,
        403
    );
    assert_eq!(
        call(&app, &counsellor, "plan_return_departure", &plan).await,
        200
    );
    assert_eq!(status_of(&app, case).await, "departure_planned");

    // Now the Georgian office sees it, the Ukrainian one still does not.
    assert_eq!(
        call(&app, &georgian, "get_return_case", &[("id", id.clone())]).await,
        200
    );
    assert_eq!(
        call(&app, &ukrainian, "get_return_case", &[("id", id.clone())]).await,
        404
    );
    assert_eq!(
        call(&app, &ukrainian, "contact_sheet", &[("id", id.clone())]).await,
        404
    );
    let list: Value = app
        .api(&ukrainian, "return_cases", &[])
        .await
        .json()
        .await
        .expect("list");
    assert_eq!(list["cases"].as_array().map(Vec::len), Some(0));

    // An arrival before the departure is refused and changes nothing.
    let res = app
        .api(
            &counsellor,
            "record_return_departure",
            &[
                ("id", id.as_str()),
                ("form[departed_on]", "2026-11-10"),
                ("form[arrived_on]", "2026-11-09"),
            ],
        )
        .await;
    assert_refused(res, "arrived_on", "ArrivalBeforeDeparture").await;
    assert_eq!(status_of(&app, case).await, "departure_planned");
    assert_eq!(
        call(
            &app,
            &georgian,
            "record_return_departure",
            &[
                ("id", id.clone()),
                ("form[departed_on]", "2026-11-10".into()),
                ("form[arrived_on]", "2026-11-11".into())
            ]
        )
        .await,
        200
    );
    assert_eq!(status_of(&app, case).await, "returned");

    // The contact sheet speaks her language and names the deadline, three months on.
    let sheet: Value = app
        .api(&counsellor, "contact_sheet", &[("id", id.as_str())])
        .await
        .json()
        .await
        .expect("sheet");
    assert_eq!(sheet["language"], "ru");
    assert_eq!(sheet["deadline"], "2027-02-11");
    assert_eq!(sheet["office"]["name"], "IOM Tbilisi");

    // A contact before the arrival is refused; the office records the real one once.
    let res = app
        .api(
            &georgian,
            "record_first_contact",
            &[("id", id.as_str()), ("form[contacted_on]", "2026-11-01")],
        )
        .await;
    assert_refused(res, "contacted_on", "DateBeforeArrival").await;
    let contact = [
        ("id", id.clone()),
        ("form[contacted_on]", "2026-11-20".into()),
        ("form[note]", "Came to the office with her son".into()),
    ];
    // The counsellor in Estonia does not record it: the country office does.
    assert_eq!(
        call(&app, &counsellor, "record_first_contact", &contact).await,
        422
    );
    assert_eq!(
        call(&app, &georgian, "record_first_contact", &contact).await,
        200
    );
    let res = app
        .api(
            &georgian,
            "record_first_contact",
            &contact
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_refused(res, "case", "CaseStepRefused").await;

    // Every step is in the case's history, with who made it.
    let detail: Value = app
        .api(&approver, "get_return_case", &[("id", id.as_str())])
        .await
        .json()
        .await
        .expect("detail");
    let steps: Vec<&str> = detail["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["to"].as_str())
        .collect();
    assert_eq!(
        steps,
        ["enquiry", "counselled", "departure_planned", "returned"]
    );
    assert_eq!(detail["steps"][3]["by"], "eka@test.ee");
    assert_eq!(detail["members"].as_array().map(Vec::len), Some(1));
    assert_eq!(detail["line"]["contact"]["made"], true);
    let audited: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE subject_type = 'return_case' AND subject_id = $1 \
         AND action = 'return_case.step'",
    )
    .bind(case)
    .fetch_one(app.db.pool())
    .await
    .expect("audit");
    assert_eq!(audited.0, 3);
}

async fn the_contact_rule_ends_in_a_reasoned_decision(app: TestApp) {
    let (counsellor, _, georgian, _, tbilisi) = programme(&app).await;
    let case = open_case(&app, &counsellor, "Nino").await;
    let id = case.to_string();
    send_home(&app, &counsellor, case, tbilisi, "2026-08-01", "2026-08-10").await;

    // Today (the test clock) is after 2026-11-10: the case is on the watch list as overdue.
    app.clock.set(1_796_000_000); // 2026-11-29
    let list: Value = app
        .api(&georgian, "return_cases", &[])
        .await
        .json()
        .await
        .expect("list");
    let watch = list["contact_watch"].as_array().expect("watch");
    assert_eq!(watch.len(), 1);
    assert_eq!(watch[0]["contact"]["overdue"], true);

    // An extension needs a reason and a later day.
    let res = app
        .api(
            &georgian,
            "extend_contact_deadline",
            &[
                ("id", id.as_str()),
                ("form[until]", "2026-11-01"),
                ("form[reason]", ""),
            ],
        )
        .await;
    assert_refused(res, "until", "ExtensionNotLater").await;
    let extend = [
        ("id", id.clone()),
        ("form[until]", "2026-12-31".into()),
        ("form[reason]", "In hospital after arrival".into()),
    ];
    assert_eq!(
        call(&app, &georgian, "extend_contact_deadline", &extend).await,
        200
    );
    // Not overdue any more: closing for lack of contact is refused.
    let res = app
        .api(
            &georgian,
            "close_without_contact",
            &[("id", id.as_str()), ("comment", "No answer")],
        )
        .await;
    assert_refused(res, "case", "ContactDeadlineNotPassed").await;
    assert_eq!(status_of(&app, case).await, "returned");
    // Past the new deadline, the office closes the case with its reason.
    app.clock.set(1_799_000_000); // 2027-01-03
    let res = app
        .api(
            &georgian,
            "close_without_contact",
            &[("id", id.as_str()), ("comment", "")],
        )
        .await;
    assert_refused(res, "comment", "Required").await;
    assert_eq!(
        call(
            &app,
            &georgian,
            "close_without_contact",
            &[
                ("id", id.clone()),
                ("comment", "Three calls, no answer".into())
            ]
        )
        .await,
        200
    );
    assert_eq!(status_of(&app, case).await, "no_contact");
    // An ended case takes no more steps.
    let res = app
        .api(
            &counsellor,
            "withdraw_return_case",
            &[("id", id.as_str()), ("comment", "x")],
        )
        .await;
    assert_refused(res, "case", "CaseStepRefused").await;
}

async fn bad_input_changes_nothing(app: TestApp) {
    let (counsellor, _, georgian, _, _) = programme(&app).await;
    let before = app.count("return_cases").await;
    let res = app
        .api(
            &counsellor,
            "open_return_case",
            &[("form[first_name]", "Giorgi")],
        )
        .await;
    assert_refused(res, "return_country", "Required").await;
    let res = app
        .api(
            &counsellor,
            "open_return_case",
            &[
                ("form[first_name]", "Giorgi"),
                ("form[date_of_birth]", "2099-01-01"),
                ("form[gender]", "robot"),
            ],
        )
        .await;
    assert_refused(res, "date_of_birth", "DateInFuture").await;
    assert_eq!(app.count("return_cases").await, before);
    // Caseworkers do not open cases; strangers are turned away.
    assert_eq!(
        call(
            &app,
            &georgian,
            "open_return_case",
            &person("Giorgi", "Georgia")
        )
        .await,
        403
    );
    let beneficiary = app.login_as("beneficiary@test.ee").await;
    assert_eq!(call(&app, &beneficiary, "return_cases", &[]).await, 403);
    assert_eq!(call(&app, &app.client(), "return_cases", &[]).await, 401);
    assert_eq!(app.count("return_cases").await, before);
    // Withdrawing needs a reason.
    let case = open_case(&app, &counsellor, "Levan").await;
    let res = app
        .api(
            &counsellor,
            "withdraw_return_case",
            &[("id", case.to_string().as_str()), ("comment", " ")],
        )
        .await;
    assert_refused(res, "comment", "Required").await;
    assert_eq!(status_of(&app, case).await, "enquiry");
    assert_eq!(
        call(
            &app,
            &counsellor,
            "withdraw_return_case",
            &[
                ("id", case.to_string()),
                ("comment", "Stays in Estonia".into())
            ]
        )
        .await,
        200
    );
    assert_eq!(status_of(&app, case).await, "withdrawn");
}

async fn reminders_go_out_a_month_before_and_on_the_deadline(app: TestApp) {
    use tugi_app::api::notify_returns::queue_contact_reminders;
    let (counsellor, _, _, _, tbilisi) = programme(&app).await;
    let mut form = person("Tamar", "Georgia");
    form.push(("form[email]", "tamar@example.ge".into()));
    assert_eq!(
        call(&app, &counsellor, "open_return_case", &form).await,
        200
    );
    let (case,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM return_cases")
        .fetch_one(app.db.pool())
        .await
        .expect("case");
    send_home(&app, &counsellor, case, tbilisi, "2026-11-01", "2026-11-10").await;
    // A case still in counselling gets no reminder.
    open_case(&app, &counsellor, "Nino").await;

    let day = |d: &str| d.parse::<chrono::NaiveDate>().expect("date");
    let at = app.clock.now();
    let queue = |today: &'static str| {
        let db = app.db.clone();
        async move {
            queue_contact_reminders(&db, day(today), at)
                .await
                .expect("queue")
        }
    };
    let messages = |kind: &'static str| {
        let db = app.db.clone();
        async move {
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE kind = $1")
                .bind(kind)
                .fetch_one(db.pool())
                .await
                .expect("count");
            n
        }
    };
    // The deadline is 2027-02-10: nothing before 2027-01-11, the first reminder then, once.
    assert_eq!(queue("2027-01-10").await, 0);
    assert_eq!(queue("2027-01-11").await, 1);
    assert_eq!(queue("2027-01-12").await, 0);
    assert_eq!(messages("return_contact_due").await, 1);
    let (to, language, subject, body) = last_message(&app, "return_contact_due").await;
    assert!(to.contains("tamar@example.ge"));
    assert_eq!(language, "ru");
    assert_eq!(subject, "Пожалуйста, свяжитесь со своим страновым офисом");
    assert!(
        body.contains("IOM Tbilisi") && body.contains("10"),
        "{body}"
    );
    // On the deadline, the second reminder, once.
    assert_eq!(queue("2027-02-10").await, 1);
    assert_eq!(queue("2027-02-11").await, 0);
    assert_eq!(messages("return_contact_deadline").await, 1);
    let (_, _, subject, _) = last_message(&app, "return_contact_deadline").await;
    assert_eq!(
        subject,
        "Сегодня последний день, чтобы связаться со страновым офисом"
    );
}

async fn suppliers_belong_to_their_country_office(app: TestApp) {
    let (counsellor, approver, georgian, ukrainian, tbilisi) = programme(&app).await;
    let (kyiv,): (i64,) = sqlx::query_as("SELECT id FROM country_offices WHERE name = 'IOM Kyiv'")
        .fetch_one(app.db.pool())
        .await
        .expect("office");
    let supplier = |office: i64, name: &str| {
        vec![
            ("office", office.to_string()),
            ("id", "0".to_string()),
            ("form[name]", name.to_string()),
            ("form[registration_no]", "404123456".to_string()),
            ("form[contact]", "+995 555 010 203".to_string()),
            (
                "form[bank_details]",
                "TBC Bank, GE29TB0000000000000001".to_string(),
            ),
        ]
    };
    assert_eq!(
        call(
            &app,
            &georgian,
            "save_supplier",
            &supplier(tbilisi, "Imereti Tools")
        )
        .await,
        200
    );
    // Another office's suppliers are not the caseworker's to see or keep.
    assert_eq!(
        call(
            &app,
            &georgian,
            "save_supplier",
            &supplier(kyiv, "Lviv School")
        )
        .await,
        404
    );
    // The approver reads them but does not keep them.
    assert_eq!(
        call(
            &app,
            &approver,
            "save_supplier",
            &supplier(tbilisi, "Other")
        )
        .await,
        403
    );
    let named = supplier(tbilisi, "Imereti Tools");
    let res = app
        .api(
            &counsellor,
            "save_supplier",
            &named
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_refused(res, "name", "AlreadyExists").await;
    let tbilisi_text = tbilisi.to_string();
    let res = app
        .api(
            &georgian,
            "save_supplier",
            &[
                ("office", tbilisi_text.as_str()),
                ("id", "0"),
                ("form[name]", "No details"),
            ],
        )
        .await;
    assert_refused(res, "bank_details", "Required").await;
    assert_eq!(app.count("suppliers").await, 1);
    assert_eq!(
        call(
            &app,
            &counsellor,
            "save_supplier",
            &supplier(kyiv, "Lviv School")
        )
        .await,
        200
    );
    let page = |client: &Client| {
        let client = client.clone();
        let id = tbilisi.to_string();
        let app = &app;
        async move {
            let body: Value = app
                .api(&client, "get_country_office", &[("id", id.as_str())])
                .await
                .json()
                .await
                .expect("office page");
            body
        }
    };
    let own = page(&georgian).await;
    assert_eq!(own["suppliers"].as_array().map(Vec::len), Some(1));
    assert_eq!(own["may_keep_suppliers"], true);
    let other = page(&ukrainian).await;
    assert!(
        other["suppliers"].is_null(),
        "no bank details of another office"
    );
    assert_eq!(page(&approver).await["may_keep_suppliers"], false);
}

on_both_databases!(
    suppliers_belong_to_their_country_office,
    reminders_go_out_a_month_before_and_on_the_deadline,
    a_case_goes_from_enquiry_to_the_first_contact_abroad,
    the_contact_rule_ends_in_a_reasoned_decision,
    bad_input_changes_nothing,
);
