//! Demo data of the support-person service.

use tugi_app::db;
use tugi_app::domain::schedule::{tallinn_instant, AgendaKind, EventStatus, Span};
use tugi_app::domain::{
    ChecklistChange, ChecklistItem, ChecklistStatus, Language, Level, NewAssignment, Period,
    Proficiency, SupportProfile, SupportStatus,
};
use tugi_app::error::AppError;

/// Support-person profiles, a few assignments (one ending soon), meetings and checklist items.
/// Most households stay unassigned so that assigning can be tried at once.
pub(super) async fn load(
    tx: &mut db::Tx,
    coordinator: i64,
    people: &[i64],
    households: &[i64],
    today: chrono::NaiveDate,
) -> Result<(), AppError> {
    let p = |language, level| Proficiency { language, level };
    let profiles = [
        (
            "Tallinn",
            vec![
                p(Language::Uk, Level::Native),
                p(Language::Ru, Level::C1),
                p(Language::Et, Level::B2),
            ],
            SupportStatus::Active,
        ),
        (
            "Tartu",
            vec![
                p(Language::Ru, Level::Native),
                p(Language::Et, Level::C1),
                p(Language::En, Level::B2),
            ],
            SupportStatus::Active,
        ),
        (
            "Tallinn",
            vec![
                p(Language::Et, Level::Native),
                p(Language::En, Level::C1),
                p(Language::Ar, Level::B1),
            ],
            SupportStatus::Active,
        ),
        (
            "Tartu",
            vec![p(Language::Et, Level::Native), p(Language::En, Level::C2)],
            SupportStatus::Paused,
        ),
    ];
    for (n, (id, (city, languages, status))) in people.iter().zip(profiles).enumerate() {
        let profile = SupportProfile {
            city: city.into(),
            phone: Some(format!("+372 5300 00{n:02}")),
            caseload_limit: 5,
            status,
            languages,
        };
        db::support_persons::save_profile(tx, *id, &profile).await?;
    }
    // (household index, support person index, days since the start)
    let mut assignments = Vec::new();
    for (household, person, days) in [(0, 0, 40), (1, 0, 95), (2, 1, 20), (5, 2, 60)] {
        let (Some(household), Some(person)) = (households.get(household), people.get(person))
        else {
            continue;
        };
        let start = today - chrono::Duration::days(days);
        let new = NewAssignment {
            support_person_id: *person,
            period: Period::planned(start, None).map_err(|_| AppError::Internal)?,
            override_reason: None,
        };
        if let Some(id) = db::assignments::create(tx, *household, &new, None, coordinator).await? {
            assignments.push((id, *household, *person));
        }
    }
    let Some(&(assignment, household, person)) = assignments.first() else {
        return Ok(());
    };
    let at = |days: i64, hour: u32| {
        let date = today + chrono::Duration::days(days);
        let time = chrono::NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default();
        tallinn_instant(date, time).map_err(|_| AppError::Internal)
    };
    let resources = [db::calendar::person(person)];
    for (days, hour, held) in [(-7, 10, true), (3, 10, false)] {
        let uid = format!("{}@tugi", tugi_app::api::credentials::new_token());
        let event = db::calendar::NewEvent {
            uid: &uid,
            kind: AgendaKind::Meeting,
            span: Span {
                start: at(days, hour)?,
                end: at(days, hour + 1)?,
            },
            status: EventStatus::Confirmed,
            place: Some("Narva mnt 5, Tallinn"),
            created_by: person,
            resources: &resources,
            buffer_after: 0,
        };
        let id = db::calendar::create(tx, &event)
            .await
            .map_err(|_| AppError::Internal)?;
        db::meetings::create(tx, id, assignment, &[ChecklistItem::BankAccount], None).await?;
        if held {
            db::calendar::set_status(tx, id, EventStatus::Held).await?;
            db::meetings::set_held_minutes(tx, id, Some(60)).await?;
        }
    }
    let changes = [
        ChecklistChange {
            item: ChecklistItem::ResidenceRegistration,
            state: Some((
                ChecklistStatus::Done,
                today - chrono::Duration::days(30),
                None,
            )),
        },
        ChecklistChange {
            item: ChecklistItem::BankAccount,
            state: Some((
                ChecklistStatus::InProgress,
                today - chrono::Duration::days(7),
                None,
            )),
        },
    ];
    db::checklist::apply(tx, household, &changes, person).await?;
    Ok(())
}
