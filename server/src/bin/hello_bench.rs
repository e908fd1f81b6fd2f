//! The yardstick of `scripts/bench.sh`: a bare axum handler that answers "Hello, world!", built
//! from this workspace with the same runtime and profile as Tugi, so that Tugi's pages can be
//! given as a share of what the machine serves at best.
//!
//! TUGI_BIND=127.0.0.1:3999 cargo run --release -p tugi-server --features bench --bin hello-bench

use axum::{routing::get, Router};

// The same allocator as the server, so that the comparison is of the work done.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bind = std::env::var("TUGI_BIND").unwrap_or_else(|_| "127.0.0.1:3999".into());
    let app = Router::new().route("/", get(|| async { "Hello, world!" }));
    let listener = tokio::net::TcpListener::bind(&bind).await?;
    axum::serve(listener, app).await?;
    Ok(())
}
