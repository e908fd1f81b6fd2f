//! The public contact and self-referral form, and the coordinators' inbox of what arrives
//! through it. A post is counted per client, then judged for spam (honeypot, signed time stamp,
//! the check question); a robot's post is dropped without a word and gets the same thank-you
//! page as a person's.

use crate::domain::{
    Channel, HelpKind, HouseholdForm, IntakeForm, IntakeOutcome, IntakeStatus, InterfaceLanguage,
    MemberForm, Requester,
};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::attempts::{self, Limit},
    super::{context, drafts, form_stamp, notify_intake},
    crate::db,
    crate::domain::intake::{self, SpamVerdict, NOTE_MAX},
    crate::domain::{
        access, parse_optional_text, parse_required_text, AuditAction, AuditSubject, ErrorCode,
        FieldErrors,
    },
};

/// Posts per client in `WINDOW_SECS` before the form answers "too many".
#[cfg(feature = "ssr")]
const MAX_PER_CLIENT: i64 = 5;
#[cfg(feature = "ssr")]
const WINDOW_SECS: i64 = 10 * 60;
/// How far back the inbox lists closed requests.
#[cfg(feature = "ssr")]
const CLOSED_SHOWN_SECS: i64 = 30 * 86_400;

/// What the contact page needs: a fresh signed stamp with its question, the offices to choose
/// from, and what the visitor typed before, when a post came back refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactPage {
    pub stamp: String,
    pub a: u8,
    pub b: u8,
    pub offices: Vec<(i64, String)>,
    pub draft: IntakeForm,
}

#[server(endpoint = "contact_form")]
pub async fn contact_form() -> Result<ContactPage, AppError> {
    let db = context::db()?;
    let (stamp, question) = form_stamp::issue().await?;
    let offices = db::offices::list(db.pool())
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let draft = drafts::take_draft(DRAFT_KEY.to_string()).await?;
    Ok(ContactPage {
        stamp,
        a: question.a,
        b: question.b,
        offices,
        draft: drafts::decode_draft(draft, IntakeForm::default()),
    })
}

#[cfg(feature = "ssr")]
const DRAFT_KEY: &str = "send_intake";

#[server(endpoint = "send_intake")]
pub async fn send_intake(request: IntakeForm) -> Result<(), AppError> {
    // A post without any stamp never came from the form: dropped before it costs anything.
    if crate::domain::intake::FormStamp::from_payload(
        request
            .stamp
            .rsplit_once('.')
            .map_or("", |(payload, _)| payload),
    )
    .is_none()
    {
        tracing::info!("contact form post without a stamp dropped");
        context::redirect("/contact/thanks");
        return Ok(());
    }
    let db = context::db()?;
    let client = context::client_address();
    attempts::admit(
        AuditAction::ThrottledIntake,
        &[Limit {
            scope: "intake:client",
            key: &client,
            max: MAX_PER_CLIENT,
        }],
        WINDOW_SECS,
    )
    .await?;
    let now = context::now();
    let stamp = form_stamp::verify(&request.stamp).await?;
    let verdict = intake::judge(&request.website, stamp, &request.human_answer, now);
    if let SpamVerdict::Robot(sign) = verdict {
        tracing::info!(?sign, "contact form post dropped as spam");
        context::redirect("/contact/thanks");
        return Ok(());
    }
    let parsed = request.parse();
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    match verdict {
        SpamVerdict::WrongAnswer => errors.push("human_answer", ErrorCode::WrongAnswer),
        SpamVerdict::Expired => errors.push("human_answer", ErrorCode::FormExpired),
        SpamVerdict::Person | SpamVerdict::Robot(_) => {}
    }
    let parsed = parsed.ok();
    if let Some(office) = parsed.as_ref().and_then(|p| p.office_id) {
        if db::offices::by_id(db.pool(), office)
            .await?
            .is_none_or(|o| o.closed_at.is_some())
        {
            errors.push("office", ErrorCode::InvalidChoice);
        }
    }
    let new = match parsed {
        Some(new) if errors.is_empty() => new,
        _ => {
            let kept = IntakeForm {
                human_answer: String::new(),
                website: String::new(),
                stamp: String::new(),
                ..request
            };
            drafts::keep(DRAFT_KEY, &kept).await?;
            return Err(errors.into());
        }
    };
    let mut tx = db.begin().await?;
    db::intake::create(&mut tx, &new, now).await?;
    notify_intake::received(&mut tx, &new, now).await?;
    tx.commit().await?;
    context::redirect("/contact/thanks");
    Ok(())
}

/// One request as the inbox lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntakeLine {
    pub id: i64,
    pub name: String,
    pub requester: Requester,
    pub help: HelpKind,
    pub city: String,
    pub office: Option<String>,
    pub status: IntakeStatus,
    pub outcome: Option<IntakeOutcome>,
    /// Europe/Tallinn time of arrival.
    pub arrived: String,
    /// Whole days since it arrived.
    pub age_days: i64,
    /// Open for more than three working days.
    pub overdue: bool,
    pub taken_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    pub open: Vec<IntakeLine>,
    pub closed: Vec<IntakeLine>,
    pub offices: Vec<(i64, String)>,
}

#[cfg(feature = "ssr")]
fn line_of(r: db::intake::IntakeRow, now: i64) -> IntakeLine {
    let today = context::local_date(now).unwrap_or_default();
    let arrived_on = context::local_date(r.created_at).unwrap_or(today);
    IntakeLine {
        overdue: r.status != IntakeStatus::Closed
            && intake::working_days_between(arrived_on, today) > intake::OVERDUE_WORKING_DAYS,
        age_days: (today - arrived_on).num_days().max(0),
        arrived: super::dates::time(r.created_at),
        id: r.id,
        name: r.name,
        requester: r.requester,
        help: r.help,
        city: r.city,
        office: r.office_name,
        status: r.status,
        outcome: r.outcome,
        taken_by: r.taken_by_name,
    }
}

/// Open requests, oldest first (of one office when `office` is given; 0: those that named
/// none), and those closed in the last 30 days.
#[server(endpoint = "intake_inbox")]
pub async fn intake_inbox(office: Option<i64>) -> Result<Inbox, AppError> {
    let user = context::require(access::INTAKE).await?;
    let db = context::db()?;
    let pool = db.pool();
    let now = context::now();
    db::audit::read(
        pool,
        user.id,
        AuditAction::IntakeView,
        AuditSubject::Intake,
        None,
        Some("inbox"),
    )
    .await?;
    let open = db::intake::open(pool, office)
        .await?
        .into_iter()
        .map(|r| line_of(r, now))
        .collect();
    let closed = db::intake::recently_closed(pool, now - CLOSED_SHOWN_SECS, 100)
        .await?
        .into_iter()
        .filter(|r| office.is_none_or(|o| r.office_id.unwrap_or(0) == o))
        .map(|r| line_of(r, now))
        .collect();
    let offices = db::offices::list(pool)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(Inbox {
        open,
        closed,
        offices,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntakeDetail {
    pub line: IntakeLine,
    pub organisation: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub channel: Channel,
    pub language: InterfaceLanguage,
    pub message: String,
    pub contact_note: Option<String>,
    pub contacted_at: Option<String>,
    pub close_note: Option<String>,
    pub closed_by: Option<String>,
    pub closed_at: Option<String>,
    pub household_id: Option<i64>,
    pub erased: bool,
}

#[server(endpoint = "get_intake")]
pub async fn get_intake(id: i64) -> Result<IntakeDetail, AppError> {
    let user = context::require(access::INTAKE).await?;
    let db = context::db()?;
    let pool = db.pool();
    let row = db::intake::by_id(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    db::audit::record(
        pool,
        user.id,
        AuditAction::IntakeView,
        AuditSubject::Intake,
        id,
    )
    .await?;
    Ok(IntakeDetail {
        organisation: row.organisation.clone(),
        phone: row.phone.clone(),
        email: row.email.clone(),
        channel: row.channel,
        language: row.language,
        message: row.message.clone(),
        contact_note: row.contact_note.clone(),
        contacted_at: row.contacted_at.map(super::dates::time),
        close_note: row.close_note.clone(),
        closed_by: row.closed_by_name.clone(),
        closed_at: row.closed_at.map(super::dates::time),
        household_id: row.household_id,
        erased: row.erased_at.is_some(),
        line: line_of(row, context::now()),
    })
}

/// Runs one change of a request by `user` (already checked for `access::INTAKE`) in a
/// transaction with its audit line; `change` answers false when the request was already closed.
#[cfg(feature = "ssr")]
async fn change<F>(
    user: super::auth::CurrentUser,
    id: i64,
    action: AuditAction,
    change: F,
) -> Result<(), AppError>
where
    F: for<'t> FnOnce(
        &'t mut db::Tx,
        i64,
    ) -> std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<bool, sqlx::Error>> + Send + 't>,
    >,
{
    let db = context::db()?;
    db::intake::by_id(db.pool(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = db.begin().await?;
    if !change(&mut tx, user.id).await? {
        return Err(FieldErrors::single("intake", ErrorCode::IntakeClosed).into());
    }
    db::audit::record(&mut *tx, user.id, action, AuditSubject::Intake, id).await?;
    tx.commit().await?;
    context::redirect_done(&format!("/intake/{id}"), crate::domain::Done::Saved);
    Ok(())
}

#[server(endpoint = "take_intake")]
pub async fn take_intake(id: i64) -> Result<(), AppError> {
    let user = context::require(access::INTAKE).await?;
    let now = context::now();
    change(user, id, AuditAction::IntakeTake, move |tx, user| {
        Box::pin(db::intake::take(tx, id, user, now))
    })
    .await
}

#[server(endpoint = "note_intake")]
pub async fn note_intake(id: i64, note: String) -> Result<(), AppError> {
    let user = context::require(access::INTAKE).await?;
    let note = parse_required_text(&note, NOTE_MAX)
        .map_err(|code| AppError::from(FieldErrors::single("note", code)))?;
    let now = context::now();
    change(user, id, AuditAction::IntakeNote, move |tx, user| {
        Box::pin(async move { db::intake::note_contact(tx, id, user, &note, now).await })
    })
    .await
}

#[server(endpoint = "close_intake")]
pub async fn close_intake(id: i64, outcome: String, note: String) -> Result<(), AppError> {
    let user = context::require(access::INTAKE).await?;
    let outcome = IntakeOutcome::parse(&outcome)
        .filter(|o| IntakeOutcome::CLOSE_REASONS.contains(o))
        .ok_or_else(|| AppError::from(FieldErrors::single("outcome", ErrorCode::InvalidChoice)))?;
    let note = parse_optional_text(&note, NOTE_MAX)
        .map_err(|code| AppError::from(FieldErrors::single("note", code)))?;
    let now = context::now();
    change(user, id, AuditAction::IntakeClose, move |tx, user| {
        Box::pin(async move {
            db::intake::close(tx, id, user, outcome, note.as_deref(), None, now).await
        })
    })
    .await
}

/// The household registration form filled in from a request: contacts, city, the need, and the
/// sender's name as the first member (the rest the coordinator asks for).
#[server(endpoint = "intake_prefill")]
pub async fn intake_prefill(id: i64) -> Result<(HouseholdForm, MemberForm), AppError> {
    let _user = context::require(access::INTAKE).await?;
    let db = context::db()?;
    let row = db::intake::by_id(db.pool(), id)
        .await?
        .filter(|r| r.status != IntakeStatus::Closed)
        .ok_or(AppError::NotFound)?;
    Ok(intake::prefill(&intake::Prefill {
        name: &row.name,
        phone: row.phone.as_deref(),
        email: row.email.as_deref(),
        channel: row.channel,
        language: row.language,
        city: &row.city,
        need: &format!(
            "{}: {}",
            crate::names::Named::name_in(row.help, crate::names::locale(row.language)),
            row.message
        ),
    }))
}

/// Closes the request as registered, linked to the household just created from it, inside the
/// household's transaction. Fails (and so undoes the household) when the request was closed
/// meanwhile.
#[cfg(feature = "ssr")]
pub(crate) async fn link_registered(
    tx: &mut db::Tx,
    intake: i64,
    household: i64,
    user: i64,
) -> Result<(), AppError> {
    let now = context::now();
    if !db::intake::close(
        tx,
        intake,
        user,
        IntakeOutcome::Registered,
        None,
        Some(household),
        now,
    )
    .await?
    {
        return Err(FieldErrors::single("intake", ErrorCode::IntakeClosed).into());
    }
    db::audit::record(
        &mut **tx,
        user,
        AuditAction::IntakeRegister,
        AuditSubject::Intake,
        intake,
    )
    .await?;
    Ok(())
}

/// Open requests, and those waiting more than three working days, for the coordinators'
/// overview.
#[cfg(feature = "ssr")]
pub(crate) async fn open_counts() -> Result<(usize, usize), AppError> {
    let db = context::db()?;
    let today = context::today();
    let arrivals = db::intake::open_arrivals(db.pool()).await?;
    let overdue = arrivals
        .iter()
        .filter_map(|at| context::local_date(*at))
        .filter(|on| intake::working_days_between(*on, today) > intake::OVERDUE_WORKING_DAYS)
        .count();
    Ok((arrivals.len(), overdue))
}
