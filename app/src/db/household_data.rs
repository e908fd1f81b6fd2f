//! Everything stored about one household, read out for an export, and its erasure: free text,
//! names, contacts and dates of birth are removed while the rows (and so every count a report
//! makes) stay.

use super::Tx;
use crate::domain::{DataTable, ErasureBlockers, ExportTable, ExportValue};
use sqlx::{any::AnyRow, AnyPool, Column, Row};

/// The outbox rows that went to the household: to a member's login, to an address or phone an
/// invitation went to, or to the household's own address, whether bare or as `Name <address>`.
macro_rules! household_messages {
    () => {
        "(o.account_id IN (SELECT account_id FROM members WHERE household_id = $1) \
         OR EXISTS (SELECT 1 FROM (\
            SELECT email AS address FROM households WHERE id = $1 AND email IS NOT NULL \
            UNION SELECT a.email FROM accounts a JOIN members m ON m.account_id = a.id \
            WHERE m.household_id = $1 \
            UNION SELECT i.email FROM invites i JOIN members m ON m.id = i.member_id \
            WHERE m.household_id = $1 AND i.email IS NOT NULL \
            UNION SELECT i.phone FROM invites i JOIN members m ON m.id = i.member_id \
            WHERE m.household_id = $1 AND i.phone <> '') x \
          WHERE x.address <> '' AND (o.recipient = x.address \
            OR o.recipient LIKE '%<' || x.address || '>')))"
    };
}

/// Each table that refers to a household, with the query that reads its rows (`$1` is the
/// household's id). People other than the household appear by display name only.
const PARTS: &[(DataTable, &str)] = &[
    (
        DataTable::Household,
        "SELECT id, city, arrival_date, phone, email, channel, needs, notes, status, \
         created_at, updated_at, closed_at, erased_at FROM households WHERE id = $1",
    ),
    (
        DataTable::Members,
        "SELECT id, first_name, last_name, date_of_birth, gender, account_id, created_at \
         FROM members WHERE household_id = $1 ORDER BY id",
    ),
    (
        DataTable::MemberLanguages,
        "SELECT l.member_id, l.language, l.level FROM member_languages l \
         JOIN members m ON m.id = l.member_id WHERE m.household_id = $1 \
         ORDER BY l.member_id, l.language",
    ),
    (
        DataTable::Logins,
        "SELECT a.id, a.email, a.display_name, a.language, a.active, a.created_at \
         FROM accounts a JOIN members m ON m.account_id = a.id WHERE m.household_id = $1 \
         ORDER BY a.id",
    ),
    (
        DataTable::Invitations,
        "SELECT i.id, i.member_id, i.email, i.phone, i.display_name, i.language, i.created_at, \
         i.expires_at, i.used_at, i.revoked_at FROM invites i \
         JOIN members m ON m.id = i.member_id WHERE m.household_id = $1 ORDER BY i.id",
    ),
    (
        DataTable::Consents,
        "SELECT c.id, c.purpose, c.given_on, a.display_name AS recorded_by, c.recorded_at, \
         c.withdrawn_on, c.withdrawn_at FROM consents c JOIN accounts a ON a.id = c.recorded_by \
         WHERE c.household_id = $1 ORDER BY c.id",
    ),
    (
        DataTable::Assignments,
        "SELECT s.id, p.display_name AS support_person, s.start_date, s.planned_end, \
         s.first_planned_end, s.status, s.override_reason, s.end_reason, s.ended_on, s.end_note, \
         s.handover_date, s.handover_note, s.created_at FROM assignments s \
         JOIN accounts p ON p.id = s.support_person_id WHERE s.household_id = $1 ORDER BY s.id",
    ),
    (
        DataTable::AssignmentExtensions,
        "SELECT e.assignment_id, e.previous_end, e.new_end, e.reason, e.recorded_at \
         FROM assignment_extensions e JOIN assignments s ON s.id = e.assignment_id \
         WHERE s.household_id = $1 ORDER BY e.id",
    ),
    (
        DataTable::Checklist,
        "SELECT item, status, on_date, note, updated_at FROM checklist_items \
         WHERE household_id = $1 ORDER BY item",
    ),
    (
        DataTable::Meetings,
        "SELECT g.event_id, g.assignment_id, e.starts_at, e.ends_at, e.status, e.place, g.note, \
         g.held_minutes FROM meetings g JOIN events e ON e.id = g.event_id \
         JOIN assignments s ON s.id = g.assignment_id WHERE s.household_id = $1 \
         ORDER BY e.starts_at",
    ),
    (
        DataTable::MeetingTopics,
        "SELECT t.event_id, t.item FROM meeting_topics t JOIN meetings g ON g.event_id = t.event_id \
         JOIN assignments s ON s.id = g.assignment_id WHERE s.household_id = $1 \
         ORDER BY t.event_id, t.item",
    ),
    (
        DataTable::Consultations,
        "SELECT c.event_id, e.starts_at, e.ends_at, e.status, o.name AS office, \
         k.display_name AS coordinator, c.topic, c.party_size, c.interpreter, c.note, \
         c.staff_note, c.walk_in, c.cancel_reason FROM consultations c \
         JOIN events e ON e.id = c.event_id JOIN offices o ON o.id = c.office_id \
         JOIN accounts k ON k.id = c.coordinator_id WHERE c.household_id = $1 \
         ORDER BY e.starts_at",
    ),
    (
        DataTable::MatchRequests,
        "SELECT id, member_id, programme, language, gender, meeting, city, field_of_work, \
         practice_language, origin_country, times, notes, status, created_at, updated_at \
         FROM match_requests WHERE household_id = $1 ORDER BY id",
    ),
    (
        DataTable::Matches,
        "SELECT m.id, m.request_id, v.display_name AS volunteer, m.status, m.proposed_at, \
         m.approved_at, m.answered_at, m.decline_reason, m.closed_at, m.close_reason, \
         m.feedback_volunteer, m.feedback_household FROM matches m \
         JOIN match_requests r ON r.id = m.request_id JOIN accounts v ON v.id = m.volunteer_id \
         WHERE r.household_id = $1 ORDER BY m.id",
    ),
    (
        DataTable::CheckIns,
        "SELECT c.match_id, c.on_date, c.minutes, c.note, c.created_at FROM check_ins c \
         JOIN matches m ON m.id = c.match_id JOIN match_requests r ON r.id = m.request_id \
         WHERE r.household_id = $1 ORDER BY c.id",
    ),
    (
        DataTable::WorkshopSignUps,
        "SELECT r.id, s.activity, e.starts_at, r.seats, r.status, r.childcare, r.created_at, \
         r.updated_at FROM registrations r JOIN series s ON s.id = r.series_id \
         LEFT JOIN events e ON e.id = r.session_id WHERE r.household_id = $1 ORDER BY r.id",
    ),
    (
        DataTable::WorkshopParticipants,
        "SELECT p.registration_id, p.member_id, p.live FROM registration_people p \
         JOIN registrations r ON r.id = p.registration_id WHERE r.household_id = $1 \
         ORDER BY p.registration_id, p.member_id",
    ),
    (
        DataTable::Attendance,
        "SELECT a.session_id, e.starts_at, a.member_id, a.status, a.marked_at FROM attendance a \
         JOIN members m ON m.id = a.member_id JOIN events e ON e.id = a.session_id \
         WHERE m.household_id = $1 ORDER BY e.starts_at, a.member_id",
    ),
    (
        DataTable::Messages,
        concat!(
            "SELECT o.id, o.channel, o.recipient, o.language, o.kind, o.subject, o.body, \
             o.created_at, o.sent_at FROM outbox o WHERE ",
            household_messages!(),
            " ORDER BY o.id"
        ),
    ),
    (
        DataTable::AccessLog,
        "SELECT l.at, COALESCE(a.display_name, '') AS actor, l.action FROM audit_log l \
         LEFT JOIN accounts a ON a.id = l.account_id \
         WHERE (l.subject_type = 'household' AND l.subject_id = $1) \
         OR l.account_id IN (SELECT account_id FROM members WHERE household_id = $1) \
         ORDER BY l.id",
    ),
];

fn value(row: &AnyRow, index: usize) -> ExportValue {
    if let Ok(number) = row.try_get::<Option<i64>, _>(index) {
        return number.map_or(ExportValue::Null, ExportValue::Number);
    }
    match row.try_get::<Option<String>, _>(index) {
        Ok(Some(text)) => ExportValue::Text(text),
        _ => ExportValue::Null,
    }
}

/// Every row of every table that refers to the household, or `None` when there is none.
pub async fn export(
    pool: &AnyPool,
    household_id: i64,
) -> Result<Option<Vec<ExportTable>>, sqlx::Error> {
    let mut tables = Vec::with_capacity(PARTS.len());
    for (name, sql) in PARTS {
        let rows = sqlx::query(sql).bind(household_id).fetch_all(pool).await?;
        if *name == DataTable::Household && rows.is_empty() {
            return Ok(None);
        }
        let columns = match rows.first() {
            Some(row) => row.columns().iter().map(|c| c.name().to_string()).collect(),
            None => Vec::new(),
        };
        let rows = rows
            .iter()
            .map(|row| (0..row.columns().len()).map(|i| value(row, i)).collect())
            .collect();
        tables.push(ExportTable {
            name: *name,
            columns,
            rows,
        });
    }
    Ok(Some(tables))
}

/// What still ties the household to ongoing work at `now`, read inside the erasing
/// transaction. `None` when the household does not exist.
pub async fn erasure_blockers(
    tx: &mut Tx,
    household_id: i64,
    now: i64,
) -> Result<Option<ErasureBlockers>, sqlx::Error> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT erased_at FROM households WHERE id = $1")
            .bind(household_id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((erased_at,)) = row else {
        return Ok(None);
    };
    let (open_assignments, open_matches, upcoming_bookings): (i64, i64, i64) = sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM assignments WHERE household_id = $1 \
              AND status IN ('active', 'extended')), \
           (SELECT COUNT(*) FROM matches m JOIN match_requests r ON r.id = m.request_id \
              WHERE r.household_id = $1 AND m.status IN ('proposed', 'approved', 'active')), \
           (SELECT COUNT(*) FROM consultations c JOIN events e ON e.id = c.event_id \
              WHERE c.household_id = $1 AND e.status IN ('pending', 'confirmed') \
              AND e.ends_at > $2) \
           + (SELECT COUNT(*) FROM registrations r JOIN events e ON e.id = r.session_id \
              WHERE r.household_id = $1 AND r.status IN ('confirmed', 'waiting', 'offered') \
              AND e.ends_at > $2) \
           + (SELECT COUNT(*) FROM registrations r WHERE r.household_id = $1 \
              AND r.session_id IS NULL AND r.status IN ('confirmed', 'waiting', 'offered') \
              AND EXISTS (SELECT 1 FROM series_sessions ss JOIN events e ON e.id = ss.event_id \
                          WHERE ss.series_id = r.series_id AND e.ends_at > $2))",
    )
    .bind(household_id)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(Some(ErasureBlockers {
        erased: erased_at.is_some(),
        open_assignments,
        open_matches,
        upcoming_bookings,
    }))
}

/// The statements that anonymise one household (`$1`) at `$2`; see the module comment.
const ERASE: &[&str] = &[
    // Messages first, while the addresses they went to are still known: unsent ones are never
    // sent; bodies and addresses go.
    concat!(
        "UPDATE outbox SET failed_at = $2, last_error = 'erased' \
         WHERE sent_at IS NULL AND failed_at IS NULL AND id IN (SELECT o.id FROM outbox o WHERE ",
        household_messages!(),
        ")"
    ),
    concat!(
        "UPDATE outbox SET recipient = '', subject = '', body = '', calendar = NULL \
         WHERE id IN (SELECT o.id FROM outbox o WHERE ",
        household_messages!(),
        ")"
    ),
    // Logins of members: no name, no address, no way in.
    "DELETE FROM sessions WHERE account_id IN \
       (SELECT account_id FROM members WHERE household_id = $1 AND account_id IS NOT NULL)",
    "DELETE FROM calendar_feeds WHERE account_id IN \
       (SELECT account_id FROM members WHERE household_id = $1 AND account_id IS NOT NULL)",
    "DELETE FROM password_resets WHERE account_id IN \
       (SELECT account_id FROM members WHERE household_id = $1 AND account_id IS NOT NULL)",
    "DELETE FROM busy_times WHERE account_id IN \
       (SELECT account_id FROM members WHERE household_id = $1 AND account_id IS NOT NULL)",
    "DELETE FROM busy_subscriptions WHERE account_id IN \
       (SELECT account_id FROM members WHERE household_id = $1 AND account_id IS NOT NULL)",
    "UPDATE accounts SET email = 'erased-' || CAST(id AS TEXT) || '@invalid', display_name = '', \
       password_hash = '', active = 0 WHERE id IN \
       (SELECT account_id FROM members WHERE household_id = $1 AND account_id IS NOT NULL)",
    "UPDATE invites SET email = NULL, phone = '', display_name = '', \
       revoked_at = COALESCE(used_at, revoked_at, $2) \
       WHERE member_id IN (SELECT id FROM members WHERE household_id = $1)",
    // Free text written about the household anywhere.
    "UPDATE assignments SET override_reason = NULL, end_note = NULL, handover_note = NULL \
       WHERE household_id = $1",
    "UPDATE assignment_extensions SET reason = '' \
       WHERE assignment_id IN (SELECT id FROM assignments WHERE household_id = $1)",
    "UPDATE checklist_items SET note = NULL WHERE household_id = $1",
    "UPDATE meetings SET note = NULL \
       WHERE assignment_id IN (SELECT id FROM assignments WHERE household_id = $1)",
    "UPDATE consultations SET note = NULL, staff_note = NULL, cancel_reason = NULL \
       WHERE household_id = $1",
    "UPDATE match_requests SET notes = NULL, times = NULL, \
       status = CASE WHEN status = 'open' THEN 'withdrawn' ELSE status END \
       WHERE household_id = $1",
    "UPDATE matches SET decline_reason = NULL, feedback_volunteer = NULL, \
       feedback_household = NULL \
       WHERE request_id IN (SELECT id FROM match_requests WHERE household_id = $1)",
    "UPDATE check_ins SET note = NULL WHERE match_id IN (SELECT m.id FROM matches m \
       JOIN match_requests r ON r.id = m.request_id WHERE r.household_id = $1)",
    // Staff form drafts about this household.
    "UPDATE sessions SET draft = NULL, draft_path = NULL \
       WHERE draft_path LIKE '%/' || CAST($1 AS TEXT)",
    // People: no names; the year of birth stays for age-group counts.
    "UPDATE members SET first_name = '', last_name = '', \
       date_of_birth = SUBSTR(date_of_birth, 1, 4) || '-01-01' WHERE household_id = $1",
    "UPDATE households SET phone = NULL, email = NULL, needs = NULL, notes = NULL, \
       search_text = '', status = 'closed', closed_at = COALESCE(closed_at, $2), \
       erased_at = $2, updated_at = $2 WHERE id = $1",
];

/// Anonymises the household inside the caller's transaction (after `erasure_blockers` said
/// yes), as of `at`.
pub async fn erase(tx: &mut Tx, household_id: i64, at: i64) -> Result<(), sqlx::Error> {
    for sql in ERASE {
        let query = sqlx::query(sql).bind(household_id);
        // A statement takes exactly the parameters it names.
        let query = if sql.contains("$2") {
            query.bind(at)
        } else {
            query
        };
        query.execute(&mut **tx).await?;
    }
    Ok(())
}
