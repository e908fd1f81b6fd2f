//! Calendars: the personal feed (RFC 5545 text that parses back, ETag/304, a new address revokes
//! the old, rate limits, role-scoped content), an office's public feed, one event's download,
//! and the busy-time upload with its bad input.

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::workshop_pages::sessions_of;
use crate::workshops::{create_series, households, series_form, setup, signed};
use reqwest::header::{CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use reqwest::Client;
use serde_json::Value;

/// The feed address on the person's calendar page, as a path.
async fn feed_path(app: &TestApp, client: &Client) -> String {
    let res = app.api(client, "new_feed_address", &[]).await;
    assert_eq!(res.status().as_u16(), 200);
    let feed: Value = res.json().await.unwrap();
    let https = feed["https"].as_str().unwrap().to_owned();
    assert!(feed["webcal"].as_str().unwrap().starts_with("webcal://"));
    // Only the hash is kept: the calendar page shows the address only with its token in the
    // link it was made through, and never to anyone else.
    let token = https
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".ics")
        .to_owned();
    let calendar: Value = app
        .api(client, "my_calendar", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(
        calendar["feed"].is_null() && calendar["feed_since"].is_string(),
        "{calendar}"
    );
    let shown: Value = app
        .api(client, "my_calendar", &[("new_feed", &token)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["feed"]["https"].as_str(), Some(https.as_str()));
    let guessed: Value = app
        .api(
            client,
            "my_calendar",
            &[("new_feed", &format!("{}x", &token[..20]))],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(guessed["feed"].is_null());
    let (stored,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM calendar_feeds WHERE token_hash = '{}'",
        tugi_app::api::credentials::token_hash(&token)
    ))
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(stored, 1, "the hash is stored");
    https
        .split_once("/calendar/")
        .map(|(_, p)| format!("/calendar/{p}"))
        .unwrap()
}

/// Events of a calendar text as the `ical` parser reads them: (UID, DTSTART, STATUS, SEQUENCE).
pub(crate) fn parsed(text: &str) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for calendar in ical::IcalParser::new(text.as_bytes()) {
        let calendar = calendar.expect("the feed parses");
        for event in calendar.events {
            let get = |name: &str| {
                event
                    .properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
            };
            out.push((get("UID"), get("DTSTART"), get("STATUS"), get("SEQUENCE")));
        }
    }
    out
}

async fn personal_feeds(app: TestApp) {
    let s = setup(&app).await;
    let series: i64 = create_series(&app, &s, &series_form(&s, "12", "everyone"))
        .await
        .json()
        .await
        .unwrap();
    let facilitator = app.login_as("facilitator@test.ee").await;
    let path = feed_path(&app, &facilitator).await;
    let anyone = app.client();
    let res = anyone.get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()[CONTENT_TYPE], "text/calendar; charset=utf-8");
    let etag = res.headers()[ETAG].to_str().unwrap().to_owned();
    let text = res.text().await.unwrap();
    assert!(text.contains("\r\nMETHOD:PUBLISH\r\n") && text.contains("BEGIN:VTIMEZONE\r\n"));
    let events = parsed(&text);
    assert_eq!(events.len(), 4, "{text}");
    assert!(events
        .iter()
        .all(|e| e.0.starts_with("series-") && e.0.ends_with("@tugi")));
    assert_eq!(events[0].1, "20270114T170000");
    assert!(text.contains("DTSTART;TZID=Europe/Tallinn:20270114T170000\r\n"));
    assert!(events.iter().all(|e| e.2 == "CONFIRMED" && e.3 == "0"));
    // The same feed again: 304.
    let again = anyone
        .get(app.url(&path))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 304);
    // A cancelled session stays, cancelled, with a higher sequence; the ETag changes.
    let second = sessions_of(&app, series).await[1].to_string();
    let res = app
        .api(
            &s.coordinator,
            "cancel_session",
            &[("session", &second), ("reason", "Remont")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = anyone
        .get(app.url(&path))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let after = parsed(&res.text().await.unwrap());
    assert_eq!(after.len(), 4);
    assert_eq!(after[1].0, events[1].0, "the UID never changes");
    assert_eq!(
        (after[1].2.as_str(), after[1].3.as_str()),
        ("CANCELLED", "1")
    );
    // A new address revokes the old.
    let new_path = feed_path(&app, &facilitator).await;
    assert_ne!(new_path, path);
    assert_eq!(
        anyone
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
    assert_eq!(
        anyone
            .get(app.url(&new_path))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    // One token may fetch 20 times a minute.
    let mut statuses = Vec::new();
    for _ in 0..21 {
        statuses.push(
            anyone
                .get(app.url(&new_path))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
        );
    }
    assert_eq!(statuses.last(), Some(&429));
}

async fn guessing_tokens_is_cut_off(app: TestApp) {
    let anyone = app.client();
    let mut statuses = Vec::new();
    for n in 0..61 {
        let path = format!("/calendar/feed/{}{n}.ics", "a".repeat(41));
        statuses.push(
            anyone
                .get(app.url(&path))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
        );
    }
    assert!(statuses[..60].iter().all(|s| *s == 404));
    assert_eq!(statuses[60], 429);
    let res = anyone
        .get(app.url("/calendar/feed/.ics"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
}

async fn content_follows_the_role(app: TestApp) {
    let s = setup(&app).await;
    let series: i64 = create_series(&app, &s, &series_form(&s, "12", "everyone"))
        .await
        .json()
        .await
        .unwrap();
    let people = households(&app, 1).await;
    signed(&app, &s, series, people[0]).await;
    // The office's public feed: its sessions, no participants.
    let res = app
        .client()
        .get(app.url(&format!("/calendar/offices/{}.ics?lang=ru", s.office)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let text = res.text().await.unwrap();
    assert_eq!(parsed(&text).len(), 4);
    assert!(text.contains("X-WR-CALNAME:Tugi – Tartu: семинары и группы"));
    assert!(
        text.contains("LOCATION:Grupiruum\\, Tartu\\, Riia 15\\, Tartu"),
        "the room with its office's street address: {text}"
    );
    assert!(!text.contains("Person0"));
    // Of one activity type: this series' sessions, or none; an unknown type is not found.
    for (activity, events) in [
        ("womens_group", Some(4)),
        ("art_therapy", Some(0)),
        ("x'y", None),
    ] {
        let res = app
            .client()
            .get(app.url(&format!(
                "/calendar/offices/{}.ics?lang=en&activity={activity}",
                s.office
            )))
            .send()
            .await
            .unwrap();
        match events {
            Some(n) => {
                assert_eq!(res.status().as_u16(), 200, "{activity}");
                assert_eq!(parsed(&res.text().await.unwrap()).len(), n, "{activity}");
            }
            None => assert_eq!(res.status().as_u16(), 404, "{activity}"),
        }
    }
    // The public workshop list offers the office's feed, of the chosen type when filtered.
    let (status, page) = app.page(&app.client(), "/workshops").await;
    assert_eq!(status, 200);
    let feed = format!("/calendar/offices/{}.ics?lang=", s.office);
    assert!(page.contains(&feed), "{page}");
    assert!(page.contains("href=\"webcal://"), "{page}");
    let (_, page) = app
        .page(&app.client(), "/workshops?activity=womens_group")
        .await;
    assert!(page.contains("&amp;activity=womens_group"), "{page}");
    let (_, page) = app
        .page(&app.client(), "/workshops?activity=nonsense")
        .await;
    assert!(page.contains(&feed) && !page.contains("&amp;activity=nonsense"));
    // A volunteer's calendar holds nothing of this series; the facilitator's holds no surname.
    let volunteer = app.login_as("volunteer@test.ee").await;
    let path = feed_path(&app, &volunteer).await;
    let text = app
        .client()
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(parsed(&text).len(), 0);
    let facilitator = app.login_as("facilitator@test.ee").await;
    let path = feed_path(&app, &facilitator).await;
    let text = app
        .client()
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!text.contains("Test"), "no last names in a feed");
    // One event's download: for the facilitator, and (an open series) for anyone.
    let uid: String = sqlx::query_scalar(
        "SELECT e.uid FROM events e JOIN series_sessions x ON x.event_id = e.id \
         WHERE x.series_id = $1 ORDER BY e.starts_at LIMIT 1",
    )
    .bind(series)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let file = format!("/calendar/events/{uid}.ics");
    let res = facilitator.get(app.url(&file)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"2027-01-14-womens-group.ics\"",
        "the file says what and when"
    );
    assert_eq!(parsed(&res.text().await.unwrap()).len(), 1);
    // The same event added to Google Calendar or Outlook: a redirect with it filled in.
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let added = |to: &str| {
        let request = no_redirects.get(app.url(&format!("{file}?to={to}")));
        async move {
            let res = request.send().await.unwrap();
            let status = res.status().as_u16();
            let location = res
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_owned())
                .unwrap_or_default();
            (status, location)
        }
    };
    let (status, google) = added("google").await;
    assert_eq!(status, 303);
    assert!(google.starts_with("https://calendar.google.com/calendar/render?action=TEMPLATE"));
    assert!(
        google.contains("&dates=20270114T150000Z/20270114T163000Z&"),
        "{google}"
    );
    assert!(google.contains("&location=Grupiruum%2C%20Tartu%2C%20Riia%2015%2C%20Tartu&"));
    let (status, outlook) = added("outlook").await;
    assert_eq!(status, 303);
    assert!(
        outlook.contains("&startdt=2027-01-14T15:00:00Z&"),
        "{outlook}"
    );
    assert_eq!(added("yahoo").await.0, 404, "only known calendars");
    let res = app.client().get(app.url(&file)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let res = facilitator
        .get(app.url("/calendar/events/nothing@tugi.ics"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
}

pub(crate) async fn upload(app: &TestApp, client: &Client, bytes: Vec<u8>) -> (u16, Value) {
    let part = reqwest::multipart::Part::bytes(bytes).file_name("mine.ics");
    let form = reqwest::multipart::Form::new().part("file", part);
    let res = client
        .post(app.url("/calendar/busy"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

pub(crate) fn busy_file(body: &str) -> Vec<u8> {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n").into_bytes()
}

async fn busy_time_uploads(app: TestApp) {
    let s = setup(&app).await;
    let facilitator = app.login_as("facilitator@test.ee").await;
    let bad: Vec<(Vec<u8>, u16, &str)> = vec![
        (b"not a calendar".to_vec(), 415, "not_calendar"),
        (busy_file("BEGIN:VEVENT\r\nDTSTART:20270113T100000Z\r\n")[..40].to_vec(), 422, "truncated"),
        (vec![b'x'; 2 * 1024 * 1024 + 10], 413, "too_big"),
        (
            busy_file(&"BEGIN:VEVENT\r\nEND:VEVENT\r\n".repeat(10_001)),
            422,
            "too_many_events",
        ),
        (
            busy_file("BEGIN:VEVENT\r\nDTSTART:20270112T000000Z\r\nDURATION:PT1M\r\nRRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\n"),
            422,
            "too_many_busy",
        ),
        (
            busy_file("BEGIN:VEVENT\r\nSUMMARY:Gym\r\nDTSTART;TZID=Mars/Base:20270113T100000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"),
            422,
            "zone",
        ),
        (
            busy_file("BEGIN:VEVENT\r\nDTSTART:20271399T100000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"),
            422,
            "date",
        ),
        (
            busy_file("BEGIN:VTODO\r\nUID:t\r\nSUMMARY:Buy milk\r\nEND:VTODO\r\n"),
            422,
            "no_events",
        ),
    ];
    for (bytes, status, code) in bad {
        let (got, body) = upload(&app, &facilitator, bytes).await;
        assert_eq!(
            (got, body["busy_error"].as_str()),
            (status, Some(code)),
            "{code}"
        );
    }
    assert_eq!(app.count("busy_imports").await, 0);
    assert_eq!(app.count("busy_times").await, 0);
    // Busy on the first session's Thursday 12:00–14:00 Tallinn, every week for two weeks.
    let good = busy_file(
        "BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Private\r\nDTSTART;TZID=Europe/Tallinn:20270114T120000\r\n\
         DTEND;TZID=Europe/Tallinn:20270114T140000\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\n",
    );
    // With it, an event whose time zone nobody knows: left out and named, the rest saved.
    let good = [
        good.as_slice(),
        busy_file(
            "BEGIN:VEVENT\r\nUID:y\r\nSUMMARY:Gym\r\nDTSTART;TZID=Mars/Base:20270113T100000\r\n\
             DURATION:PT1H\r\nEND:VEVENT\r\n",
        )
        .as_slice(),
    ]
    .concat();
    let (status, body) = upload(&app, &facilitator, good).await;
    assert_eq!(status, 200, "{body}");
    for (field, value) in [
        ("spans", "2"),
        ("events", "1"),
        ("skipped", "1"),
        ("skip1", "zone"),
        ("skip1_event", "Gym"),
        ("skip1_detail", "Mars/Base"),
    ] {
        assert_eq!(body[field].as_str(), Some(value), "{field}: {body}");
    }
    assert!(body.get("skip2").is_none());
    assert_eq!(app.count("busy_imports").await, 1);
    // A browser's form post comes back to the page, which says so in the person's language.
    let (_, page) = app
        .page(
            &facilitator,
            "/calendar?busy=saved&spans=2&events=1&skipped=1&skip1=zone&skip1_event=Gym&skip1_detail=Mars%2FBase",
        )
        .await;
    assert!(
        page.contains("Hõivatud ajad salvestatud. Hõivatud aegu: 2; loetud sündmusi: 1."),
        "{page}"
    );
    assert!(
        page.contains("Välja jäetud sündmusi, mida ei saa lugeda: 1."),
        "{page}"
    );
    assert!(page.contains("Mars/Base"), "{page}");
    let calendar: Value = app
        .api(&facilitator, "my_calendar", &[("week", "2027-01-14")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(calendar["week"]["days"][3]["busy"][0], "12:00–14:00");
    // Booking treats those hours as taken: a series for this facilitator at 12:30 is refused.
    let mut form = series_form(&s, "12", "everyone");
    for (k, v) in form.iter_mut() {
        match k.as_str() {
            "series[start_time]" => *v = "12:30".into(),
            "series[end_time]" => *v = "13:30".into(),
            "series[place_kind]" => *v = "address".into(),
            _ => {}
        }
    }
    form.push(("series[address]".into(), "Somewhere 1".into()));
    let res = create_series(&app, &s, &form).await;
    assert_eq!(res.status().as_u16(), 422);
    // Beneficiaries cannot upload; nobody without a session can.
    let (status, _) = upload(&app, &app.client(), busy_file("")).await;
    assert_eq!(status, 401);
    // Deleting forgets them.
    assert_eq!(
        app.api(&facilitator, "delete_busy_times", &[])
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(app.count("busy_times").await, 0);
}

/// The uid of event `id`.
async fn uid_of(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("SELECT uid FROM events WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// Status of a download of `path` by `client`, and the UIDs in it.
async fn download(app: &TestApp, client: &Client, path: &str) -> (u16, Vec<String>) {
    let res = client.get(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap_or_default();
    (status, parsed(&text).into_iter().map(|e| e.0).collect())
}

async fn event_pages_offer_their_download(app: TestApp) {
    // A consultation: its household and staff who may open it; nobody else.
    let r = crate::consultations::reception_for(&app).await;
    let id = crate::consultations::book_one(&app, &r, "2027-01-13", "10:00").await;
    let uid = uid_of(&app, id).await;
    let file = format!("/calendar/events/{uid}.ics");
    let (status, page) = app
        .page(&r.beneficiary, &format!("/consultations/{id}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("href=\"{file}\"")), "{page}");
    assert_eq!(
        download(&app, &r.beneficiary, &file).await,
        (200, vec![uid.clone()])
    );
    assert_eq!(
        download(&app, &r.coordinator, &file).await,
        (200, vec![uid.clone()])
    );
    for stranger in ["support2@test.ee", "volunteer@test.ee"] {
        let client = app.login_as(stranger).await;
        assert_eq!(download(&app, &client, &file).await.0, 404, "{stranger}");
    }
    assert_eq!(download(&app, &app.client(), &file).await.0, 404);
    let google = format!("{file}?to=google");
    assert_eq!(
        download(&app, &app.client(), &google).await.0,
        404,
        "no link either"
    );

    // A support person's meeting, from the assignment's page.
    let person = app.account_id("support@test.ee").await;
    crate::support::set_profile(&app, &r.coordinator, person, "5", "active").await;
    let assignment = crate::support::assigned(&app, &r.coordinator, person, 1).await;
    let sirje = app.login_as("support@test.ee").await;
    let date = crate::support::days_from_today(3);
    let res = crate::support::plan(&app, &sirje, assignment, &date, "10:00", "11:00").await;
    assert_eq!(res.status().as_u16(), 200);
    let meeting: i64 = res.json().await.unwrap();
    let file = format!("/calendar/events/{}.ics", uid_of(&app, meeting).await);
    let (status, page) = app
        .page(&sirje, &format!("/assignments/{assignment}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("href=\"{file}\"")), "{page}");
    assert_eq!(download(&app, &sirje, &file).await.0, 200);
}

/// A workshop session, from the series page, for anyone while the series is open.
async fn a_series_page_offers_each_session(app: TestApp) {
    let s = setup(&app).await;
    let series: i64 = create_series(&app, &s, &series_form(&s, "12", "everyone"))
        .await
        .json()
        .await
        .unwrap();
    let first = sessions_of(&app, series).await[0];
    let file = format!("/calendar/events/{}.ics", uid_of(&app, first).await);
    let (status, page) = app
        .page(&app.client(), &format!("/workshops/{series}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("href=\"{file}\"")), "{page}");
    assert_eq!(download(&app, &app.client(), &file).await.0, 200);
}

/// The calendar's server functions: who may call them, and what a bad id or week gets.
async fn calendar_endpoints_refuse_strangers_and_bad_input(app: TestApp) {
    let anyone = app.client();
    for endpoint in ["new_feed_address", "delete_busy_times", "my_calendar"] {
        let res = app.api(&anyone, endpoint, &[]).await;
        assert_eq!(res.status().as_u16(), 401, "{endpoint}");
    }
    let res = app.api(&anyone, "office_calendar", &[("id", "1")]).await;
    assert_eq!(res.status().as_u16(), 401);
    // A beneficiary has no busy times to delete; a volunteer sees no office calendar.
    let beneficiary = app.login_as("beneficiary@test.ee").await;
    let res = app.api(&beneficiary, "delete_busy_times", &[]).await;
    assert_eq!(res.status().as_u16(), 403);
    let volunteer = app.login_as("volunteer@test.ee").await;
    let res = app.api(&volunteer, "office_calendar", &[("id", "1")]).await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(app.count("calendar_feeds").await, 0, "nothing made");
    // An unknown office, an id that is no number, weeks that are no dates.
    let coordinator = app.login_as("coordinator@test.ee").await;
    let res = app
        .api(&coordinator, "office_calendar", &[("id", "999999")])
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let res = app
        .api(&coordinator, "office_calendar", &[("id", "abc")])
        .await;
    assert_eq!(res.status().as_u16(), 400);
    for week in ["garbage", "2026-13-40", "262142-12-31", "-262143-01-01", ""] {
        let res = app.api(&volunteer, "my_calendar", &[("week", week)]).await;
        let status = res.status().as_u16();
        assert!(status == 200 || status == 400, "{week}: {status}");
    }
    // The volunteer's own: an address made, busy times deleted (none there).
    let res = app.api(&volunteer, "new_feed_address", &[]).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(app.count("calendar_feeds").await, 1);
    let res = app.api(&volunteer, "delete_busy_times", &[]).await;
    assert_eq!(res.status().as_u16(), 200);
}

on_both_databases!(
    calendar_endpoints_refuse_strangers_and_bad_input,
    event_pages_offer_their_download,
    a_series_page_offers_each_session,
    personal_feeds,
    guessing_tokens_is_cut_off,
    content_follows_the_role,
    busy_time_uploads,
);
