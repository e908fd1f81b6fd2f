//! The outbox worker: a failed SMTP delivery stays in the outbox and is sent on a later run;
//! reminders are queued once; without SMTP messages become .eml files.

use crate::consultations::{book_one, reception_for};
use crate::helpers::TestApp;
use crate::on_both_databases;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tugi_server::config::{Config, MailConfig};
use tugi_server::jobs::{Jobs, Report};

/// A minimal SMTP server that accepts every message and keeps what it was sent.
async fn fake_smtp(listener: tokio::net::TcpListener, received: Arc<Mutex<Vec<String>>>) {
    loop {
        let Ok((socket, _)) = listener.accept().await else {
            return;
        };
        let received = received.clone();
        tokio::spawn(async move {
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            let _ = write.write_all(b"220 fake ESMTP\r\n").await;
            let mut data: Option<String> = None;
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(body) = data.as_mut() {
                    if line == "." {
                        received.lock().unwrap().push(std::mem::take(body));
                        data = None;
                        let _ = write.write_all(b"250 queued\r\n").await;
                    } else {
                        body.push_str(&line);
                        body.push('\n');
                    }
                    continue;
                }
                let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                let reply: &[u8] = match verb.as_str() {
                    "EHLO" | "HELO" => b"250 fake\r\n",
                    "DATA" => {
                        data = Some(String::new());
                        b"354 go on\r\n"
                    }
                    "QUIT" => {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    }
                    _ => b"250 ok\r\n",
                };
                let _ = write.write_all(reply).await;
            }
        });
    }
}

pub(crate) fn jobs(app: &TestApp, mut mail: MailConfig) -> Jobs {
    // Letters written to files go to a temporary folder, never into the source tree.
    if mail.outbox_dir.is_relative() {
        mail.outbox_dir = std::env::temp_dir().join(format!("tugi-outbox-{}", app.backend_name()));
    }
    let config = Config {
        mail,
        public_url: "https://tugi.example.ee".into(),
        ..Config::default()
    };
    Jobs::new(&config, app.db.clone(), app.clock.clone()).expect("jobs")
}

async fn outbox_row(app: &TestApp) -> (i64, Option<i64>, Option<String>) {
    sqlx::query_as("SELECT attempts, sent_at, last_error FROM outbox ORDER BY id LIMIT 1")
        .fetch_one(app.db.pool())
        .await
        .expect("a message")
}

async fn a_failed_delivery_is_retried_later_and_never_lost(app: TestApp) {
    let r = reception_for(&app).await;
    book_one(&app, &r, "2027-01-13", "10:00").await;
    assert_eq!(app.count("outbox").await, 1);

    // Nothing listens on the SMTP port yet.
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let mail = MailConfig {
        smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
        ..MailConfig::default()
    };
    let worker = jobs(&app, mail);
    let report = worker.run_once().await.unwrap();
    assert_eq!(report.failed, 1);
    let (attempts, sent_at, error) = outbox_row(&app).await;
    assert_eq!((attempts, sent_at), (1, None));
    assert!(error.is_some(), "the failure is recorded");

    // The server comes up; the message waits for its next attempt, then goes.
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    let received = Arc::new(Mutex::new(Vec::new()));
    tokio::spawn(fake_smtp(listener, received.clone()));
    assert_eq!(
        worker.run_once().await.unwrap(),
        Report::default(),
        "not due yet"
    );
    app.clock.set(app.clock.now() + 120);
    let report = worker.run_once().await.unwrap();
    assert_eq!(report.sent, 1);
    let (attempts, sent_at, error) = outbox_row(&app).await;
    assert_eq!(attempts, 2);
    assert!(sent_at.is_some() && error.is_none());
    let messages = received.lock().unwrap().clone();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("<outbox-"), "{}", messages[0]);
    assert_eq!(
        worker.run_once().await.unwrap(),
        Report::default(),
        "sent once"
    );
}

async fn reminders_go_out_a_day_before_once_and_as_files_without_smtp(app: TestApp) {
    let r = reception_for(&app).await;
    let id = book_one(&app, &r, "2027-01-14", "10:00").await;
    // Both databases' variants run at once in this process, with the same ids.
    let dir = std::env::temp_dir().join(format!(
        "tugi-outbox-{}-{id}-{}",
        app.backend_name(),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let worker = jobs(
        &app,
        MailConfig {
            outbox_dir: dir.clone(),
            ..MailConfig::default()
        },
    );
    let report = worker.run_once().await.unwrap();
    assert_eq!((report.reminders, report.sent), (0, 1), "the confirmation");

    app.clock
        .set(crate::consultations::at("2027-01-13", "10:30"));
    let report = worker.run_once().await.unwrap();
    assert_eq!((report.reminders, report.sent), (1, 1));
    assert_eq!(
        worker.run_once().await.unwrap(),
        Report::default(),
        "one reminder"
    );
    let kinds: Vec<(String,)> = sqlx::query_as("SELECT kind FROM outbox ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert_eq!(kinds[1].0, "consultation_reminder");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2);
    let reminder = std::fs::read_to_string(&files[1]).unwrap();
    assert!(reminder.contains("Subject:"), "{reminder}");
    let _ = std::fs::remove_dir_all(&dir);
}

on_both_databases!(
    a_failed_delivery_is_retried_later_and_never_lost,
    reminders_go_out_a_day_before_once_and_as_files_without_smtp,
);
