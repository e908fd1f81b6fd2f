//! Demo contact requests: a fresh self-referral, one waiting too long, one being answered and
//! one closed, so that the coordinators' inbox and the report have something to show.

use tugi_app::db;
use tugi_app::domain::intake::IntakeForm;
use tugi_app::domain::IntakeOutcome;
use tugi_app::error::AppError;

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

pub(super) async fn load(
    tx: &mut db::Tx,
    (tallinn, tartu): (i64, i64),
    coordinator: i64,
    now: i64,
) -> Result<(), AppError> {
    let form = |requester: &str, name: &str, phone: &str, email: &str, channel: &str| IntakeForm {
        requester: requester.into(),
        name: name.into(),
        phone: phone.into(),
        email: email.into(),
        channel: channel.into(),
        consent: "on".into(),
        ..Default::default()
    };
    let requests = [
        (
            IntakeForm {
                language: "uk".into(),
                city: "Tallinn".into(),
                office: tallinn.to_string(),
                help: "support_person".into(),
                message: "Ми приїхали минулого тижня з двома дітьми. Потрібна допомога з \
                          реєстрацією місця проживання та школою."
                    .into(),
                ..form("self", "Oksana Melnyk", "+372 5301 2233", "", "whatsapp")
            },
            3 * HOUR,
        ),
        (
            IntakeForm {
                organisation: "Tartu Social Welfare Department".into(),
                language: "en".into(),
                city: "Tartu".into(),
                office: tartu.to_string(),
                help: "consultation".into(),
                message: "We refer a family of four who received protection in October; they \
                          need advice on housing benefits."
                    .into(),
                ..form(
                    "organisation",
                    "Hamid Karimi",
                    "+372 5302 4455",
                    "sotsiaal@tartu.example",
                    "email",
                )
            },
            9 * DAY,
        ),
        (
            IntakeForm {
                language: "ru".into(),
                city: "Narva".into(),
                help: "workshop".into(),
                message: "Моя мама хотела бы посещать курсы эстонского языка или группу \
                          поддержки."
                    .into(),
                ..form("family", "Dmitri Sokolov", "+372 5303 6677", "", "phone")
            },
            2 * DAY,
        ),
        (
            IntakeForm {
                language: "et".into(),
                city: "Tallinn".into(),
                help: "other".into(),
                message: "Kas saaksin vabatahtlikuna keelepartneriks hakata?".into(),
                ..form("self", "Mari Tamm", "", "mari.tamm@example.ee", "email")
            },
            20 * DAY,
        ),
    ];
    let mut ids = Vec::new();
    for (request, age) in requests {
        let new = request.parse()?;
        ids.push(db::intake::create(tx, &new, now - age).await?);
    }
    // The family member has been called back; the volunteer question was answered.
    db::intake::note_contact(
        tx,
        ids[2],
        coordinator,
        "Called back: Russian-speaking Estonian group in Narva from January.",
        now - DAY,
    )
    .await?;
    db::intake::close(
        tx,
        ids[3],
        coordinator,
        IntakeOutcome::Answered,
        Some("Sent the volunteer application link."),
        None,
        now - 18 * DAY,
    )
    .await?;
    Ok(())
}
