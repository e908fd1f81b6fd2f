//! Assisted voluntary return in the browser: a return counsellor opens a case, records the
//! counselling and the departure plan to the Georgian office, and the departure (an arrival
//! before it is refused on the page); the partner caseworker in Georgia, in the Russian
//! interface and without JavaScript, finds the case and records the first contact; the
//! returnee's contact sheet speaks Russian.

use super::browser::{Browser, Session};
use super::log_in;

/// Sets a field's value as a date picker would (typing into a native date input depends on
/// the browser's locale).
async fn set_value(s: &Session, css: &str, value: &str) {
    s.client
        .execute(
            "const f = document.querySelector(arguments[0]); f.value = arguments[1]; \
             f.dispatchEvent(new Event('input', { bubbles: true })); return f.value;",
            vec![css.into(), value.into()],
        )
        .await
        .unwrap_or_else(|e| panic!("{css}: {e:?}"));
}

fn in_form(endpoint: &str, field: &str) -> String {
    format!("form[action$='/{endpoint}'] [name='{field}']")
}

fn submit_of(endpoint: &str) -> String {
    format!("form[action$='/{endpoint}'] button[type=submit]")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_counsellor_sees_a_returnee_off_and_the_country_office_records_the_first_contact() {
    let browser = Browser::start().await;
    let counsellor = browser.session(true).await;
    log_in(&counsellor, "counsellor@tugi.demo").await;
    counsellor.open("/returns/new").await;
    counsellor.fill("form[first_name]", "Mariam").await;
    counsellor.fill("form[last_name]", "Javakhishvili").await;
    set_value(&counsellor, "[name='form[date_of_birth]']", "1991-05-17").await;
    counsellor.select("form[gender]", "female").await;
    counsellor.select("form[language]", "ru").await;
    counsellor.fill("form[email]", "mariam@example.ge").await;
    counsellor.fill("form[nationality]", "Georgian").await;
    counsellor.fill("form[return_country]", "Georgia").await;
    counsellor.fill("form[return_city]", "Zugdidi").await;
    counsellor.click(&submit_of("open_return_case")).await;
    counsellor
        .wait_for_path(|p| p.starts_with("/returns/") && p != "/returns/new")
        .await;
    counsellor.wait_for_text("h1", "Mariam Javakhishvili").await;
    let case_path = counsellor.path().await;

    counsellor
        .fill_css(
            &in_form("counsel_return_case", "comment"),
            "Options and the form explained",
        )
        .await;
    counsellor.click(&submit_of("counsel_return_case")).await;
    counsellor.wait_for_text("main", "Nõustatud").await;
    counsellor.settle().await;
    // The departure plan: the decision, the day, and the office in Georgia (listed first).
    set_value(
        &counsellor,
        &in_form("plan_return_departure", "form[decision_on]"),
        "2026-11-02",
    )
    .await;
    set_value(
        &counsellor,
        &in_form("plan_return_departure", "form[planned_departure_on]"),
        "2026-11-12",
    )
    .await;
    let georgia = counsellor
        .attr(
            &format!(
                "{} option:nth-child(2)",
                in_form("plan_return_departure", "form[country_office]")
            ),
            "value",
        )
        .await
        .expect("an office to choose");
    counsellor.select("form[country_office]", &georgia).await;
    counsellor.click(&submit_of("plan_return_departure")).await;
    counsellor
        .wait_for_text("main", "Lahkumine kavandatud")
        .await;
    counsellor.settle().await;
    // An arrival before the departure is refused next to the field; nothing changes.
    set_value(
        &counsellor,
        &in_form("record_return_departure", "form[departed_on]"),
        "2026-11-12",
    )
    .await;
    set_value(
        &counsellor,
        &in_form("record_return_departure", "form[arrived_on]"),
        "2026-11-11",
    )
    .await;
    counsellor
        .click(&submit_of("record_return_departure"))
        .await;
    counsellor
        .wait_for_text("main", "Saabumine ei saa olla enne lahkumist")
        .await;
    counsellor.screenshot("returns-departure-refused").await;
    set_value(
        &counsellor,
        &in_form("record_return_departure", "form[arrived_on]"),
        "2026-11-13",
    )
    .await;
    counsellor
        .click(&submit_of("record_return_departure"))
        .await;
    counsellor.wait_for_text("main", "Tagasi pöördunud").await;
    counsellor.screenshot("returns-case-counsellor").await;
    counsellor.close().await;

    // The caseworker in Georgia, in Russian, without JavaScript.
    let caseworker = browser.session(false).await;
    log_in(&caseworker, "caseworker@tugi.demo").await;
    caseworker.open("/returns").await;
    caseworker.wait_for_text("h1", "Дела о возвращении").await;
    caseworker
        .wait_for_text("main", "Mariam Javakhishvili")
        .await;
    caseworker.screenshot("returns-list-caseworker").await;
    caseworker
        .click_xpath("//table//a[normalize-space()='Mariam Javakhishvili']")
        .await;
    caseworker.wait_for_path(|p| p == case_path).await;
    caseworker
        .fill_css(
            &in_form("record_first_contact", "form[contacted_on]"),
            "20.11.2026",
        )
        .await;
    caseworker
        .fill_css(
            &in_form("record_first_contact", "form[note]"),
            "Пришла в офис с документами",
        )
        .await;
    caseworker.click(&submit_of("record_first_contact")).await;
    caseworker.wait_for_path(|p| p == case_path).await;
    caseworker
        .wait_for_text("dl.facts", "Пришла в офис с документами")
        .await;
    caseworker.screenshot("returns-case-caseworker").await;
    // The contact sheet the returnee took home is in her language.
    caseworker.open(&format!("{case_path}/contact-sheet")).await;
    caseworker
        .wait_for_text("article h1", "Ваш страновой офис после возвращения")
        .await;
    caseworker.wait_for_text("article", "IOM Tbilisi").await;
    caseworker.close().await;
}
