//! Following a person's calendar by its address: starting (the address is read at once, and only
//! kept when it works), reading it again (the worker every 30 minutes, or the person asking),
//! and pausing it after a week of failures, with a letter to its owner.

use crate::calendar_fetch::{Fetched, Fetcher};
use tugi_app::api::calendar_hosts::allowed_hosts;
use tugi_app::api::notify_accounts::{self, To};
use tugi_app::api::url_seal::SealKey;
use tugi_app::db::{self, busy_subscriptions::Validators, Db};
use tugi_app::domain::ics::import::{self, BusyTimes};
use tugi_app::domain::ics::subscription::{
    check_target, masked, parse_address, should_pause, FetchFailure, FetchProblem,
};

/// What reading a followed calendar did.
#[derive(Debug)]
pub enum Outcome {
    /// New busy times replaced the old ones.
    Saved(BusyTimes),
    /// The calendar had not changed.
    Unchanged,
    Failed(FetchFailure),
}

/// Reads `address` and, when it gives a calendar, follows it from now on in place of any file
/// or address before, its busy times replacing the person's. Nothing is kept when it fails.
pub async fn follow(
    db: &Db,
    fetcher: &Fetcher,
    account_id: i64,
    address: &str,
    now: i64,
) -> Result<Result<BusyTimes, FetchFailure>, sqlx::Error> {
    let pool = db.pool();
    let allowed = allowed_hosts(pool).await?;
    let url = match parse_address(address).and_then(|u| check_target(&u, &allowed).map(|_| u)) {
        Ok(url) => url,
        Err(problem) => return Ok(Err(problem.into())),
    };
    let (busy, validators) = match fetcher
        .fetch(url.clone(), &allowed, &Validators::default())
        .await
    {
        Ok(Fetched::Changed { body, validators }) => match import::busy_times(&body, now) {
            Ok(busy) => (busy, validators),
            Err(error) => return Ok(Err(FetchProblem::of_import(&error).into())),
        },
        // Nothing was asked conditionally: a 304 here is a server's mistake.
        Ok(Fetched::NotModified) => return Ok(Err(FetchFailure::http_status(304))),
        Err(failure) => return Ok(Err(failure)),
    };
    let sealed = SealKey::of_installation(pool)
        .await?
        .seal(account_id, url.as_str());
    let mut tx = db.begin().await?;
    db::calendar_feeds::replace_busy(&mut tx, account_id, busy.events, &busy.spans, now).await?;
    db::busy_subscriptions::follow(
        &mut tx,
        account_id,
        &sealed,
        &masked(&url),
        &validators,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(busy))
}

/// Reads the person's followed calendar again and records how it went; `None` when they follow
/// none. A calendar failing for a week is paused and its owner told (`public_url` for the link).
pub async fn refresh(
    db: &Db,
    fetcher: &Fetcher,
    account_id: i64,
    now: i64,
    public_url: &str,
) -> Result<Option<Outcome>, sqlx::Error> {
    let pool = db.pool();
    let Some(subscription) = db::busy_subscriptions::of(pool, account_id).await? else {
        return Ok(None);
    };
    let key = SealKey::of_installation(pool).await?;
    let url = key
        .open(account_id, &subscription.address_sealed)
        .ok_or(FetchProblem::BadAddress)
        .and_then(|a| parse_address(&a));
    let known = Validators {
        etag: subscription.etag.clone(),
        last_modified: subscription.last_modified.clone(),
    };
    let fetched = match url {
        Ok(url) => {
            let allowed = allowed_hosts(pool).await?;
            fetcher.fetch(url, &allowed, &known).await
        }
        Err(problem) => Err(problem.into()),
    };
    let outcome = match fetched {
        Ok(Fetched::NotModified) => Outcome::Unchanged,
        Ok(Fetched::Changed { body, validators }) => match import::busy_times(&body, now) {
            Ok(busy) => {
                let mut tx = db.begin().await?;
                db::calendar_feeds::replace_busy(
                    &mut tx,
                    account_id,
                    busy.events,
                    &busy.spans,
                    now,
                )
                .await?;
                db::busy_subscriptions::succeeded(&mut tx, account_id, &validators, now).await?;
                tx.commit().await?;
                return Ok(Some(Outcome::Saved(busy)));
            }
            Err(error) => Outcome::Failed(FetchProblem::of_import(&error).into()),
        },
        Err(failure) => Outcome::Failed(failure),
    };
    let mut tx = db.begin().await?;
    match &outcome {
        Outcome::Unchanged => {
            db::busy_subscriptions::succeeded(&mut tx, account_id, &known, now).await?
        }
        Outcome::Failed(failure) => {
            let since =
                db::busy_subscriptions::failed(&mut tx, account_id, &failure.stored(), now).await?;
            if subscription.paused_at.is_none() && should_pause(since, now) {
                db::busy_subscriptions::pause(&mut tx, account_id, now).await?;
                if let Some(account) = db::accounts::by_id_in(&mut *tx, account_id).await? {
                    let to = To {
                        account_id: Some(account.id),
                        email: &account.email,
                        name: &account.display_name,
                        language: account.language,
                    };
                    let link = format!("{public_url}/calendar#busy");
                    notify_accounts::calendar_paused(
                        &mut tx,
                        &to,
                        &subscription.address_masked,
                        &link,
                        now,
                    )
                    .await?;
                }
            }
        }
        Outcome::Saved(_) => {}
    }
    tx.commit().await?;
    Ok(Some(outcome))
}

/// Un-pauses the person's followed calendar and reads it at once.
pub async fn resume(
    db: &Db,
    fetcher: &Fetcher,
    account_id: i64,
    now: i64,
    public_url: &str,
) -> Result<Option<Outcome>, sqlx::Error> {
    let mut tx = db.begin().await?;
    db::busy_subscriptions::resume(&mut tx, account_id).await?;
    tx.commit().await?;
    refresh(db, fetcher, account_id, now, public_url).await
}

/// Reads the calendars due (at most `limit`, a few at a time), each claimed first so that two
/// server instances never read the same one; answers how many worked and how many failed.
pub async fn refresh_due(
    db: &Db,
    fetcher: &Fetcher,
    now: i64,
    limit: i64,
    public_url: &str,
) -> Result<(usize, usize), sqlx::Error> {
    use futures::StreamExt;
    let mut claimed = Vec::new();
    for (account_id, was_due) in db::busy_subscriptions::due(db.pool(), now, limit).await? {
        if db::busy_subscriptions::claim(db.pool(), account_id, was_due, now).await? {
            claimed.push(account_id);
        }
    }
    let outcomes: Vec<_> = futures::stream::iter(claimed)
        .map(|account_id| refresh(db, fetcher, account_id, now, public_url))
        .buffer_unordered(4)
        .collect()
        .await;
    let (mut worked, mut failed) = (0, 0);
    for outcome in outcomes {
        match outcome? {
            Some(Outcome::Failed(_)) => failed += 1,
            Some(_) => worked += 1,
            None => {}
        }
    }
    Ok((worked, failed))
}
