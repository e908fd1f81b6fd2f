//! A volunteer's calendar on a phone: they make a subscription address and replace it (the old
//! one stops working), download a workshop session's .ics from its page, upload an export of
//! their own calendar and see those hours as busy in the week.

use super::browser::{Browser, Session};
use super::log_in;
use fantoccini::Locator;

/// The address in the feed box, as a path on this server, once the box shows one other than
/// `not` (the page re-renders after the action: the field may be there before its value).
async fn feed_path(s: &Session, not: Option<&str>) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let address = match s.client.find(Locator::Css("#feed-url")).await {
            Ok(field) => field.prop("value").await.ok().flatten().unwrap_or_default(),
            Err(_) => String::new(),
        };
        if let Some((_, path)) = address.split_once("/calendar/") {
            let path = format!("/calendar/{path}");
            if Some(path.as_str()) != not {
                return path;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no new feed address; the field says {address:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// GETs `path` with the browser's cookies: (status, content type, body).
async fn fetch(browser: &Browser, s: &Session, path: &str) -> (u16, String, String) {
    let cookies: Vec<String> = s
        .client
        .get_all_cookies()
        .await
        .unwrap_or_default()
        .iter()
        .map(|c| format!("{}={}", c.name(), c.value()))
        .collect();
    let res = reqwest::Client::new()
        .get(format!("{}{path}", browser.base))
        .header("cookie", cookies.join("; "))
        .send()
        .await
        .expect("a response");
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, kind, res.text().await.unwrap_or_default())
}

/// Every day from today, 12:00–14:00 Tallinn time, for a hundred days.
fn lunch_file() -> std::path::PathBuf {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Tallinn)
        .date_naive()
        .format("%Y%m%d");
    let text = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Own calendar//EN\r\nBEGIN:VEVENT\r\n\
         UID:lunch@example.com\r\nSUMMARY:Lunch with my sister\r\n\
         DTSTART;TZID=Europe/Tallinn:{today}T120000\r\nDTEND;TZID=Europe/Tallinn:{today}T140000\r\n\
         RRULE:FREQ=DAILY;COUNT=100\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let path = std::env::temp_dir().join(format!("tugi-e2e-busy-{}.ics", std::process::id()));
    std::fs::write(&path, text).expect("the file is written");
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_volunteer_subscribes_downloads_an_event_and_imports_busy_times() {
    let browser = Browser::start().await;
    let s = browser.session(true).await;
    log_in(&s, "volunteer@tugi.demo").await;
    // Liis reads Estonian; the test reads English.
    s.click(".lang-switch button[lang=en]").await;
    s.wait_for_language("en").await;
    s.open("/calendar").await;
    s.wait_for_text("h1", "My calendar").await;

    // An address, then a new one: the old one is revoked.
    s.click("#feed button[type=submit]").await;
    let first = feed_path(&s, None).await;
    let (status, kind, body) = fetch(&browser, &s, &first).await;
    assert_eq!(
        (status, kind.as_str()),
        (200, "text/calendar; charset=utf-8")
    );
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"));
    s.click("#feed button[type=submit]").await;
    let second = feed_path(&s, Some(&first)).await;
    assert_eq!(fetch(&browser, &s, &first).await.0, 404, "revoked");
    assert_eq!(fetch(&browser, &s, &second).await.0, 200);
    // The copy button (an island) puts the address on the clipboard and says so.
    s.settle().await;
    s.click("#feed-copy").await;
    s.wait_for_text("#feed-copy", "Copied").await;

    // A workshop session's file, from the workshop's page.
    s.open("/workshops").await;
    s.click("ul.workshops h2 a").await;
    s.wait_for_path(|p| p.starts_with("/workshops/") && p != "/workshops")
        .await;
    let link = s
        .attr("a.cal-download", "href")
        .await
        .expect("a download link");
    let (status, kind, body) = fetch(&browser, &s, &link).await;
    assert_eq!(
        (status, kind.as_str()),
        (200, "text/calendar; charset=utf-8")
    );
    assert_eq!(body.matches("BEGIN:VEVENT").count(), 1, "{body}");

    // Busy times from the volunteer's own calendar, shown in next week's days.
    s.open("/calendar").await;
    let file = lunch_file();
    s.client
        .find(Locator::Css("#busy-file"))
        .await
        .expect("the file field")
        .send_keys(&file.display().to_string())
        .await
        .expect("a file chosen");
    s.click("#busy form[enctype] button[type=submit]").await;
    s.wait_for_text("#busy .notice", "Busy times saved.").await;
    let _ = std::fs::remove_file(&file);
    assert_eq!(
        busy_blocks_next_week(&s, "12:00–14:00").await,
        7,
        "every day of the week"
    );
    // For a person to look at: the week on a phone.
    s.screenshot("calendar-week").await;
    s.close().await;
}

/// Opens next week on the calendar page, waits for a busy block reading `hours` and returns how
/// many busy blocks the week shows.
pub(super) async fn busy_blocks_next_week(s: &Session, hours: &str) -> usize {
    let next = s
        .attr("nav.week-nav a:last-child", "href")
        .await
        .expect("a next-week link");
    s.open(&next).await;
    s.wait_for_text(".week li.busy", hours).await;
    s.client
        .find_all(Locator::Css(".week li.busy"))
        .await
        .expect("busy blocks")
        .len()
}
