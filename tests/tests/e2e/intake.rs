//! The public contact form on a phone, in Ukrainian: a visitor asks for a support person and
//! sees the thank-you page; a coordinator finds the request in the inbox and registers the
//! household from it; the delivery report then counts one more person, and its tables download
//! as CSV.

use super::browser::Browser;
use super::{log_in, send_contact_request};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_in_ukrainian_a_visitor_writes_and_a_coordinator_registers_the_household() {
    let browser = Browser::start().await;
    let visitor = browser.session(true).await;
    visitor.open("/").await;
    visitor.click(".lang-switch button[lang=uk]").await;
    visitor.wait_for_language("uk").await;
    visitor.click("footer a[href='/contact']").await;
    visitor.wait_for_path(|p| p == "/contact").await;
    visitor.settle().await;
    visitor.wait_for_text("h1", "Зв'язатися з нами").await;
    send_contact_request(
        &visitor,
        "Oksana Shevchuk",
        "uk",
        "Ми приїхали минулого тижня, потрібна допомога з документами.",
    )
    .await;
    visitor.wait_for_text("h1", "Дякуємо").await;
    visitor.close().await;

    let coordinator = browser.session(true).await;
    log_in(&coordinator, "coordinator@tugi.demo").await;
    let reached_before = people_reached(&coordinator).await;
    coordinator.open("/intake").await;
    coordinator.wait_for_text("table", "Oksana Shevchuk").await;
    coordinator
        .click_xpath("//table//a[normalize-space()='Oksana Shevchuk']")
        .await;
    coordinator
        .wait_for_path(|p| p.starts_with("/intake/"))
        .await;
    coordinator.settle().await;
    coordinator
        .click("a[href^='/households/new?intake=']")
        .await;
    coordinator.wait_for_path(|p| p == "/households/new").await;
    coordinator.settle().await;
    assert_eq!(coordinator.value("member[first_name]").await, "Oksana");
    assert_eq!(coordinator.value("member[last_name]").await, "Shevchuk");
    assert_eq!(coordinator.value("household[city]").await, "Tartu");
    coordinator
        .fill("household[arrival_date]", "2026-11-24")
        .await;
    coordinator
        .fill("member[date_of_birth]", "1988-03-02")
        .await;
    coordinator.select("member[gender]", "female").await;
    coordinator.select("member[level_1]", "native").await;
    coordinator
        .click("#household-form button[type=submit]")
        .await;
    coordinator
        .wait_for_path(|p| p.starts_with("/households/") && p != "/households/new")
        .await;
    coordinator.wait_for_text("h1", "Oksana Shevchuk").await;

    assert_eq!(people_reached(&coordinator).await, reached_before + 1);
    // The first table's CSV, fetched as the browser would download it.
    let href = coordinator
        .attr("section.report-table a[href^='/reports.csv']", "href")
        .await
        .expect("a CSV link");
    let csv = coordinator
        .client
        .execute(
            "return fetch(arguments[0]).then(r => r.text());",
            vec![serde_json::Value::String(href)],
        )
        .await
        .expect("the CSV downloads");
    let csv = csv.as_str().unwrap_or_default().to_string();
    // (The browser's text decoder drops the byte-order mark; the integration test checks it.)
    let total = csv.lines().nth(5).unwrap_or_default().to_string();
    assert!(
        total.ends_with(&format!(";\"{}\"", reached_before + 1)),
        "{csv}"
    );
    coordinator.close().await;
}

/// The report's count of people reached this year (the last cell of its first table).
pub(super) async fn people_reached(s: &super::browser::Session) -> u32 {
    s.open("/reports").await;
    s.text("section.report-table tbody tr:last-child td:last-child")
        .await
        .trim()
        .parse()
        .expect("a number")
}
