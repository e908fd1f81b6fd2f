//! After an action: the success message at the top of the page (`?done=<code>`). Every action
//! loads a new page, on which the browser focuses the message (`autofocus`) so that sighted and
//! screen-reader users both learn what happened.

use crate::domain::Done;
use crate::i18n::*;
use crate::ui::text::I18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The sentence for a done action in the reader's language.
pub fn done_text(i18n: I18n, done: Done) -> String {
    match done {
        Done::Saved => t_string!(i18n, common.saved),
        Done::OfficeCreated => t_string!(i18n, common.office_created),
        Done::PasswordChanged => t_string!(i18n, common.password_changed),
        Done::MessageRetried => t_string!(i18n, common.outbox_retried),
        Done::Booked => t_string!(i18n, common.consultation_booked),
        Done::Moved => t_string!(i18n, common.consultation_moved),
        Done::ConsultationCancelled => t_string!(i18n, common.done_consultation_cancelled),
        Done::SignedUp => t_string!(i18n, common.done_signed_up),
        Done::Waitlisted => t_string!(i18n, common.done_waitlisted),
        Done::SignUpCancelled => t_string!(i18n, common.done_sign_up_cancelled),
        Done::OfferAccepted => t_string!(i18n, common.done_offer_accepted),
        Done::Assigned => t_string!(i18n, common.done_assigned),
        Done::MemberAdded => t_string!(i18n, common.done_member_added),
        Done::ConsentRecorded => t_string!(i18n, common.done_consent_recorded),
        Done::ChecklistSaved => t_string!(i18n, common.done_checklist_saved),
        Done::MeetingPlanned => t_string!(i18n, common.done_meeting_planned),
        Done::MeetingHeld => t_string!(i18n, common.done_meeting_held),
        Done::MeetingCancelled => t_string!(i18n, common.done_meeting_cancelled),
        Done::Extended => t_string!(i18n, common.done_extended),
        Done::Ended => t_string!(i18n, common.done_ended),
        Done::ProposalApproved => t_string!(i18n, common.done_proposal_approved),
        Done::ProposalRejected => t_string!(i18n, common.done_proposal_rejected),
        Done::MatchAccepted => t_string!(i18n, common.done_match_accepted),
        Done::MatchDeclined => t_string!(i18n, common.done_match_declined),
        Done::MatchClosed => t_string!(i18n, common.done_match_closed),
        Done::CheckInLogged => t_string!(i18n, common.done_check_in_logged),
        Done::SessionCancelled => t_string!(i18n, common.done_session_cancelled),
        Done::SeriesCancelled => t_string!(i18n, common.done_series_cancelled),
        Done::AttendanceSaved => t_string!(i18n, common.attendance_saved),
        Done::WalkInRegistered => t_string!(i18n, common.done_walk_in_registered),
    }
    .to_string()
}

/// The message of the last action, shown first in `<main>` on every page.
#[component]
pub fn DoneNotice() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // The stamp is part of the key: the same action done twice is announced twice.
    let done = Memo::new(move |_| {
        query.with(|q| {
            q.get("done")
                .and_then(|code| Done::parse(&code))
                .map(|d| (d, q.get("t").unwrap_or_default()))
        })
    });
    move || {
        done.get().map(|(d, _)| {
            view! {
                <div id="done" class="notice success" role="status" tabindex="-1" autofocus>
                    <p>{done_text(i18n, d)}</p>
                </div>
            }
        })
    }
}
