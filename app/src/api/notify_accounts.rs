//! Messages about a person's own account, written into the outbox in their language inside the
//! transaction of the change: an invitation, a password reset link, and the notice that a
//! password was changed.

use crate::db::{self, outbox::NewMessage, Tx};
use crate::domain::{InterfaceLanguage, Role};
use crate::i18n::Locale;
use crate::names::locale;
use leptos_i18n::td_string;

/// The kinds of account message, as stored in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountMessage {
    Invitation,
    PasswordReset,
    PasswordChanged,
    EmailChanged,
}

impl AccountMessage {
    pub fn code(self) -> &'static str {
        match self {
            AccountMessage::Invitation => "invitation",
            AccountMessage::PasswordReset => "password_reset",
            AccountMessage::PasswordChanged => "password_changed",
            AccountMessage::EmailChanged => "email_changed",
        }
    }
}

/// Who gets an account message.
#[derive(Clone, Copy)]
pub struct To<'a> {
    pub account_id: Option<i64>,
    pub email: &'a str,
    pub name: &'a str,
    pub language: InterfaceLanguage,
}

/// A letter: the greeting, the paragraphs with a blank line between, and the signature.
pub(crate) fn letter(l: Locale, name: &str, paragraphs: &[String]) -> String {
    let mut lines = vec![
        td_string!(l, mail.mail_invite_hello, name = name.to_string()).to_string(),
        String::new(),
    ];
    for paragraph in paragraphs {
        lines.push(paragraph.clone());
        lines.push(String::new());
    }
    lines.push("Tugi".to_string());
    lines.join("\r\n")
}

/// Subject and body of an invitation to `roles`, with the link that sets the password.
pub fn invitation_text(l: Locale, name: &str, roles: &[Role], link: &str) -> (String, String) {
    let roles = roles
        .iter()
        .map(|r| crate::names::Named::name_in(*r, l))
        .collect::<Vec<_>>()
        .join(", ");
    let paragraphs = [
        td_string!(l, mail.mail_invite_intro, roles = roles).to_string(),
        link.to_string(),
        td_string!(l, mail.mail_invite_validity).to_string(),
    ];
    (
        td_string!(l, mail.mail_invite_subject).to_string(),
        letter(l, name, &paragraphs),
    )
}

fn reset_text(l: Locale, name: &str, link: &str) -> (String, String) {
    let paragraphs = [
        td_string!(l, mail.mail_reset_intro).to_string(),
        link.to_string(),
        td_string!(l, mail.mail_reset_validity).to_string(),
    ];
    (
        td_string!(l, mail.mail_reset_subject).to_string(),
        letter(l, name, &paragraphs),
    )
}

fn changed_text(l: Locale, name: &str, when: &str) -> (String, String) {
    let paragraphs = [
        td_string!(l, mail.mail_password_changed_intro, when = when.to_string()).to_string(),
        td_string!(l, mail.mail_password_changed_not_you).to_string(),
    ];
    (
        td_string!(l, mail.mail_password_changed_subject).to_string(),
        letter(l, name, &paragraphs),
    )
}

async fn enqueue(
    tx: &mut Tx,
    to: &To<'_>,
    kind: AccountMessage,
    text: (String, String),
    now: i64,
) -> Result<i64, sqlx::Error> {
    enqueue_letter(tx, to, kind.code(), text, now).await
}

/// Queues a letter to one person, of outbox `kind`.
pub(crate) async fn enqueue_letter(
    tx: &mut Tx,
    to: &To<'_>,
    kind: &str,
    (subject, body): (String, String),
    now: i64,
) -> Result<i64, sqlx::Error> {
    let recipient = format!(
        "{} <{}>",
        to.name.replace(['<', '>', '"', ','], " "),
        to.email
    );
    db::outbox::enqueue(
        tx,
        &NewMessage {
            account_id: to.account_id,
            recipient: &recipient,
            language: to.language,
            kind,
            subject: &subject,
            body: &body,
            event_id: None,
            calendar: None,
        },
        now,
    )
    .await
}

pub async fn invitation(
    tx: &mut Tx,
    to: &To<'_>,
    roles: &[Role],
    link: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let text = invitation_text(locale(to.language), to.name, roles, link);
    enqueue(tx, to, AccountMessage::Invitation, text, now).await
}

pub async fn password_reset(
    tx: &mut Tx,
    to: &To<'_>,
    link: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let text = reset_text(locale(to.language), to.name, link);
    enqueue(tx, to, AccountMessage::PasswordReset, text, now).await
}

pub async fn password_changed(tx: &mut Tx, to: &To<'_>, now: i64) -> Result<i64, sqlx::Error> {
    let l = locale(to.language);
    let when = super::dates::time_in(l, now);
    let text = changed_text(l, to.name, &when);
    enqueue(tx, to, AccountMessage::PasswordChanged, text, now).await
}

fn email_changed_text(l: Locale, name: &str, new_email: &str) -> (String, String) {
    let paragraphs = [
        td_string!(
            l,
            mail.mail_email_changed_intro,
            email = new_email.to_string()
        )
        .to_string(),
        td_string!(l, mail.mail_password_changed_not_you).to_string(),
    ];
    (
        td_string!(l, mail.mail_email_changed_subject).to_string(),
        letter(l, name, &paragraphs),
    )
}

/// Tells both the old and the new address that the login's email changed.
pub async fn email_changed(
    tx: &mut Tx,
    old: &To<'_>,
    new_email: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let l = locale(old.language);
    enqueue(
        tx,
        old,
        AccountMessage::EmailChanged,
        email_changed_text(l, old.name, new_email),
        now,
    )
    .await?;
    let new = To {
        email: new_email,
        ..*old
    };
    enqueue(
        tx,
        &new,
        AccountMessage::EmailChanged,
        email_changed_text(l, old.name, new_email),
        now,
    )
    .await?;
    Ok(())
}

/// Tells a person that the calendar they follow failed for a week and is no longer read.
pub async fn calendar_paused(
    tx: &mut Tx,
    to: &To<'_>,
    address: &str,
    link: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let l = locale(to.language);
    let paragraphs = [
        td_string!(
            l,
            mail.mail_calendar_paused_intro,
            address = address.to_string()
        )
        .to_string(),
        td_string!(l, mail.mail_calendar_paused_action).to_string(),
        link.to_string(),
    ];
    let text = (
        td_string!(l, mail.mail_calendar_paused_subject).to_string(),
        letter(l, to.name, &paragraphs),
    );
    enqueue_letter(tx, to, "calendar_paused", text, now).await
}
