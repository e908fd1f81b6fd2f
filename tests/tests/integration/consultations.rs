//! Consultations at the receptions: office hours, booking, the rules of time, cancel and
//! reschedule, the day view, the outbox and its worker, and one slot under a crowd.

use crate::helpers::{assert_refused, TestApp};
use crate::households::register;
use crate::on_both_databases;
use chrono::{NaiveDate, NaiveTime};
use reqwest::Client;
use tugi_app::domain::schedule::tallinn_instant;

/// A Monday with no holiday near: 2027-01-11.
const MONDAY: &str = "2027-01-11";

pub(crate) fn at(date: &str, time: &str) -> i64 {
    tallinn_instant(
        NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        NaiveTime::parse_from_str(time, "%H:%M").unwrap(),
    )
    .unwrap()
}

pub(crate) struct Reception {
    pub(crate) office: String,
    pub(crate) coordinator: Client,
    /// The coordinator's account id, as slot keys name it.
    coordinator_id: i64,
    pub(crate) household: i64,
    pub(crate) beneficiary: Client,
}

impl Reception {
    pub(crate) fn slot(&self, date: &str, time: &str) -> String {
        format!("{}/{date}T{time}", self.coordinator_id)
    }
}

/// The Tartu office, the coordinator's hours there every day 09:00–17:00 (45-minute slots,
/// 15-minute buffers), a household whose first member is the test beneficiary, and the clock on
/// Monday 2027-01-11 07:59 (it runs on from there: 10:00 stays two hours away for a minute).
pub(crate) async fn reception_for(app: &TestApp) -> Reception {
    app.clock.set(at(MONDAY, "07:59"));
    let (office,): (i64,) = sqlx::query_as(
        "INSERT INTO offices (code, name, address, updated_at) \
         VALUES ('tartu', 'Tartu', 'Riia 15, Tartu', 0) RETURNING id",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let office = office.to_string();
    let coordinator = app.login_as("coordinator@test.ee").await;
    for weekday in ["1", "2", "3", "4", "5", "6", "7"] {
        let res = app
            .api(
                &coordinator,
                "add_office_window",
                &[
                    ("form[office]", &office),
                    ("form[weekday]", weekday),
                    ("form[start_time]", "09:00"),
                    ("form[end_time]", "17:00"),
                    ("form[slot_minutes]", ""),
                    ("form[buffer_minutes]", ""),
                ],
            )
            .await;
        assert_eq!(res.status().as_u16(), 200, "window {weekday}");
    }
    let household = register(app, &coordinator).await;
    let beneficiary_id = app.account_id("beneficiary@test.ee").await;
    sqlx::query("UPDATE members SET account_id = $1 WHERE household_id = $2")
        .bind(beneficiary_id)
        .bind(household)
        .execute(app.db.pool())
        .await
        .unwrap();
    Reception {
        office,
        coordinator,
        coordinator_id: app.coordinator_id,
        household,
        beneficiary: app.login_as("beneficiary@test.ee").await,
    }
}

/// A form as sent: (name, value) pairs.
type Form<'a> = Vec<(&'a str, &'a str)>;

/// Borrowed pairs of a form built from owned values.
fn pairs<'a>(owned: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    owned.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

pub(crate) fn booking<'a>(office: &'a str, slot: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("form[household]", ""),
        ("form[office]", office),
        ("form[slot]", slot),
        ("form[topic]", "housing"),
        ("form[party_size]", "3"),
        ("form[interpreter]", "uk"),
        ("form[note]", "We need help with the rental contract."),
    ]
}

fn with<'a>(
    mut form: Vec<(&'a str, &'a str)>,
    key: &'a str,
    value: &'a str,
) -> Vec<(&'a str, &'a str)> {
    for pair in form.iter_mut() {
        if pair.0 == key {
            pair.1 = value;
        }
    }
    form
}

async fn book(app: &TestApp, client: &Client, form: &[(&str, &str)]) -> i64 {
    let res = app.api(client, "book_consultation", form).await;
    assert_eq!(res.status().as_u16(), 200, "booked");
    res.json().await.unwrap()
}

/// The beneficiary books the coordinator's slot at `time` on `date`.
pub(crate) async fn book_one(app: &TestApp, r: &Reception, date: &str, time: &str) -> i64 {
    let slot = r.slot(date, time);
    book(app, &r.beneficiary, &booking(&r.office, &slot)).await
}

async fn outbox_kinds(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as("SELECT kind, language, subject FROM outbox ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .unwrap()
}

async fn a_beneficiary_books_a_slot_that_then_blocks_it_for_everyone(app: TestApp) {
    let r = reception_for(&app).await;
    let slot = r.slot("2027-01-12", "10:00");
    // Days first: the first day's times are shown, the other days are links.
    let (status, page) = app
        .page(
            &r.beneficiary,
            &format!("/consultations/book?office={}", r.office),
        )
        .await;
    assert_eq!(status, 200);
    let radio = |key: String| format!("value=\"{key}\"");
    assert!(page.contains("day=2027-01-12"), "a link to the next day");
    assert!(
        !page.contains(&radio(slot.clone())),
        "only the chosen day's times"
    );
    // Two hours' notice from 07:59: 09:00 today is not offered, 10:00 is.
    assert!(!page.contains(&r.slot(MONDAY, "09:00")));
    assert!(page.contains(&radio(r.slot(MONDAY, "10:00"))));
    let (_, page) = app
        .page(
            &r.beneficiary,
            &format!("/consultations/book?office={}&day=2027-01-12", r.office),
        )
        .await;
    assert!(page.contains(&radio(slot.clone())), "offered on its day");
    assert!(!page.contains(&radio(r.slot(MONDAY, "10:00"))));

    let id = book(&app, &r.beneficiary, &booking(&r.office, &slot)).await;
    let (status, page) = app
        .page(&r.beneficiary, &format!("/consultations/{id}"))
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Вт, 12 січ. 2027, 10:00–10:45") && page.contains("Riia 15"),
        "the day, its weekday and the time in the reader's language"
    );

    // Exactly one confirmation, in the beneficiary's language (Ukrainian).
    let messages = outbox_kinds(&app).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].0, "consultation_confirmed");
    assert_eq!(messages[0].1, "uk");
    assert!(
        messages[0].2.contains("Прийом координатора"),
        "{}",
        messages[0].2
    );

    // The slot, and the buffer after it, are taken for everyone.
    let other = register(&app, &r.coordinator).await.to_string();
    let again = with(booking(&r.office, &slot), "form[household]", &other);
    let res = app.api(&r.coordinator, "book_consultation", &again).await;
    assert_refused(res, "slot", "SlotTaken").await;
    let (_, page) = app
        .page(
            &r.beneficiary,
            &format!("/consultations/book?office={}&day=2027-01-12", r.office),
        )
        .await;
    assert!(!page.contains(&slot), "the taken slot is no longer offered");
    assert!(page.contains(&r.slot("2027-01-12", "11:00")));
    assert_eq!(app.count("consultations").await, 1);

    // It shows on the beneficiary's and the coordinator's lists.
    for client in [&r.beneficiary, &r.coordinator] {
        let res = app.api(client, "my_consultations", &[]).await;
        let list: serde_json::Value = res.json().await.unwrap();
        assert_eq!(list.as_array().map(|l| l.len()), Some(1));
        assert_eq!(list[0]["id"], id);
    }
    // A coordinator may book a slot starting sooner than two hours from now.
    let nine = r.slot(MONDAY, "09:00");
    let soon = with(booking(&r.office, &nine), "form[household]", &other);
    book(&app, &r.coordinator, &soon).await;

    // Staff choose the household with the office, in the address, so the day links keep it.
    let (_, page) = app
        .page(
            &r.coordinator,
            &format!("/consultations/book?office={}&household={other}", r.office),
        )
        .await;
    let page = page.replace("<!>", "");
    assert!(
        page.contains(&format!("household={other}&amp;day=2027-01-12")),
        "the day link carries the household"
    );
    assert!(page.contains(&format!(
        r#"<input type="hidden" name="form[household]" value="{other}">"#
    )));
    let filters = &page[page.find(r#"class="filters""#).unwrap_or(0)..];
    let filters = &filters[..filters.find("</form>").unwrap_or(0)];
    assert!(
        filters.contains(r#"name="household""#),
        "the household select is part of the address form"
    );
    assert!(
        page.contains("Booking for: Олена Шевченко · 03.02.1990 · Tartu"),
        "whom the booking is for, said beside the button"
    );
    let (_, page) = app
        .page(
            &r.coordinator,
            &format!("/consultations/book?office={}", r.office),
        )
        .await;
    assert!(page.contains("Choose the household above and press “Show free times”."));
}

async fn bad_bookings_are_refused_and_nothing_is_stored(app: TestApp) {
    let r = reception_for(&app).await;
    let slots = [
        r.slot("2027-01-04", "10:00"),
        r.slot(MONDAY, "07:00"),
        r.slot("2027-02-24", "10:00"),
        r.slot("2027-01-12", "10:30"),
        r.slot("2027-01-12", "17:00"),
        r.slot(MONDAY, "09:00"),
        format!("{}/2027-01-12T10:00", r.coordinator_id + 999),
        r.slot("2027-01-12", "10:00"),
    ];
    let form = |i: usize| booking(&r.office, &slots[i]);
    let good = 7;
    let cases: Vec<(Form, &str, &str)> = vec![
        (form(0), "slot", "SlotInPast"),
        (form(1), "slot", "SlotInPast"),
        // Independence Day.
        (form(2), "slot", "OfficeClosedHoliday"),
        (form(3), "slot", "OutsideOfficeHours"),
        (form(4), "slot", "OutsideOfficeHours"),
        (form(5), "slot", "TooShortNotice"),
        (form(6), "slot", "OutsideOfficeHours"),
        (
            booking(&r.office, "tomorrow at ten"),
            "slot",
            "InvalidChoice",
        ),
        (booking(&r.office, ""), "slot", "Required"),
        (
            with(form(good), "form[office]", "999"),
            "office",
            "InvalidChoice",
        ),
        (
            with(form(good), "form[party_size]", "0"),
            "party_size",
            "NumberOutOfRange",
        ),
        (
            with(form(good), "form[party_size]", "11"),
            "party_size",
            "NumberOutOfRange",
        ),
        (
            with(form(good), "form[topic]", "weather"),
            "topic",
            "InvalidChoice",
        ),
        (
            with(form(good), "form[interpreter]", "xx"),
            "interpreter",
            "InvalidChoice",
        ),
        // Someone else's household.
        (
            with(form(good), "form[household]", "999"),
            "household",
            "InvalidChoice",
        ),
    ];
    for (form, field, code) in cases {
        let res = app.api(&r.beneficiary, "book_consultation", &form).await;
        assert_refused(res, field, code).await;
    }
    // A support person cannot book for a household that is not theirs.
    let support = app.login_as("support@test.ee").await;
    let household = r.household.to_string();
    let ten = r.slot("2027-01-12", "10:00");
    let theirs = with(booking(&r.office, &ten), "form[household]", &household);
    let res = app.api(&support, "book_consultation", &theirs).await;
    assert_refused(res, "household", "InvalidChoice").await;
    // Volunteers do not book consultations; strangers must log in.
    let volunteer = app.login_as("volunteer@test.ee").await;
    let res = app.api(&volunteer, "book_consultation", &theirs).await;
    assert_eq!(res.status().as_u16(), 403);
    let res = app.api(&app.client(), "book_consultation", &theirs).await;
    assert_eq!(res.status().as_u16(), 401);
    // Malformed requests.
    let res = app
        .api(&r.beneficiary, "get_consultation", &[("id", "x")])
        .await;
    assert_eq!(res.status().as_u16(), 400);
    for table in ["events", "consultations", "occupancy", "outbox"] {
        assert_eq!(app.count(table).await, 0, "{table}");
    }
}

async fn cancel_and_reschedule_keep_to_the_cut_off(app: TestApp) {
    let r = reception_for(&app).await;
    let first = r.slot("2027-01-13", "10:00");
    let id = book(&app, &r.beneficiary, &booking(&r.office, &first)).await;
    let id_text = id.to_string();

    // Moving it frees the old slot at once.
    let second = r.slot("2027-01-13", "12:00");
    let res = app
        .api(
            &r.beneficiary,
            "reschedule_consultation",
            &[
                ("id", &id_text),
                ("form[slot]", &second),
                ("form[reason]", "School meeting"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &r.beneficiary,
            "reschedule_consultation",
            &[
                ("id", &id_text),
                ("form[slot]", &second),
                ("form[reason]", ""),
            ],
        )
        .await;
    assert_refused(res, "reason", "Required").await;
    let other = register(&app, &r.coordinator).await.to_string();
    let taken_back = with(booking(&r.office, &first), "form[household]", &other);
    let other_id = book(&app, &r.coordinator, &taken_back).await;
    let (sequence,): (i64,) = sqlx::query_as("SELECT sequence FROM events WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(sequence, 1, "a move raises the sequence");

    // Someone else's booking is not there at all.
    let support = app.login_as("support2@test.ee").await;
    let res = app
        .api(
            &support,
            "cancel_consultation",
            &[("id", &id_text), ("form[reason]", "x")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let other_text = other_id.to_string();
    let res = app
        .api(
            &r.beneficiary,
            "cancel_consultation",
            &[("id", &other_text), ("form[reason]", "x")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);

    // Less than 24 hours before: only the coordinator.
    app.clock.set(at("2027-01-12", "12:30"));
    let res = app
        .api(
            &r.beneficiary,
            "cancel_consultation",
            &[("id", &id_text), ("form[reason]", "Ill")],
        )
        .await;
    assert_refused(res, "reason", "CutoffPassed").await;
    let res = app
        .api(
            &r.beneficiary,
            "reschedule_consultation",
            &[
                ("id", &id_text),
                ("form[slot]", &r.slot("2027-01-14", "10:00")),
                ("form[reason]", "Ill"),
            ],
        )
        .await;
    assert_refused(res, "slot", "CutoffPassed").await;
    let res = app
        .api(
            &r.coordinator,
            "cancel_consultation",
            &[("id", &id_text), ("form[reason]", "Ill")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &r.coordinator,
            "cancel_consultation",
            &[("id", &id_text), ("form[reason]", "Ill")],
        )
        .await;
    assert_refused(res, "reason", "ConsultationClosed").await;

    // The freed slot can be booked again at once.
    let retake = with(booking(&r.office, &second), "form[household]", &other);
    book(&app, &r.coordinator, &retake).await;

    let kinds: Vec<String> = outbox_kinds(&app).await.into_iter().map(|m| m.0).collect();
    assert_eq!(
        kinds,
        [
            "consultation_confirmed",
            "consultation_changed",
            "consultation_cancelled",
        ],
        "only the beneficiary's household has an address"
    );
}

async fn the_day_view_marks_attendance_and_registers_walk_ins(app: TestApp) {
    let r = reception_for(&app).await;
    let id = book(
        &app,
        &r.beneficiary,
        &booking(&r.office, &r.slot("2027-01-12", "10:00")),
    )
    .await;
    let id_text = id.to_string();
    let day = format!("/reception?office={}&date=2027-01-12", r.office);
    let (status, page) = app.page(&r.coordinator, &day).await;
    assert_eq!(status, 200);
    assert!(page.contains("10:00–10:45") && page.contains("Шевченко"));
    let (status, _) = app.page(&r.beneficiary, &day).await;
    assert_eq!(status, 403, "the day view is for coordinators");

    let form = [
        ("id", id_text.as_str()),
        ("form[outcome]", "attended"),
        ("form[staff_note]", "Came with a neighbour"),
    ];
    let res = app.api(&r.coordinator, "mark_attendance", &form).await;
    assert_refused(res, "outcome", "NotYetStarted").await;

    app.clock.set(at("2027-01-12", "09:40"));
    let res = app.api(&r.beneficiary, "mark_attendance", &form).await;
    assert_eq!(res.status().as_u16(), 403);
    let res = app.api(&r.coordinator, "mark_attendance", &form).await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app.api(&r.coordinator, "mark_attendance", &form).await;
    assert_refused(res, "outcome", "ConsultationClosed").await;
    // The coordinator's note is not shown to the household.
    let (_, page) = app
        .page(&r.beneficiary, &format!("/consultations/{id}"))
        .await;
    assert!(!page.contains("Came with a neighbour"));
    let (_, page) = app
        .page(&r.coordinator, &format!("/consultations/{id}"))
        .await;
    assert!(page.contains("Came with a neighbour"));

    // Walk-ins: the next free slot (10:00 is held, so 11:00), then one outside the slots.
    let household = r.household.to_string();
    let walk_in = |mode: &'static str| {
        vec![
            ("office", r.office.clone()),
            ("form[household]", household.clone()),
            ("form[mode]", mode.to_string()),
            ("form[topic]", "documents".to_string()),
            ("form[party_size]", "1".to_string()),
            ("form[interpreter]", "".to_string()),
            ("form[minutes]", "".to_string()),
            ("form[staff_note]", "".to_string()),
        ]
    };
    for (mode, expected) in [("next_slot", "confirmed"), ("outside", "held")] {
        let owned = walk_in(mode);
        let form = pairs(&owned);
        let res = app.api(&r.coordinator, "register_walk_in", &form).await;
        assert_eq!(res.status().as_u16(), 200, "{mode}");
        let new_id: i64 = res.json().await.unwrap();
        let (status, starts_at): (String, i64) =
            sqlx::query_as("SELECT status, starts_at FROM events WHERE id = $1")
                .bind(new_id)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(status, expected);
        if mode == "next_slot" {
            assert_eq!(starts_at, at("2027-01-12", "11:00"));
        }
    }
    let bad = walk_in("sideways");
    let form = pairs(&bad);
    let res = app.api(&r.coordinator, "register_walk_in", &form).await;
    assert_refused(res, "mode", "InvalidChoice").await;

    // A no-show only once it has started; the count shows on the day view.
    let later = book(
        &app,
        &r.coordinator,
        &with(
            booking(&r.office, &r.slot("2027-01-12", "14:00")),
            "form[household]",
            &household,
        ),
    )
    .await;
    let later_text = later.to_string();
    let no_show = [
        ("id", later_text.as_str()),
        ("form[outcome]", "no_show"),
        ("form[staff_note]", ""),
    ];
    let res = app.api(&r.coordinator, "mark_attendance", &no_show).await;
    assert_refused(res, "outcome", "NotYetStarted").await;
    app.clock.set(at("2027-01-12", "14:20"));
    let res = app.api(&r.coordinator, "mark_attendance", &no_show).await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &r.coordinator,
            "reception_day",
            &[("office", &r.office), ("date", "2027-01-12")],
        )
        .await;
    let view: serde_json::Value = res.json().await.unwrap();
    let rows = view["consultations"].as_array().unwrap();
    assert!(rows.iter().all(|c| c["no_shows"] == 1), "{rows:?}");
}

async fn office_hours_forms_refuse_bad_input(app: TestApp) {
    let r = reception_for(&app).await;
    let before = app.count("office_hours").await;
    let window = |field: &'static str, value: &'static str| {
        let mut form = vec![
            ("form[office]", r.office.clone()),
            ("form[weekday]", "2".to_string()),
            ("form[start_time]", "10:00".to_string()),
            ("form[end_time]", "14:00".to_string()),
            ("form[slot_minutes]", "45".to_string()),
            ("form[buffer_minutes]", "15".to_string()),
        ];
        for pair in form.iter_mut() {
            if pair.0 == field {
                pair.1 = value.to_string();
            }
        }
        form
    };
    for (field, value, error_field, code) in [
        ("form[office]", "999", "office", "InvalidChoice"),
        ("form[weekday]", "8", "weekday", "InvalidChoice"),
        ("form[start_time]", "25:00", "start_time", "InvalidTime"),
        ("form[end_time]", "09:00", "end_time", "EndBeforeStart"),
        (
            "form[end_time]",
            "10:30",
            "end_time",
            "WindowShorterThanSlot",
        ),
        (
            "form[slot_minutes]",
            "5",
            "slot_minutes",
            "NumberOutOfRange",
        ),
        (
            "form[buffer_minutes]",
            "-1",
            "buffer_minutes",
            "NumberOutOfRange",
        ),
    ] {
        let owned = window(field, value);
        let form = pairs(&owned);
        let res = app.api(&r.coordinator, "add_office_window", &form).await;
        assert_refused(res, error_field, code).await;
    }
    assert_eq!(app.count("office_hours").await, before);

    let exception = [
        ("form[kind]", "leave"),
        ("form[office]", ""),
        ("form[from_date]", "2027-01-20"),
        ("form[to_date]", "2027-01-10"),
    ];
    let res = app
        .api(&r.coordinator, "add_hours_exception", &exception)
        .await;
    assert_refused(res, "to_date", "EndBeforeStart").await;
    let past = [("form[kind]", "day_off"), ("form[from_date]", "2027-01-01")];
    let res = app.api(&r.coordinator, "add_hours_exception", &past).await;
    assert_refused(res, "from_date", "DateInPast").await;
    assert_eq!(app.count("office_hour_exceptions").await, 0);

    // Leave closes the coordinator's slots; removing it opens them again.
    let leave = [
        ("form[kind]", "leave"),
        ("form[from_date]", "2027-01-12"),
        ("form[to_date]", "2027-01-13"),
    ];
    let res = app.api(&r.coordinator, "add_hours_exception", &leave).await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &r.beneficiary,
            "book_consultation",
            &booking(&r.office, &r.slot("2027-01-12", "10:00")),
        )
        .await;
    assert_refused(res, "slot", "OutsideOfficeHours").await;

    // Only an admin opens or closes dates; bad values are refused.
    let open = [
        ("form[day]", "2027-02-24"),
        ("form[state]", "open"),
        ("form[note]", "Open day"),
    ];
    let res = app.api(&r.coordinator, "set_day_override", &open).await;
    assert_eq!(res.status().as_u16(), 403);
    let admin = app.login_as("admin@test.ee").await;
    let res = app
        .api(
            &admin,
            "set_day_override",
            &[("form[day]", "2027-02-30"), ("form[state]", "ajar")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    assert_eq!(app.count("day_overrides").await, 0);
    let res = app.api(&admin, "set_day_override", &open).await;
    assert_eq!(res.status().as_u16(), 200);
    // Independence Day, opened by the admin, can be booked.
    book(
        &app,
        &r.beneficiary,
        &booking(&r.office, &r.slot("2027-02-24", "10:00")),
    )
    .await;
    let close = [
        ("form[day]", "2027-02-25"),
        ("form[state]", "closed"),
        ("form[note]", ""),
    ];
    let res = app.api(&admin, "set_day_override", &close).await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &r.beneficiary,
            "book_consultation",
            &booking(&r.office, &r.slot("2027-02-25", "10:00")),
        )
        .await;
    assert_refused(res, "slot", "OfficeClosed").await;
    let res = app
        .api(&r.coordinator, "remove_office_window", &[("id", "999999")])
        .await;
    assert_eq!(res.status().as_u16(), 404);
}

async fn the_other_endpoints_refuse_bad_input_and_change_nothing(app: TestApp) {
    let r = reception_for(&app).await;
    let id = book_one(&app, &r, "2027-01-13", "10:00").await.to_string();
    let before = app.count("events").await;
    let walk_in = |household: &'static str, party: &'static str| {
        vec![
            ("office", r.office.clone()),
            ("form[household]", household.to_string()),
            ("form[mode]", "outside".to_string()),
            ("form[topic]", "documents".to_string()),
            ("form[party_size]", party.to_string()),
            ("form[minutes]", "".to_string()),
        ]
    };
    let unknown = walk_in("999999", "1");
    let res = app
        .api(&r.coordinator, "register_walk_in", &pairs(&unknown))
        .await;
    assert_refused(res, "household", "InvalidChoice").await;
    let crowd = walk_in("1", "40");
    let res = app
        .api(&r.coordinator, "register_walk_in", &pairs(&crowd))
        .await;
    assert_refused(res, "party_size", "NumberOutOfRange").await;
    let mut elsewhere = walk_in("1", "1");
    elsewhere[0].1 = "999".into();
    let res = app
        .api(&r.coordinator, "register_walk_in", &pairs(&elsewhere))
        .await;
    assert_eq!(res.status().as_u16(), 404);
    assert_eq!(app.count("events").await, before);

    let long = "x".repeat(301);
    let res = app
        .api(
            &r.beneficiary,
            "cancel_consultation",
            &[("id", &id), ("form[reason]", &long)],
        )
        .await;
    assert_refused(res, "reason", "TooLong").await;
    let res = app
        .api(
            &r.beneficiary,
            "reschedule_consultation",
            &[("id", &id), ("form[slot]", "soon"), ("form[reason]", "x")],
        )
        .await;
    assert_refused(res, "slot", "InvalidChoice").await;
    let support = app.login_as("support@test.ee").await;
    for endpoint in ["get_consultation", "reschedule_options"] {
        let res = app.api(&support, endpoint, &[("id", &id)]).await;
        assert_eq!(
            res.status().as_u16(),
            404,
            "{endpoint}: not their household"
        );
    }
    let res = app
        .api(&r.beneficiary, "get_consultation", &[("id", "999999")])
        .await;
    assert_eq!(res.status().as_u16(), 404);

    let day = |date: &'static str| vec![("office", r.office.clone()), ("date", date.to_string())];
    let res = app
        .api(&r.coordinator, "reception_day", &pairs(&day("2027-13-01")))
        .await;
    assert_eq!(res.status().as_u16(), 400);
    let res = app
        .api(
            &r.coordinator,
            "reception_day",
            &[("office", "999"), ("date", "2027-01-12")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let res = app
        .api(
            &r.coordinator,
            "remove_hours_exception",
            &[("id", "999999")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let admin = app.login_as("admin@test.ee").await;
    let res = app
        .api(&admin, "remove_day_override", &[("day", "someday")])
        .await;
    assert_eq!(res.status().as_u16(), 400);
    let res = app
        .api(&admin, "remove_day_override", &[("day", "2027-03-01")])
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let res = app
        .api(&r.coordinator, "cancel_consultation", &[("id", "abc")])
        .await;
    assert_eq!(res.status().as_u16(), 400);
    let (status,): (String,) = sqlx::query_as("SELECT status FROM events WHERE id = $1")
        .bind(id.parse::<i64>().unwrap())
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(status, "confirmed", "nothing changed");
}

/// Many people press "book" on the same slot at the same moment: one gets it.
async fn a_hundred_parallel_bookings_of_one_slot_book_exactly_one(app: TestApp) {
    let r = reception_for(&app).await;
    let slot = r.slot("2027-01-12", "10:00");
    let form = booking(&r.office, &slot);
    let instances = app.instances().await;
    let started = std::time::Instant::now();
    let responses = futures::future::join_all((0..100).map(|i| {
        let client = &r.beneficiary;
        let form = &form;
        let url = format!("{}/api/book_consultation", instances[i % instances.len()]);
        async move {
            let res = client
                .post(url)
                .header("accept", "application/json")
                .form(form)
                .send()
                .await
                .expect("request");
            let status = res.status().as_u16();
            let body = res.text().await.unwrap_or_default();
            (status, body)
        }
    }))
    .await;
    let elapsed = started.elapsed();
    let booked = responses.iter().filter(|(s, _)| *s == 200).count();
    let taken = responses
        .iter()
        .filter(|(s, body)| *s == 422 && body.contains("SlotTaken"))
        .count();
    let server_errors = responses.iter().filter(|(s, _)| *s >= 500).count();
    let backend = match app.db.backend() {
        tugi_app::db::Backend::Sqlite => "SQLite",
        tugi_app::db::Backend::Postgres => "PostgreSQL",
    };
    println!(
        "100 parallel bookings of one slot on {backend}, {} instance(s): {booked} booked, \
         {taken} just taken, {server_errors} server errors, {} ms",
        instances.len(),
        elapsed.as_millis()
    );
    assert_eq!(booked, 1);
    assert_eq!(taken, 99);
    assert_eq!(server_errors, 0);
    assert_eq!(app.count("consultations").await, 1);
    assert_eq!(app.count("occupancy").await, 1);
    assert_eq!(app.count("outbox").await, 1, "one confirmation");
}

/// The office calendar names each consultation's household for coordinators; admins, who
/// manage offices but not cases, see the workshop sessions only.
async fn admins_see_the_office_calendar_without_households(app: TestApp) {
    let r = reception_for(&app).await;
    book_one(&app, &r, "2027-01-12", "10:00").await;
    let week = [("id", r.office.as_str()), ("week", "2027-01-12")];
    let seen = |client| {
        let app = &app;
        async move {
            let body: serde_json::Value = app
                .api(client, "office_calendar", &week)
                .await
                .json()
                .await
                .unwrap();
            body["week"]["days"]
                .as_array()
                .map(|days| {
                    days.iter()
                        .map(|d| d["items"].as_array().map_or(0, Vec::len))
                        .sum()
                })
                .unwrap_or(0usize)
        }
    };
    assert_eq!(
        seen(&r.coordinator).await,
        1,
        "the coordinator sees the consultation"
    );
    let admin = app.login_as("admin@test.ee").await;
    assert_eq!(seen(&admin).await, 0, "the admin does not");
}

async fn the_home_page_shows_what_is_coming_up(app: TestApp) {
    let r = reception_for(&app).await;
    let (status, page) = app.page(&r.beneficiary, "/").await;
    assert_eq!(status, 200);
    assert!(page.contains("На найближчі два тижні у вас нічого не заплановано."));
    let id = book_one(&app, &r, "2027-01-13", "10:00").await;
    let (_, page) = app.page(&r.beneficiary, "/").await;
    let page = page.replace("<!>", "");
    assert!(
        page.contains("Найближчі події"),
        "in the beneficiary's Ukrainian"
    );
    assert!(page.contains(&format!("href=\"/consultations/{id}\"")));
    assert!(page.contains("Ср, 13 січ. 2027, 10:00–10:45"), "{page}");
    assert_eq!(
        page.matches(&format!("href=\"/consultations/{id}\""))
            .count(),
        2,
        "her next appointment, and the same among what is coming up"
    );
    assert!(
        !page.contains("Потребує уваги"),
        "nothing to attend to for her"
    );
    // The coordinator: the consultation, and the household still without a support person.
    let (_, page) = app.page(&r.coordinator, "/").await;
    let page = page.replace("<!>", "");
    assert!(page.contains(&format!("href=\"/consultations/{id}\"")));
    assert!(page.contains("Households without a support person: 1"));
    assert!(page.contains("Support periods ending within two weeks: 0"));
}

on_both_databases!(
    the_home_page_shows_what_is_coming_up,
    admins_see_the_office_calendar_without_households,
    a_beneficiary_books_a_slot_that_then_blocks_it_for_everyone,
    bad_bookings_are_refused_and_nothing_is_stored,
    cancel_and_reschedule_keep_to_the_cut_off,
    the_day_view_marks_attendance_and_registers_walk_ins,
    office_hours_forms_refuse_bad_input,
    the_other_endpoints_refuse_bad_input_and_change_nothing,
    a_hundred_parallel_bookings_of_one_slot_book_exactly_one,
);
