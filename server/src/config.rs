//! Configuration from the command line and the environment.

use std::path::PathBuf;
use tugi_app::domain::Retention;

#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite:./data/tugi.db` (default) or `postgres://user:pass@host/db`.
    pub database_url: String,
    /// Address to listen on, for example `127.0.0.1:3000`.
    pub bind: String,
    /// Mark cookies `Secure`. Always on when `public_url` is https; set it by hand only when
    /// HTTPS is served under another address.
    pub secure_cookies: bool,
    /// Folder with the built browser files (`pkg/`).
    pub site_root: String,
    /// Where outgoing messages go.
    pub mail: MailConfig,
    /// Run the background jobs (sending the outbox, queueing reminders) in this process.
    pub background_jobs: bool,
    /// The address links in messages point to, for example `https://tugi.example.ee`; also the
    /// origin that state-changing requests must come from.
    pub public_url: String,
    /// The header in which the reverse proxy in front of Tugi passes the client's address
    /// (`X-Forwarded-For`, `X-Real-IP`); `None` when Tugi faces clients directly. Only set it
    /// behind a proxy that overwrites the header: otherwise clients choose their address.
    pub trusted_proxy_header: Option<String>,
    /// A session ends after this long without a request (shared reception PCs).
    pub session_idle_secs: i64,
    /// How long the retention job keeps closed households, message texts and audit rows.
    pub retention: Retention,
    /// The organisation's name, at the head of printed attendance sheets.
    pub organisation: String,
    /// Seconds a page for visitors without a login is kept and served again (0: never).
    pub page_cache_secs: u64,
    /// The deadline for reading a followed calendar, redirects included.
    pub calendar_fetch_secs: u64,
}

impl Config {
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `smtp://host:25`, `smtp://user:pass@host:587?tls=required` or `smtps://user:pass@host`;
    /// `None` writes each message as an .eml file into `outbox_dir` instead.
    pub smtp_url: Option<String>,
    /// The sender, `Tugi <tugi@example.ee>`.
    pub from: String,
    pub outbox_dir: PathBuf,
    /// Seconds between runs of the worker.
    pub interval_secs: u64,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            smtp_url: None,
            from: "Tugi <tugi@localhost>".into(),
            outbox_dir: PathBuf::from("data/outbox"),
            interval_secs: 10,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite:./data/tugi.db".into(),
            bind: "127.0.0.1:3000".into(),
            secure_cookies: false,
            site_root: "target/site".into(),
            mail: MailConfig::default(),
            background_jobs: true,
            public_url: "http://127.0.0.1:3000".into(),
            trusted_proxy_header: None,
            session_idle_secs: 2 * 3600,
            retention: Retention::default(),
            organisation: String::new(),
            page_cache_secs: 5,
            calendar_fetch_secs: 10,
        }
    }
}
