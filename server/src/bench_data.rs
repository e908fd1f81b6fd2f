//! Data for the benchmarks: people with many households and events, as a busy programme has.

use std::time::Duration;
use tugi_app::api::calendar_feed::feed_window;
use tugi_app::db::Db;

/// First names as households give them: Latin, Cyrillic, with characters to escape.
pub const NAMES: [&str; 6] = [
    "Олена",
    "Mariam",
    "Дмитро",
    "Ahmad",
    "Анна-Марія",
    "Jean; Paul",
];

/// A person (`n` tells them apart) with `households` households and `events` events: half
/// meetings as their support person, half consultations as a coordinator, spread evenly over
/// the feed's window; every tenth cancelled, every seventh moved once. Returns the person.
pub async fn caseload(
    db: &Db,
    n: usize,
    households: usize,
    events: usize,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let person: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (email, display_name, language, created_at) \
         VALUES ($1, 'Kadri Tamm', 'et', $2) RETURNING id",
    )
    .bind(format!("bench{n}@tugi.example.ee"))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let office: i64 = sqlx::query_scalar(
        "INSERT INTO offices (code, name, address, updated_at) \
         VALUES ($1, $1, 'Endla 10, Tallinn', $2) RETURNING id",
    )
    .bind(format!("bench{n}"))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
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
    for e in 0..events {
        let starts_at = window.start + e as i64 * step;
        let meeting = e % 2 == 0;
        let status = if e % 10 == 3 {
            "cancelled"
        } else {
            "confirmed"
        };
        let place =
            (e % 3 == 0).then_some("Kohvik „Maiasmokk“, Pikk 16; 2. korrus\nsissepääs hoovist");
        let event: i64 = sqlx::query_scalar(
            "INSERT INTO events (uid, kind, starts_at, ends_at, status, place, sequence, \
             created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
             RETURNING id",
        )
        .bind(format!("bench-{n}-{e}@tugi"))
        .bind(if meeting { "meeting" } else { "consultation" })
        .bind(starts_at)
        .bind(starts_at + 3_600)
        .bind(status)
        .bind(place)
        .bind(i64::from(e % 7 == 0) + i64::from(status == "cancelled"))
        .bind(person)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        if meeting {
            sqlx::query("INSERT INTO meetings (event_id, assignment_id) VALUES ($1, $2)")
                .bind(event)
                .bind(assignments[e % households])
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
            .bind(homes[e % households])
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(person)
}

pub fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The fastest and the median of `times`.
pub fn summary(times: &mut [Duration]) -> String {
    times.sort();
    format!(
        "{} (median {})",
        millis(times[0]),
        millis(times[times.len() / 2])
    )
}
