//! Backups of the embedded SQLite database: `tugi backup FILE` copies a running database
//! consistently (`VACUUM INTO`, which reads one snapshot while writers go on), and `tugi restore
//! FILE` puts such a copy in place of a stopped instance's database after checking that it is an
//! intact Tugi database of this or an older schema. PostgreSQL is backed up with `pg_dump` (see
//! the README).

use sqlx::{AnyConnection, Connection};
use std::path::{Path, PathBuf};
use tugi_app::db::{self, Backend, Db};

type Error = Box<dyn std::error::Error + Send + Sync>;

/// The SQLite file of a `sqlite:` database URL.
pub fn sqlite_path(database_url: &str) -> Option<PathBuf> {
    let rest = database_url.strip_prefix("sqlite:")?;
    let rest = rest.trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty()).then(|| PathBuf::from(path))
}

/// Writes a consistent copy of the live database to `file` (which must not exist yet).
pub async fn backup(db: &Db, file: &Path) -> Result<(), Error> {
    if db.backend() != Backend::Sqlite {
        return Err("this database is PostgreSQL: back it up with pg_dump (see the README)".into());
    }
    if file.exists() {
        return Err(format!("{} exists already; choose a new file name", file.display()).into());
    }
    if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let target = file.to_string_lossy().replace('\'', "''");
    sqlx::query(&format!("VACUUM INTO '{target}'"))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// What a backup file holds, as read before it is restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    /// The newest migration applied to it.
    pub schema: i64,
    /// (table, rows) of the main tables.
    pub counts: Vec<(String, i64)>,
}

/// Tables whose row counts a restore reports.
pub const COUNTED: [&str; 8] = [
    "accounts",
    "offices",
    "households",
    "members",
    "events",
    "consultations",
    "registrations",
    "outbox",
];

/// Opens `file` read-only and checks that it is an intact Tugi database whose schema this build
/// knows (not newer).
pub async fn inspect(file: &Path) -> Result<BackupInfo, Error> {
    if !file.is_file() {
        return Err(format!("{} is not a file", file.display()).into());
    }
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", file.display());
    let mut conn = AnyConnection::connect(&url)
        .await
        .map_err(|_| format!("{} is not a SQLite database", file.display()))?;
    let (check,): (String,) = sqlx::query_as("PRAGMA quick_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|_| format!("{} is not a SQLite database", file.display()))?;
    if check != "ok" {
        return Err(format!("{} is damaged: {check}", file.display()).into());
    }
    let schema: Option<(i64,)> =
        sqlx::query_as("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_optional(&mut conn)
            .await
            .map_err(|_| format!("{} is not a Tugi database", file.display()))?;
    let schema = schema.map(|(v,)| v).unwrap_or(0);
    let latest = db::latest_migration(Backend::Sqlite);
    if schema == 0 {
        return Err(format!("{} is not a Tugi database", file.display()).into());
    }
    if schema > latest {
        return Err(format!(
            "{} comes from a newer Tugi (schema {schema}; this one knows up to {latest}): \
             upgrade Tugi first",
            file.display()
        )
        .into());
    }
    let mut counts = Vec::new();
    for table in COUNTED {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&mut conn)
            .await
            .map_err(|_| format!("{} is not a Tugi database (no {table})", file.display()))?;
        counts.push((table.to_string(), n));
    }
    conn.close().await?;
    Ok(BackupInfo { schema, counts })
}

/// Replaces the (stopped) instance's database at `target` with the checked copy `file`; the
/// database it replaces is kept beside it as `<name>.before-restore-<unix time>`.
pub async fn restore(file: &Path, target: &Path) -> Result<BackupInfo, Error> {
    let info = inspect(file).await?;
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let incoming = target.with_extension("restoring");
    std::fs::copy(file, &incoming)?;
    if target.exists() {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("tugi.db");
        std::fs::rename(
            target,
            target.with_file_name(format!("{name}.before-restore-{stamp}")),
        )?;
    }
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", target.display()));
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    std::fs::rename(&incoming, target)?;
    Ok(info)
}
