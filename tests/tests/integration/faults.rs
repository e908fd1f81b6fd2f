//! Faults: PostgreSQL restarting under load, and many SQLite writers of different kinds at once.

use crate::consultations::{booking, reception_for};
use crate::helpers::{spawn_app, spawn_app_with, Backend};
use crate::households::{registration, with};
use reqwest::Client;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const POSTGRES_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/postgres.sh");

/// Runs `scripts/postgres.sh` for a cluster of this test's own on `port`.
async fn postgres(port: u16, action: &'static str) -> String {
    tokio::task::spawn_blocking(move || {
        let out = Command::new("bash")
            .arg(POSTGRES_SCRIPT)
            .arg(action)
            .env("TUGI_TEST_PG_PORT", port.to_string())
            .output()
            .expect("run scripts/postgres.sh");
        assert!(
            out.status.success(),
            "postgres.sh {action}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    })
    .await
    .expect("script task")
}

/// A port beside the shared test cluster's, so that two checkouts testing at once stay apart.
fn own_port() -> u16 {
    let shared = std::env::var("TUGI_TEST_PG_PORT")
        .ok()
        .and_then(|p| p.parse::<u16>().ok())
        .unwrap_or(55432);
    shared.wrapping_add(17)
}

async fn register(client: &Client, base: &str, name: &str) -> (u16, Option<i64>) {
    let form = with(registration(), "member[first_name]", name);
    match client
        .post(format!("{base}/api/create_household"))
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
    {
        Ok(res) => {
            let status = res.status().as_u16();
            let id = res.json::<i64>().await.ok();
            (status, id)
        }
        // The connection itself broke: no answer, so nothing was acknowledged.
        Err(_) => (0, None),
    }
}

/// PostgreSQL restarts while coordinators keep registering households: a request in flight may
/// answer 503, every acknowledged household is there in full, nothing is half-written, and
/// Tugi serves again within seconds without being restarted itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgresql_restart_under_load_loses_nothing_acknowledged() {
    let port = own_port();
    let url = postgres(port, "start").await;
    let app = spawn_app_with(Backend::Postgres, |config| config.database_url = url).await;
    let coordinator = app.login_as("coordinator@test.ee").await;
    let running = Arc::new(AtomicBool::new(true));
    let workers: Vec<_> = (0..8)
        .map(|worker| {
            let client = coordinator.clone();
            let base = app.base.clone();
            let running = running.clone();
            tokio::spawn(async move {
                let mut answers = Vec::new();
                let mut n = 0;
                while running.load(Ordering::Relaxed) {
                    n += 1;
                    let name = format!("Load{worker}x{n}");
                    answers.push(register(&client, &base, &name).await);
                }
                answers
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let restart = Instant::now();
    postgres(port, "restart").await;
    let restarted = restart.elapsed();
    // Back: the first answer after PostgreSQL is up again.
    let back = Instant::now();
    let health = app.client();
    loop {
        let ok = health
            .get(app.url("/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success());
        if ok {
            break;
        }
        assert!(
            back.elapsed() < Duration::from_secs(10),
            "Tugi serves again within seconds"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let serving_again = back.elapsed();
    tokio::time::sleep(Duration::from_secs(1)).await;
    running.store(false, Ordering::Relaxed);
    let mut answers = Vec::new();
    for worker in workers {
        answers.extend(worker.await.expect("worker"));
    }
    let acknowledged: Vec<i64> = answers
        .iter()
        .filter_map(|(s, id)| (*s == 200).then_some(*id).flatten())
        .collect();
    let unavailable = answers.iter().filter(|(s, _)| *s == 503).count();
    let other: Vec<u16> = answers
        .iter()
        .map(|(s, _)| *s)
        .filter(|s| *s != 200 && *s != 503)
        .collect();
    println!(
        "PostgreSQL restart under load: {} registrations, {} acknowledged, {unavailable} answered 503, \
         restart took {} ms, Tugi served again {} ms after it",
        answers.len(),
        acknowledged.len(),
        restarted.as_millis(),
        serving_again.as_millis()
    );
    assert!(other.is_empty(), "only 200 or 503: {other:?}");
    assert!(!acknowledged.is_empty());
    for id in &acknowledged {
        let (members,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM members WHERE household_id = $1")
                .bind(id)
                .fetch_one(app.db.pool())
                .await
                .expect("count members");
        assert_eq!(members, 1, "acknowledged household {id} is there in full");
    }
    let (half,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM households h WHERE NOT EXISTS \
         (SELECT 1 FROM members m WHERE m.household_id = h.id)",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    assert_eq!(half, 0, "no household without its member");
    let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM households")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert!(stored as usize >= acknowledged.len());
    assert!(
        stored as usize <= acknowledged.len() + unavailable + 8,
        "at most the unanswered ones besides"
    );
    drop(app);
    postgres(port, "stop").await;
}

/// Sixteen people write at once on SQLite, each something different: none waits on another
/// request's open transaction for a second connection, so all finish well inside the timeout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixteen_sqlite_writers_of_different_kinds_all_finish() {
    let app = spawn_app(Backend::Sqlite).await;
    let r = reception_for(&app).await;
    let household = crate::households::register(&app, &r.coordinator)
        .await
        .to_string();
    let started = Instant::now();
    let writers = (0..16).map(|i| {
        let app = &app;
        let r = &r;
        let household = household.as_str();
        async move {
            let mut statuses = Vec::new();
            for round in 0..4 {
                let status = match i % 4 {
                    0 => {
                        register(&r.coordinator, &app.base, &format!("Writer{i}x{round}"))
                            .await
                            .0
                    }
                    1 => {
                        let client = app.client();
                        app.api(
                            &client,
                            "login",
                            &[
                                ("email", "volunteer@test.ee"),
                                ("password", crate::helpers::PASSWORD),
                            ],
                        )
                        .await
                        .status()
                        .as_u16()
                    }
                    2 => {
                        let given = format!("2027-01-{:02}", 1 + round);
                        app.api(
                            &r.coordinator,
                            "record_consent",
                            &[
                                ("household_id", household),
                                ("consent[purpose]", "messaging"),
                                ("consent[given_on]", &given),
                            ],
                        )
                        .await
                        .status()
                        .as_u16()
                    }
                    _ => {
                        let date = format!("2027-01-{:02}", 12 + i / 4);
                        let time = format!("{:02}:00", 9 + round * 2);
                        let slot = r.slot(&date, &time);
                        app.api(
                            &r.beneficiary,
                            "book_consultation",
                            &booking(&r.office, &slot),
                        )
                        .await
                        .status()
                        .as_u16()
                    }
                };
                statuses.push((i % 4, status));
            }
            statuses
        }
    });
    let statuses: Vec<(usize, u16)> = futures::future::join_all(writers)
        .await
        .into_iter()
        .flatten()
        .collect();
    let elapsed = started.elapsed();
    println!(
        "16 concurrent SQLite writers, 64 writes of four kinds: {} ms",
        elapsed.as_millis()
    );
    let failed: Vec<&(usize, u16)> = statuses
        .iter()
        .filter(|(kind, status)| *status != 200 && !(*kind == 3 && *status == 422))
        .collect();
    assert!(failed.is_empty(), "every write answered: {failed:?}");
    assert!(
        elapsed < Duration::from_secs(20),
        "far from the 25 s wait for a connection"
    );
}
