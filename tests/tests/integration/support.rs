//! The support-person service over HTTP: profiles, assignments and their lifecycle, meetings
//! (DST, overlaps, concurrency), the checklist, dashboards and who may see what.

use crate::helpers::{assert_refused, TestApp};
use crate::households::register;
use crate::on_both_databases;
use chrono::{Duration, Utc};
use reqwest::Client;

fn tallinn_today() -> chrono::NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::Tallinn)
        .date_naive()
}

pub(crate) fn days_from_today(days: i64) -> String {
    (tallinn_today() + Duration::days(days)).to_string()
}

/// Gives a support person a profile: Tartu, Ukrainian C1, caseload `limit`, `status`.
pub(crate) async fn set_profile(
    app: &TestApp,
    coordinator: &Client,
    person: i64,
    limit: &str,
    status: &str,
) {
    let res = app
        .api(
            coordinator,
            "save_support_profile",
            &[
                ("id", &person.to_string()),
                ("profile[city]", "Tartu"),
                ("profile[phone]", "+372 5000 0001"),
                ("profile[caseload_limit]", limit),
                ("profile[status]", status),
                ("profile[language_1]", "uk"),
                ("profile[level_1]", "C1"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "profile saved");
}

async fn assign(
    app: &TestApp,
    coordinator: &Client,
    household: i64,
    person: i64,
    start: &str,
    end: &str,
    override_reason: &str,
) -> reqwest::Response {
    app.api(
        coordinator,
        "assign_support_person",
        &[
            ("household_id", &household.to_string()),
            ("form[support_person_id]", &person.to_string()),
            ("form[start_date]", start),
            ("form[planned_end]", end),
            ("form[override_reason]", override_reason),
        ],
    )
    .await
}

/// An open assignment of the test support person to a new household, started `days_ago`.
pub(crate) async fn assigned(
    app: &TestApp,
    coordinator: &Client,
    person: i64,
    days_ago: i64,
) -> i64 {
    let household = register(app, coordinator).await;
    let res = assign(
        app,
        coordinator,
        household,
        person,
        &days_from_today(-days_ago),
        "",
        "",
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.unwrap()
}

pub(crate) async fn plan(
    app: &TestApp,
    client: &Client,
    assignment: i64,
    date: &str,
    start: &str,
    end: &str,
) -> reqwest::Response {
    app.api(
        client,
        "plan_meeting",
        &[
            ("assignment_id", &assignment.to_string()),
            ("meeting[date]", date),
            ("meeting[start_time]", start),
            ("meeting[end_time]", end),
            ("meeting[place]", "Tartu, Raekoja plats 3"),
            ("meeting[topics][bank_account]", "on"),
            ("meeting[topics][family_doctor]", "on"),
            ("meeting[note]", ""),
        ],
    )
    .await
}

async fn a_coordinator_assigns_and_a_support_person_works_the_case(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let support = app.account_id("support@test.ee").await;
    let other = app.account_id("support2@test.ee").await;
    set_profile(&app, &coordinator, support, "5", "active").await;
    let household = register(&app, &coordinator).await;

    // The Ukrainian-speaking support person in Tartu ranks first, and says why.
    let res = app
        .api(
            &coordinator,
            "assign_options",
            &[("household_id", &household.to_string())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let options: serde_json::Value = res.json().await.unwrap();
    assert_eq!(options["candidates"][0]["id"], support);
    assert_eq!(options["candidates"][1]["id"], other);
    let notes = options["candidates"][0]["notes"].to_string();
    assert!(
        notes.contains("SharedLanguage") && notes.contains("SameCity"),
        "{notes}"
    );

    let res = assign(
        &app,
        &coordinator,
        household,
        support,
        &days_from_today(-7),
        "",
        "",
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    let assignment: i64 = res.json().await.unwrap();
    let (end,): (String,) = sqlx::query_as("SELECT planned_end FROM assignments WHERE id = $1")
        .bind(assignment)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(end, days_from_today(98), "start + 105 days by default");

    let sirje = app.login_as("support@test.ee").await;
    let (status, page) = app
        .page(&sirje, &format!("/assignments/{assignment}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Олена"));
    let yesterday = days_from_today(-1);
    let res = plan(&app, &sirje, assignment, &yesterday, "10:00", "11:30").await;
    assert_eq!(res.status().as_u16(), 200);
    let meeting: i64 = res.json().await.unwrap();
    let res = app
        .api(
            &sirje,
            "record_meeting",
            &[
                ("id", &meeting.to_string()),
                ("form[outcome]", "held"),
                ("form[minutes]", "75"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &sirje,
            "save_checklist",
            &[
                ("assignment_id", &assignment.to_string()),
                ("checklist[items][bank_account][status]", "done"),
                ("checklist[items][bank_account][on_date]", &yesterday),
                (
                    "checklist[items][residence_registration][status]",
                    "not_needed",
                ),
                ("checklist[items][residence_registration][on_date]", ""),
                ("checklist[items][family_doctor][status]", ""),
                ("checklist[items][family_doctor][on_date]", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(app.count("checklist_items").await, 2);

    // The coordinator sees the hours and the progress.
    let res = app.api(&coordinator, "coordinator_overview", &[]).await;
    let overview: serde_json::Value = res.json().await.unwrap();
    let case = &overview["cases"][0];
    assert_eq!(case["settled"], 2);
    assert_eq!(case["total"], 7);
    let load = overview["load"].as_array().unwrap();
    let sirje_load = load.iter().find(|l| l["id"] == support).unwrap();
    assert_eq!(sirje_load["open"], 1);
    assert_eq!(sirje_load["hours"], "1.2");
    assert_eq!(overview["hours"][0]["hours"], "1.2");
    let (_, page) = app.page(&coordinator, "/assignments").await;
    assert!(page.contains("1.2") && page.contains("Sirje Support"));

    // The support person's dashboard lists the household and its checklist gaps.
    let res = app.api(&sirje, "support_dashboard", &[]).await;
    let dashboard: serde_json::Value = res.json().await.unwrap();
    assert_eq!(dashboard["cases"][0]["assignment"]["id"], assignment);
    assert_eq!(dashboard["cases"][0]["gaps"].as_array().unwrap().len(), 5);
    assert_eq!(dashboard["hours"][0]["hours"], "1.2");
}

async fn bad_assignments_are_refused_and_change_nothing(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let support = app.account_id("support@test.ee").await;
    let other = app.account_id("support2@test.ee").await;
    set_profile(&app, &coordinator, support, "1", "active").await;
    set_profile(&app, &coordinator, other, "5", "paused").await;
    let household = register(&app, &coordinator).await;
    let start = "2026-11-01";

    let res = assign(
        &app,
        &coordinator,
        household,
        support,
        start,
        "2027-01-20",
        "",
    )
    .await;
    assert_refused(res, "planned_end", "PlannedEndOutOfRange").await;
    let res = assign(
        &app,
        &coordinator,
        household,
        support,
        start,
        "2026-03-01",
        "",
    )
    .await;
    assert_refused(res, "planned_end", "EndBeforeStart").await;
    let res = assign(&app, &coordinator, household, support, "2026-13-01", "", "").await;
    assert_refused(res, "start_date", "InvalidDate").await;
    let res = assign(&app, &coordinator, household, other, start, "", "").await;
    assert_refused(res, "support_person_id", "PersonPaused").await;
    let res = assign(&app, &coordinator, household, 999_999, start, "", "").await;
    assert_refused(res, "support_person_id", "InvalidChoice").await;
    let res = assign(&app, &coordinator, 999_999, support, start, "", "").await;
    assert_eq!(res.status().as_u16(), 404);
    assert_eq!(app.count("assignments").await, 0);

    let res = assign(&app, &coordinator, household, support, start, "", "").await;
    assert_eq!(res.status().as_u16(), 200);
    let res = assign(&app, &coordinator, household, support, start, "", "").await;
    assert_refused(res, "support_person_id", "AlreadyAssigned").await;

    // Caseload 1 is full now: refused without a reason, accepted with one.
    let second = register(&app, &coordinator).await;
    let res = assign(&app, &coordinator, second, support, start, "", "").await;
    assert_refused(res, "override_reason", "CaseloadFull").await;
    assert_eq!(app.count("assignments").await, 1);
    let res = assign(
        &app,
        &coordinator,
        second,
        support,
        start,
        "",
        "Only Ukrainian speaker",
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);

    // Other roles may not assign; a malformed id is a 400.
    let volunteer = app.login_as("volunteer@test.ee").await;
    let res = assign(&app, &volunteer, household, support, start, "", "").await;
    assert_eq!(res.status().as_u16(), 403);
    let sirje = app.login_as("support@test.ee").await;
    let res = assign(&app, &sirje, household, support, start, "", "").await;
    assert_eq!(res.status().as_u16(), 403);
    let res = app
        .api(&coordinator, "assign_options", &[("household_id", "abc")])
        .await;
    assert_eq!(res.status().as_u16(), 400);
    let res = app
        .api(
            &coordinator,
            "save_support_profile",
            &[
                ("id", &support.to_string()),
                ("profile[city]", ""),
                ("profile[status]", "asleep"),
            ],
        )
        .await;
    assert_refused(res, "status", "InvalidChoice").await;
    assert_eq!(app.count("assignments").await, 2);

    // Without JavaScript a refused form comes back to its page with the values kept.
    let res = app
        .plain_post(
            &coordinator,
            "assign_support_person",
            &[
                ("household_id", &second.to_string()),
                ("form[support_person_id]", &support.to_string()),
                ("form[start_date]", "not a date"),
            ],
            &format!("/households/{second}/assign"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
}

async fn meetings_refuse_bad_times_overlaps_and_strangers(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let support = app.account_id("support@test.ee").await;
    let assignment = assigned(&app, &coordinator, support, 7).await;
    let sirje = app.login_as("support@test.ee").await;
    let day = days_from_today(1);

    let res = plan(&app, &sirje, assignment, &day, "11:00", "10:00").await;
    assert_refused(res, "end_time", "EndBeforeStart").await;
    let res = plan(
        &app,
        &sirje,
        assignment,
        &days_from_today(400),
        "10:00",
        "11:00",
    )
    .await;
    assert_refused(res, "date", "OutsideAssignment").await;
    let res = plan(&app, &sirje, assignment, &day, "25:00", "26:00").await;
    assert_refused(res, "start_time", "InvalidTime").await;
    assert_eq!(app.count("events").await, 0);

    let res = plan(&app, &sirje, assignment, &day, "10:00", "11:00").await;
    assert_eq!(res.status().as_u16(), 200);
    let res = plan(&app, &sirje, assignment, &day, "10:30", "11:30").await;
    assert_refused(res, "start_time", "OverlapNextFree").await;
    // Back to back is fine.
    let res = plan(&app, &sirje, assignment, &day, "11:00", "12:00").await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(app.count("events").await, 2);
    assert_eq!(app.count("occupancy").await, 2);

    // A future meeting cannot be marked held yet.
    let (first,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM events")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let res = app
        .api(
            &sirje,
            "record_meeting",
            &[
                ("id", &first.to_string()),
                ("form[outcome]", "held"),
                ("form[minutes]", ""),
            ],
        )
        .await;
    assert_refused(res, "outcome", "NotYetStarted").await;
    // Cancelling frees the time at once.
    let res = app
        .api(&sirje, "cancel_meeting", &[("id", &first.to_string())])
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(app.count("occupancy").await, 1);
    let res = plan(&app, &sirje, assignment, &day, "10:00", "11:00").await;
    assert_eq!(res.status().as_u16(), 200);

    // Someone else's household does not exist for this support person.
    let toomas = app.login_as("support2@test.ee").await;
    let (status, _) = app
        .page(&toomas, &format!("/assignments/{assignment}"))
        .await;
    assert_eq!(status, 404);
    let res = app
        .api(
            &toomas,
            "get_assignment",
            &[("id", &assignment.to_string())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let res = plan(&app, &toomas, assignment, &day, "14:00", "15:00").await;
    assert_eq!(res.status().as_u16(), 404);
    let res = app
        .api(
            &toomas,
            "save_checklist",
            &[
                ("assignment_id", &assignment.to_string()),
                ("checklist[items][bank_account][status]", "done"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let res = app
        .api(&toomas, "cancel_meeting", &[("id", &first.to_string())])
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let (status, _) = app.page(&toomas, "/assignments/999999").await;
    assert_eq!(status, 404);
    assert_eq!(app.count("events").await, 3);

    // Bad checklist rows change nothing.
    let res = app
        .api(
            &sirje,
            "save_checklist",
            &[
                ("assignment_id", &assignment.to_string()),
                ("checklist[items][bank_account][status]", "finished"),
                ("checklist[items][school_place][status]", "done"),
                ("checklist[items][school_place][on_date]", "2999-01-01"),
            ],
        )
        .await;
    assert_refused(res, "bank_account_status", "InvalidChoice").await;
    assert_eq!(app.count("checklist_items").await, 0);
}

async fn meetings_across_clock_changes_keep_their_wall_clock_time(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let support = app.account_id("support@test.ee").await;
    let sirje = app.login_as("support@test.ee").await;
    for (start, date, utc, shown) in [
        // 07:00 UTC, summer time (+3)
        (
            "2026-03-01",
            "2026-03-29",
            1_774_767_600_i64,
            "Sun 29 Mar 2026",
        ),
        // 08:00 UTC, winter time (+2)
        (
            "2026-09-01",
            "2026-10-25",
            1_792_915_200_i64,
            "Sun 25 Oct 2026",
        ),
    ] {
        let household = register(&app, &coordinator).await;
        let res = assign(&app, &coordinator, household, support, start, "", "").await;
        assert_eq!(res.status().as_u16(), 200);
        let assignment: i64 = res.json().await.unwrap();
        let res = plan(&app, &sirje, assignment, date, "10:00", "11:00").await;
        assert_eq!(res.status().as_u16(), 200, "{date}");
        let id: i64 = res.json().await.unwrap();
        let (starts_at, ends_at): (i64, i64) =
            sqlx::query_as("SELECT starts_at, ends_at FROM events WHERE id = $1")
                .bind(id)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(starts_at, utc, "{date} 10:00 in Tallinn");
        assert_eq!(ends_at - starts_at, 3600);
        let (_, page) = app
            .page(&sirje, &format!("/assignments/{assignment}"))
            .await;
        assert!(
            page.contains(&format!("{shown}, 10:00–11:00")),
            "{date} shown as 10:00"
        );
    }
}

async fn fifty_parallel_overlapping_meetings_book_exactly_one(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let support = app.account_id("support@test.ee").await;
    let assignment = assigned(&app, &coordinator, support, 7).await;
    let sirje = app.login_as("support@test.ee").await;
    let day = days_from_today(2);
    let started = std::time::Instant::now();
    let requests = (0..50).map(|i| {
        let (app, client, day) = (&app, sirje.clone(), day.clone());
        async move {
            // Every request overlaps every other: 09:00–11:00 shifted by up to 49 minutes.
            let start = format!("09:{:02}", i % 50);
            let end = format!("11:{:02}", i % 50);
            plan(app, &client, assignment, &day, &start, &end)
                .await
                .status()
                .as_u16()
        }
    });
    let statuses = futures::future::join_all(requests).await;
    let elapsed = started.elapsed();
    let ok = statuses.iter().filter(|s| **s == 200).count();
    let refused = statuses.iter().filter(|s| **s == 422).count();
    eprintln!(
        "50 parallel overlapping meetings on {:?}: {ok} booked, {refused} refused (422), {} ms",
        app.db.backend(),
        elapsed.as_millis()
    );
    assert_eq!(ok, 1, "{statuses:?}");
    assert_eq!(refused, 49, "{statuses:?}");
    assert_eq!(app.count("events").await, 1);
    assert_eq!(app.count("occupancy").await, 1);
    assert_eq!(app.count("meetings").await, 1);
}

async fn an_assignment_is_extended_ended_handed_over_and_reassigned(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let support = app.account_id("support@test.ee").await;
    let other = app.account_id("support2@test.ee").await;
    let assignment = assigned(&app, &coordinator, support, 7).await;
    let id = assignment.to_string();
    let first_end = tallinn_today() + Duration::days(98);

    let extend = |end: String| {
        let (app, coordinator, id) = (&app, coordinator.clone(), id.clone());
        async move {
            app.api(
                &coordinator,
                "extend_assignment",
                &[
                    ("id", id.as_str()),
                    ("form[new_end]", &end),
                    ("form[reason]", "School place pending"),
                ],
            )
            .await
        }
    };
    let res = extend((first_end + Duration::days(61)).to_string()).await;
    assert_refused(res, "new_end", "ExtensionTooLong").await;
    let res = extend((first_end - Duration::days(1)).to_string()).await;
    assert_refused(res, "new_end", "ExtensionNotLater").await;
    let res = extend((first_end + Duration::days(30)).to_string()).await;
    assert_eq!(res.status().as_u16(), 200);
    let res = extend((first_end + Duration::days(60)).to_string()).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(app.count("assignment_extensions").await, 2);
    let sirje = app.login_as("support@test.ee").await;
    let res = app
        .api(
            &sirje,
            "extend_assignment",
            &[
                ("id", id.as_str()),
                ("form[new_end]", "2027-01-01"),
                ("form[reason]", "x"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403, "only coordinators extend");

    // The support person writes a dated handover note.
    let res = app
        .api(
            &sirje,
            "plan_handover",
            &[
                ("id", id.as_str()),
                ("form[handover_date]", &days_from_today(3)),
                ("form[note]", "Consultation in Tartu about the school place"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);

    // Reassignment moves the household, keeps the history and cancels planned meetings.
    let res = plan(
        &app,
        &sirje,
        assignment,
        &days_from_today(5),
        "10:00",
        "11:00",
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    let reassign = |person: i64| {
        let (app, coordinator, id) = (&app, coordinator.clone(), id.clone());
        async move {
            app.api(
                &coordinator,
                "reassign_household",
                &[
                    ("id", id.as_str()),
                    ("form[support_person_id]", &person.to_string()),
                    ("form[note]", "Sirje is on leave"),
                    ("form[override_reason]", ""),
                ],
            )
            .await
        }
    };
    let res = reassign(support).await;
    assert_refused(res, "support_person_id", "InvalidChoice").await;
    let res = reassign(other).await;
    assert_eq!(res.status().as_u16(), 200);
    let new_id: i64 = res.json().await.unwrap();
    let (previous, first, status): (Option<i64>, String, String) = sqlx::query_as(
        "SELECT previous_id, first_planned_end, status FROM assignments WHERE id = $1",
    )
    .bind(new_id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(previous, Some(assignment));
    assert_eq!(first, first_end.to_string());
    assert_eq!(status, "active");
    let (old_status, reason): (String, String) =
        sqlx::query_as("SELECT status, end_reason FROM assignments WHERE id = $1")
            .bind(assignment)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        (old_status.as_str(), reason.as_str()),
        ("ended", "reassigned")
    );
    assert_eq!(app.count("occupancy").await, 0, "planned meeting cancelled");

    // The previous support person can still read the ended case, but not change it.
    let (status, _) = app
        .page(&sirje, &format!("/assignments/{assignment}"))
        .await;
    assert_eq!(status, 200);
    let res = plan(
        &app,
        &sirje,
        assignment,
        &days_from_today(6),
        "10:00",
        "11:00",
    )
    .await;
    assert_refused(res, "date", "AssignmentClosed").await;
    let (status, _) = app.page(&sirje, &format!("/assignments/{new_id}")).await;
    assert_eq!(status, 404);

    // End, then hand over to the coordinators' reception.
    let new = new_id.to_string();
    let res = app
        .api(&coordinator, "mark_handed_over", &[("id", new.as_str())])
        .await;
    assert_refused(res, "handed_over", "InvalidChoice").await;
    let res = app
        .api(
            &coordinator,
            "end_assignment",
            &[
                ("id", new.as_str()),
                ("form[reason]", "reassigned"),
                ("form[ended_on]", ""),
                ("form[note]", ""),
            ],
        )
        .await;
    assert_refused(res, "reason", "InvalidChoice").await;
    let res = app
        .api(
            &coordinator,
            "end_assignment",
            &[
                ("id", new.as_str()),
                ("form[reason]", "period_complete"),
                ("form[ended_on]", ""),
                ("form[note]", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(&coordinator, "mark_handed_over", &[("id", new.as_str())])
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let (status,): (String,) = sqlx::query_as("SELECT status FROM assignments WHERE id = $1")
        .bind(new_id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(status, "handed_over");
}

async fn a_beneficiary_sees_their_support_person_and_meetings(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let support = app.account_id("support@test.ee").await;
    set_profile(&app, &coordinator, support, "5", "active").await;
    let assignment = assigned(&app, &coordinator, support, 7).await;
    let beneficiary = app.account_id("beneficiary@test.ee").await;
    sqlx::query(
        "UPDATE members SET account_id = $1 WHERE household_id = \
         (SELECT household_id FROM assignments WHERE id = $2)",
    )
    .bind(beneficiary)
    .bind(assignment)
    .execute(app.db.pool())
    .await
    .unwrap();
    let sirje = app.login_as("support@test.ee").await;
    let res = plan(
        &app,
        &sirje,
        assignment,
        &days_from_today(3),
        "13:00",
        "14:00",
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);

    let olena = app.login_as("beneficiary@test.ee").await;
    let res = app.api(&olena, "my_support", &[]).await;
    let mine: serde_json::Value = res.json().await.unwrap();
    assert_eq!(mine["support"]["name"], "Sirje Support");
    assert_eq!(mine["support"]["phone"], "+372 5000 0001");
    assert_eq!(mine["meetings"].as_array().unwrap().len(), 1);
    let (status, page) = app.page(&olena, "/my-support").await;
    assert_eq!(status, 200);
    assert!(page.contains("Sirje Support") && page.contains("13:00"));
    // Beneficiaries do not reach the staff pages.
    let (status, _) = app
        .page(&olena, &format!("/assignments/{assignment}"))
        .await;
    assert_eq!(status, 403);
}

/// (who, endpoint, form, field, expected code)
type Refusal<'a> = (
    &'a Client,
    &'a str,
    Vec<(&'a str, &'a str)>,
    &'a str,
    &'a str,
);

async fn lifecycle_and_meeting_forms_refuse_bad_input(app: TestApp) {
    let coordinator = app.login_as("coordinator@test.ee").await;
    let support = app.account_id("support@test.ee").await;
    let other = app.account_id("support2@test.ee").await;
    let assignment = assigned(&app, &coordinator, support, 7).await;
    let id = assignment.to_string();
    let sirje = app.login_as("support@test.ee").await;
    let res = plan(
        &app,
        &sirje,
        assignment,
        &days_from_today(-1),
        "10:00",
        "11:00",
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    let meeting: i64 = res.json().await.unwrap();
    let meeting = meeting.to_string();
    let too_long = "x".repeat(501);
    let before_start = days_from_today(-30);
    let in_three_days = days_from_today(3);
    let (support_id, other_id) = (support.to_string(), other.to_string());

    let cases: Vec<Refusal> = vec![
        (
            &sirje,
            "plan_handover",
            vec![
                ("id", &id),
                ("form[handover_date]", &in_three_days),
                ("form[note]", " "),
            ],
            "note",
            "Required",
        ),
        (
            &sirje,
            "plan_handover",
            vec![
                ("id", &id),
                ("form[handover_date]", &before_start),
                ("form[note]", "x"),
            ],
            "handover_date",
            "DateBeforeStart",
        ),
        (
            &sirje,
            "plan_handover",
            vec![
                ("id", &id),
                ("form[handover_date]", &in_three_days),
                ("form[note]", &too_long),
            ],
            "note",
            "TooLong",
        ),
        (
            &coordinator,
            "extend_assignment",
            vec![("id", &id), ("form[new_end]", "soon"), ("form[reason]", "")],
            "new_end",
            "InvalidDate",
        ),
        (
            &coordinator,
            "extend_assignment",
            vec![("id", &id), ("form[new_end]", "soon"), ("form[reason]", "")],
            "reason",
            "Required",
        ),
        (
            &coordinator,
            "end_assignment",
            vec![
                ("id", &id),
                ("form[reason]", "moved_away"),
                ("form[ended_on]", "2999-01-01"),
                ("form[note]", ""),
            ],
            "ended_on",
            "DateInFuture",
        ),
        (
            &coordinator,
            "end_assignment",
            vec![
                ("id", &id),
                ("form[reason]", ""),
                ("form[ended_on]", ""),
                ("form[note]", &too_long),
            ],
            "note",
            "TooLong",
        ),
        (
            &coordinator,
            "reassign_household",
            vec![
                ("id", &id),
                ("form[support_person_id]", &other_id),
                ("form[note]", ""),
            ],
            "note",
            "Required",
        ),
        (
            &coordinator,
            "reassign_household",
            vec![
                ("id", &id),
                ("form[support_person_id]", "someone"),
                ("form[note]", "x"),
            ],
            "support_person_id",
            "InvalidChoice",
        ),
        (
            &sirje,
            "record_meeting",
            vec![
                ("id", &meeting),
                ("form[outcome]", "held"),
                ("form[minutes]", "0"),
            ],
            "minutes",
            "NumberOutOfRange",
        ),
        (
            &sirje,
            "record_meeting",
            vec![
                ("id", &meeting),
                ("form[outcome]", "held"),
                ("form[minutes]", "721"),
            ],
            "minutes",
            "NumberOutOfRange",
        ),
        (
            &sirje,
            "record_meeting",
            vec![
                ("id", &meeting),
                ("form[outcome]", "skipped"),
                ("form[minutes]", ""),
            ],
            "outcome",
            "InvalidChoice",
        ),
        (
            &coordinator,
            "save_support_profile",
            vec![
                ("id", &support_id),
                ("profile[city]", &too_long),
                ("profile[status]", "active"),
                ("profile[language_1]", "uk"),
                ("profile[level_1]", "C1"),
            ],
            "city",
            "TooLong",
        ),
    ];
    for (client, endpoint, form, field, code) in cases {
        let res = app.api(client, endpoint, &form).await;
        assert_refused(res, field, code).await;
    }
    // Malformed and unknown ids.
    for endpoint in [
        "get_assignment",
        "mark_handed_over",
        "cancel_meeting",
        "extend_assignment",
        "reassign_household",
    ] {
        let res = app.api(&coordinator, endpoint, &[("id", "abc")]).await;
        assert_eq!(res.status().as_u16(), 400, "{endpoint}");
    }
    let res = app
        .api(&sirje, "plan_meeting", &[("assignment_id", "abc")])
        .await;
    assert_eq!(res.status().as_u16(), 400);
    for endpoint in ["get_assignment", "mark_handed_over", "cancel_meeting"] {
        let res = app.api(&coordinator, endpoint, &[("id", "999999")]).await;
        assert_eq!(res.status().as_u16(), 404, "{endpoint}");
    }
    let res = app
        .api(
            &coordinator,
            "extend_assignment",
            &[
                ("id", "999999"),
                ("form[new_end]", "2027-01-01"),
                ("form[reason]", "x"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let res = app
        .api(
            &coordinator,
            "save_support_profile",
            &[
                ("id", "999999"),
                ("profile[city]", "Tartu"),
                ("profile[status]", "active"),
                ("profile[language_1]", "uk"),
                ("profile[level_1]", "C1"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);

    // Nothing was changed.
    assert_eq!(app.count("assignment_extensions").await, 0);
    assert_eq!(app.count("assignments").await, 1);
    assert_eq!(app.count("support_profiles").await, 0);
    let (status, handover, held): (String, Option<String>, Option<i64>) = sqlx::query_as(
        "SELECT s.status, s.handover_date, m.held_minutes FROM assignments s \
         JOIN meetings m ON m.assignment_id = s.id WHERE s.id = $1",
    )
    .bind(assignment)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!((status.as_str(), handover, held), ("active", None, None));
}

on_both_databases!(
    a_coordinator_assigns_and_a_support_person_works_the_case,
    bad_assignments_are_refused_and_change_nothing,
    meetings_refuse_bad_times_overlaps_and_strangers,
    meetings_across_clock_changes_keep_their_wall_clock_time,
    fifty_parallel_overlapping_meetings_book_exactly_one,
    an_assignment_is_extended_ended_handed_over_and_reassigned,
    a_beneficiary_sees_their_support_person_and_meetings,
    lifecycle_and_meeting_forms_refuse_bad_input,
);
