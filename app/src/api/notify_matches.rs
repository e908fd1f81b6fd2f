//! The message that tells the coordinator who approved a match that its volunteer accepted, in
//! the coordinator's language, written into the outbox in the acceptance's transaction.

use super::notify_accounts::{enqueue_letter, letter, To};
use crate::db::{self, Tx};
use crate::domain::Programme;
use crate::names::locale;
use crate::names::Named;
use leptos_i18n::td_string;

/// The outbox kind of this message.
pub const MATCH_ACCEPTED: &str = "match_accepted";

/// Who accepted what, for the coordinator.
pub struct Accepted<'a> {
    pub volunteer: &'a str,
    /// The first name of the person the volunteer will support.
    pub name: &'a str,
    pub programme: Programme,
    /// The match's page, absolute.
    pub link: &'a str,
}

/// Queues the message to account `coordinator`; nothing when it has no active login.
pub async fn match_accepted(
    tx: &mut Tx,
    coordinator: i64,
    what: &Accepted<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let Some(to) = db::accounts::by_id_in(&mut **tx, coordinator).await? else {
        return Ok(());
    };
    if to.active == 0 {
        return Ok(());
    }
    let l = locale(to.language);
    let subject = td_string!(
        l,
        mail.mail_match_accepted_subject,
        volunteer = what.volunteer.to_string()
    )
    .to_string();
    let intro = td_string!(
        l,
        mail.mail_match_accepted_intro,
        volunteer = what.volunteer.to_string(),
        name = what.name.to_string(),
        programme = what.programme.name_in(l).to_string()
    )
    .to_string();
    let body = letter(l, &to.display_name, &[intro, what.link.to_string()]);
    let recipient = To {
        account_id: Some(to.id),
        email: &to.email,
        name: &to.display_name,
        language: to.language,
    };
    enqueue_letter(tx, &recipient, MATCH_ACCEPTED, (subject, body), now).await?;
    Ok(())
}
