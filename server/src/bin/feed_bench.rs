//! Feed benchmark: one person's subscription feed of 10,000 events (by default), read from a
//! fresh database and rendered as iCalendar, as `/calendar/feed/<token>.ics` serves it. Prints
//! the time of the database read plus rendering, of rendering alone, and the bytes.
//!
//! cargo run --release -p tugi-server --features bench --bin feed-bench [-- EVENTS RUNS]
//!
//! With `DATABASE_URL=postgres://…` it measures on that (empty) database instead of a temporary
//! SQLite file.

use std::time::{Duration, Instant};
use tugi_app::api::calendar_feed::{feed_window, personal, render};
use tugi_app::db::{agenda, Db};

const BASE_URL: &str = "https://tugi.example.ee";
/// First names as households give them: Latin, Cyrillic, with characters to escape.
const NAMES: [&str; 6] = [
    "Олена",
    "Mariam",
    "Дмитро",
    "Ahmad",
    "Анна-Марія",
    "Jean; Paul",
];

fn arg(n: usize, default: usize) -> usize {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

/// Half meetings as a support person, half consultations as a coordinator, spread evenly over
/// the feed's window; every tenth cancelled, every seventh moved once.
async fn seed(db: &Db, events: usize, now: i64) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let person: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (email, display_name, language, created_at) \
         VALUES ('bench@tugi.example.ee', 'Kadri Tamm', 'et', $1) RETURNING id",
    )
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let office: i64 = sqlx::query_scalar(
        "INSERT INTO offices (code, name, address, updated_at) \
         VALUES ('bench', 'Tallinn', 'Endla 10, Tallinn', $1) RETURNING id",
    )
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let households = 100;
    let mut assignments = Vec::with_capacity(households);
    let mut homes = Vec::with_capacity(households);
    for h in 0..households {
        let household: i64 = sqlx::query_scalar(
            "INSERT INTO households (city, arrival_date, channel, status, created_by, \
             created_at, updated_at) VALUES ('Tallinn', '2026-09-01', 'email', 'active', $1, $2, $2) \
             RETURNING id",
        )
        .bind(person)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO members (household_id, first_name, last_name, date_of_birth, gender, \
             created_at) VALUES ($1, $2, 'Bench', '1990-01-01', 'female', $3)",
        )
        .bind(household)
        .bind(NAMES[h % NAMES.len()])
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let assignment: i64 = sqlx::query_scalar(
            "INSERT INTO assignments (household_id, support_person_id, start_date, planned_end, \
             first_planned_end, status, created_by, created_at, updated_at) \
             VALUES ($1, $2, '2026-09-01', '2026-12-31', '2026-12-31', 'active', $2, $3, $3) \
             RETURNING id",
        )
        .bind(household)
        .bind(person)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        homes.push(household);
        assignments.push(assignment);
    }
    let window = feed_window(now).span;
    let step = (window.end - window.start) / events.max(1) as i64;
    for n in 0..events {
        let starts_at = window.start + n as i64 * step;
        let meeting = n % 2 == 0;
        let status = if n % 10 == 3 {
            "cancelled"
        } else {
            "confirmed"
        };
        let place =
            (n % 3 == 0).then_some("Kohvik „Maiasmokk“, Pikk 16; 2. korrus\nsissepääs hoovist");
        let event: i64 = sqlx::query_scalar(
            "INSERT INTO events (uid, kind, starts_at, ends_at, status, place, sequence, \
             created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
             RETURNING id",
        )
        .bind(format!("bench-{n}@tugi"))
        .bind(if meeting { "meeting" } else { "consultation" })
        .bind(starts_at)
        .bind(starts_at + 3_600)
        .bind(status)
        .bind(place)
        .bind(i64::from(n % 7 == 0) + i64::from(status == "cancelled"))
        .bind(person)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        if meeting {
            sqlx::query("INSERT INTO meetings (event_id, assignment_id) VALUES ($1, $2)")
                .bind(event)
                .bind(assignments[n % households])
                .execute(&mut *tx)
                .await?;
        } else {
            sqlx::query(
                "INSERT INTO consultations (event_id, office_id, coordinator_id, household_id, \
                 booked_by, topic, party_size) VALUES ($1, $2, $3, $4, $3, 'housing', 2)",
            )
            .bind(event)
            .bind(office)
            .bind(person)
            .bind(homes[n % households])
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(person)
}

fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The fastest and the median of `times`.
fn summary(times: &mut [Duration]) -> String {
    times.sort();
    format!(
        "{} (median {})",
        millis(times[0]),
        millis(times[times.len() / 2])
    )
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
    let person = seed(&db, events, now).await?;

    let mut whole = Vec::with_capacity(runs);
    let mut feed = None;
    for _ in 0..runs {
        let started = Instant::now();
        feed = Some(personal(&db, person, now, BASE_URL).await?);
        whole.push(started.elapsed());
    }
    let rows = agenda::personal(db.pool(), person, feed_window(now)).await?;
    let mut rendering = Vec::with_capacity(runs);
    for _ in 0..runs {
        let rows = rows.clone();
        let started = Instant::now();
        let rendered = render(rows, "Kadri Tamm — Tugi", "et", BASE_URL);
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
