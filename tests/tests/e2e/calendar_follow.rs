//! A volunteer follows their own calendar by its address and sees its hours as busy in the
//! week. A local calendar server stands in for Google or Nextcloud; an admin first allows its
//! host in the settings, as an organisation would for its own calendar server.

use super::browser::Browser;
use super::calendar::busy_blocks_next_week;
use super::log_in;
use axum::routing::get;
use fantoccini::Locator;

/// Every day from today, 09:00–10:30 Tallinn time, for a hundred days, as Nextcloud writes it.
fn morning_calendar() -> String {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Tallinn)
        .date_naive()
        .format("%Y%m%d");
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SabreDAV//SabreDAV//EN\r\n\
         X-WR-CALNAME:Personal\r\nBEGIN:VEVENT\r\nUID:morning@example.org\r\n\
         DTSTAMP:20261001T101029Z\r\nSUMMARY:Language course\r\n\
         DTSTART;TZID=Europe/Tallinn:{today}T090000\r\nDTEND;TZID=Europe/Tallinn:{today}T103000\r\n\
         RRULE:FREQ=DAILY;COUNT=100\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

/// Serves the calendar at a secret path on 127.0.0.1; answers its address.
async fn calendar_server() -> String {
    let body = morning_calendar();
    let app = axum::Router::new().route(
        "/remote.php/dav/public-calendars/s3cretToken",
        get(move || async move { ([("content-type", "text/calendar; charset=utf-8")], body) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let addr = listener.local_addr().expect("an address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}/remote.php/dav/public-calendars/s3cretToken")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_volunteer_follows_a_calendar_by_its_address_and_sees_busy_hours() {
    let address = calendar_server().await;
    let browser = Browser::start().await;

    // The admin allows the organisation's own calendar host.
    let admin = browser.session(true).await;
    log_in(&admin, "admin@tugi.demo").await;
    admin.click(".lang-switch button[lang=en]").await;
    admin.wait_for_language("en").await;
    admin.open("/admin/settings").await;
    admin.fill_css("#f-hosts", "127.0.0.1").await;
    admin
        .click_xpath("//form[.//*[@id='f-hosts']]//button[@type='submit']")
        .await;
    admin.wait_for_text("#done", "Saved").await;
    admin.close().await;

    let s = browser.session(true).await;
    log_in(&s, "volunteer@tugi.demo").await;
    s.click(".lang-switch button[lang=en]").await;
    s.wait_for_language("en").await;
    s.open("/calendar").await;
    s.wait_for_text("h1", "My calendar").await;
    s.fill_css("#follow-address", &address).await;
    s.click("form[action='/calendar/follow'] button[type=submit]")
        .await;
    s.wait_for_text("#busy .notice", "Busy times saved.").await;
    // The address is shown masked, never in full.
    let shown = s.text("#busy code").await;
    assert!(shown.contains("127.0.0.1"), "{shown}");
    assert!(!shown.contains("s3cretToken"), "{shown}");
    assert!(!s
        .client
        .source()
        .await
        .expect("the page")
        .contains("s3cretToken"));
    s.screenshot("calendar-follow").await;

    // Next week, every day is busy from 09:00 to 10:30.
    assert_eq!(
        busy_blocks_next_week(&s, "09:00–10:30").await,
        7,
        "every day of the week"
    );

    // Stopping removes the busy times.
    s.open("/calendar").await;
    s.click("form[action='/calendar/follow/stop'] button[type=submit]")
        .await;
    s.wait_for_text("#busy .notice", "no longer follow").await;
    let next = s
        .attr("nav.week-nav a:last-child", "href")
        .await
        .expect("a next-week link");
    s.open(&next).await;
    s.wait_for_text("h1", "My calendar").await;
    assert!(s
        .client
        .find_all(Locator::Css(".week li.busy"))
        .await
        .expect("a list")
        .is_empty());
    s.close().await;
}
