//! Matching benchmark: a random, realistic instance (2,000 open requests, 500 volunteers with
//! 1–4 free places by default), the engine's time, total score and number matched.
//!
//! cargo run --release -p tugi-app --features bench --bin match-bench [-- REQUESTS VOLUNTEERS SEED]

use std::time::Instant;
use tugi_app::domain::matching::{propose, sample, HardRule};

fn arg(n: usize, default: u64) -> u64 {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let (requests, volunteers, seed) = (arg(1, 2000), arg(2, 500), arg(3, 2026));
    let mut rng = fastrand::Rng::with_seed(seed);
    let (needs, people) = sample::instance(&mut rng, requests as usize, volunteers as usize);
    let places: u32 = people.iter().map(|v| v.free_places).sum();
    let started = Instant::now();
    let outcome = propose(&needs, &people);
    let elapsed = started.elapsed();
    println!("requests:   {requests}");
    println!("volunteers: {volunteers} ({places} free places)");
    println!("seed:       {seed}");
    println!("time:       {:.1} ms", elapsed.as_secs_f64() * 1000.0);
    println!("matched:    {}", outcome.proposals.len());
    println!("unmatched:  {}", outcome.unmatched.len());
    println!("total score: {}", outcome.total());
    for rule in HardRule::ALL {
        let blocked = outcome
            .unmatched
            .iter()
            .filter(|u| u.blocked_by == *rule)
            .count();
        if blocked > 0 {
            println!("  blocked by {}: {blocked}", rule.code());
        }
    }
}
