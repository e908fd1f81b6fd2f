//! Spawns the real server on a random port with a fresh database, SQLite or PostgreSQL, and
//! gives HTTP clients that keep cookies.

use reqwest::header::{ACCEPT, REFERER};
use reqwest::{redirect, Client, Response};
use std::sync::atomic::{AtomicU32, Ordering};
use tugi_app::api::credentials::hash_password;
use tugi_app::db::{self, Db};
use tugi_app::domain::{InterfaceLanguage, Role, Roles};
use tugi_server::config::Config;

pub const PASSWORD: &str = "test-password-1";

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub coordinator_id: i64,
    /// The server's clock: tests move it to stand at a chosen time.
    pub clock: tugi_app::api::context::Clock,
    /// The SQLite file, removed when the test ends.
    sqlite_file: Option<std::path::PathBuf>,
    /// How the server was started, for more instances on the same database.
    config: Config,
    /// The pools of further instances, closed with the test.
    instances: std::sync::Mutex<Vec<Db>>,
}

impl TestApp {
    /// "SQLite" or "PostgreSQL", for figures printed by tests.
    pub fn backend_name(&self) -> &'static str {
        if self.sqlite_file.is_some() {
            "SQLite"
        } else {
            "PostgreSQL"
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // The server lives on in the shared runtime; its connections must not: a hundred
        // finished tests' idle pools would use up PostgreSQL's connection slots.
        let mut pools = vec![self.db.clone()];
        if let Ok(mut more) = self.instances.lock() {
            pools.append(&mut more);
        }
        server_runtime().spawn(async move {
            for db in pools {
                db.close().await;
            }
        });
        if let Some(file) = &self.sqlite_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
    }
}

/// A database name nobody else uses.
pub fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "tugi_test_{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A SQLite database of its own, in a temporary file that `SqliteFile`'s drop removes.
pub struct SqliteFile {
    pub db: Db,
    file: std::path::PathBuf,
}

impl SqliteFile {
    pub async fn fresh() -> SqliteFile {
        let file = std::env::temp_dir()
            .join("tugi-tests")
            .join(format!("{}.db", unique_name()));
        let db = Db::connect(&format!("sqlite:{}", file.display()))
            .await
            .expect("sqlite");
        SqliteFile { db, file }
    }

    pub async fn close(self) {
        self.db.close().await;
    }
}

impl Drop for SqliteFile {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.file.display()));
        }
    }
}

/// `TUGI_TEST_POSTGRES_URL` names a server where each test creates its own database;
/// `scripts/test.sh` starts one and sets it.
pub async fn postgres_url() -> String {
    let base = std::env::var("TUGI_TEST_POSTGRES_URL")
        .expect("TUGI_TEST_POSTGRES_URL is not set: run scripts/test.sh, which starts PostgreSQL");
    let name = unique_name();
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&base)
        .await
        .expect("connect to the test PostgreSQL server");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create a test database");
    let (prefix, _) = base.rsplit_once('/').expect("URL with a database name");
    format!("{prefix}/{name}")
}

pub fn site_root() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site").to_string()
}

/// Every test server runs on this one runtime, which lives as long as the test process: each
/// test's own runtime ends with the test, and Leptos' rendering does not expect servers on many
/// short-lived runtimes in one process (responses could stall).
pub fn server_runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("server runtime")
    })
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// `spawn_app` with some of the configuration changed (public address, proxy header, ...).
pub async fn spawn_app_with(backend: Backend, configure: impl FnOnce(&mut Config)) -> TestApp {
    let (database_url, sqlite_file) = match backend {
        Backend::Sqlite => {
            let file = std::env::temp_dir()
                .join("tugi-tests")
                .join(format!("{}.db", unique_name()));
            (format!("sqlite:{}", file.display()), Some(file))
        }
        Backend::Postgres => (postgres_url().await, None),
    };
    let mut config = Config {
        database_url,
        bind: "127.0.0.1:0".into(),
        secure_cookies: false,
        site_root: site_root(),
        // Tests run the jobs themselves, at the time they choose.
        background_jobs: false,
        // Tests change data behind the server's back; the page cache has a test of its own.
        page_cache_secs: 0,
        ..Config::default()
    };
    configure(&mut config);
    let started = config.clone();
    let (addr, db, clock) = server_runtime()
        .spawn(async move {
            let running = tugi_server::spawn(&config).await.expect("server starts");
            (running.addr, running.db, running.clock)
        })
        .await
        .expect("server task");
    let hash = hash_password(PASSWORD.into()).await.expect("hash");
    let mut tx = db.begin().await.expect("tx");
    let mut coordinator_id = 0;
    for (email, name, role, language) in [
        (
            "coordinator@test.ee",
            "Kadri Coordinator",
            Role::Coordinator,
            InterfaceLanguage::En,
        ),
        (
            "admin@test.ee",
            "Maris Admin",
            Role::Admin,
            InterfaceLanguage::En,
        ),
        (
            "beneficiary@test.ee",
            "Olena Beneficiary",
            Role::Beneficiary,
            InterfaceLanguage::Uk,
        ),
        (
            "volunteer@test.ee",
            "Liis Volunteer",
            Role::Volunteer,
            InterfaceLanguage::Et,
        ),
        (
            "support@test.ee",
            "Sirje Support",
            Role::SupportPerson,
            InterfaceLanguage::En,
        ),
        (
            "support2@test.ee",
            "Toomas Support",
            Role::SupportPerson,
            InterfaceLanguage::En,
        ),
    ] {
        let id = db::accounts::create(
            &mut tx,
            email,
            name,
            &hash,
            language,
            &Roles::new(vec![role]),
        )
        .await
        .expect("account");
        if role == Role::Coordinator {
            coordinator_id = id;
        }
    }
    tx.commit().await.expect("commit");
    TestApp {
        base: format!("http://{addr}"),
        db,
        coordinator_id,
        clock,
        sqlite_file,
        config: started,
        instances: std::sync::Mutex::new(Vec::new()),
    }
}

impl TestApp {
    /// The base addresses requests are spread over: on PostgreSQL this server and a second
    /// instance on the same database, as behind a load balancer; SQLite serves one process.
    pub async fn instances(&self) -> Vec<String> {
        if self.sqlite_file.is_some() {
            return vec![self.base.clone()];
        }
        let config = self.config.clone();
        // The second instance's clock stands where this one's does (tests may have moved it).
        let now = self.clock.now();
        let (addr, db) = server_runtime()
            .spawn(async move {
                let running = tugi_server::spawn(&config)
                    .await
                    .expect("second instance starts");
                running.clock.set(now);
                (running.addr, running.db)
            })
            .await
            .expect("server task");
        if let Ok(mut more) = self.instances.lock() {
            more.push(db);
        }
        vec![self.base.clone(), format!("http://{addr}")]
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A browser-like client with its own cookies that does not follow redirects.
    pub fn client(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .redirect(redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("client")
    }

    /// Calls a server function as the app's own JavaScript does (answers JSON).
    pub async fn api(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Posts a form as a browser without JavaScript does (answers with redirects).
    pub async fn plain_post(
        &self,
        client: &Client,
        endpoint: &str,
        form: &[(&str, &str)],
        from_page: &str,
    ) -> Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(ACCEPT, "text/html,application/xhtml+xml")
            .header(REFERER, self.url(from_page))
            .form(form)
            .send()
            .await
            .expect("request")
    }

    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client.get(self.url(path)).send().await.expect("request")
    }

    pub async fn page(&self, client: &Client, path: &str) -> (u16, String) {
        let res = self.get(client, path).await;
        let status = res.status().as_u16();
        (status, res.text().await.unwrap_or_default())
    }

    /// A page as an anonymous browser asking for `accept_language` (none: no header) sees it.
    pub async fn page_in_language(
        &self,
        path: &str,
        accept_language: Option<&str>,
    ) -> (u16, String) {
        let mut request = self.client().get(self.url(path));
        if let Some(languages) = accept_language {
            request = request.header("accept-language", languages);
        }
        let res = request.send().await.expect("request");
        let status = res.status().as_u16();
        (status, res.text().await.unwrap_or_default())
    }

    /// A client logged in as `email`.
    pub async fn login_as(&self, email: &str) -> Client {
        let client = self.client();
        let res = self
            .api(
                &client,
                "login",
                &[("email", email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(res.status().as_u16(), 200, "login as {email}");
        client
    }

    /// The id of the account with this email.
    pub async fn account_id(&self, email: &str) -> i64 {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM accounts WHERE email = $1")
            .bind(email)
            .fetch_one(self.db.pool())
            .await
            .expect("account");
        id
    }

    pub async fn count(&self, table: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.db.pool())
            .await
            .expect("count");
        n
    }
}

/// The JSON error body of a failed server-function call.
pub async fn error_of(res: Response) -> serde_json::Value {
    res.json().await.expect("JSON error body")
}

/// The (field, code) pairs of a refused form; a code with data is named by its variant.
pub async fn refusals(res: Response) -> Vec<(String, String)> {
    let body = error_of(res).await;
    body["Invalid"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    let code = match &e["code"] {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Object(o) => {
                            o.keys().next().cloned().unwrap_or_default()
                        }
                        other => other.to_string(),
                    };
                    (e["field"].as_str().unwrap_or_default().to_string(), code)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Asserts that `res` is a 422 naming `code` for `field`.
pub async fn assert_refused(res: Response, field: &str, code: &str) {
    assert_eq!(res.status().as_u16(), 422, "{field} {code}");
    let found = refusals(res).await;
    assert!(
        found.iter().any(|(f, c)| f == field && c == code),
        "expected {field}: {code}, got {found:?}"
    );
}

/// Runs one test body against a fresh app on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    // Each app started with `configure(&mut Config)` applied.
    (configured $configure:ident; $($name:ident),+ $(,)?) => {
        $(
            mod $name {
                use $crate::helpers::{spawn_app_with, Backend};
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(spawn_app_with(Backend::Sqlite, super::$configure).await).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name(spawn_app_with(Backend::Postgres, super::$configure).await).await
                }
            }
        )+
    };
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                use $crate::helpers::{spawn_app, Backend};
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(spawn_app(Backend::Sqlite).await).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name(spawn_app(Backend::Postgres).await).await
                }
            }
        )+
    };
}
