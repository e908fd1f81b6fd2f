//! `tugi`: serve the app, migrate the database, create the first admin, load demo data.

use clap::{Parser, Subcommand};
use tugi_app::domain::Retention;
use tugi_server::config::{Config, MailConfig};
use tugi_server::{demo, open_database, spawn};

// Many small allocations on several threads (see the workspace manifest): mimalloc keeps them
// apart where glibc's allocator makes the threads wait.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "tugi",
    about = "Tugi: support-person and adaptation services scheduler"
)]
struct Cli {
    /// `sqlite:path` or `postgres://user:password@host/database`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite:./data/tugi.db",
        global = true
    )]
    database_url: String,
    /// Address to listen on.
    #[arg(
        long,
        env = "TUGI_BIND",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    bind: String,
    /// Mark cookies Secure (serve over HTTPS).
    #[arg(
        long,
        env = "TUGI_SECURE_COOKIES",
        default_value_t = false,
        global = true
    )]
    secure_cookies: bool,
    /// The organisation's name, at the head of printed attendance sheets.
    #[arg(long, env = "TUGI_ORGANISATION", default_value = "", global = true)]
    organisation: String,
    /// Folder with the built browser files.
    #[arg(
        long,
        env = "TUGI_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    site_root: String,
    /// SMTP server for outgoing messages, `smtp://user:pass@host:587?tls=required`; without it
    /// messages are written as .eml files into TUGI_OUTBOX_DIR.
    #[arg(long, env = "TUGI_SMTP_URL", global = true)]
    smtp_url: Option<String>,
    /// Sender of outgoing messages.
    #[arg(
        long,
        env = "TUGI_MAIL_FROM",
        default_value = "Tugi <tugi@localhost>",
        global = true
    )]
    mail_from: String,
    /// Folder for .eml files when no SMTP server is configured.
    #[arg(
        long,
        env = "TUGI_OUTBOX_DIR",
        default_value = "data/outbox",
        global = true
    )]
    outbox_dir: String,
    /// Address that links in messages point to; defaults to http://<bind>.
    #[arg(long, env = "TUGI_PUBLIC_URL", global = true)]
    public_url: Option<String>,
    /// Header in which the reverse proxy passes the client's address (`X-Forwarded-For`), for
    /// login throttling per client. Only behind a proxy that sets it.
    #[arg(long, env = "TUGI_TRUSTED_PROXY_HEADER", global = true)]
    trusted_proxy_header: Option<String>,
    /// Minutes without a request after which a session ends.
    #[arg(
        long,
        env = "TUGI_SESSION_IDLE_MINUTES",
        default_value_t = 120,
        value_parser = clap::value_parser!(i64).range(5..=720),
        global = true
    )]
    session_idle_minutes: i64,
    /// Months after closing when a household is anonymised by the retention job.
    #[arg(
        long,
        env = "TUGI_RETAIN_CLOSED_MONTHS",
        default_value_t = 24,
        value_parser = clap::value_parser!(u32).range(1..=240),
        global = true
    )]
    retain_closed_months: u32,
    /// Days after which the text of a sent message is blanked.
    #[arg(
        long,
        env = "TUGI_RETAIN_MESSAGE_DAYS",
        default_value_t = 90,
        value_parser = clap::value_parser!(u32).range(1..=3650),
        global = true
    )]
    retain_message_days: u32,
    /// Years the audit log is kept.
    #[arg(
        long,
        env = "TUGI_RETAIN_AUDIT_YEARS",
        default_value_t = 5,
        value_parser = clap::value_parser!(u32).range(1..=30),
        global = true
    )]
    retain_audit_years: u32,
    /// Seconds a page for visitors without a login (home, workshop list, login) is kept and
    /// served again; 0 renders every request afresh.
    #[arg(
        long,
        env = "TUGI_PAGE_CACHE_SECONDS",
        default_value_t = 5,
        value_parser = clap::value_parser!(u64).range(0..=300),
        global = true
    )]
    page_cache_seconds: u64,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve Tugi (the default).
    Serve {
        /// Load the demo data when the database is empty.
        #[arg(long)]
        demo: bool,
    },
    /// Apply the database migrations and exit.
    Migrate,
    /// Print a one-time link through which a new admin sets their password.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
        /// The admin's language: et, en, ru or uk.
        #[arg(long, default_value = "et")]
        language: String,
    },
    /// Write a consistent copy of the running SQLite database to FILE.
    Backup { file: std::path::PathBuf },
    /// Replace the (stopped) instance's SQLite database with the checked copy FILE.
    Restore { file: std::path::PathBuf },
    /// Load the demo data into an empty database.
    SeedDemo,
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    if let Err(error) = run(Cli::parse()).await {
        eprintln!("tugi: {error}");
        std::process::exit(1);
    }
}

type Error = Box<dyn std::error::Error + Send + Sync>;

async fn run(cli: Cli) -> Result<(), Error> {
    let config = Config {
        public_url: cli
            .public_url
            .unwrap_or_else(|| format!("http://{}", cli.bind)),
        database_url: cli.database_url,
        bind: cli.bind,
        secure_cookies: cli.secure_cookies,
        site_root: cli.site_root,
        mail: MailConfig {
            smtp_url: cli.smtp_url.filter(|url| !url.trim().is_empty()),
            from: cli.mail_from,
            outbox_dir: cli.outbox_dir.into(),
            ..MailConfig::default()
        },
        background_jobs: true,
        trusted_proxy_header: cli
            .trusted_proxy_header
            .filter(|name| !name.trim().is_empty()),
        session_idle_secs: cli.session_idle_minutes * 60,
        retention: Retention {
            closed_household_months: cli.retain_closed_months,
            message_days: cli.retain_message_days,
            audit_years: cli.retain_audit_years,
        },
        organisation: cli.organisation.trim().to_string(),
        page_cache_secs: cli.page_cache_seconds,
        ..Config::default()
    };
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => serve(&config, demo).await,
        Command::Migrate => {
            open_database(&config).await?;
            println!("Database migrated.");
            Ok(())
        }
        Command::CreateAdmin {
            email,
            name,
            language,
        } => create_admin(&config, &email, &name, &language).await,
        Command::Backup { file } => {
            let db = tugi_app::db::Db::connect(&config.database_url).await?;
            tugi_server::backup::backup(&db, &file).await?;
            db.close().await;
            println!("Backup written to {}.", file.display());
            Ok(())
        }
        Command::Restore { file } => {
            let target = tugi_server::backup::sqlite_path(&config.database_url).ok_or(
                "restore is for SQLite; restore PostgreSQL with pg_restore (see the README)",
            )?;
            let info = tugi_server::backup::restore(&file, &target).await?;
            println!(
                "Restored {} (schema {}) into {}:",
                file.display(),
                info.schema,
                target.display()
            );
            for (table, n) in info.counts {
                println!("  {table:<14} {n}");
            }
            Ok(())
        }
        Command::SeedDemo => {
            let db = open_database(&config).await?;
            if demo::load_if_empty(&db).await? {
                print_demo_accounts();
            } else {
                println!("The database already has accounts; demo data was not loaded.");
            }
            Ok(())
        }
    }
}

async fn serve(config: &Config, demo: bool) -> Result<(), Error> {
    if demo {
        let db = open_database(config).await?;
        if demo::load_if_empty(&db).await? {
            println!("Demo data loaded.");
        }
        db.close().await;
        print_demo_accounts();
    }
    let running = spawn(config).await?;
    println!("Tugi is running at http://{}", running.addr);
    shutdown_signal().await;
    println!("Stopping: finishing requests in flight (up to 20 s).");
    if !running.shut_down(std::time::Duration::from_secs(20)).await {
        println!("Some requests did not finish within 20 s.");
    }
    Ok(())
}

/// Ctrl-C, or SIGTERM (as a service manager or container runtime sends it).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn print_demo_accounts() {
    println!("Demo accounts (password: {}):", demo::DEMO_PASSWORD);
    for (email, name, roles, _) in demo::demo_accounts().into_iter().take(7) {
        let roles: Vec<&str> = roles.iter().map(|r| r.code()).collect();
        println!("  {email:<30} {name:<18} {}", roles.join(", "));
    }
}

async fn create_admin(
    config: &Config,
    email: &str,
    name: &str,
    language: &str,
) -> Result<(), Error> {
    let db = open_database(config).await?;
    let token = tugi_server::first_admin::invite(&db, email, name, language).await?;
    println!("Open this link within 7 days to set the admin's password:");
    println!(
        "  {}/invite/{token}",
        config.public_url.trim_end_matches('/')
    );
    Ok(())
}
