//! Database access (server only). One module per aggregate; every statement is plain SQL with
//! `$N` placeholders that both SQLite and PostgreSQL accept, run through sqlx's `Any` driver so
//! that one build serves both. Integration tests run every query on both databases.

pub mod accounts;
pub mod activity_types;
pub mod agenda;
pub mod assignments;
pub mod audit;
pub mod busy_subscriptions;
pub mod calendar;
pub mod calendar_feeds;
pub mod checklist;
pub mod codes;
pub mod consultations;
pub mod country_offices;
pub mod household_data;
pub mod households;
pub mod intake;
pub mod invites;
pub mod matching;
pub mod meetings;
pub mod office_hours;
pub mod offices;
pub mod outbox;
pub mod password_resets;
pub mod recipients;
pub mod report;
pub mod retention;
pub mod return_cases;
pub mod sessions;
pub mod site_settings;
pub mod support_persons;
pub mod throttle;
pub mod visitor_drafts;
pub mod volunteers;
pub mod workshop_seats;
pub mod workshop_views;
pub mod workshops;

use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::path::Path;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database pool and which kind of database it talks to.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

pub type Tx = Transaction<'static, Any>;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

impl Db {
    /// Connects to `sqlite:path` (the file and its folder are created) or `postgres://...`.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        install_default_drivers();
        let backend = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(sqlx::Error::Configuration(
                "DATABASE_URL must start with sqlite: or postgres://".into(),
            ));
        };
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let options = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            // A burst (a popular workshop opening) queues on one row lock; waiting for a
            // connection is better than failing, up to well inside the 30 s request timeout.
            .acquire_timeout(Duration::from_secs(25))
            // A ping before each use is one more round trip per statement; a SQLite file does
            // not go away like a PostgreSQL connection can.
            .test_before_acquire(backend == Backend::Postgres);
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // Safe with WAL, and much faster than FULL.
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA busy_timeout = 10000").await?;
                    Ok(())
                })
            })
        } else {
            options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // A stuck statement or a transaction left open (a crashed request) must not
                    // hold locks for long: both end well inside the 30 s request timeout.
                    conn.execute("SET statement_timeout = '20s'").await?;
                    conn.execute("SET idle_in_transaction_session_timeout = '30s'")
                        .await?;
                    Ok(())
                })
            })
        };
        let pool = options.connect(&url).await?;
        if backend == Backend::Sqlite {
            // Persistent in the file: readers never wait for the writer.
            pool.execute("PRAGMA journal_mode = WAL").await?;
        }
        Ok(Db { pool, backend })
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await,
        }
    }

    /// Gives SQLite's query planner fresh statistics (PostgreSQL's autovacuum keeps its own).
    /// Without them it may drive a join from the largest table: a personal calendar feed of
    /// 10,000 events reads twice as fast with them. Bounded, so that it stays quick on a large
    /// database; `full` analyses every table, otherwise only those that changed much.
    pub async fn refresh_statistics(&self, full: bool) -> Result<(), sqlx::Error> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        let mut conn = self.pool.acquire().await?;
        conn.execute("PRAGMA analysis_limit = 1000").await?;
        conn.execute(if full { "ANALYZE" } else { "PRAGMA optimize" })
            .await?;
        Ok(())
    }

    /// The newest migration this build knows for its kind of database.
    pub fn latest_migration(&self) -> i64 {
        latest_migration(self.backend)
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A transaction for a state change. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`) so that checks made inside it still hold at commit.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Answers whether the database is reachable, for `/healthz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The newest migration this build knows for a kind of database.
pub fn latest_migration(backend: Backend) -> i64 {
    let migrator = match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    };
    migrator.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Creates the folder of a SQLite file and asks sqlx to create the file when it is missing.
fn prepare_sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(url.to_string());
    }
    if let Some(parent) = Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|e| sqlx::Error::Configuration(e.into()))?;
        }
    }
    Ok(if rest.contains("mode=") {
        format!("sqlite://{rest}")
    } else if rest.contains('?') {
        format!("sqlite://{rest}&mode=rwc")
    } else {
        format!("sqlite://{rest}?mode=rwc")
    })
}

/// The current instant as UTC unix seconds, the form every `*_at` column holds.
/// Whether an error means the database is out of reach for now (restarting, unreachable, out of
/// connections, busy past the wait, a statement cut by its timeout) rather than a fault in the
/// request: such requests answer 503 and may be tried again.
pub fn is_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(e) => e.code().is_some_and(|code| unavailable_code(&code)),
        _ => false,
    }
}

/// PostgreSQL's connection exceptions (08), operator intervention (57: shutdown, restart,
/// statement timeout), too many connections (53300); SQLite's busy and locked (5, 6).
fn unavailable_code(code: &str) -> bool {
    code.starts_with("08")
        || code.starts_with("57")
        || code == "53300"
        || code == "5"
        || code == "6"
}

pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// (owner id, language code, level code) rows as (owner id, proficiency); rows with a code
/// Tugi no longer knows are skipped.
pub fn proficiencies(
    rows: Vec<(i64, crate::domain::Language, crate::domain::Level)>,
) -> Vec<(i64, crate::domain::Proficiency)> {
    rows.into_iter()
        .map(|(id, language, level)| (id, crate::domain::Proficiency { language, level }))
        .collect()
}

/// Escapes `%`, `_` and `\` so user text matches literally inside `LIKE ... ESCAPE '\'`.
pub fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_transient_database_errors_are_unavailable() {
        assert!(super::is_unavailable(&sqlx::Error::PoolTimedOut));
        assert!(super::unavailable_code("57P01"), "admin shutdown");
        assert!(super::unavailable_code("08006"), "connection failure");
        assert!(super::unavailable_code("57014"), "statement timeout");
        assert!(super::unavailable_code("5"), "SQLite busy");
        assert!(
            !super::unavailable_code("23505"),
            "a unique violation is a fault"
        );
        assert!(!super::unavailable_code("2067"), "SQLite unique");
        assert!(!super::is_unavailable(&sqlx::Error::RowNotFound));
    }

    use super::*;

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern("50%_Ab"), "%50\\%\\_ab%");
        assert_eq!(like_pattern("ОЛЕНА"), "%олена%");
    }

    #[test]
    fn sqlite_urls_gain_create_mode() {
        let dir = std::env::temp_dir().join("tugi-url-test");
        let url = format!("sqlite:{}/x.db", dir.display());
        assert!(prepare_sqlite_url(&url).unwrap().ends_with("x.db?mode=rwc"));
        assert!(dir.exists());
    }
}
