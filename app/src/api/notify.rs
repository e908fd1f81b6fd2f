//! Messages about consultations, written into the outbox inside the transaction of the change
//! they tell of, in the recipient's language (the same translations as the pages).

use super::calendar_feed;
use crate::db::{self, consultations::ConsultationRow, Tx};
pub use crate::domain::consultation::MessageKind;
use crate::domain::{ConsentPurpose, InterfaceLanguage};
use crate::names::locale;
use crate::names::Named;
use leptos_i18n::td_string;

/// Who hears about a household's consultation: the first member with an account, else the
/// household's own email, else the support person who booked it.
/// A household that withdrew its consent to messages is not written to.
pub struct Recipient {
    pub account_id: Option<i64>,
    pub email: String,
    pub language: InterfaceLanguage,
}

pub async fn recipient(
    tx: &mut Tx,
    household_id: i64,
    booked_by: i64,
) -> Result<Option<Recipient>, sqlx::Error> {
    // After the household withdrew its consent to messages, only the support person who
    // booked hears of it.
    let household_reachable =
        !db::households::consent_withdrawn(tx, household_id, ConsentPurpose::Messaging).await?;
    let member = db::recipients::first_member_login(tx, household_id).await?;
    if let (true, Some((id, email, language))) = (household_reachable, member) {
        return Ok(Some(Recipient {
            account_id: Some(id),
            email,
            language,
        }));
    }
    // The household's own address, in the first of its languages that Tugi speaks.
    let household = db::recipients::household_address(tx, household_id).await?;
    if let (true, Some((Some(email), language))) = (household_reachable, household) {
        return Ok(Some(Recipient {
            account_id: None,
            email,
            language: language.unwrap_or(InterfaceLanguage::En),
        }));
    }
    let booker = db::recipients::support_person_login(tx, booked_by).await?;
    Ok(booker.map(|(id, email, language)| Recipient {
        account_id: Some(id),
        email,
        language,
    }))
}

/// Subject and plain-text body of a message about `row`. `previous` is the old time of a
/// moved consultation; `reason` that of a change or cancellation.
pub fn render(
    kind: MessageKind,
    language: InterfaceLanguage,
    row: &ConsultationRow,
    previous: Option<(i64, i64)>,
    reason: Option<&str>,
    link: &str,
) -> (String, String) {
    let l = locale(language);
    let when = super::dates::span_in(l, row.starts_at, row.ends_at);
    let office = row.office.clone();
    let subject = match kind {
        MessageKind::Confirmed => td_string!(
            l,
            mail.mail_confirmed_subject,
            when = when.clone(),
            office = office.clone()
        )
        .to_string(),
        MessageKind::Changed => td_string!(
            l,
            mail.mail_changed_subject,
            when = when.clone(),
            office = office.clone()
        )
        .to_string(),
        MessageKind::Cancelled => td_string!(
            l,
            mail.mail_cancelled_subject,
            when = when.clone(),
            office = office.clone()
        )
        .to_string(),
        MessageKind::Reminder => td_string!(
            l,
            mail.mail_reminder_subject,
            when = when.clone(),
            office = office.clone()
        )
        .to_string(),
    };
    let intro = match kind {
        MessageKind::Confirmed => td_string!(l, mail.mail_confirmed_intro),
        MessageKind::Changed => td_string!(l, mail.mail_changed_intro),
        MessageKind::Cancelled => td_string!(l, mail.mail_cancelled_intro),
        MessageKind::Reminder => td_string!(l, mail.mail_reminder_intro),
    };
    let mut lines = vec![
        td_string!(l, mail.mail_greeting).to_string(),
        String::new(),
        intro.to_string(),
        String::new(),
    ];
    if let Some((start, end)) = previous {
        let previous = super::dates::span_in(l, start, end);
        lines.push(format!(
            "{}: {previous}",
            td_string!(l, mail.mail_previous_time)
        ));
    }
    lines.push(format!(
        "{}: {when} ({})",
        td_string!(l, common.col_when),
        td_string!(l, common.mail_tallinn_time)
    ));
    lines.push(format!(
        "{}: {}, {}",
        td_string!(l, common.field_place),
        row.office,
        row.office_address
    ));
    lines.push(format!(
        "{}: {}",
        td_string!(l, names.role_coordinator),
        row.coordinator
    ));
    lines.push(format!(
        "{}: {}",
        td_string!(l, common.field_topic),
        row.topic.name_in(l)
    ));
    lines.push(format!(
        "{}: {}",
        td_string!(l, common.field_party_size),
        row.party_size
    ));
    if let Some(language) = row.interpreter {
        lines.push(format!(
            "{}: {}",
            td_string!(l, common.field_interpreter),
            language.name_in(l)
        ));
    }
    if let Some(reason) = reason {
        lines.push(format!("{}: {reason}", td_string!(l, common.field_reason)));
    }
    lines.push(String::new());
    if kind != MessageKind::Cancelled {
        lines.push(td_string!(l, mail.mail_change_hint, link = link.to_string()).to_string());
        lines.push(String::new());
    }
    lines.push("Tugi".to_string());
    (subject, lines.join("\r\n"))
}

/// What a message tells: its kind, and for a change or cancellation the old time and reason.
pub struct Notice<'a> {
    pub kind: MessageKind,
    pub previous: Option<(i64, i64)>,
    pub reason: Option<&'a str>,
}

impl Notice<'_> {
    pub fn of(kind: MessageKind) -> Self {
        Notice {
            kind,
            previous: None,
            reason: None,
        }
    }
}

/// Writes a message about consultation `event_id` to its household into the outbox (nothing
/// when nobody can be reached). Runs inside the caller's transaction; `base_url` starts links.
pub async fn consultation(
    tx: &mut Tx,
    event_id: i64,
    notice: &Notice<'_>,
    now: i64,
    base_url: &str,
) -> Result<(), sqlx::Error> {
    let Some(row) = db::consultations::by_id(&mut **tx, event_id).await? else {
        return Ok(());
    };
    let Some(to) = recipient(tx, row.household_id, row.booked_by).await? else {
        return Ok(());
    };
    let link = format!("{base_url}/consultations/{event_id}");
    let (subject, body) = render(
        notice.kind,
        to.language,
        &row,
        notice.previous,
        notice.reason,
        &link,
    );
    let calendar = match notice.kind.calendar_method() {
        Some(method) => {
            let event = db::agenda::household_consultation(&mut **tx, event_id).await?;
            calendar_feed::invitation(event.into_iter().collect(), method, to.language, base_url)
        }
        None => None,
    };
    let message = db::outbox::NewMessage {
        account_id: to.account_id,
        recipient: &to.email,
        language: to.language,
        kind: notice.kind.code(),
        subject: &subject,
        body: &body,
        event_id: Some(event_id),
        calendar: calendar.as_deref(),
    };
    db::outbox::enqueue(tx, &message, now).await?;
    Ok(())
}
