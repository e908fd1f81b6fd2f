//! Background work, safe to run in every server instance: queue the 24-hour reminders and send
//! the outbox. Each message is claimed for a lease before it is sent (PostgreSQL skips rows
//! another instance holds), marked sent after, and on failure tried again later; nothing is
//! deleted, so a message is never lost.

use crate::config::{Config, MailConfig};
use lettre::message::header::{ContentDisposition, ContentType};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;
use tugi_app::api::context::Clock;
use tugi_app::api::notify::{self, MessageKind, Notice};
use tugi_app::api::notify_workshops;
use tugi_app::db::{self, outbox::MessageRow, retention::Purged, Db};
use tugi_app::domain::consultation::REMINDER_LEAD;
use tugi_app::domain::ics::{self, Invitation};
use tugi_app::domain::workshops::SeatMessage;
use tugi_app::domain::Retention;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// How many messages one run sends at most.
const BATCH: i64 = 50;
/// How many followed calendars one run reads at most (the rest wait for the next run).
const CALENDARS_PER_RUN: i64 = 40;

/// Where messages go: an SMTP server, or .eml files in a folder.
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

impl Mailer {
    pub fn from_config(mail: &MailConfig) -> Result<Mailer, Error> {
        Ok(match &mail.smtp_url {
            Some(url) => Mailer::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
                    .timeout(Some(Duration::from_secs(20)))
                    .build(),
            ),
            None => Mailer::Files(mail.outbox_dir.clone()),
        })
    }

    /// Delivers one message; a refusal the server means for good (5xx, a bad address) is
    /// `Permanent`, anything else may work on a later try.
    async fn send(&self, id: i64, message: Message) -> Result<(), Failure> {
        match self {
            Mailer::Smtp(transport) => transport.send(message).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    Failure::Permanent(e.to_string())
                } else {
                    Failure::Transient(e.to_string())
                }
            }),
            Mailer::Files(dir) => {
                let write = async {
                    tokio::fs::create_dir_all(dir).await?;
                    // Named by the outbox id: sending twice writes the same file.
                    let path = dir.join(format!("{id:08}.eml"));
                    tokio::fs::write(path, message.formatted()).await
                };
                write.await.map_err(|e| Failure::Transient(e.to_string()))
            }
        }
    }
}

/// Why a message was not delivered.
#[derive(Debug)]
pub enum Failure {
    /// Trying again cannot help (a malformed address, a permanent SMTP refusal).
    Permanent(String),
    /// It may work later (the server is down, a timeout, a full disk).
    Transient(String),
}

/// What one run did, for logs and tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub reminders: usize,
    pub sent: usize,
    pub failed: usize,
    /// Workshop seat offers that ran out and were passed on.
    pub offers_expired: usize,
    /// Sessions that ended (idle or past their lifetime) and were deleted with their drafts.
    pub sessions_ended: u64,
    /// What the retention rules removed.
    pub purged: Purged,
    /// Followed calendars read (changed or not), and those that failed.
    pub calendars_read: usize,
    pub calendars_failed: usize,
    /// Reminders of the return programme's three-month contact rule.
    pub contact_reminders: usize,
}

pub struct Jobs {
    db: Db,
    mailer: Mailer,
    from: Mailbox,
    clock: Clock,
    public_url: String,
    session_idle_secs: i64,
    retention: Retention,
    interval: Duration,
    calendar_fetch: crate::calendar_fetch::Fetcher,
    /// This process's name in `worker_runs`.
    instance: String,
    /// Turns true when the server shuts down.
    stop: Option<tokio::sync::watch::Receiver<bool>>,
}

impl Jobs {
    pub fn new(config: &Config, db: Db, clock: Clock) -> Result<Jobs, Error> {
        Ok(Jobs {
            db,
            mailer: Mailer::from_config(&config.mail)?,
            from: config.mail.from.parse()?,
            clock,
            public_url: config.public_url.trim_end_matches('/').to_string(),
            session_idle_secs: config.session_idle_secs,
            retention: config.retention,
            interval: Duration::from_secs(config.mail.interval_secs.max(1)),
            calendar_fetch: crate::calendar_fetch::Fetcher::for_config(config),
            instance: format!(
                "{}-{}",
                std::process::id(),
                tugi_app::api::credentials::new_token()
                    .get(..8)
                    .unwrap_or_default()
            ),
            stop: None,
        })
    }

    /// Runs in the background every `interval` until `stop` turns true; a run under way
    /// finishes the message it is sending first.
    pub fn spawn(
        mut self,
        stop: tokio::sync::watch::Receiver<bool>,
    ) -> tokio::task::JoinHandle<()> {
        self.stop = Some(stop.clone());
        let mut stop = stop;
        tokio::spawn(async move {
            loop {
                match self.run_once().await {
                    Ok(report) if report != Report::default() => {
                        tracing::info!(?report, "background jobs")
                    }
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "background jobs failed; will retry"),
                }
                if *stop.borrow() {
                    break;
                }
                let stopped = async {
                    if stop.wait_for(|s| *s).await.is_err() {
                        std::future::pending::<()>().await;
                    }
                };
                tokio::select! {
                    _ = tokio::time::sleep(self.interval) => {}
                    _ = stopped => break,
                }
            }
        })
    }

    fn stopping(&self) -> bool {
        self.stop.as_ref().is_some_and(|s| *s.borrow())
    }

    pub async fn run_once(&self) -> Result<Report, sqlx::Error> {
        let now = self.clock.now();
        let reminders = self.queue_reminders(now).await?;
        let contact_reminders = match tugi_app::domain::schedule::tallinn_wall_clock(now) {
            Some((today, _)) => {
                tugi_app::api::notify_returns::queue_contact_reminders(&self.db, today, now).await?
            }
            None => 0,
        };
        let offers_expired = self.expire_offers(now).await?;
        let (sent, failed) = self.deliver_due(now).await?;
        let sessions_ended = self.sweep().await?;
        let purged = self.retain(now).await?;
        let (calendars_read, calendars_failed) = crate::calendar_follow::refresh_due(
            &self.db,
            &self.calendar_fetch,
            now,
            CALENDARS_PER_RUN,
            &self.public_url,
        )
        .await?;
        db::outbox::worker_ran(self.db.pool(), &self.instance, self.clock.now()).await?;
        Ok(Report {
            reminders,
            sent,
            failed,
            offers_expired,
            sessions_ended,
            purged,
            calendars_read,
            calendars_failed,
            contact_reminders,
        })
    }

    /// Applies the retention rules by the rules' clock (so tests can move time on).
    async fn retain(&self, now: i64) -> Result<Purged, sqlx::Error> {
        let now = chrono::DateTime::from_timestamp(now, 0).unwrap_or_default();
        db::retention::run(&self.db, self.retention.cutoffs(now)).await
    }

    /// Deletes ended sessions and attempt counts past every window, and keeps the query
    /// planner's statistics current. Sessions live by the system clock (as logins do), not by
    /// the rules' clock.
    async fn sweep(&self) -> Result<u64, sqlx::Error> {
        let pool = self.db.pool();
        let now = db::now();
        let ended = db::sessions::sweep(pool, now, self.session_idle_secs).await?;
        db::throttle::sweep(pool, now).await?;
        db::visitor_drafts::sweep(pool, now).await?;
        self.db.refresh_statistics(false).await?;
        Ok(ended)
    }

    /// Queues the reminder of every consultation starting within a day, once: the flag is
    /// claimed in the same transaction as the message is written.
    async fn queue_reminders(&self, now: i64) -> Result<usize, sqlx::Error> {
        let due =
            db::consultations::reminders_due(self.db.pool(), now, now + REMINDER_LEAD).await?;
        let mut queued = 0;
        for id in due {
            let mut tx = self.db.begin().await?;
            if db::consultations::claim_reminder(&mut tx, id).await? {
                let notice = Notice::of(MessageKind::Reminder);
                notify::consultation(&mut tx, id, &notice, now, &self.public_url).await?;
                queued += 1;
            }
            tx.commit().await?;
        }
        Ok(queued)
    }

    /// Ends the workshop seat offers that ran out and passes their seats to the next waiting
    /// request, each under its series lock (an offer accepted meanwhile is left alone).
    async fn expire_offers(&self, now: i64) -> Result<usize, sqlx::Error> {
        let mut expired = 0;
        for (id, series) in db::workshop_seats::expired_offers(self.db.pool(), now).await? {
            let mut tx = self.db.begin().await?;
            let Some(s) = db::workshops::lock_series(&mut tx, self.db.backend(), series).await?
            else {
                continue;
            };
            let Some(reg) = db::workshop_seats::registration(&mut *tx, id).await? else {
                continue;
            };
            if reg.status == tugi_app::domain::workshops::RegistrationStatus::Offered
                && reg.offer_expires_at.is_some_and(|at| at <= now)
            {
                let next = db::workshop_seats::expire_offer(&mut tx, &s, &reg, now).await?;
                let url = &self.public_url;
                let none = notify_workshops::Extra::default();
                notify_workshops::sign_up(&mut tx, id, SeatMessage::Expired, &none, now, url)
                    .await?;
                notify_workshops::passed_on(&mut tx, &next, now, url).await?;
                expired += 1;
            }
            tx.commit().await?;
        }
        Ok(expired)
    }

    /// Sends the messages that are due, one claimed at a time; answers (sent, failed).
    async fn deliver_due(&self, now: i64) -> Result<(usize, usize), sqlx::Error> {
        let (mut sent, mut failed) = (0, 0);
        for _ in 0..BATCH {
            if self.stopping() {
                break;
            }
            let Some(row) = db::outbox::claim_next(&self.db, now).await? else {
                break;
            };
            let result = match self.message(&row) {
                Ok(message) => self.mailer.send(row.id, message).await,
                Err(error) => Err(Failure::Permanent(error.to_string())),
            };
            let attempts = row.attempts + 1;
            match result {
                Ok(()) => {
                    db::outbox::mark_sent(self.db.pool(), row.id, self.clock.now()).await?;
                    sent += 1;
                    continue;
                }
                Err(Failure::Transient(error)) if attempts < db::outbox::MAX_ATTEMPTS => {
                    let retry_at = now + db::outbox::backoff(attempts);
                    tracing::warn!(id = row.id, attempts, %error, "message not delivered; will retry");
                    db::outbox::mark_failed(self.db.pool(), row.id, &error, retry_at).await?;
                }
                Err(Failure::Transient(error) | Failure::Permanent(error)) => {
                    tracing::error!(id = row.id, attempts, %error, "message failed for good");
                    db::outbox::mark_failed_for_good(self.db.pool(), row.id, &error, now).await?;
                }
            }
            failed += 1;
        }
        Ok((sent, failed))
    }

    fn message(&self, row: &MessageRow) -> Result<Message, Error> {
        let to: Mailbox = row.recipient.parse()?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to.clone())
            .subject(row.subject.clone())
            .message_id(Some(format!("<outbox-{}@tugi>", row.id)));
        let Some(calendar) = &row.calendar else {
            return Ok(builder
                .header(ContentType::TEXT_PLAIN)
                .body(row.body.clone())?);
        };
        // The text and the same event as a calendar, side by side (multipart/alternative,
        // inline), which is how mail clients recognise an invitation they can add.
        let calendar = ics::addressed(
            calendar,
            &Invitation {
                organizer_name: self.from.name.clone().unwrap_or_else(|| "Tugi".into()),
                organizer_email: self.from.email.to_string(),
                attendee_name: to.name.clone().unwrap_or_default(),
                attendee_email: to.email.to_string(),
            },
        );
        let method = ics::method_of(&calendar).unwrap_or("PUBLISH");
        let calendar_type =
            ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))?;
        let parts = MultiPart::alternative()
            .singlepart(SinglePart::plain(row.body.clone()))
            .singlepart(
                SinglePart::builder()
                    .header(calendar_type)
                    .header(ContentDisposition::inline_with_name("invite.ics"))
                    .body(calendar),
            );
        Ok(builder.multipart(parts)?)
    }
}
