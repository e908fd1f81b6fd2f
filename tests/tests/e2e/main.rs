//! End-to-end tests: headless Chromium, driven through ChromeDriver, uses the real pages of a
//! real server (SQLite with the demo data), once with JavaScript and once without.

mod browser;
mod calendar;
mod calendar_follow;
mod intake;
mod into_service;
mod returns;
mod workshops;

use browser::{Browser, Session};
use fantoccini::Locator;

const DEMO_PASSWORD: &str = tugi_server::demo::DEMO_PASSWORD;

async fn log_in(s: &Session, email: &str) {
    s.open("/login").await;
    s.fill("email", email).await;
    s.fill("password", DEMO_PASSWORD).await;
    s.submit().await;
    s.wait_for_path(|p| p == "/").await;
}

/// Fills the public contact form (a person asking for a support person for themselves, in
/// Tartu) and sends it, as a person would: answering the check question and taking their time.
async fn send_contact_request(s: &Session, name: &str, language: &str, message: &str) {
    s.click("#f-requester-self").await;
    s.fill("request[name]", name).await;
    s.fill("request[phone]", "+372 5555 7788").await;
    s.select("request[channel]", "telegram").await;
    s.select("request[language]", language).await;
    s.fill("request[city]", "Tartu").await;
    s.click("#f-help-support_person").await;
    s.fill("request[message]", message).await;
    // The check question is "… a + b?"; a person reads it and adds.
    let question = s.text("label[for=f-human_answer]").await;
    let sum: u32 = question
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse::<u32>().ok())
        .sum();
    s.fill("request[human_answer]", &sum.to_string()).await;
    s.click("#f-consent").await;
    // People take more than a few seconds to fill a form in.
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    s.click("#contact-form button[type=submit]").await;
    s.wait_for_path(|p| p == "/contact/thanks").await;
}

/// Fills the registration form with one household whose last name is `last_name`.
async fn fill_registration(s: &Session, last_name: &str, date_of_birth: &str) {
    s.fill("household[city]", "Tartu").await;
    s.fill("household[arrival_date]", "2026-10-01").await;
    s.fill("household[phone]", "+372 5555 0101").await;
    s.select("household[channel]", "whatsapp").await;
    s.fill("household[needs]", "family doctor").await;
    s.fill("member[first_name]", "Mariam").await;
    s.fill("member[last_name]", last_name).await;
    s.fill("member[date_of_birth]", date_of_birth).await;
    s.select("member[gender]", "female").await;
    s.select("member[language_1]", "prs").await;
    s.select("member[level_1]", "native").await;
    s.select("member[language_2]", "en").await;
    s.select("member[level_2]", "A2").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_registers_a_household_and_finds_it() {
    let browser = Browser::start().await;
    let s = browser.session(true).await;
    log_in(&s, "coordinator@tugi.demo").await;
    s.open("/households/new").await;
    fill_registration(&s, "Rahimi-Js", "1991-05-17").await;
    s.submit().await;
    s.wait_for_path(|p| p.starts_with("/households/") && p != "/households/new")
        .await;
    assert!(s.text("h1").await.contains("Mariam Rahimi-Js"));

    s.open("/households").await;
    s.fill("q", "rahimi-js").await;
    s.click("form[role=search] button").await;
    s.wait_for_text("table", "Mariam Rahimi-Js").await;
    s.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_shows_estonian() {
    let browser = Browser::start().await;
    let s = browser.session(true).await;
    s.open("/login").await;
    assert_eq!(s.text("h1").await, "Log in", "the browser asks for English");
    s.click(".lang-switch button[lang=et]").await;
    s.wait_for_text("h1", "Sisselogimine").await;
    assert_eq!(s.attr("html", "lang").await.as_deref(), Some("et"));
    assert_eq!(s.text("label[for=f-email]").await, "E-post");
    assert_eq!(s.text("label[for=f-password]").await, "Parool");
    s.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_beneficiary_gets_403_on_the_household_list() {
    let browser = Browser::start().await;
    let s = browser.session(true).await;
    log_in(&s, "beneficiary@tugi.demo").await;
    s.open("/households").await;
    // The demo beneficiary's account is set to Ukrainian: login applies it.
    assert_eq!(s.attr("html", "lang").await.as_deref(), Some("uk"));
    assert_eq!(s.text("h1").await, "Немає доступу");
    assert!(
        s.client.find(Locator::Css("table")).await.is_err(),
        "no household data shown"
    );
    s.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_the_household_form_still_works() {
    let browser = Browser::start().await;
    let s = browser.session(false).await;
    log_in(&s, "coordinator@tugi.demo").await;
    assert_eq!(
        s.attr("html", "data-hydrated").await,
        None,
        "JavaScript is really off"
    );
    s.open("/households/new").await;
    fill_registration(&s, "Rahimi-NoJs", "2999-01-01").await;
    s.submit().await;
    // The demo coordinator's account is set to Estonian.
    s.wait_for_text(".error-summary", "Kuupäev ei saa olla tulevikus.")
        .await;
    assert_eq!(
        s.value("member[last_name]").await,
        "Rahimi-NoJs",
        "typed values are kept"
    );
    assert_eq!(s.value("member[date_of_birth]").await, "2999-01-01");
    assert!(s.text("#f-date_of_birth-error").await.contains("tulevikus"));

    s.fill("member[date_of_birth]", "1991-05-17").await;
    s.submit().await;
    s.wait_for_path(|p| p.starts_with("/households/") && p != "/households/new")
        .await;
    assert!(s.text("h1").await.contains("Mariam Rahimi-NoJs"));
    s.open("/households?q=rahimi-nojs").await;
    s.wait_for_text("table", "Mariam Rahimi-NoJs").await;
    s.close().await;
}

/// The household search is a GET form; with JavaScript (an island) a pause in typing loads the
/// matches, and the field keeps the focus and the text for more typing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_the_household_search_follows_the_typing() {
    let browser = Browser::start().await;
    let s = browser.session(true).await;
    log_in(&s, "coordinator@tugi.demo").await;
    s.open("/reception").await;
    s.client
        .find(Locator::Css("#f-who"))
        .await
        .expect("the search field")
        .send_keys("Rahimi")
        .await
        .expect("typing");
    // No button pressed: the page loads with the search by itself.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !s
        .client
        .current_url()
        .await
        .expect("url")
        .as_str()
        .contains("who=Rahimi")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the search was not loaded"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    s.settle().await;
    s.wait_for_text("select[name=\"form[household]\"]", "Rahimi")
        .await;
    assert_eq!(s.value("who").await, "Rahimi");
    let focused = s
        .client
        .execute("return document.activeElement.id", vec![])
        .await
        .expect("script runs");
    assert_eq!(focused.as_str(), Some("f-who"), "typing can go on");
    s.close().await;
}

/// Today in Tallinn, moved by `days`, as the forms take it.
fn tallinn_day(days: i64) -> String {
    (chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Tallinn)
        .date_naive()
        + chrono::Duration::days(days))
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_support_person_works_a_case_the_coordinator_assigned() {
    let browser = Browser::start().await;

    // The coordinator picks a household without a support person and assigns Oksana.
    let s = browser.session(true).await;
    log_in(&s, "coordinator@tugi.demo").await;
    s.open("/assignments").await;
    let assign = s
        .client
        .find(Locator::Css("a[href$='/assign']"))
        .await
        .expect("a household waits for a support person");
    let path = assign.attr("href").await.ok().flatten().expect("href");
    s.open(&path).await;
    s.client
        .find(Locator::XPath(
            "//li[contains(., 'Oksana Melnyk')]/input[@type='radio']",
        ))
        .await
        .expect("Oksana is a candidate")
        .click()
        .await
        .expect("choose Oksana");
    s.fill("form[start_date]", &tallinn_day(-7)).await;
    s.submit().await;
    s.wait_for_path(|p| p.starts_with("/assignments/")).await;
    let url = s.client.current_url().await.expect("url");
    let assignment = url.path().to_string();
    s.close().await;

    // Oksana (Ukrainian, on an English browser) plans yesterday's meeting, marks it held and
    // ticks two items. The page after login is already in her language.
    let s = browser.session(true).await;
    log_in(&s, "support@tugi.demo").await;
    s.wait_for_language("uk").await;
    s.open(&assignment).await;
    s.click("details summary").await;
    let yesterday = tallinn_day(-1);
    s.fill("meeting[date]", &yesterday).await;
    s.fill("meeting[start_time]", "10:00").await;
    s.fill("meeting[end_time]", "11:30").await;
    s.fill("meeting[place]", "Narva mnt 5").await;
    s.click("#topic-bank_account").await;
    s.click("details form button[type=submit]").await;
    // Shown with its weekday, in the support person's Ukrainian.
    let shown = tugi_app::api::dates::date_in(
        tugi_app::i18n::Locale::uk,
        yesterday.parse().expect("a date"),
    );
    s.wait_for_text("#meetings + div table", &format!("{shown}, 10:00–11:30"))
        .await;
    s.wait_for_text("#done", "Зустріч заплановано").await;
    s.wait_for_focus("done").await;
    // The form is empty again: the next meeting does not inherit the ticked topic.
    let ticked = s
        .client
        .execute(
            "return document.getElementById('topic-bank_account').checked;",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(
        ticked,
        serde_json::Value::Bool(false),
        "the topic is unticked"
    );
    s.fill("form[minutes]", "90").await;
    s.click(".inline-form button[type=submit]").await;
    s.wait_for_text("table", "Відбулася (1.5 год)").await;
    s.select("checklist[items][bank_account][status]", "done")
        .await;
    s.select("checklist[items][health_insurance][status]", "done")
        .await;
    s.click("form:has(table.checklist) button[type=submit]")
        .await;
    s.wait_for_text("p[role=status]", "Виконано: 2 з 7").await;
    s.close().await;

    // The coordinator (Estonian) sees the hours and the progress.
    let s = browser.session(true).await;
    log_in(&s, "coordinator@tugi.demo").await;
    s.open(&assignment).await;
    s.wait_for_text("dl.facts", "1.5").await;
    s.wait_for_text("p[role=status]", "Korras: 2 / 7").await;
    s.open("/assignments").await;
    s.wait_for_text("main", "Oksana Melnyk").await;
    let load = s.text("main").await;
    assert!(load.contains("2 / 7"), "progress in the overview");
    s.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_an_overlapping_meeting_names_the_next_free_time() {
    let browser = Browser::start().await;
    let s = browser.session(false).await;
    log_in(&s, "support@tugi.demo").await;
    // The demo has Oksana meeting Olena's household in three days, 10:00–11:00.
    s.open("/support").await;
    let link = s
        .client
        .find(Locator::Css("a[href$='#meetings']"))
        .await
        .expect("a next meeting");
    let path = link.attr("href").await.ok().flatten().expect("href");
    s.open(path.trim_end_matches("#meetings")).await;
    s.click("details summary").await;
    let day = tallinn_day(3);
    s.fill("meeting[date]", &day).await;
    s.fill("meeting[start_time]", "10:30").await;
    s.fill("meeting[end_time]", "11:30").await;
    s.fill("meeting[place]", "Tartu, Riia 15").await;
    s.click("details form button[type=submit]").await;
    s.wait_for_text(".error-summary", "11:00").await;
    assert_eq!(
        s.value("meeting[place]").await,
        "Tartu, Riia 15",
        "typed values are kept"
    );
    assert_eq!(s.value("meeting[start_time]").await, "10:30");
    s.close().await;
}

/// The value of the option whose visible text is `text` in the select `id`.
async fn option_value(s: &Session, id: &str, text: &str) -> String {
    let xpath = format!("//select[@id='{id}']/option[normalize-space()='{text}']");
    s.client
        .find(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|_| panic!("an option {text}"))
        .attr("value")
        .await
        .ok()
        .flatten()
        .expect("a value")
}

/// Opens the booking page with the Tartu office chosen (through the page's own GET form).
async fn open_tartu_slots(s: &Session) {
    s.open("/consultations/book").await;
    let tartu = option_value(s, "office", "Tartu").await;
    s.select("office", &tartu).await;
    s.click("form.filters button").await;
    s.wait_for_path(|p| p.starts_with("/consultations/book"))
        .await;
    s.text("#f-slot legend").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_beneficiary_books_a_tartu_slot_in_ukrainian_and_the_coordinator_marks_it_attended() {
    let browser = Browser::start().await;
    let olena = browser.session(true).await;
    let iryna = browser.session(true).await;
    log_in(&olena, "beneficiary@tugi.demo").await;
    log_in(&iryna, "beneficiary2@tugi.demo").await;
    open_tartu_slots(&olena).await;
    open_tartu_slots(&iryna).await;
    assert_eq!(olena.attr("html", "lang").await.as_deref(), Some("uk"));
    assert_eq!(
        olena.text("h1").await,
        "Записатися на прийом до координатора"
    );

    // Both see the same first free slot; Olena books it first.
    let first = "input[name='form[slot]']";
    let slot = olena.attr(first, "value").await.expect("a free slot");
    assert_eq!(
        iryna.attr(first, "value").await.as_deref(),
        Some(slot.as_str())
    );
    olena.click(first).await;
    olena.select("form[topic]", "housing").await;
    olena.fill("form[party_size]", "2").await;
    olena.select("form[interpreter]", "uk").await;
    olena.click("form.stack button[type=submit]").await;
    olena
        .wait_for_path(|p| p.starts_with("/consultations/") && !p.ends_with("/book"))
        .await;
    assert_eq!(olena.text("h1").await, "Прийом координатора");
    olena.wait_for_text(".notice", "Час заброньовано").await;
    let (_, when) = slot.split_once('/').expect("coordinator/date");
    let (date, time) = when.split_once('T').expect("dateTtime");
    olena.wait_for_text("dl.facts", time).await;
    olena.wait_for_text("dl.facts", "Житло").await;

    // Iryna still has the old list in front of her: the same slot is refused as just taken.
    iryna.click(first).await;
    iryna.select("form[topic]", "work").await;
    iryna.click("form.stack button[type=submit]").await;
    iryna.wait_for_text(".error-summary", "щойно зайняли").await;
    let offered: Vec<String> = {
        let mut values = Vec::new();
        for input in iryna
            .client
            .find_all(Locator::Css(first))
            .await
            .expect("slots")
        {
            values.push(input.attr("value").await.ok().flatten().unwrap_or_default());
        }
        values
    };
    assert!(
        !offered.contains(&slot),
        "the taken slot is no longer offered"
    );
    assert!(!offered.is_empty(), "the next free slots are");

    // Days first, then that day's times: another day is one tap, and the page stays short.
    let second_day = iryna
        .attr(".day-picker li:nth-child(2) a", "href")
        .await
        .expect("a second day with free times");
    iryna.click(".day-picker li:nth-child(2) a").await;
    let day = second_day
        .split("day=")
        .nth(1)
        .and_then(|d| d.get(..10))
        .expect("the day in the link")
        .to_string();
    iryna
        .wait_for_text(".day-picker a[aria-current]", &day[8..10])
        .await;
    let first_time = iryna.attr(first, "value").await.expect("a time that day");
    assert!(first_time.contains(&day), "{first_time} is on {day}");
    let height = iryna
        .client
        .execute("return document.documentElement.scrollHeight;", vec![])
        .await
        .expect("script runs");
    let height = height.as_i64().unwrap_or(i64::MAX);
    println!("booking page on a phone: {height} px tall");
    assert!(
        height < 3000,
        "the booking page is {height} px tall on a phone"
    );

    // On the day, the Tartu coordinator sees it in the day view and marks it attended.
    let start = tugi_app::domain::schedule::tallinn_instant(
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date"),
        chrono::NaiveTime::parse_from_str(time, "%H:%M").expect("time"),
    )
    .expect("an instant");
    browser.clock.set(start - 30 * 60);
    let jaan = browser.session(true).await;
    log_in(&jaan, "coordinator.tartu@tugi.demo").await;
    let tartu = {
        jaan.open("/reception").await;
        option_value(&jaan, "office", "Tartu").await
    };
    jaan.open(&format!("/reception?office={tartu}&date={date}"))
        .await;
    jaan.wait_for_text("table", time).await;
    jaan.wait_for_text("table", "Housing").await;
    jaan.wait_for_text("table", "Ukrainian").await;
    jaan.click("table form button[type=submit]").await;
    jaan.wait_for_text("table", "Attended").await;
    olena.close().await;
    iryna.close().await;
    jaan.close().await;
}

/// The dashboards show the page's data and the upcoming consultations from one resource; each
/// must hydrate on every load, not only most of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboards_hydrate_on_every_load() {
    let browser = Browser::start().await;
    for (email, path, heading) in [
        ("support@tugi.demo", "/support", "upcoming-consultations"),
        (
            "beneficiary@tugi.demo",
            "/my-support",
            "upcoming-consultations",
        ),
        ("coordinator@tugi.demo", "/assignments", ""),
        (
            "coordinator@tugi.demo",
            "/consultations",
            "upcoming-consultations",
        ),
    ] {
        let s = browser.session(true).await;
        log_in(&s, email).await;
        for _ in 0..6 {
            s.open(path).await;
            if !heading.is_empty() {
                s.wait_for_text(&format!("#{heading}"), "").await;
            }
        }
        s.close().await;
    }
}

/// Clicks the button with `text` inside the request card that names `person`.
async fn click_in_card(s: &Session, person: &str, text: &str) {
    let xpath = format!(
        "//article[contains(@class, 'request')][.//h3[contains(., '{person}')]]//button[normalize-space(.)='{text}']"
    );
    s.client
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|_| panic!("a {text} button for {person}"))
        .click()
        .await
        .expect("click");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_matches_a_dari_speaking_peer_counsellor_who_accepts_and_logs_an_hour() {
    let browser = Browser::start().await;
    let kadri = browser.session(true).await;
    log_in(&kadri, "coordinator@tugi.demo").await;
    // Zahra Karimi's household (Dari) asks for a peer counsellor who speaks Dari.
    kadri.open("/households?q=karimi").await;
    kadri.click("table a[href^='/households/']").await;
    kadri.wait_for_text("h1", "Zahra Karimi").await;
    kadri.click("a[href^='/matching/new']").await;
    kadri.wait_for_path(|p| p == "/matching/new").await;
    kadri.select("request[programme]", "peer_counsellor").await;
    kadri.select("request[language]", "prs").await;
    kadri.submit().await;
    kadri.wait_for_path(|p| p == "/matching").await;
    kadri.wait_for_text("main", "Zahra Karimi").await;

    // Run matching and read why Fatima Noori is proposed.
    kadri.click("main form.stack button[type=submit]").await;
    let card = "//article[contains(@class, 'request')][.//h3[contains(., 'Zahra Karimi')]]";
    let proposal = format!("{card}//section[contains(@class, 'proposal')]");
    let found = kadri
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::XPath(&proposal))
        .await
        .expect("a proposal for Zahra");
    let explanation = found.text().await.unwrap_or_default();
    assert!(explanation.contains("Fatima Noori"), "{explanation}");
    assert!(
        explanation.contains("Vastab kõigile nõuetele"),
        "{explanation}"
    );
    assert!(
        explanation.contains("Sarnane taust"),
        "shared background: {explanation}"
    );
    click_in_card(&kadri, "Zahra Karimi", "Kinnita").await;
    kadri
        .wait_for_text("main", "Ootavad vabatahtliku vastust")
        .await;
    kadri.wait_for_text("main table", "Fatima Noori").await;

    // Fatima sees only what the match needs, accepts and logs an hour.
    let fatima = browser.session(true).await;
    log_in(&fatima, "volunteer7@tugi.demo").await;
    fatima.open("/volunteer").await;
    fatima.wait_for_text("article.offer", "Zahra").await;
    let offer = fatima.text("article.offer").await;
    assert!(!offer.contains("Karimi"), "no last name: {offer}");
    fatima
        .click("article.offer form.inline button[type=submit]")
        .await;
    fatima.wait_for_path(|p| p.starts_with("/matches/")).await;
    fatima.fill("check_in[minutes]", "60").await;
    fatima
        .fill("check_in[note]", "Coffee and a walk to the library")
        .await;
    fatima.click("form.stack button[type=submit]").await;
    fatima.wait_for_text("#check-ins + ul", "60 min").await;

    // Kadri sees the hour on the matching board.
    kadri.open("/matching").await;
    kadri.wait_for_text("main", "Fatima Noori").await;
    let xpath = "//table//tr[td[contains(., 'Fatima Noori')]][td[normalize-space(.)='1.0']]";
    kadri
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::XPath(xpath))
        .await
        .expect("one hour for Fatima");
    kadri.close().await;
    fatima.close().await;
}
