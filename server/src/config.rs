//! Configuration from the command line and the environment.

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite:./data/tugi.db` (default) or `postgres://user:pass@host/db`.
    pub database_url: String,
    /// Address to listen on, for example `127.0.0.1:3000`.
    pub bind: String,
    /// Mark cookies `Secure`; set it when Tugi is served over HTTPS.
    pub secure_cookies: bool,
    /// Folder with the built browser files (`pkg/`).
    pub site_root: String,
    /// Where outgoing messages go.
    pub mail: MailConfig,
    /// Run the background jobs (sending the outbox, queueing reminders) in this process.
    pub background_jobs: bool,
    /// The address links in messages point to, for example `https://tugi.example.ee`.
    pub public_url: String,
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
        }
    }
}
