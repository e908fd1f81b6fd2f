//! The letter that confirms a contact request to its sender, in the language they asked to be
//! answered in, written into the outbox in the request's transaction.

use super::notify_accounts::{enqueue_letter, letter, To};
use crate::db::Tx;
use crate::domain::intake::NewIntake;
use crate::i18n::Locale;
use crate::names::{locale, Named};
use leptos_i18n::td_string;

/// The outbox kind of the confirmation.
pub const KIND: &str = "intake_received";

fn received_text(l: Locale, request: &NewIntake) -> (String, String) {
    let paragraphs = [
        td_string!(l, mail.mail_intake_intro).to_string(),
        td_string!(
            l,
            mail.mail_intake_help,
            help = request.help.name_in(l).to_string()
        )
        .to_string(),
        td_string!(l, mail.mail_intake_next).to_string(),
    ];
    (
        td_string!(l, mail.mail_intake_subject).to_string(),
        letter(l, &request.name, &paragraphs),
    )
}

/// Queues the confirmation when the sender gave an email address.
pub async fn received(tx: &mut Tx, request: &NewIntake, now: i64) -> Result<(), sqlx::Error> {
    let Some(email) = &request.email else {
        return Ok(());
    };
    let to = To {
        account_id: None,
        email: email.as_str(),
        name: &request.name,
        language: request.language,
    };
    let text = received_text(locale(request.language), request);
    enqueue_letter(tx, &to, KIND, text, now).await?;
    Ok(())
}
