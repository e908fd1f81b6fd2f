//! Feed benchmark: one person's subscription feed of 10,000 events (by default), read from a
//! fresh database and rendered as iCalendar, as `/calendar/feed/<token>.ics` serves it. Prints
//! the time of the database read plus rendering, of rendering alone, and the bytes.
//!
//! cargo run --release -p tugi-server --features bench --bin feed-bench [-- EVENTS RUNS]
//!
//! With `DATABASE_URL=postgres://…` it measures on that (empty) database instead of a temporary
//! SQLite file.

use std::time::Instant;
use tugi_app::api::calendar_feed::{feed_window, personal, render};
use tugi_app::db::{agenda, Db};
use tugi_app::domain::InterfaceLanguage;
use tugi_server::bench_data::{caseload, summary};

// The same allocator as the server, so that the figures are those of a served feed.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const BASE_URL: &str = "https://tugi.example.ee";
fn arg(n: usize, default: usize) -> usize {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (events, runs) = (arg(1, 10_000), arg(2, 10).max(1));
    let folder = std::env::temp_dir().join(format!("tugi-feed-bench-{}", std::process::id()));
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite:{}", folder.join("bench.db").display()));
    let db = Db::connect(&url).await?;
    db.migrate().await?;
    let now = tugi_app::db::now();
    let person = caseload(&db, 0, 100, events, now).await?;

    let mut whole = Vec::with_capacity(runs);
    let mut feed = None;
    for _ in 0..runs {
        let started = Instant::now();
        feed = Some(personal(&db, person, now, BASE_URL).await?);
        whole.push(started.elapsed());
    }
    let rows = agenda::personal(&db, person, feed_window(now)).await?;
    let mut rendering = Vec::with_capacity(runs);
    for _ in 0..runs {
        let rows = rows.clone();
        let started = Instant::now();
        let rendered = render(rows, "Kadri Tamm — Tugi", InterfaceLanguage::Et, BASE_URL);
        rendering.push(started.elapsed());
        std::hint::black_box(rendered);
    }
    db.close().await;
    let _ = std::fs::remove_dir_all(&folder);

    let feed = feed.ok_or("no run")?;
    let lines = feed.body.matches("\r\n").count();
    println!(
        "database:        {}",
        url.split(':').next().unwrap_or_default()
    );
    println!("events in feed:  {}", feed.events);
    println!("bytes:           {} ({lines} lines)", feed.body.len());
    println!("read + render:   {}", summary(&mut whole));
    println!("render only:     {}", summary(&mut rendering));
    println!("runs:            {runs}");
    Ok(())
}
