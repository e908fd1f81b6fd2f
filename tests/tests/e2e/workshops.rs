//! Workshops on a phone: a beneficiary in Russian signs up herself and her daughter for the
//! Tartu women's group, another woman takes the last place, a third waits, gets the place
//! when one cancels and accepts it; the facilitator marks attendance.

use super::browser::{Browser, Session};
use super::log_in;

/// Opens the Tartu women's group from the public list, through its filter form.
async fn open_womens_group(s: &Session, heading: &str) {
    s.open("/workshops").await;
    let tartu = super::option_value(s, "f-office", "Tartu").await;
    s.select("office", &tartu).await;
    s.select("activity", "womens_group").await;
    s.click("form.filters button").await;
    s.wait_for_text("ul.workshops", heading).await;
    s.click("ul.workshops h2 a").await;
    s.wait_for_path(|p| p.starts_with("/workshops/") && p != "/workshops")
        .await;
    s.wait_for_text("h1", heading).await;
}

async fn tick(s: &Session, name: &str) {
    s.click_xpath(&format!(
        "//fieldset[@id='f-people']//label[normalize-space()='{name}']"
    ))
    .await;
}

async fn sign_up(s: &Session) {
    s.click("#f-people ~ button[type=submit]").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_in_russian_a_family_signs_up_a_third_waits_and_the_facilitator_marks_attendance(
) {
    let browser = Browser::start().await;

    // Olena switches to Russian and signs up herself and her daughter.
    let olena = browser.session(true).await;
    log_in(&olena, "beneficiary@tugi.demo").await;
    olena.click(".lang-switch button[lang=ru]").await;
    olena.wait_for_language("ru").await;
    assert_eq!(olena.attr("html", "lang").await.as_deref(), Some("ru"));
    open_womens_group(&olena, "Женская группа").await;
    olena.wait_for_text("dl.facts", "Свободных мест: 3").await;
    tick(&olena, "Olena Kovalenko").await;
    tick(&olena, "Iryna Kovalenko").await;
    olena.fill("form[childcare]", "Нет").await;
    sign_up(&olena).await;
    olena.wait_for_text("#done", "Вы записаны").await;
    olena.wait_for_focus("done").await;
    olena.wait_for_text("dl.facts", "Свободных мест: 1").await;

    // Noor takes the last place.
    let noor = browser.session(true).await;
    log_in(&noor, "beneficiary3@tugi.demo").await;
    open_womens_group(&noor, "Women's group").await;
    tick(&noor, "Noor Haddad").await;
    sign_up(&noor).await;
    noor.wait_for_text("#done", "You are signed up").await;

    // Zahra finds it full and joins the waitlist.
    let zahra = browser.session(true).await;
    log_in(&zahra, "beneficiary4@tugi.demo").await;
    open_womens_group(&zahra, "Women's group").await;
    zahra.wait_for_text("dl.facts", "Full").await;
    tick(&zahra, "Zahra Rahimi").await;
    sign_up(&zahra).await;
    zahra
        .wait_for_text("#done", "you are on the waitlist")
        .await;
    zahra.wait_for_focus("done").await;
    zahra
        .wait_for_text("article.sign-up", "Place on the waitlist: 1")
        .await;

    // Noor cancels; the place is offered to Zahra, who accepts it.
    noor.open("/my-workshops").await;
    noor.wait_for_text("main", "Confirmed").await;
    // Cancelling asks once.
    noor.click("article.sign-up .actions details.confirm summary")
        .await;
    noor.click("article.sign-up .actions details.confirm form button")
        .await;
    noor.wait_for_text("#done", "The sign-up has been cancelled")
        .await;
    noor.wait_for_text("main", "have not signed up").await;
    zahra.open("/my-workshops").await;
    zahra.wait_for_text("main", "Places offered to you").await;
    zahra
        .wait_for_text("article.status-offered", "held for you until")
        .await;
    zahra.click("article.status-offered form button").await;
    zahra.wait_for_text("article.sign-up", "Confirmed").await;

    // Kätlin opens the roster of the first session, a few days ago: they signed up after it,
    // so they are not on it. On the day of the next session she marks everyone present.
    let katlin = browser.session(true).await;
    log_in(&katlin, "facilitator2@tugi.demo").await;
    katlin.open("/workshops/manage").await;
    katlin
        .click_xpath("//article[.//a[normalize-space()='Naistegrupp']]//summary")
        .await;
    let sessions = katlin
        .client
        .find_all(fantoccini::Locator::XPath(
            "//article[.//a[normalize-space()='Naistegrupp']]//ul[@class='sessions']//a[contains(@href, '/workshops/sessions/')]",
        ))
        .await
        .expect("the sessions");
    let mut rosters = Vec::new();
    for link in sessions {
        rosters.push(link.attr("href").await.ok().flatten().expect("href"));
    }
    katlin.open(&rosters[0]).await;
    katlin.wait_for_text("main", "Naistegrupp").await;
    let past = katlin.text("main").await;
    assert!(
        !past.contains("Olena Kovalenko"),
        "not at a session before she signed up"
    );
    // The roster's address names the session: /workshops/sessions/<event id>/…
    let session: i64 = rosters[1]
        .split('/')
        .find_map(|part| part.parse().ok())
        .expect("the session's id");
    let start: i64 = sqlx::query_scalar("SELECT starts_at FROM events WHERE id = $1")
        .bind(session)
        .fetch_one(browser.db.pool())
        .await
        .expect("the session");
    browser.clock.set(start + 30 * 60);
    katlin.open(&rosters[1]).await;
    for name in ["Olena Kovalenko", "Iryna Kovalenko", "Zahra Rahimi"] {
        katlin.wait_for_text("table.roster", name).await;
        katlin
            .click_xpath(&format!(
                "//tr[th[normalize-space()='{name}']]//label[normalize-space()='Kohal']"
            ))
            .await;
    }
    let roster = katlin.text("table.roster").await;
    assert!(!roster.contains("Noor Haddad"), "she cancelled");
    katlin
        .click("form.roster-form .actions button[type=submit]")
        .await;
    katlin
        .wait_for_text("#done", "Kohalolek on salvestatud")
        .await;
    katlin.open("/workshops/manage").await;
    katlin.wait_for_text("main", "100 %").await;
    for s in [olena, noor, zahra, katlin] {
        s.close().await;
    }
}
