//! The Tugi server: configuration, the router, and starting it. `main.rs` is the CLI around it;
//! tests call `spawn` directly.

pub mod backup;
#[cfg(feature = "bench")]
pub mod bench_data;
pub mod calendar_fetch;
pub mod calendar_follow;
pub mod config;
pub mod demo;
pub mod first_admin;
pub mod jobs;
pub mod page_cache;
mod routes;
pub mod security;

use axum::Router;
use config::Config;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::net::SocketAddr;
use tugi_app::api::context::{Clock, ServerContext};
use tugi_app::db::Db;
use tugi_app::{shell, App};

#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub ctx: ServerContext,
    /// Reads the calendars people follow by address.
    pub calendar_fetch: calendar_fetch::Fetcher,
}

/// Connects to the database, applies the migrations, rewrites search texts written an older
/// way and gives the query planner fresh statistics.
pub async fn open_database(config: &Config) -> Result<Db, sqlx::Error> {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    tugi_app::db::households::refresh_old_search_texts(db.pool()).await?;
    db.refresh_statistics(true).await?;
    Ok(db)
}

/// The app's routes, worked out once per process: doing it renders the app, which must not
/// happen while another server in the same process is rendering a page.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Every page route, as declared (`/households/:id`), for tests that must cover them all.
pub fn page_paths() -> Vec<String> {
    route_list().iter().map(|r| r.path().to_string()).collect()
}

/// Every server function's path (`/api/get_household`), for the same tests.
pub fn endpoint_paths() -> Vec<String> {
    server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect()
}

/// The content-hashed name the build gave the browser files (`site/bundle.txt`), or the plain
/// name when no bundle was built (the pages then work without JavaScript).
fn bundle_name(site_root: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(site_root).join("bundle.txt"))
        .map(|name| name.trim().to_string())
        .ok()
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "tugi".to_string())
}

/// The whole application as a router, ready to serve.
pub fn router(config: &Config, db: Db, clock: Clock) -> Router {
    let leptos_options = LeptosOptions::builder()
        .output_name(bundle_name(&config.site_root))
        .site_root(config.site_root.clone())
        .site_pkg_dir("pkg")
        .build();
    let state = AppState {
        leptos_options: leptos_options.clone(),
        ctx: ServerContext {
            db,
            secure_cookies: config.secure_cookies || config.is_https(),
            clock,
            booking_rules: Default::default(),
            public_url: config.public_url.trim_end_matches('/').to_string(),
            mail_target: match &config.mail.smtp_url {
                Some(_) => "smtp".into(),
                None => config.mail.outbox_dir.display().to_string(),
            },
            trusted_proxy_header: config
                .trusted_proxy_header
                .as_deref()
                .and_then(|name| http::HeaderName::try_from(name.trim()).ok()),
            session_idle_secs: config.session_idle_secs,
            organisation: config.organisation.clone(),
        },
        calendar_fetch: calendar_fetch::Fetcher::for_config(config),
    };
    let ctx = state.ctx.clone();
    let routes = route_list();
    Router::new()
        .merge(routes::router())
        .leptos_routes_with_context(&state, routes, move || page_context(&ctx), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .nest_service("/pkg", routes::pkg_files(&config.site_root))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            {
                let ctx = state.ctx.clone();
                move || page_context(&ctx)
            },
            shell,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            routes::failure_page::on_panic,
        ))
        .layer(axum::middleware::from_fn(routes::status::fix_status))
        .layer(axum::middleware::from_fn(remember_user_per_page))
        .layer(axum::middleware::from_fn_with_state(
            page_cache::PageCache::new(
                std::time::Duration::from_secs(config.page_cache_secs),
                state.ctx.clock.clone(),
            ),
            page_cache::serve,
        ))
        .layer(axum::middleware::from_fn_with_state(
            security::Policy::new(&config.public_url),
            security::protect,
        ))
        // A request that takes this long is stuck: answer 408 instead of holding the connection.
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            std::time::Duration::from_secs(30),
        ))
        // Outermost, so that it also sees the time limit's and a panic's empty answers.
        .layer(axum::middleware::from_fn(
            routes::failure_page::explain_empty_failures,
        ))
        .with_state(state)
}

/// Lets a page request read its user once (`UserOfPage`); server functions read it afresh.
async fn remember_user_per_page(
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if !request.uri().path().starts_with("/api/") {
        request
            .extensions_mut()
            .insert(tugi_app::api::context::UserOfPage::default());
    }
    next.run(request).await
}

/// What every page and server function gets besides the request: the server's context, and
/// the Content-Security-Policy that lets exactly this response's inline script run.
fn page_context(ctx: &ServerContext) {
    provide_context(ctx.clone());
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) = http::HeaderValue::from_str(&security::page_policy(&nonce)) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// A server listening on `config.bind` (port 0 picks a free one), running in the background.
pub struct Running {
    pub addr: SocketAddr,
    pub db: Db,
    /// The clock the server's rules judge by (tests move it).
    pub clock: Clock,
    pub handle: tokio::task::JoinHandle<()>,
    /// The background worker, when this process runs it.
    pub worker: Option<tokio::task::JoinHandle<()>>,
    stop: tokio::sync::watch::Sender<bool>,
}

impl Running {
    /// A handle that asks the server to stop, for tests and signal handlers.
    pub fn stopper(&self) -> Stopper {
        Stopper(self.stop.clone())
    }

    /// Stops gracefully: no new connections, requests in flight finish (up to `grace`), and
    /// the worker finishes the message it is sending. Answers whether everything ended in time.
    pub async fn shut_down(self, grace: std::time::Duration) -> bool {
        self.stopper().stop();
        let server = tokio::time::timeout(grace, self.handle).await.is_ok();
        let worker = match self.worker {
            Some(worker) => tokio::time::timeout(grace, worker).await.is_ok(),
            None => true,
        };
        server && worker
    }
}

/// Asks a running server (and its worker) to stop.
#[derive(Clone)]
pub struct Stopper(tokio::sync::watch::Sender<bool>);

impl Stopper {
    pub fn stop(&self) {
        let _ = self.0.send(true);
    }
}

pub async fn spawn(config: &Config) -> Result<Running, Box<dyn std::error::Error + Send + Sync>> {
    let db = open_database(config).await?;
    let clock = Clock::default();
    let app = router(config, db.clone(), clock.clone());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = if config.background_jobs {
        Some(jobs::Jobs::new(config, db.clone(), clock.clone())?.spawn(stopped.clone()))
    } else {
        None
    };
    let listener = tokio::net::TcpListener::bind(&config.bind).await?;
    let addr = listener.local_addr()?;
    let mut signal = stopped;
    let handle = tokio::spawn(async move {
        let service = app.into_make_service_with_connect_info::<SocketAddr>();
        // Without a stopper left (a dropped `Running`), the server runs until the process ends.
        let shutdown = async move {
            if signal.wait_for(|stop| *stop).await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        if let Err(error) = axum::serve(listener, service)
            .with_graceful_shutdown(shutdown)
            .await
        {
            tracing::error!(%error, "server stopped");
        }
    });
    Ok(Running {
        addr,
        db,
        clock,
        handle,
        worker,
        stop,
    })
}
