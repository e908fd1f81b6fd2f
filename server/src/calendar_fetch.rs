//! Fetching a calendar a person follows by its address, with the limits a server needs when it
//! fetches addresses its users give it: https only, no private, loopback or link-local
//! addresses (also not through a host name or a redirect) unless an admin allowed the host, a
//! few redirects, a size limit and one deadline for the whole fetch. The answer's ETag and
//! Last-Modified are sent back next time, so an unchanged calendar costs a 304.

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::{self, HeaderMap};
use reqwest::{StatusCode, Url};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tugi_app::db::busy_subscriptions::Validators;
use tugi_app::domain::ics::import::MAX_BYTES;
use tugi_app::domain::ics::subscription::{
    check_target, is_public, FetchFailure, FetchProblem, MAX_REDIRECTS,
};

/// What a fetch brought.
#[derive(Debug)]
pub enum Fetched {
    /// The server said the calendar has not changed since the last fetch.
    NotModified,
    Changed {
        body: Vec<u8>,
        validators: Validators,
    },
}

#[derive(Clone)]
pub struct Fetcher {
    /// The deadline for one whole fetch, redirects included.
    timeout: Duration,
    user_agent: String,
}

/// A name resolved only to addresses it is not allowed to reach.
#[derive(Debug)]
struct Blocked;

impl std::fmt::Display for Blocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the name resolves to a private address")
    }
}

impl std::error::Error for Blocked {}

/// Resolves host names for the fetch, keeping only public addresses unless the name is one an
/// admin allowed: the address checked is the address connected to.
struct GuardedResolver {
    allowed: Vec<String>,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_ascii_lowercase();
        let any_address = self.allowed.contains(&host);
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| any_address || is_public(a.ip()))
                .collect();
            if found.is_empty() {
                return Err(Box::new(Blocked) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(found.into_iter()) as Addrs)
        })
    }
}

impl Fetcher {
    pub fn for_config(config: &crate::config::Config) -> Fetcher {
        Fetcher {
            timeout: Duration::from_secs(config.calendar_fetch_secs.max(1)),
            user_agent: format!(
                "Tugi calendar reader (+{})",
                config.public_url.trim_end_matches('/')
            ),
        }
    }

    /// Fetches `url` (checked again at every redirect), sending `known` validators.
    pub async fn fetch(
        &self,
        url: Url,
        allowed: &[String],
        known: &Validators,
    ) -> Result<Fetched, FetchFailure> {
        match tokio::time::timeout(self.timeout, self.follow(url, allowed, known)).await {
            Ok(result) => result,
            Err(_) => Err(FetchProblem::Timeout.into()),
        }
    }

    fn client(&self, allowed: &[String]) -> Result<reqwest::Client, FetchFailure> {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(GuardedResolver {
                allowed: allowed.to_vec(),
            }))
            .connect_timeout(self.timeout)
            .timeout(self.timeout)
            .user_agent(self.user_agent.clone())
            .build()
            .map_err(|_| FetchProblem::Unreachable.into())
    }

    async fn follow(
        &self,
        mut url: Url,
        allowed: &[String],
        known: &Validators,
    ) -> Result<Fetched, FetchFailure> {
        let client = self.client(allowed)?;
        for _ in 0..=MAX_REDIRECTS {
            check_target(&url, allowed)?;
            let mut request = client
                .get(url.clone())
                .header(header::ACCEPT, "text/calendar, */*;q=0.5");
            if let Some(etag) = &known.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(modified) = &known.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, modified);
            }
            let response = request.send().await.map_err(problem_of)?;
            let status = response.status();
            if status == StatusCode::NOT_MODIFIED {
                return Ok(Fetched::NotModified);
            }
            if status.is_redirection() {
                let location = text(response.headers(), header::LOCATION)
                    .ok_or_else(|| FetchFailure::http_status(status.as_u16()))?;
                url = url
                    .join(&location)
                    .map_err(|_| FetchFailure::from(FetchProblem::BadAddress))?;
                continue;
            }
            if !status.is_success() {
                return Err(FetchFailure::http_status(status.as_u16()));
            }
            return read(response).await;
        }
        Err(FetchProblem::TooManyRedirects.into())
    }
}

/// The body of a successful answer, refused when it is a web page or larger than an upload may
/// be (read no further than that).
async fn read(mut response: reqwest::Response) -> Result<Fetched, FetchFailure> {
    let headers = response.headers();
    let html = text(headers, header::CONTENT_TYPE)
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/html"));
    if html {
        return Err(FetchProblem::NotCalendar.into());
    }
    if response
        .content_length()
        .is_some_and(|n| n > MAX_BYTES as u64)
    {
        return Err(FetchProblem::TooBig.into());
    }
    let validators = Validators {
        etag: text(headers, header::ETAG),
        last_modified: text(headers, header::LAST_MODIFIED),
    };
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(problem_of)? {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_BYTES {
            return Err(FetchProblem::TooBig.into());
        }
    }
    Ok(Fetched::Changed { body, validators })
}

fn text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().chars().take(200).collect())
}

/// What went wrong with a request: a name that led only to private addresses, the deadline,
/// or no connection.
fn problem_of(error: reqwest::Error) -> FetchFailure {
    if error.is_timeout() {
        return FetchProblem::Timeout.into();
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(e) = source {
        if e.is::<Blocked>() {
            return FetchProblem::PrivateAddress.into();
        }
        source = e.source();
    }
    FetchProblem::Unreachable.into()
}
