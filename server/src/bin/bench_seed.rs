//! Fills the database that `scripts/bench.sh` measures: the demo data, then five people with
//! 400 households and 10,000 events each (2,000 households, 50,000 events), and a calendar
//! subscription for the first of them. Prints the path of that person's feed.
//!
//! DATABASE_URL=sqlite:… cargo run --release -p tugi-server --features bench --bin bench-seed

use tugi_app::api::credentials::{new_token, token_hash};
use tugi_app::db::{self, Db};
use tugi_server::bench_data::caseload;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("DATABASE_URL").map_err(|_| "DATABASE_URL is not set")?;
    let db = Db::connect(&url).await?;
    db.migrate().await?;
    tugi_server::demo::load_if_empty(&db).await?;
    let now = db::now();
    let mut feed_person = None;
    for n in 0..5 {
        let person = caseload(&db, n, 400, 10_000, now).await?;
        feed_person.get_or_insert(person);
    }
    let person = feed_person.ok_or("no person")?;
    let token = new_token();
    let mut tx = db.begin().await?;
    db::calendar_feeds::replace_token(&mut tx, person, &token_hash(&token), now).await?;
    tx.commit().await?;
    db.close().await;
    println!("/calendar/feed/{token}.ics");
    Ok(())
}
