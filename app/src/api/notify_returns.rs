//! The reminders of the three-month contact rule: a month before the deadline and on it, the
//! returnee is reminded in their language to contact their country office. Each reminder is
//! claimed in the same transaction as its letter is written, so it goes out once even when
//! several servers run the job.

use super::notify_accounts::{enqueue_letter, letter, To};
use crate::db::{self, Db};
use crate::domain::reintegration::{contact_deadline, contact_state, ContactReminder};
use crate::i18n::Locale;
use crate::names::{date_in, locale};
use chrono::NaiveDate;
use leptos_i18n::td_string;

/// The outbox kinds of the two reminders.
pub fn kind(reminder: ContactReminder) -> &'static str {
    match reminder {
        ContactReminder::DueSoon => "return_contact_due",
        ContactReminder::Deadline => "return_contact_deadline",
    }
}

fn reminder_text(
    l: Locale,
    reminder: ContactReminder,
    name: &str,
    deadline: NaiveDate,
    office: &db::country_offices::CountryOfficeRow,
) -> (String, String) {
    let deadline = date_in(l, deadline);
    let (subject, first) = match reminder {
        ContactReminder::DueSoon => (
            td_string!(l, mail.mail_return_due_subject).to_string(),
            td_string!(l, mail.mail_return_due, deadline = deadline).to_string(),
        ),
        ContactReminder::Deadline => (
            td_string!(l, mail.mail_return_deadline_subject).to_string(),
            td_string!(l, mail.mail_return_deadline, deadline = deadline).to_string(),
        ),
    };
    let contact = [
        office.name.clone(),
        office.address.clone(),
        office.phone.clone(),
        office.email.clone(),
        office.working_hours.clone(),
    ]
    .join("\r\n");
    (subject, letter(l, name, &[first, contact]))
}

/// Queues the reminders due on `today` for every returned case still waiting for its first
/// contact; answers how many were queued.
pub async fn queue_contact_reminders(
    db: &Db,
    today: NaiveDate,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let mut queued = 0;
    for case in db::return_cases::awaiting_contact(db.pool()).await? {
        let Some(arrived) = case.arrived_on.as_deref().and_then(|d| d.parse().ok()) else {
            continue;
        };
        let extended = case
            .contact_extended_to
            .as_deref()
            .and_then(|d| d.parse().ok());
        let Some(reminder) = ContactReminder::due(contact_state(arrived, None, extended, today))
        else {
            continue;
        };
        let Some(office_id) = case.country_office_id else {
            continue;
        };
        let Some(office) = db::country_offices::by_id(db.pool(), office_id).await? else {
            continue;
        };
        let mut tx = db.begin().await?;
        if db::return_cases::claim_reminder(&mut tx, case.id, reminder, now).await? {
            if let Some(email) = case.email.as_deref() {
                let name = format!("{} {}", case.first_name, case.last_name);
                let deadline = extended.unwrap_or_else(|| contact_deadline(arrived));
                let text = reminder_text(locale(case.language), reminder, &name, deadline, &office);
                let to = To {
                    account_id: None,
                    email,
                    name: &name,
                    language: case.language,
                };
                enqueue_letter(&mut tx, &to, kind(reminder), text, now).await?;
            }
            queued += 1;
        }
        tx.commit().await?;
    }
    Ok(queued)
}
