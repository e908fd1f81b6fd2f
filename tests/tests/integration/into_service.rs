//! Putting Tugi into service on an empty database: offices created and closed, accounts whose
//! roles change and whose access ends, invitations and password resets by email, logins for
//! household members, and the rules each refuses bad input with.

use crate::consultations::{book_one, reception_for};
use crate::helpers::{assert_refused, TestApp, PASSWORD};
use crate::households::register;
use crate::on_both_databases;
use reqwest::Client;
use serde_json::Value;

/// The newest outbox message of `kind`: (recipient, language, subject, body).
pub(crate) async fn last_message(app: &TestApp, kind: &str) -> (String, String, String, String) {
    sqlx::query_as(
        "SELECT recipient, language, subject, body FROM outbox WHERE kind = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(kind)
    .fetch_one(app.db.pool())
    .await
    .expect("a message of that kind")
}

/// The path of the first link in a message body that starts with `prefix` (`/invite/`).
pub(crate) fn link_in(body: &str, prefix: &str) -> String {
    let start = body.find(prefix).expect("a link in the message");
    body[start..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

async fn accept(app: &TestApp, client: &Client, link: &str) -> u16 {
    let token = link.trim_start_matches("/invite/");
    app.api(
        client,
        "accept_invite",
        &[
            ("token", token),
            ("new_password", PASSWORD),
            ("confirm_password", PASSWORD),
        ],
    )
    .await
    .status()
    .as_u16()
}

async fn me(app: &TestApp, client: &Client) -> Value {
    app.api(client, "me", &[]).await.json().await.unwrap()
}

async fn offices_are_created_and_close_only_when_nothing_is_planned(app: TestApp) {
    let admin = app.login_as("admin@test.ee").await;
    let office = |name: &'static str, city: &'static str| {
        vec![
            ("form[name]", name),
            ("form[city]", city),
            ("form[address]", "Narva mnt 5"),
        ]
    };
    let res = app
        .api(&admin, "create_office", &office("Tallinn", "Tallinn"))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let tallinn: i64 = res.json().await.unwrap();
    let dup = app
        .api(&admin, "create_office", &office("TALLINN", "Tallinn"))
        .await;
    assert_refused(dup, "name", "AlreadyExists").await;
    let blank = app.api(&admin, "create_office", &office("Narva", "")).await;
    assert_refused(blank, "city", "Required").await;
    let coordinator = app.login_as("coordinator@test.ee").await;
    let res = app
        .api(&coordinator, "create_office", &office("Narva", "Narva"))
        .await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(app.count("offices").await, 1);

    // A booked consultation keeps its office open until it is cancelled.
    let r = reception_for(&app).await;
    let id = book_one(&app, &r, "2027-01-11", "13:00").await;
    let res = app
        .api(
            &admin,
            "set_office_open",
            &[("id", &r.office), ("open", "false")],
        )
        .await;
    assert_refused(res, "office", "OfficeHasBookings").await;
    let (status, page) = app
        .page(&admin, &format!("/admin/offices/{}", r.office))
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("/consultations/{id}")),
        "the blocker is listed"
    );
    let res = app
        .api(
            &r.coordinator,
            "cancel_consultation",
            &[("id", &id.to_string()), ("form[reason]", "office moves")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &admin,
            "set_office_open",
            &[("id", &r.office), ("open", "false")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let open: Vec<Value> = app
        .api(&coordinator, "list_offices", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(open.len(), 1, "only Tallinn takes bookings");
    assert_eq!(open[0]["id"], tallinn);
    let res = app
        .api(
            &admin,
            "set_office_open",
            &[("id", &r.office), ("open", "true")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &admin,
            "set_office_open",
            &[("id", "424242"), ("open", "false")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
}

async fn invitations_go_out_by_email_and_can_be_revoked_or_resent(app: TestApp) {
    let admin = app.login_as("admin@test.ee").await;
    let invite = |email: &'static str, role: &'static str, language: &'static str| {
        vec![
            ("form[email]", email),
            ("form[display_name]", "Jaan Kask"),
            ("form[language]", language),
            (role, "on"),
        ]
    };
    let res = app
        .api(
            &admin,
            "create_invite",
            &invite("jaan@test.ee", "form[coordinator]", "uk"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let (to, language, subject, body) = last_message(&app, "invitation").await;
    assert!(to.contains("jaan@test.ee"));
    assert_eq!(language, "uk");
    assert_eq!(subject, "Запрошення до Tugi");
    let first = link_in(&body, "/invite/");
    assert!(
        body.contains("https://") || body.contains("http://"),
        "a full link"
    );

    // Resent: the old link stops working, the new one works once.
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM invites WHERE email = 'jaan@test.ee'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let res = app
        .api(&admin, "resend_invite", &[("id", &id.to_string())])
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let (status, _) = app.page(&app.client(), &first).await;
    assert_eq!(status, 404, "the old link is gone");
    let (_, _, _, body) = last_message(&app, "invitation").await;
    let second = link_in(&body, "/invite/");
    assert_ne!(first, second);
    let jaan = app.client();
    assert_eq!(accept(&app, &jaan, &second).await, 200);
    assert_eq!(me(&app, &jaan).await["language"], "uk");
    assert_eq!(accept(&app, &app.client(), &second).await, 422, "once");
    let res = app
        .api(&admin, "revoke_invite", &[("id", &id.to_string())])
        .await;
    assert_refused(res, "invite", "InviteNotOpen").await;

    // Revoked: the link answers 404 and cannot be resent.
    app.api(
        &admin,
        "create_invite",
        &invite("liis@test.ee", "form[volunteer]", "et"),
    )
    .await;
    let (_, _, _, body) = last_message(&app, "invitation").await;
    let link = link_in(&body, "/invite/");
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM invites WHERE email = 'liis@test.ee'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let res = app
        .api(&admin, "revoke_invite", &[("id", &id.to_string())])
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(accept(&app, &app.client(), &link).await, 422);
    let res = app
        .api(&admin, "resend_invite", &[("id", &id.to_string())])
        .await;
    assert_refused(res, "invite", "InviteNotOpen").await;

    // Coordinators invite the roles that are not staff, and only to new addresses.
    let coordinator = app.login_as("coordinator@test.ee").await;
    let res = app
        .api(
            &coordinator,
            "create_invite",
            &invite("mari@test.ee", "form[facilitator]", "ru"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &coordinator,
            "create_invite",
            &invite("toomas@test.ee", "form[support_person]", "et"),
        )
        .await;
    assert_refused(res, "roles", "RoleNotAllowed").await;
    let res = app
        .api(
            &coordinator,
            "create_invite",
            &invite("volunteer@test.ee", "form[volunteer]", "et"),
        )
        .await;
    assert_refused(res, "email", "EmailTaken").await;
    let mine: Vec<Value> = app
        .api(&coordinator, "list_invites", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine.len(), 1, "a coordinator sees their own invitations");
    let res = app
        .api(&coordinator, "revoke_invite", &[("id", &id.to_string())])
        .await;
    assert_eq!(res.status().as_u16(), 404, "not theirs");
    let volunteer = app.login_as("volunteer@test.ee").await;
    let res = app
        .api(
            &volunteer,
            "create_invite",
            &invite("x@test.ee", "form[volunteer]", "et"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);

    // Expired after seven days; sending it again gives a new week.
    app.api(
        &admin,
        "create_invite",
        &invite("kati@test.ee", "form[volunteer]", "et"),
    )
    .await;
    let (_, _, _, body) = last_message(&app, "invitation").await;
    let link = link_in(&body, "/invite/");
    app.clock.set(app.clock.now() + 7 * 24 * 3600 + 60);
    assert_eq!(accept(&app, &app.client(), &link).await, 422, "expired");
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM invites WHERE email = 'kati@test.ee'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let res = app
        .api(&admin, "resend_invite", &[("id", &id.to_string())])
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let (_, _, _, body) = last_message(&app, "invitation").await;
    assert_eq!(
        accept(&app, &app.client(), &link_in(&body, "/invite/")).await,
        200
    );
}

async fn deactivation_ends_access_at_once_and_lists_what_needs_a_new_owner(app: TestApp) {
    let r = reception_for(&app).await;
    book_one(&app, &r, "2027-01-11", "13:00").await;
    let feed = app.api(&r.coordinator, "new_feed_address", &[]).await;
    assert_eq!(feed.status().as_u16(), 200);
    let feed: Value = feed.json().await.unwrap();
    let https = feed["https"].as_str().unwrap().to_owned();
    let feed_path = format!("/calendar/{}", https.split_once("/calendar/").unwrap().1);
    let (status, _) = app.page(&app.client(), &feed_path).await;
    assert_eq!(status, 200);

    let admin = app.login_as("admin@test.ee").await;
    let admin_id = app.account_id("admin@test.ee").await.to_string();
    let coordinator_id = app.coordinator_id.to_string();
    // Oneself: neither deactivated nor without the admin role.
    let res = app
        .api(
            &admin,
            "set_account_active",
            &[("id", &admin_id), ("active", "false")],
        )
        .await;
    assert_refused(res, "active", "NotYourself").await;
    let res = app
        .api(
            &admin,
            "set_account_roles",
            &[("id", &admin_id), ("form[coordinator]", "on")],
        )
        .await;
    assert_refused(res, "roles", "NotYourself").await;
    let res = app
        .api(&admin, "set_account_roles", &[("id", &coordinator_id)])
        .await;
    assert_refused(res, "roles", "NoRole").await;
    let res = app
        .api(
            &admin,
            "set_account_roles",
            &[
                ("id", &coordinator_id),
                ("form[coordinator]", "on"),
                ("form[facilitator]", "on"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        me(&app, &r.coordinator).await["roles"],
        serde_json::json!(["coordinator", "facilitator"])
    );

    let res = app
        .api(
            &admin,
            "set_account_active",
            &[("id", &coordinator_id), ("active", "false")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(
        me(&app, &r.coordinator).await.is_null(),
        "the session ended"
    );
    let (status, _) = app.page(&r.coordinator, "/households").await;
    assert_eq!(status, 302, "sent to the login page");
    let res = app.api(&r.coordinator, "list_offices", &[]).await;
    assert_eq!(res.status().as_u16(), 401);
    let (status, _) = app.page(&app.client(), &feed_path).await;
    assert_eq!(status, 404, "the feed stops answering");
    let res = app
        .api(
            &app.client(),
            "login",
            &[("email", "coordinator@test.ee"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422, "no new login");

    let orphans: Vec<Value> = app
        .api(&admin, "needs_new_owner", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(orphans.len(), 1, "{orphans:?}");
    assert_eq!(orphans[0]["kind"], "consultation");
    assert_eq!(orphans[0]["person"], "Kadri Coordinator");
    let (status, page) = app.page(&admin, "/needs-owner").await;
    assert_eq!(status, 200);
    assert!(page.contains("Kadri Coordinator"));
    let res = app.api(&r.beneficiary, "needs_new_owner", &[]).await;
    assert_eq!(res.status().as_u16(), 403);

    let res = app
        .api(
            &admin,
            "set_account_active",
            &[("id", &coordinator_id), ("active", "true")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    app.login_as("coordinator@test.ee").await;
    let (status, page) = app
        .page(
            &admin,
            "/admin/accounts?status=active&role=coordinator&q=kadri",
        )
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("coordinator@test.ee") && !page.contains("volunteer@test.ee"));
    assert_eq!(app.count("accounts").await, 6, "nothing was deleted");
}

async fn an_adult_member_is_invited_to_a_login_of_their_own(app: TestApp) {
    let r = reception_for(&app).await;
    let household = register(&app, &r.coordinator).await;
    let (member,): (i64,) = sqlx::query_as("SELECT id FROM members WHERE household_id = $1")
        .bind(household)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let res = app
        .api(
            &r.coordinator,
            "add_member",
            &[
                ("household_id", &household.to_string()),
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
    let (child,): (i64,) =
        sqlx::query_as("SELECT id FROM members WHERE household_id = $1 AND first_name = 'Taras'")
            .bind(household)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let invite = |member: i64, email: &'static str| {
        vec![
            ("household_id", household.to_string()),
            ("member_id", member.to_string()),
            ("form[email]", email.to_string()),
            ("form[language]", "ru".to_string()),
        ]
    };
    let pairs = |v: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { v.clone() };
    let send = |client: &Client, form: Vec<(&'static str, String)>| {
        let client = client.clone();
        let url = app.url("/api/invite_member");
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
    let res = send(&r.coordinator, pairs(&invite(child, "taras@test.ee"))).await;
    assert_refused(res, "member", "MemberNotAdult").await;
    let res = send(
        &r.coordinator,
        pairs(&invite(member, "coordinator@test.ee")),
    )
    .await;
    assert_refused(res, "email", "EmailTaken").await;
    let volunteer = app.login_as("volunteer@test.ee").await;
    let res = send(&volunteer, pairs(&invite(member, "olena@test.ee"))).await;
    assert_eq!(res.status().as_u16(), 403);
    let support = app.login_as("support@test.ee").await;
    let res = send(&support, pairs(&invite(member, "olena@test.ee"))).await;
    assert_eq!(res.status().as_u16(), 404, "not their household");

    let res = send(&r.coordinator, pairs(&invite(member, "olena@test.ee"))).await;
    assert_eq!(res.status().as_u16(), 200);
    let (_, language, subject, body) = last_message(&app, "invitation").await;
    assert_eq!(
        (language.as_str(), subject.as_str()),
        ("ru", "Приглашение в Tugi")
    );
    let olena = app.client();
    assert_eq!(accept(&app, &olena, &link_in(&body, "/invite/")).await, 200);
    let me = me(&app, &olena).await;
    assert_eq!(me["roles"], serde_json::json!(["beneficiary"]));
    let logins: Vec<Value> = app
        .api(
            &r.coordinator,
            "member_logins",
            &[("household_id", &household.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    let first = logins.iter().find(|l| l["member_id"] == member).unwrap();
    assert_eq!(first["login"][0], "olena@test.ee");
    let (status, page) = app
        .page(&r.coordinator, &format!("/households/{household}"))
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("olena@test.ee"),
        "the household page shows who has a login"
    );

    // The new login books a consultation for its own household.
    let slot = r.slot("2027-01-11", "14:00");
    let res = app
        .api(
            &olena,
            "book_consultation",
            &[
                ("form[household]", ""),
                ("form[office]", &r.office),
                ("form[slot]", &slot),
                ("form[topic]", "housing"),
                ("form[party_size]", "1"),
                ("form[interpreter]", ""),
                ("form[note]", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "booked by the new login");
    let (booked_for,): (i64,) =
        sqlx::query_as("SELECT household_id FROM consultations ORDER BY event_id DESC LIMIT 1")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(booked_for, household);

    let res = send(&r.coordinator, pairs(&invite(member, "olena2@test.ee"))).await;
    assert_refused(res, "member", "MemberHasLogin").await;
    let res = app
        .api(
            &r.coordinator,
            "unlink_member",
            &[
                ("household_id", &household.to_string()),
                ("member_id", &member.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &r.coordinator,
            "unlink_member",
            &[
                ("household_id", &household.to_string()),
                ("member_id", &member.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404, "nothing left to unlink");

    // Without JavaScript the form goes back to the page it came from.
    let page = format!("/households/{household}");
    let res = app
        .plain_post(
            &r.coordinator,
            "invite_member",
            &[
                ("household_id", &household.to_string()),
                ("member_id", &member.to_string()),
                ("form[email]", "olena.new@test.ee"),
                ("form[language]", "uk"),
            ],
            &page,
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.trim_end_matches('?').ends_with(&page),
        "{location}"
    );
}

async fn a_forgotten_password_is_reset_by_email_once(app: TestApp) {
    let app = &app;
    let old = app.login_as("beneficiary@test.ee").await;
    let ask = |email: &'static str| {
        let client = app.client();
        async move {
            let res = app
                .api(&client, "request_password_reset", &[("email", email)])
                .await;
            let status = res.status().as_u16();
            (status, res.text().await.unwrap_or_default())
        }
    };
    let known = ask("beneficiary@test.ee").await;
    let unknown = ask("nobody@test.ee").await;
    assert_eq!(
        known, unknown,
        "the same answer whether or not the address exists"
    );
    assert_eq!(app.count("outbox").await, 1);
    let (to, language, subject, body) = last_message(app, "password_reset").await;
    assert!(to.contains("beneficiary@test.ee"));
    assert_eq!(
        (language.as_str(), subject.as_str()),
        ("uk", "Скидання пароля Tugi")
    );
    let link = link_in(&body, "/reset-password/");
    let token = link.trim_start_matches("/reset-password/").to_string();
    let (status, page) = app.page(&app.client(), &link).await;
    assert_eq!(status, 200);
    assert!(page.contains("new_password"));

    let reset = |password: &'static str| {
        let token = token.clone();
        async move {
            app.api(
                &app.client(),
                "reset_password",
                &[
                    ("token", token.as_str()),
                    ("new_password", password),
                    ("confirm_password", password),
                ],
            )
            .await
        }
    };
    let res = reset("short").await;
    assert_refused(res, "new_password", "PasswordTooShort").await;
    let res = reset("a brand new password").await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(me(app, &old).await.is_null(), "every session ended");
    let (_, _, subject, _) = last_message(app, "password_changed").await;
    assert_eq!(subject, "Пароль Tugi змінено");
    let res = reset("another new password").await;
    assert_refused(res, "token", "InvalidResetLink").await;
    let res = app
        .api(
            &app.client(),
            "login",
            &[
                ("email", "beneficiary@test.ee"),
                ("password", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);

    // A link runs out after an hour.
    ask("volunteer@test.ee").await;
    let (_, _, _, body) = last_message(app, "password_reset").await;
    let link = link_in(&body, "/reset-password/");
    app.clock.set(app.clock.now() + 3601);
    let res = app
        .api(
            &app.client(),
            "reset_password",
            &[
                ("token", link.trim_start_matches("/reset-password/")),
                ("new_password", "a brand new password"),
                ("confirm_password", "a brand new password"),
            ],
        )
        .await;
    assert_refused(res, "token", "InvalidResetLink").await;

    // Throttled per address: the fourth request within the hour is refused, and sends nothing.
    let before = app.count("outbox").await;
    for _ in 0..2 {
        assert_eq!(ask("support@test.ee").await.0, 200);
    }
    assert_eq!(ask("support@test.ee").await.0, 200);
    assert_eq!(ask("support@test.ee").await.0, 429);
    assert_eq!(app.count("outbox").await, before + 3);
    let res = app
        .api(
            &app.client(),
            "request_password_reset",
            &[("email", "not an address")],
        )
        .await;
    assert_refused(res, "email", "InvalidEmail").await;
}

async fn a_member_without_email_is_invited_by_phone(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let household = register(&app, &coordinator).await;
    let member: i64 = sqlx::query_scalar("SELECT id FROM members WHERE household_id = $1")
        .bind(household)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (household, member) = (household.to_string(), member.to_string());
    let invite = |email: &'static str, phone: &'static str| {
        let (household, member, coordinator) =
            (household.clone(), member.clone(), coordinator.clone());
        let app = &app;
        async move {
            app.api(
                &coordinator,
                "invite_member",
                &[
                    ("household_id", household.as_str()),
                    ("member_id", member.as_str()),
                    ("form[email]", email),
                    ("form[phone]", phone),
                    ("form[language]", "uk"),
                ],
            )
            .await
        }
    };
    assert_refused(invite("", "").await, "email", "EmailOrPhone").await;
    assert_refused(invite("", "call me").await, "phone", "InvalidChoice").await;
    let res = invite("", "+372 5123 4567").await;
    assert_eq!(res.status().as_u16(), 200);
    let link: Option<String> = res.json().await.unwrap();
    let link = link.expect("the link to pass on");
    assert_eq!(app.count("outbox").await, 0, "no email to send");
    let (status, page) = app.page(&app.client(), &link).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("name=\"email\""),
        "the member chooses the login's email"
    );

    let token = link.trim_start_matches("/invite/");
    let accept = |email: &'static str| {
        let token = token.to_string();
        let app = &app;
        async move {
            app.api(
                &app.client(),
                "accept_invite",
                &[
                    ("token", token.as_str()),
                    ("new_password", PASSWORD),
                    ("confirm_password", PASSWORD),
                    ("email", email),
                ],
            )
            .await
        }
    };
    assert_refused(accept("").await, "email", "Required").await;
    assert_refused(accept("volunteer@test.ee").await, "email", "EmailTaken").await;
    let res = accept("olena.phone@test.ee").await;
    assert_eq!(res.status().as_u16(), 200);
    let account: i64 = sqlx::query_scalar(
        "SELECT m.account_id FROM members m JOIN accounts a ON a.id = m.account_id \
         WHERE a.email = 'olena.phone@test.ee' AND a.language = 'uk'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert!(account > 0, "the login is tied to the member");
}

async fn an_admin_corrects_a_login_email_and_both_addresses_are_told(app: TestApp) {
    let admin = app.login_as("admin@test.ee").await;
    let id = app.account_id("volunteer@test.ee").await.to_string();
    let change = |email: &'static str| {
        let (admin, id) = (admin.clone(), id.clone());
        let app = &app;
        async move {
            app.api(
                &admin,
                "set_account_email",
                &[("id", id.as_str()), ("email", email)],
            )
            .await
        }
    };
    assert_refused(change("not an address").await, "email", "InvalidEmail").await;
    assert_refused(change("coordinator@test.ee").await, "email", "EmailTaken").await;
    assert_eq!(app.count("outbox").await, 0, "nothing changed");
    let res = change("liis.saar@test.ee").await;
    assert_eq!(res.status().as_u16(), 200);
    let told: Vec<(String, String)> = sqlx::query_as(
        "SELECT recipient, subject FROM outbox WHERE kind = 'email_changed' ORDER BY id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(told.len(), 2);
    assert!(told[0].0.contains("volunteer@test.ee") && told[1].0.contains("liis.saar@test.ee"));
    assert_eq!(
        told[0].1, "Sinu Tugi konto e-post muutus",
        "in the account's language"
    );
    let res = app
        .api(
            &app.client(),
            "login",
            &[("email", "liis.saar@test.ee"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "the new address logs in");
    let volunteer = app.login_as("liis.saar@test.ee").await;
    let res = app
        .api(
            &volunteer,
            "set_account_email",
            &[("id", id.as_str()), ("email", "x@test.ee")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
}

on_both_databases!(
    an_admin_corrects_a_login_email_and_both_addresses_are_told,
    a_member_without_email_is_invited_by_phone,
    offices_are_created_and_close_only_when_nothing_is_planned,
    invitations_go_out_by_email_and_can_be_revoked_or_resent,
    deactivation_ends_access_at_once_and_lists_what_needs_a_new_owner,
    an_adult_member_is_invited_to_a_login_of_their_own,
    a_forgotten_password_is_reset_by_email_once,
);

async fn a_support_person_loses_access_when_the_assignment_ends(app: TestApp) {
    use crate::support::{assigned, set_profile};
    let r = reception_for(&app).await;
    let person = app.account_id("support@test.ee").await;
    set_profile(&app, &r.coordinator, person, "5", "active").await;
    let assignment = assigned(&app, &r.coordinator, person, 0).await.to_string();
    let (household,): (i64,) = sqlx::query_as("SELECT household_id FROM assignments WHERE id = $1")
        .bind(assignment.parse::<i64>().unwrap())
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let household = household.to_string();
    let support = app.login_as("support@test.ee").await;
    let book = |time: &'static str| {
        let slot = r.slot("2027-01-11", time);
        let (household, office, support) = (household.clone(), r.office.clone(), support.clone());
        let app = &app;
        async move {
            app.api(
                &support,
                "book_consultation",
                &[
                    ("form[household]", household.as_str()),
                    ("form[office]", office.as_str()),
                    ("form[slot]", slot.as_str()),
                    ("form[topic]", "housing"),
                    ("form[party_size]", "2"),
                    ("form[interpreter]", ""),
                    ("form[note]", ""),
                ],
            )
            .await
        }
    };
    let res = book("13:00").await;
    assert_eq!(res.status().as_u16(), 200, "booked while assigned");
    let id: i64 = res.json().await.unwrap();
    let (uid,): (String,) = sqlx::query_as("SELECT uid FROM events WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let ics = format!("/calendar/events/{uid}.ics");
    assert_eq!(app.page(&support, &ics).await.0, 200);
    let detail: Value = app
        .api(&support, "get_assignment", &[("id", &assignment)])
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(detail["phone"], "", "current contacts while assigned");

    let res = app
        .api(
            &r.coordinator,
            "end_assignment",
            &[
                ("id", assignment.as_str()),
                ("form[reason]", "period_complete"),
                ("form[ended_on]", ""),
                ("form[note]", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = book("14:00").await;
    assert!(
        matches!(res.status().as_u16(), 403 | 404 | 422),
        "no booking after the end: {}",
        res.status()
    );
    let res = app
        .api(&support, "get_consultation", &[("id", &id.to_string())])
        .await;
    assert_eq!(res.status().as_u16(), 404, "no consultation read");
    assert_eq!(app.page(&support, &ics).await.0, 404, "no .ics");
    let detail: Value = app
        .api(&support, "get_assignment", &[("id", &assignment)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["phone"], "", "history without current contacts");
    assert_eq!(detail["email"], "");
}

async fn a_message_that_fails_for_good_waits_for_an_admin(app: TestApp) {
    use crate::outbox::jobs;
    use tugi_server::config::MailConfig;
    let admin = app.login_as("admin@test.ee").await;
    app.api(
        &admin,
        "create_invite",
        &[
            ("form[email]", "jaan@test.ee"),
            ("form[display_name]", "Jaan"),
            ("form[volunteer]", "on"),
        ],
    )
    .await;
    // An address no mail system accepts.
    sqlx::query("UPDATE outbox SET recipient = 'Jaan <not an address>'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let dir = std::env::temp_dir().join(format!("tugi-failed-{}", app.backend_name()));
    let worker = jobs(
        &app,
        MailConfig {
            outbox_dir: dir.clone(),
            ..MailConfig::default()
        },
    );
    let report = worker.run_once().await.unwrap();
    assert_eq!((report.sent, report.failed), (0, 1));
    let failed: Vec<Value> = app
        .api(&admin, "failed_messages", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(failed.len(), 1);
    assert!(
        !failed[0]["error"].as_str().unwrap().is_empty(),
        "the reason"
    );
    app.clock.set(app.clock.now() + 7200);
    assert_eq!(
        worker.run_once().await.unwrap().failed,
        0,
        "not tried again by itself"
    );
    let health: Value = app
        .get(&app.client(), "/healthz")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(health["failed_messages"], 1);
    assert!(health["worker"]["last_run"].is_number(), "{health}");

    sqlx::query("UPDATE outbox SET recipient = 'Jaan <jaan@test.ee>'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let id = failed[0]["id"].to_string();
    let volunteer = app.login_as("volunteer@test.ee").await;
    assert_eq!(
        app.api(&volunteer, "retry_message", &[("id", &id)])
            .await
            .status()
            .as_u16(),
        403
    );
    assert_eq!(
        app.api(&admin, "retry_message", &[("id", &id)])
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        app.api(&admin, "retry_message", &[("id", &id)])
            .await
            .status()
            .as_u16(),
        404
    );
    assert_eq!(worker.run_once().await.unwrap().sent, 1);
    let _ = std::fs::remove_dir_all(dir);
}

async fn a_support_person_signs_up_a_household_only_while_assigned(app: TestApp) {
    use crate::support::{assigned, set_profile};
    use crate::workshops::{create_series, series_form, setup};
    let s = setup(&app).await;
    let series: i64 = create_series(&app, &s, &series_form(&s, "10", "everyone"))
        .await
        .json()
        .await
        .unwrap();
    let person = app.account_id("support@test.ee").await;
    set_profile(&app, &s.coordinator, person, "5", "active").await;
    let assignment = assigned(&app, &s.coordinator, person, 0).await;
    let household: i64 = sqlx::query_scalar("SELECT household_id FROM assignments WHERE id = $1")
        .bind(assignment)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let members: Vec<i64> = sqlx::query_scalar("SELECT id FROM members WHERE household_id = $1")
        .bind(household)
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    let support = app.login_as("support@test.ee").await;
    let sign = |member: i64| {
        let key = format!("form[people][{member}]");
        let support = support.clone();
        let app = &app;
        async move {
            app.api(
                &support,
                "sign_up",
                &[
                    ("series", series.to_string().as_str()),
                    ("form[household]", household.to_string().as_str()),
                    (key.as_str(), "on"),
                ],
            )
            .await
            .status()
            .as_u16()
        }
    };
    assert_eq!(sign(members[0]).await, 200, "signed up while assigned");
    let res = app
        .api(
            &s.coordinator,
            "end_assignment",
            &[
                ("id", assignment.to_string().as_str()),
                ("form[reason]", "period_complete"),
                ("form[ended_on]", ""),
                ("form[note]", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let member: i64 = sqlx::query_scalar(
        "INSERT INTO members (household_id, first_name, last_name, date_of_birth, gender, \
         created_at) VALUES ($1, 'Iryna', 'Test', '1992-01-01', 'female', 0) RETURNING id",
    )
    .bind(household)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let status = sign(member).await;
    assert!(
        matches!(status, 403 | 404 | 422),
        "no sign-up after the end: {status}"
    );
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM registrations")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 1, "nothing changed");
}

on_both_databases!(
    a_support_person_signs_up_a_household_only_while_assigned,
    a_support_person_loses_access_when_the_assignment_ends,
    a_message_that_fails_for_good_waits_for_an_admin,
);

/// `tugi backup` copies a live SQLite database while households are being registered; the
/// restored copy has the same rows; files that are not Tugi databases, or come from a newer
/// schema, are refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_database_is_backed_up_and_restored_with_identical_counts() {
    use tugi_server::backup;
    let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite).await;
    let coordinator = app.login_as("coordinator@test.ee").await;
    let dir = std::env::temp_dir().join(format!("tugi-backup-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("copy.db");
    let writes = {
        let (app_url, client) = (app.url("/api/create_household"), coordinator.clone());
        tokio::spawn(async move {
            for _ in 0..20 {
                let res = client
                    .post(&app_url)
                    .header("accept", "application/json")
                    .form(&crate::households::registration())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status().as_u16(), 200);
            }
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    backup::backup(&app.db, &file)
        .await
        .expect("backup while writes run");
    writes.await.unwrap();
    assert!(
        backup::backup(&app.db, &file).await.is_err(),
        "never overwrites"
    );
    let copied = backup::inspect(&file).await.expect("a Tugi database");
    let restored = dir.join("restored/tugi.db");
    let info = backup::restore(&file, &restored).await.expect("restored");
    assert_eq!(info, copied);
    assert_eq!(
        backup::inspect(&restored).await.unwrap(),
        copied,
        "identical row counts"
    );
    let households = copied
        .counts
        .iter()
        .find(|(t, _)| t == "households")
        .unwrap()
        .1;
    assert!(households <= 20);
    assert_eq!(
        copied.schema,
        tugi_app::db::latest_migration(tugi_app::db::Backend::Sqlite)
    );

    let junk = dir.join("junk.db");
    std::fs::write(&junk, "not a database at all").unwrap();
    assert!(backup::restore(&junk, &restored).await.is_err());
    let newer = dir.join("newer.db");
    std::fs::copy(&file, &newer).unwrap();
    let url = format!("sqlite://{}", newer.display());
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99999, 'from the future', 1, x'00', 0)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::Connection::close(conn).await.unwrap();
    let refused = backup::restore(&newer, &restored)
        .await
        .unwrap_err()
        .to_string();
    assert!(refused.contains("newer"), "{refused}");
    assert_eq!(
        backup::inspect(&restored).await.unwrap(),
        copied,
        "left as it was"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Wrong types, unknown ids and the wrong roles on the new endpoints: 4xx, nothing changed.
async fn the_new_endpoints_refuse_strangers_and_bad_input(app: TestApp) {
    let admin = app.login_as("admin@test.ee").await;
    let coordinator = app.login_as("coordinator@test.ee").await;
    let volunteer = app.login_as("volunteer@test.ee").await;
    let before = (app.count("offices").await, app.count("invites").await);
    for (endpoint, form) in [
        ("set_office_open", vec![("id", "abc"), ("open", "false")]),
        ("set_office_open", vec![("id", "1"), ("open", "perhaps")]),
        ("get_account", vec![("id", "x")]),
        ("set_account_active", vec![("id", "1"), ("active", "maybe")]),
        ("revoke_invite", vec![("id", "one")]),
        ("member_logins", vec![("household_id", "")]),
        ("retry_message", vec![("id", "1.5")]),
    ] {
        let res = app.api(&admin, endpoint, &form).await;
        assert_eq!(res.status().as_u16(), 400, "{endpoint} {form:?}");
    }
    for (endpoint, form) in [
        ("get_account", vec![("id", "424242")]),
        (
            "set_account_active",
            vec![("id", "424242"), ("active", "false")],
        ),
        (
            "set_account_email",
            vec![("id", "424242"), ("email", "a@test.ee")],
        ),
        ("resend_invite", vec![("id", "424242")]),
        ("retry_message", vec![("id", "424242")]),
    ] {
        let res = app.api(&admin, endpoint, &form).await;
        assert_eq!(res.status().as_u16(), 404, "{endpoint}");
    }
    for endpoint in ["setup_status", "list_accounts", "failed_messages"] {
        assert_eq!(
            app.api(&coordinator, endpoint, &[]).await.status().as_u16(),
            403,
            "{endpoint}"
        );
    }
    for endpoint in ["list_invites", "needs_new_owner"] {
        assert_eq!(
            app.api(&volunteer, endpoint, &[]).await.status().as_u16(),
            403,
            "{endpoint}"
        );
    }
    let household = register(&app, &coordinator).await.to_string();
    let res = app
        .api(
            &volunteer,
            "member_logins",
            &[("household_id", household.as_str())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
    let support = app.login_as("support@test.ee").await;
    let res = app
        .api(
            &support,
            "member_logins",
            &[("household_id", household.as_str())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404, "not their household");
    let res = app.api(&app.client(), "setup_status", &[]).await;
    assert_eq!(res.status().as_u16(), 401);
    let long = "x".repeat(301);
    let res = app
        .api(
            &admin,
            "create_office",
            &[
                ("form[name]", "x".repeat(81).as_str()),
                ("form[city]", "Tartu"),
                ("form[address]", "Riia 15"),
            ],
        )
        .await;
    assert_refused(res, "name", "TooLong").await;
    let res = app
        .api(
            &admin,
            "create_office",
            &[
                ("form[name]", "Narva"),
                ("form[city]", "Narva"),
                ("form[address]", "Tallinna mnt 1"),
            ],
        )
        .await;
    let office: i64 = res.json().await.unwrap();
    let res = app
        .api(
            &admin,
            "add_room",
            &[
                ("office_id", office.to_string().as_str()),
                ("form[name]", "Saal"),
                ("form[capacity]", "10"),
                ("form[accessibility]", long.as_str()),
            ],
        )
        .await;
    assert_refused(res, "accessibility", "TooLong").await;
    assert_eq!(app.count("rooms").await, 0);
    assert_eq!(
        (app.count("offices").await, app.count("invites").await),
        (before.0 + 1, before.1),
        "only the one good office"
    );
}

on_both_databases!(the_new_endpoints_refuse_strangers_and_bad_input);
