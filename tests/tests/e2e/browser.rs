//! A server with demo data, ChromeDriver, and helpers that act as a person in the browser.

use fantoccini::{elements::Element, wd::Capabilities, Client, ClientBuilder, Locator};
use serde_json::json;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tugi_server::config::Config;

/// One test at a time drives Chromium: two cores cannot run several browsers well.
static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub struct Browser {
    pub base: String,
    pub db: tugi_app::db::Db,
    /// Where the server writes outgoing messages as .eml files.
    pub outbox: std::path::PathBuf,
    /// The server's clock: a test moves it to stand on the day of a booked consultation.
    pub clock: tugi_app::api::context::Clock,
    db_file: std::path::PathBuf,
    driver: Child,
    driver_url: String,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

pub struct Session {
    pub client: Client,
    base: String,
    js: bool,
    profile: std::path::PathBuf,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    /// Starts Tugi on a fresh SQLite database with the demo data, and ChromeDriver.
    pub async fn start() -> Browser {
        Self::start_with(true).await
    }

    /// As `start`, on an empty database (no demo data), its worker sending every second.
    pub async fn start_empty() -> Browser {
        Self::start_with(false).await
    }

    async fn start_with(demo: bool) -> Browser {
        let turn = ONE_BROWSER.lock().await;
        let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site");
        assert!(
            std::path::Path::new(site).join("bundle.txt").exists(),
            "the browser bundle is missing: run scripts/build.sh first"
        );
        let db_file = std::env::temp_dir().join(format!(
            "tugi-e2e-{}-{}.db",
            std::process::id(),
            free_port()
        ));
        let config = Config {
            database_url: format!("sqlite:{}", db_file.display()),
            bind: "127.0.0.1:0".into(),
            secure_cookies: false,
            site_root: site.into(),
            mail: tugi_server::config::MailConfig {
                outbox_dir: db_file.with_extension("outbox"),
                interval_secs: 1,
                ..Default::default()
            },
            ..Config::default()
        };
        let running = tugi_server::spawn(&config).await.expect("server starts");
        if demo {
            tugi_server::demo::load_if_empty(&running.db)
                .await
                .expect("demo data");
        }

        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (scripts/test.sh installs it)");
        let driver_url = format!("http://127.0.0.1:{port}");
        let status = format!("{driver_url}/status");
        let deadline = Instant::now() + Duration::from_secs(20);
        while reqwest::get(&status)
            .await
            .map(|r| r.status().is_success())
            .ok()
            != Some(true)
        {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Browser {
            base: format!("http://{}", running.addr),
            db: running.db.clone(),
            outbox: config.mail.outbox_dir.clone(),
            clock: running.clock.clone(),
            db_file,
            driver,
            driver_url,
            _turn: turn,
        }
    }

    /// A fresh phone-sized browser asking for English pages, with or without JavaScript.
    pub async fn session(&self, javascript: bool) -> Session {
        let profile = std::env::temp_dir().join(format!("tugi-e2e-profile-{}", free_port()));
        let mut prefs = json!({ "intl.accept_languages": "en-US,en" });
        if !javascript {
            prefs["profile.managed_default_content_settings.javascript"] = json!(2);
        }
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--lang=en-US", "--window-size=390,844",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": prefs,
            }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&self.driver_url)
            .await
            .expect("a browser session");
        Session {
            client,
            base: self.base.clone(),
            js: javascript,
            profile,
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.db_file.display()));
        }
        let _ = std::fs::remove_dir_all(&self.outbox);
    }
}

const WAIT: Duration = Duration::from_secs(20);

impl Session {
    /// Opens a page; with JavaScript on, waits until it has hydrated.
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{}", self.base, path))
            .await
            .expect("page opens");
        self.settle().await;
    }

    /// With JavaScript on, waits until the page's islands are live (after a form has loaded a
    /// new page, for instance).
    pub async fn settle(&self) {
        if self.js {
            // Loading and starting the bundle is the slowest step on a busy machine.
            self.client
                .wait()
                .at_most(WAIT * 3)
                .for_element(Locator::Css("html[data-hydrated]"))
                .await
                .map_err(|e| {
                    let url = futures::executor::block_on(self.client.current_url());
                    format!("{e:?} at {url:?}")
                })
                .expect("the page hydrates");
        }
    }

    async fn by_name(&self, name: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("[name=\"{name}\"]")))
            .await
            .unwrap_or_else(|_| panic!("a field named {name}"))
    }

    pub async fn fill(&self, name: &str, value: &str) {
        let field = self.by_name(name).await;
        field.clear().await.expect("clear");
        field.send_keys(value).await.expect("type");
    }

    /// Types into the field a CSS selector names.
    pub async fn fill_css(&self, css: &str, value: &str) {
        let field = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("{css} is on the page"));
        field.clear().await.expect("clear");
        field.send_keys(value).await.expect("type");
    }

    pub async fn select(&self, name: &str, value: &str) {
        self.by_name(name)
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|_| panic!("option {value} of {name}"));
    }

    pub async fn value(&self, name: &str) -> String {
        self.by_name(name)
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Clicks the element a CSS selector names, once it is there (a page may still be loading).
    pub async fn click(&self, css: &str) {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("{css} is on the page"))
            .click()
            .await
            .expect("click");
    }

    /// Clicks the element an XPath names, once it is there.
    pub async fn click_xpath(&self, xpath: &str) {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|_| panic!("{xpath} is on the page"))
            .click()
            .await
            .expect("click");
    }

    /// Presses the submit button of the page's main form.
    pub async fn submit(&self) {
        self.click("main form button[type=submit]").await;
    }

    pub async fn text(&self, css: &str) -> String {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("{css} is on the page"))
            .text()
            .await
            .unwrap_or_default()
    }

    /// An attribute of the first element matching `css`, waiting for it to appear (a page may
    /// still be streaming or hydrating); `None` when it never does or has no such attribute.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        for _ in 0..3 {
            let element = self
                .client
                .wait()
                .at_most(WAIT)
                .for_element(Locator::Css(css))
                .await
                .ok()?;
            // Hydration may replace the element between finding and reading it: find it again.
            if let Ok(value) = element.attr(name).await {
                return value;
            }
        }
        None
    }

    /// The path of the page now open.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("url");
        url.path().to_string()
    }

    pub async fn wait_for_path(&self, wanted: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + WAIT;
        loop {
            let url = self.client.current_url().await.expect("url");
            if wanted(url.path()) {
                break;
            }
            assert!(Instant::now() < deadline, "still at {url}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.settle().await;
    }

    pub async fn wait_for_text(&self, css: &str, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if el.text().await.unwrap_or_default().contains(text) {
                    return;
                }
            }
            let source = self.client.source().await.unwrap_or_default();
            assert!(
                Instant::now() < deadline,
                "no {text:?} in {css}; page: {source}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element with `id` has the keyboard focus.
    pub async fn wait_for_focus(&self, id: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let focused = self
                .client
                .execute(
                    "return document.activeElement ? document.activeElement.id : '';",
                    vec![],
                )
                .await
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            if focused == id {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "focus is on {focused:?}, not {id}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the page is in `language` (its `<html lang>`).
    pub async fn wait_for_language(&self, language: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let lang = self.attr("html", "lang").await.unwrap_or_default();
            if lang == language {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the page is in {lang:?}, not {language}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves what the page looks like to `target/screenshots/{name}.png`, for a person to look at.
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/screenshots");
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(format!("{dir}/{name}.png"), png);
        }
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
