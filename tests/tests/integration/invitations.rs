//! Messages carry their event as an inline iCalendar invitation: a booking and a move as
//! `METHOD:REQUEST` (the sequence rising), a cancellation as `METHOD:CANCEL`, addressed from the
//! sender to the recipient when the mail goes out; a workshop seat invites to its sessions.

use crate::calendar::parsed;
use crate::consultations::{at, book_one, reception_for};
use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::outbox::jobs;
use crate::workshops::{create_series, households, series_form, setup, sign};
use base64::Engine;
use tugi_server::config::MailConfig;

/// (kind, calendar) of every message, in order.
async fn calendars(app: &TestApp) -> Vec<(String, Option<String>)> {
    sqlx::query_as("SELECT kind, calendar FROM outbox ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .unwrap()
}

/// The METHOD of a calendar as the `ical` parser reads it.
fn method(text: &str) -> String {
    let calendar = ical::IcalParser::new(text.as_bytes())
        .next()
        .expect("a calendar")
        .expect("it parses");
    calendar
        .properties
        .iter()
        .find(|p| p.name == "METHOD")
        .and_then(|p| p.value.clone())
        .unwrap_or_default()
}

/// Sends every due message as .eml files into a fresh folder and reads them back, in order.
async fn sent_mail(app: &TestApp, name: &str) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!(
        "tugi-invitations-{name}-{}-{}",
        app.backend_name(),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let worker = jobs(
        app,
        MailConfig {
            outbox_dir: dir.clone(),
            ..MailConfig::default()
        },
    );
    worker.run_once().await.unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    let mail = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap().replace("\r\n", "\n"))
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    mail
}

/// The text/calendar part of a mail: its headers and its decoded body.
fn calendar_part(mail: &str) -> Option<(String, String)> {
    let start = mail.find("Content-Type: text/calendar")?;
    let (headers, rest) = mail[start..].split_once("\n\n")?;
    let body: String = rest
        .lines()
        .take_while(|line| !line.starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    let decoded = if headers.contains("Content-Transfer-Encoding: base64") {
        let compact: String = body.split_whitespace().collect();
        base64::engine::general_purpose::STANDARD
            .decode(compact)
            .ok()?
    } else if headers.contains("Content-Transfer-Encoding: quoted-printable") {
        quoted_printable::decode(
            body.replace('\n', "\r\n"),
            quoted_printable::ParseMode::Robust,
        )
        .ok()?
    } else {
        body.into_bytes()
    };
    Some((headers.to_string(), String::from_utf8(decoded).ok()?))
}

async fn consultation_messages_carry_their_invitation(app: TestApp) {
    let r = reception_for(&app).await;
    let id = book_one(&app, &r, "2027-01-13", "10:00").await;
    let id_text = id.to_string();
    let res = app
        .api(
            &r.beneficiary,
            "reschedule_consultation",
            &[
                ("id", &id_text),
                ("form[slot]", &r.slot("2027-01-13", "12:00")),
                ("form[reason]", "School meeting"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &r.beneficiary,
            "cancel_consultation",
            &[("id", &id_text), ("form[reason]", "Ill")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let (uid,): (String,) = sqlx::query_as("SELECT uid FROM events WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();

    let messages = calendars(&app).await;
    let expected = [
        (
            "consultation_confirmed",
            "REQUEST",
            "20270113T100000",
            "CONFIRMED",
            "0",
        ),
        (
            "consultation_changed",
            "REQUEST",
            "20270113T120000",
            "CONFIRMED",
            "1",
        ),
        (
            "consultation_cancelled",
            "CANCEL",
            "20270113T120000",
            "CANCELLED",
            "2",
        ),
    ];
    assert_eq!(messages.len(), expected.len());
    for ((kind, calendar), (want_kind, want_method, start, status, sequence)) in
        messages.iter().zip(expected)
    {
        assert_eq!(kind, want_kind);
        let calendar = calendar.as_deref().expect("a calendar");
        assert_eq!(method(calendar), want_method, "{kind}");
        let events = parsed(calendar);
        assert_eq!(
            events,
            [(
                uid.clone(),
                start.to_string(),
                status.to_string(),
                sequence.to_string()
            )],
            "{kind}"
        );
        assert!(calendar.contains("\r\nDTSTART;TZID=Europe/Tallinn:"));
        assert!(!calendar.contains("ATTENDEE"), "addressed only when sent");
    }

    // Sent: text and calendar side by side, the calendar addressed from Tugi to the recipient.
    let mail = sent_mail(&app, "consultation").await;
    assert_eq!(mail.len(), 3);
    for (mail, method) in mail.iter().zip(["REQUEST", "REQUEST", "CANCEL"]) {
        assert!(mail.contains("multipart/alternative"), "{mail}");
        let (headers, calendar) = calendar_part(mail).expect("a calendar part");
        assert!(
            headers.contains(&format!("method={method}")) && headers.contains("inline"),
            "{headers}"
        );
        assert!(
            calendar.contains(&format!("\r\nMETHOD:{method}\r\n")),
            "{calendar}"
        );
        assert!(
            calendar.contains("\r\nORGANIZER;CN=\"Tugi\":mailto:tugi@localhost\r\n"),
            "{calendar}"
        );
        let unfolded = calendar.replace("\r\n ", "");
        assert!(
            unfolded.contains("\r\nATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:beneficiary@test.ee\r\n"),
            "{calendar}"
        );
        assert_eq!(parsed(&calendar)[0].0, uid);
    }

    // A reminder carries no calendar.
    let second = book_one(&app, &r, "2027-01-14", "10:00").await;
    app.clock.set(at("2027-01-13", "10:30"));
    sent_mail(&app, "reminder").await;
    let reminder: (String, Option<String>) = sqlx::query_as(
        "SELECT kind, calendar FROM outbox WHERE event_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(second)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(reminder, ("consultation_reminder".to_string(), None));
}

async fn a_workshop_seat_invites_to_its_sessions(app: TestApp) {
    let s = setup(&app).await;
    let series: i64 = create_series(&app, &s, &series_form(&s, "1", "everyone"))
        .await
        .json()
        .await
        .unwrap();
    let people = households(&app, 2).await;
    for (household, _) in &people {
        sqlx::query("UPDATE households SET email = $1 WHERE id = $2")
            .bind(format!("household{household}@example.com"))
            .bind(household)
            .execute(app.db.pool())
            .await
            .unwrap();
    }
    for (household, member) in &people {
        let res = sign(&app, &s, series, *household, *member).await;
        assert_eq!(res.status().as_u16(), 200);
    }
    let sessions: Vec<(i64, String)> = sqlx::query_as(
        "SELECT e.id, e.uid FROM events e JOIN series_sessions x ON x.event_id = e.id \
         WHERE x.series_id = $1 ORDER BY e.starts_at",
    )
    .bind(series)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let res = app
        .api(
            &s.coordinator,
            "cancel_session",
            &[
                ("session", &sessions[1].0.to_string()),
                ("reason", "Remont"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);

    let messages = calendars(&app).await;
    let kinds: Vec<&str> = messages.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "workshop_confirmed",
            "workshop_waitlisted",
            "workshop_session_cancelled"
        ]
    );
    // The seat: every session, each with its own UID, as the feeds have them.
    let seat = messages[0].1.as_deref().expect("an invitation");
    assert_eq!(method(seat), "REQUEST");
    let uids: Vec<String> = parsed(seat).into_iter().map(|e| e.0).collect();
    let all: Vec<String> = sessions.iter().map(|s| s.1.clone()).collect();
    assert_eq!(uids, all);
    assert!(
        seat.contains("\r\nLOCATION:Grupiruum\\, Tartu\\, Riia 15\\, Tartu\r\n"),
        "{seat}"
    );
    // Waiting is not in anyone's calendar yet.
    assert_eq!(messages[1].1, None);
    // The cancelled session alone, cancelled, its sequence raised.
    let cancel = messages[2].1.as_deref().expect("a cancellation");
    assert_eq!(method(cancel), "CANCEL");
    let events = parsed(cancel);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].0, sessions[1].1);
    assert_eq!(
        (events[0].2.as_str(), events[0].3.as_str()),
        ("CANCELLED", "1")
    );

    let mail = sent_mail(&app, "workshop").await;
    assert_eq!(mail.len(), 3);
    assert!(
        calendar_part(&mail[1]).is_none(),
        "no calendar while waiting"
    );
    let (_, sent) = calendar_part(&mail[0]).expect("a calendar part");
    assert_eq!(sent.matches("\r\nATTENDEE;").count(), all.len());
}

on_both_databases!(
    consultation_messages_carry_their_invitation,
    a_workshop_seat_invites_to_its_sessions,
);
