//! Configuration from the command line and the environment.

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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite:./data/tugi.db".into(),
            bind: "127.0.0.1:3000".into(),
            secure_cookies: false,
            site_root: "target/site".into(),
        }
    }
}
