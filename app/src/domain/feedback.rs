//! What an action did, said once at the top of the page it leads to. The server adds
//! `done=<code>` to the page's address after a successful action (with JavaScript and without),
//! so the message survives the redirect and needs no session state.

string_enum!(
    /// A successful action, as the next page announces it.
    Done {
        Saved => "saved",
        OfficeCreated => "office_created",
        PasswordChanged => "password_changed",
        MessageRetried => "message_retried",
        Booked => "booked",
        Moved => "moved",
        ConsultationCancelled => "consultation_cancelled",
        SignedUp => "signed_up",
        Waitlisted => "waitlisted",
        SignUpCancelled => "sign_up_cancelled",
        OfferAccepted => "offer_accepted",
        Assigned => "assigned",
        MemberAdded => "member_added",
        ConsentRecorded => "consent_recorded",
        ChecklistSaved => "checklist_saved",
        MeetingPlanned => "meeting_planned",
        MeetingHeld => "meeting_held",
        MeetingCancelled => "meeting_cancelled",
        Extended => "extended",
        Ended => "ended",
        ProposalApproved => "proposal_approved",
        ProposalRejected => "proposal_rejected",
        MatchAccepted => "match_accepted",
        MatchDeclined => "match_declined",
        MatchClosed => "match_closed",
        CheckInLogged => "check_in_logged",
        SessionCancelled => "session_cancelled",
        SeriesCancelled => "series_cancelled",
        AttendanceSaved => "attendance_saved",
        WalkInRegistered => "walk_in_registered",
    }
);

/// Parameters of the page address that belong to the message, not to the page.
const OWN: [&str; 2] = ["done", "t"];

/// `target` (a path with an optional query) with `done` set to `done`. `stamp` makes the
/// address new when the same action is done twice, so the page announces it again.
pub fn with_done(target: &str, done: Done, stamp: u64) -> String {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = path.split('#').next().unwrap_or(path);
    let query = query.split('#').next().unwrap_or(query);
    let mut kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or(pair);
            !OWN.contains(&name)
        })
        .collect();
    let own = format!("done={}&t={stamp}", done.code());
    kept.push(&own);
    format!("{path}?{}", kept.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_keeps_its_own_parameters_and_gets_one_message() {
        assert_eq!(
            with_done("/consultations/7", Done::Booked, 5),
            "/consultations/7?done=booked&t=5"
        );
        assert_eq!(
            with_done(
                "/consultations/book?office=2&day=2027-01-14",
                Done::Booked,
                5
            ),
            "/consultations/book?office=2&day=2027-01-14&done=booked&t=5"
        );
        assert_eq!(
            with_done(
                "/workshops/3?done=signed_up&t=4&household=9#x",
                Done::SignUpCancelled,
                6
            ),
            "/workshops/3?household=9&done=sign_up_cancelled&t=6"
        );
    }

    #[test]
    fn every_code_reads_back() {
        for d in Done::ALL {
            assert_eq!(Done::parse(d.code()), Some(*d));
        }
    }
}
