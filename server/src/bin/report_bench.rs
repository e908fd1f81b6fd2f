//! Report benchmark: the delivery report for a year and both offices over 5,000 households and
//! 100,000 events (five people, each with 1,000 households and 20,000 meetings and
//! consultations), as `/reports` and `/reports.csv` compute it. Prints the time of the page's
//! tables, and of the page with every table's CSV (each CSV download counts the report again).
//!
//! cargo run --release -p tugi-server --features bench --bin report-bench [-- RUNS]
//!
//! With `DATABASE_URL=postgres://…` it measures on that (empty) database instead of a temporary
//! SQLite file.

use chrono::Datelike;
use std::time::Instant;
use tugi_app::api::report::build;
use tugi_app::db::Db;
use tugi_app::domain::report::{csv_text, ReportPeriod};
use tugi_app::i18n::Locale;
use tugi_server::bench_data::{caseload, millis, summary};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5)
        .max(1);
    let folder = std::env::temp_dir().join(format!("tugi-report-bench-{}", std::process::id()));
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite:{}", folder.join("bench.db").display()));
    let db = Db::connect(&url).await?;
    db.migrate().await?;
    let now = tugi_app::db::now();
    let seeding = Instant::now();
    for n in 0..5 {
        caseload(&db, n, 1_000, 20_000, now).await?;
    }
    db.refresh_statistics(true).await?;
    let seeded = seeding.elapsed();
    let today = tugi_app::domain::schedule::tallinn_wall_clock(now)
        .map(|(d, _)| d)
        .ok_or("no date")?;
    let year = ReportPeriod::parse(
        &format!("{}-01-01", today.year()),
        &format!("{}-12-31", today.year()),
    )
    .map_err(|e| format!("{e:?}"))?;

    let mut page = Vec::with_capacity(runs);
    let mut everything = Vec::with_capacity(runs);
    let mut people = String::new();
    let mut tables = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let report = build(&db, year, None, Locale::en).await?;
        page.push(started.elapsed());
        tables = report.tables.len();
        people = report.tables[0]
            .rows
            .last()
            .and_then(|r| r.last())
            .cloned()
            .unwrap_or_default();
        for table in &report.tables {
            // A CSV download counts the whole report again, then writes its one table.
            let again = build(&db, year, None, Locale::en).await?;
            let same = again
                .tables
                .iter()
                .find(|t| t.id == table.id)
                .ok_or("table")?;
            std::hint::black_box(csv_text(&same.headers, &same.rows));
        }
        everything.push(started.elapsed());
    }
    db.close().await;
    let _ = std::fs::remove_dir_all(&folder);
    println!(
        "database:             {}",
        url.split(':').next().unwrap_or_default()
    );
    println!(
        "households, events:   5,000, 100,000 (seeded in {})",
        millis(seeded)
    );
    println!("period:               {} – {}", year.from, year.to);
    println!("tables:               {tables}; people reached: {people}");
    println!("page (all tables):    {}", summary(&mut page));
    println!("page and every CSV:   {}", summary(&mut everything));
    println!("runs:                 {runs}");
    Ok(())
}
