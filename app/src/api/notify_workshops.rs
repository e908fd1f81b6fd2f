//! Messages about workshop sign-ups (confirmed, waitlisted, offered, expired, cancelled, a
//! session cancelled), written into the outbox inside the transaction of the change, in the
//! household's language.

use super::calendar_feed;
use super::notify::recipient;
use crate::db::{self, Tx};
use crate::domain::workshops::{Localised, PlaceKind, SeatMessage};
use crate::domain::InterfaceLanguage;
use crate::i18n::Locale;
use crate::names::locale;
use leptos_i18n::td_string;

/// What a message is about beyond its registration.
#[derive(Default)]
pub struct Extra {
    /// The cancelled session: (event id, start, end).
    pub session: Option<(i64, i64, i64)>,
    pub reason: Option<String>,
    /// The place on the waitlist, for a request that waits.
    pub place: Option<usize>,
}

async fn activity_title(
    tx: &mut Tx,
    code: &str,
    language: InterfaceLanguage,
) -> Result<String, sqlx::Error> {
    Ok(match db::activity_types::custom_names(tx, code).await? {
        Some((et, en, ru, uk)) => Localised([et, en, ru, uk].map(Option::unwrap_or_default))
            .get(language.code())
            .to_string(),
        None => crate::names::activity_name_in(locale(language), code)
            .map_or_else(|| code.to_string(), str::to_string),
    })
}

fn subject(l: Locale, kind: SeatMessage, activity: String, office: String) -> String {
    match kind {
        SeatMessage::Confirmed => td_string!(l, mail.mail_ws_confirmed_subject, activity, office),
        SeatMessage::Waitlisted => td_string!(l, mail.mail_ws_waitlisted_subject, activity, office),
        SeatMessage::Offered => td_string!(l, mail.mail_ws_offered_subject, activity, office),
        SeatMessage::Expired => td_string!(l, mail.mail_ws_expired_subject, activity, office),
        SeatMessage::Cancelled => td_string!(l, mail.mail_ws_cancelled_subject, activity, office),
        SeatMessage::SessionCancelled => {
            td_string!(l, mail.mail_ws_session_cancelled_subject, activity, office)
        }
    }
    .to_string()
}

fn intro(l: Locale, kind: SeatMessage) -> String {
    match kind {
        SeatMessage::Confirmed => td_string!(l, mail.mail_ws_confirmed_intro),
        SeatMessage::Waitlisted => td_string!(l, mail.mail_ws_waitlisted_intro),
        SeatMessage::Offered => td_string!(l, mail.mail_ws_offered_intro),
        SeatMessage::Expired => td_string!(l, mail.mail_ws_expired_intro),
        SeatMessage::Cancelled => td_string!(l, mail.mail_ws_cancelled_intro),
        SeatMessage::SessionCancelled => td_string!(l, mail.mail_ws_session_cancelled_intro),
    }
    .to_string()
}

/// Writes a message about registration `id` to its household (nothing when nobody can be
/// reached). Runs inside the caller's transaction.
pub async fn sign_up(
    tx: &mut Tx,
    id: i64,
    kind: SeatMessage,
    extra: &Extra,
    now: i64,
    base_url: &str,
) -> Result<(), sqlx::Error> {
    let Some(reg) = db::workshop_seats::registration(&mut **tx, id).await? else {
        return Ok(());
    };
    let Some(series) = db::workshop_views::series(&mut **tx, reg.series_id).await? else {
        return Ok(());
    };
    let Some(to) = recipient(tx, reg.household_id, reg.booked_by).await? else {
        return Ok(());
    };
    let l = locale(to.language);
    let activity = activity_title(tx, &series.activity, to.language).await?;
    let people = db::workshop_views::people_of(&mut **tx, id).await?;
    let mut lines = vec![
        td_string!(l, mail.mail_greeting).to_string(),
        String::new(),
        intro(l, kind),
        String::new(),
        format!("{}: {activity}", td_string!(l, common.field_activity)),
        format!("{}: {}", td_string!(l, mail.col_people), people.join(", ")),
    ];
    let place = match series.place_kind {
        PlaceKind::Online => td_string!(l, common.place_online).to_string(),
        PlaceKind::Address => series.address.clone().unwrap_or_default(),
        PlaceKind::Room => format!(
            "{}, {}",
            series.room.clone().unwrap_or_default(),
            series.office_address
        ),
    };
    lines.push(format!("{}: {place}", td_string!(l, common.field_place)));
    let tallinn = td_string!(l, common.mail_tallinn_time);
    if let Some((_, start, end)) = extra.session {
        let when = super::dates::span_in(l, start, end);
        lines.push(format!(
            "{}: {when} ({tallinn})",
            td_string!(l, common.col_when)
        ));
    } else if let Some(next) = db::workshops::next_start(&mut **tx, series.id, now).await? {
        let when = super::dates::time_in(l, next);
        lines.push(format!(
            "{}: {when} ({tallinn})",
            td_string!(l, common.next_session)
        ));
    }
    if let Some(place) = extra.place {
        lines.push(td_string!(l, common.waitlist_place_n, n = place).to_string());
    }
    if let (SeatMessage::Offered, Some(until)) = (kind, reg.offer_expires_at) {
        let until = super::dates::time_in(l, until);
        lines.push(td_string!(l, mail.mail_ws_offer_until, until).to_string());
    }
    if let Some(reason) = &extra.reason {
        lines.push(format!("{}: {reason}", td_string!(l, common.field_reason)));
    }
    lines.push(String::new());
    lines.push(
        td_string!(
            l,
            mail.mail_ws_link,
            link = format!("{base_url}/my-workshops")
        )
        .to_string(),
    );
    lines.push(String::new());
    lines.push("Tugi".to_string());
    let subject = subject(l, kind, activity, series.office.clone());
    let body = lines.join("\r\n");
    let calendar = match kind.calendar_method() {
        Some(method) => {
            let only = extra.session.map(|(id, _, _)| id).or(reg.session_id);
            let sessions =
                db::agenda::participant_sessions(&mut **tx, series.id, only, now).await?;
            calendar_feed::invitation(sessions, method, to.language, base_url)
        }
        None => None,
    };
    let message = db::outbox::NewMessage {
        account_id: to.account_id,
        recipient: &to.email,
        language: to.language,
        kind: kind.code(),
        subject: &subject,
        body: &body,
        event_id: extra.session.map(|(id, _, _)| id),
        calendar: calendar.as_deref(),
    };
    db::outbox::enqueue(tx, &message, now).await?;
    Ok(())
}

/// Messages for what `fill_free_seats` did: an offer, or a seat booked automatically.
pub async fn passed_on(
    tx: &mut Tx,
    outcomes: &[db::workshop_seats::Next],
    now: i64,
    base_url: &str,
) -> Result<(), sqlx::Error> {
    for next in outcomes {
        match next {
            db::workshop_seats::Next::Offered(id) => {
                sign_up(
                    tx,
                    *id,
                    SeatMessage::Offered,
                    &Extra::default(),
                    now,
                    base_url,
                )
                .await?
            }
            db::workshop_seats::Next::Booked(id) => {
                sign_up(
                    tx,
                    *id,
                    SeatMessage::Confirmed,
                    &Extra::default(),
                    now,
                    base_url,
                )
                .await?
            }
            db::workshop_seats::Next::Nobody => {}
        }
    }
    Ok(())
}
