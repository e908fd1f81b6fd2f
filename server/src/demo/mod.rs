//! Demo data: both offices, staff and volunteers of every kind, and 30 households, so that a
//! newcomer sees a working programme at once. Loaded only into an empty database.

mod intake;
mod reception;
mod returns;
mod support_service;
mod volunteers;
mod workshops;

use tugi_app::api::credentials::hash_password;
use tugi_app::db::{self, Db};
use tugi_app::domain::{
    Channel, Gender, HouseholdStatus, InterfaceLanguage, Language, Level, NewHousehold, NewMember,
    Proficiency, Programme, Role, Roles, ValidOffice, ValidRoom,
};
use tugi_app::error::AppError;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "tugi-demo-2026";

/// (email, name, roles, language) of the demo accounts, one per role first.
pub fn demo_accounts() -> Vec<(String, String, Vec<Role>, InterfaceLanguage)> {
    use Role::*;
    let mut accounts = vec![
        (
            "admin@tugi.demo".to_string(),
            "Maris Admin".to_string(),
            vec![Admin],
            InterfaceLanguage::Et,
        ),
        (
            "coordinator@tugi.demo".into(),
            "Kadri Tamm".into(),
            vec![Coordinator],
            InterfaceLanguage::Et,
        ),
        (
            "coordinator.tartu@tugi.demo".into(),
            "Jaan Kask".into(),
            vec![Coordinator],
            InterfaceLanguage::En,
        ),
        (
            "support@tugi.demo".into(),
            "Oksana Melnyk".into(),
            vec![SupportPerson],
            InterfaceLanguage::Uk,
        ),
        (
            "volunteer@tugi.demo".into(),
            "Liis Saar".into(),
            vec![Volunteer],
            InterfaceLanguage::Et,
        ),
        (
            "facilitator@tugi.demo".into(),
            "Ahmad Karimi".into(),
            vec![Facilitator, Volunteer],
            InterfaceLanguage::En,
        ),
        (
            "beneficiary@tugi.demo".into(),
            "Olena Kovalenko".into(),
            vec![Beneficiary],
            InterfaceLanguage::Uk,
        ),
    ];
    let support = ["Irina Volkova", "Marek Lepp", "Hanna Rebane"];
    for (i, name) in support.iter().enumerate() {
        accounts.push((
            format!("support{}@tugi.demo", i + 2),
            name.to_string(),
            vec![SupportPerson],
            InterfaceLanguage::Et,
        ));
    }
    let volunteers = [
        "Mari Kuusk",
        "Peeter Mägi",
        "Anna Ivanova",
        "Tiina Pärn",
        "Karl Sepp",
        "Fatima Noori",
        "Yonas Tesfaye",
        "Kristi Oja",
        "Dmytro Bondar",
        "Laura Vaher",
    ];
    for (i, name) in volunteers.iter().enumerate() {
        accounts.push((
            format!("volunteer{}@tugi.demo", i + 2),
            name.to_string(),
            vec![Volunteer],
            InterfaceLanguage::Et,
        ));
    }
    accounts.push((
        "facilitator2@tugi.demo".into(),
        "Kätlin Raud".into(),
        vec![Facilitator],
        InterfaceLanguage::Et,
    ));
    accounts.push((
        "beneficiary2@tugi.demo".into(),
        "Iryna Bondarenko".into(),
        vec![Beneficiary],
        InterfaceLanguage::Uk,
    ));
    // Linked in order to the first adults of the third and fourth households.
    accounts.push((
        "beneficiary3@tugi.demo".into(),
        "Noor Haddad".into(),
        vec![Beneficiary],
        InterfaceLanguage::En,
    ));
    accounts.push((
        "beneficiary4@tugi.demo".into(),
        "Zahra Rahimi".into(),
        vec![Beneficiary],
        InterfaceLanguage::En,
    ));
    // The return programme: the Estonian office's counsellor and approver, and a partner
    // caseworker at each country office.
    accounts.push((
        "counsellor@tugi.demo".into(),
        "Piret Lill".into(),
        vec![ReturnCounsellor],
        InterfaceLanguage::Et,
    ));
    accounts.push((
        "approver@tugi.demo".into(),
        "Toomas Org".into(),
        vec![Approver],
        InterfaceLanguage::En,
    ));
    accounts.push((
        "caseworker@tugi.demo".into(),
        "Eka Lomidze".into(),
        vec![PartnerCaseworker],
        InterfaceLanguage::Ru,
    ));
    accounts.push((
        "caseworker2@tugi.demo".into(),
        "Serhii Hnatiuk".into(),
        vec![PartnerCaseworker],
        InterfaceLanguage::Uk,
    ));
    accounts
}

/// A pool of names by the household's language, for varied but repeatable households.
struct Family {
    language: Language,
    women: &'static [&'static str],
    men: &'static [&'static str],
    surnames: &'static [&'static str],
}

macro_rules! family {
    ($language:expr, $women:expr, $men:expr, $surnames:expr $(,)?) => {
        Family {
            language: $language,
            women: $women,
            men: $men,
            surnames: $surnames,
        }
    };
}

const FAMILIES: [Family; 6] = [
    family!(
        Language::Uk,
        &["Olena", "Iryna", "Nataliia", "Svitlana"],
        &["Andrii", "Oleksandr", "Serhii", "Maksym"],
        &[
            "Kovalenko",
            "Shevchenko",
            "Bondarenko",
            "Tkachenko",
            "Kravchenko",
        ],
    ),
    family!(
        Language::Ru,
        &["Tatiana", "Yulia", "Elena"],
        &["Dmitri", "Pavel", "Igor"],
        &["Smirnov", "Kuznetsov", "Popov", "Sokolov"],
    ),
    family!(
        Language::Ar,
        &["Amal", "Layla", "Noor"],
        &["Omar", "Yusuf", "Khaled"],
        &["Haddad", "Al-Masri", "Nasser"],
    ),
    family!(
        Language::Prs,
        &["Zahra", "Maryam", "Fariba"],
        &["Ahmad", "Mohammad", "Hamid"],
        &["Rahimi", "Ahmadi", "Karimi"],
    ),
    family!(
        Language::Ti,
        &["Selam", "Helen", "Mebrat"],
        &["Yonas", "Dawit", "Tesfay"],
        &["Gebre", "Tesfaye", "Haile"],
    ),
    family!(
        Language::En,
        &["Grace", "Mercy"],
        &["Samuel", "David"],
        &["Okafor", "Mensah", "Kamau"],
    ),
];

/// Loads the demo data when the database has no account yet; answers whether it did.
pub async fn load_if_empty(db: &Db) -> Result<bool, AppError> {
    if db::accounts::count(db.pool()).await? > 0 {
        return Ok(false);
    }
    load(db).await?;
    Ok(true)
}

async fn load(db: &Db) -> Result<(), AppError> {
    let pool = db.pool();
    let tallinn = db::offices::ensure(
        pool,
        "tallinn",
        &ValidOffice {
            name: "Tallinn".into(),
            address: "Narva mnt 5, 10117 Tallinn".into(),
            city: "Tallinn".into(),
        },
    )
    .await?;
    let tartu = db::offices::ensure(
        pool,
        "tartu",
        &ValidOffice {
            name: "Tartu".into(),
            address: "Riia 15, 51010 Tartu".into(),
            city: "Tartu".into(),
        },
    )
    .await?;
    for (office, name, capacity, accessibility) in [
        (tallinn, "Vastuvõturuum 1", 4, "Ground floor, step-free"),
        (tallinn, "Koolitusruum", 20, "Second floor, lift"),
        (tartu, "Vastuvõturuum", 4, "Ground floor, step-free"),
        (tartu, "Grupiruum", 14, "First floor, three steps"),
    ] {
        db::offices::add_room(
            pool,
            office,
            &ValidRoom {
                name: name.into(),
                capacity,
                accessibility: accessibility.into(),
            },
        )
        .await?;
    }

    // One hash for every demo account: they share the published demo password.
    let hash = hash_password(DEMO_PASSWORD.to_string()).await?;
    let mut tx = db.begin().await?;
    let mut coordinator = 0;
    let mut coordinator_tartu = 0;
    let mut beneficiary_accounts = Vec::new();
    let mut volunteers = 0;
    let mut volunteer_ids = std::collections::HashMap::new();
    let mut support_persons = Vec::new();
    let mut facilitators = (0, 0);
    let mut return_staff = returns::Staff {
        counsellor: 0,
        caseworker_georgia: 0,
        caseworker_ukraine: 0,
    };
    for (email, name, roles, language) in demo_accounts() {
        let volunteer = roles.contains(&Role::Volunteer);
        let id = db::accounts::create(&mut tx, &email, &name, &hash, language, &Roles::new(roles))
            .await?;
        if volunteer {
            // Round robin: twelve volunteers, three in each of the four programmes.
            let programme = Programme::ALL[volunteers % Programme::ALL.len()];
            db::accounts::add_programme(&mut tx, id, programme).await?;
            volunteers += 1;
            volunteer_ids.insert(name.clone(), id);
        }
        if email == "coordinator@tugi.demo" {
            coordinator = id;
        }
        if email == "coordinator.tartu@tugi.demo" {
            coordinator_tartu = id;
        }
        if email.starts_with("beneficiary") {
            beneficiary_accounts.push(id);
        }
        if email == "facilitator@tugi.demo" {
            facilitators.0 = id;
        }
        if email == "facilitator2@tugi.demo" {
            facilitators.1 = id;
        }
        if email.starts_with("support") {
            support_persons.push(id);
        }
        match email.as_str() {
            "counsellor@tugi.demo" => return_staff.counsellor = id,
            "caseworker@tugi.demo" => return_staff.caseworker_georgia = id,
            "caseworker2@tugi.demo" => return_staff.caseworker_ukraine = id,
            _ => {}
        }
    }

    let cities = [
        "Tallinn", "Tallinn", "Tartu", "Tallinn", "Tartu", "Narva", "Pärnu",
    ];
    // Dates in the demo are Tallinn dates, as every page shows them.
    let today = tugi_app::domain::schedule::tallinn_wall_clock(chrono::Utc::now().timestamp())
        .map(|(date, _)| date)
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let mut households = Vec::new();
    let mut requests = Vec::new();
    let mut sign_ups = Vec::new();
    for n in 0..30usize {
        let Family {
            language,
            women,
            men,
            surnames,
        } = &FAMILIES[n % FAMILIES.len()];
        let language = *language;
        let surname = surnames[(n / FAMILIES.len()) % surnames.len()];
        let woman_first = n % 3 != 1;
        let first = if woman_first {
            women[n % women.len()]
        } else {
            men[n % men.len()]
        };
        let household = NewHousehold {
            city: cities[n % cities.len()].into(),
            arrival_date: today - chrono::Duration::days(5 + (n as i64 * 11) % 200),
            phone: Some(format!("+372 5{:03} {:04}", 100 + n, 1000 + n * 37)),
            email: None,
            channel: [
                Channel::WhatsApp,
                Channel::Phone,
                Channel::Telegram,
                Channel::Sms,
            ][n % 4],
            needs: Some(
                [
                    "residence registration, family doctor",
                    "school place for two children",
                    "bank account, Estonian course",
                    "job search, recognition of diploma",
                ][n % 4]
                    .into(),
            ),
            notes: None,
            status: if n % 10 == 9 {
                HouseholdStatus::Closed
            } else {
                HouseholdStatus::Active
            },
        };
        let id = db::households::create(&mut tx, &household, coordinator).await?;
        households.push(id);
        let mut languages = vec![Proficiency {
            language,
            level: Level::Native,
        }];
        if language != Language::Ru && n % 2 == 0 {
            languages.push(Proficiency {
                language: Language::Ru,
                level: Level::B1,
            });
        }
        if n % 3 == 0 && language != Language::En {
            languages.push(Proficiency {
                language: Language::En,
                level: Level::A2,
            });
        }
        let adult = NewMember {
            first_name: first.into(),
            last_name: surname.into(),
            date_of_birth: chrono::NaiveDate::from_ymd_opt(
                1975 + (n as i32 % 25),
                1 + (n as u32 % 12),
                1 + (n as u32 % 27),
            )
            .unwrap_or(today),
            gender: if woman_first {
                Gender::Female
            } else {
                Gender::Male
            },
            languages: languages.clone(),
        };
        let member_id = db::households::add_member(&mut tx, id, &adult).await?;
        // A few open requests for volunteers, from households not linked to a demo login.
        if (4..8).contains(&n) {
            requests.push((id, member_id, household.city.clone()));
        }
        // Some Tallinn adults signed up for digital literacy.
        if [10, 14, 17, 21].contains(&n) {
            sign_ups.push((id, member_id));
        }
        // The demo beneficiaries are the first adults of the first households.
        if let Some(account) = beneficiary_accounts.get(n) {
            db::households::link_account(&mut tx, member_id, *account).await?;
        }
        if n % 2 == 0 {
            let girl = n % 4 == 0;
            let names = if girl { women } else { men };
            let child = NewMember {
                first_name: names[(n + 1) % names.len()].into(),
                last_name: surname.into(),
                date_of_birth: chrono::NaiveDate::from_ymd_opt(2012 + (n as i32 % 10), 6, 15)
                    .unwrap_or(today),
                gender: if n % 4 == 0 {
                    Gender::Female
                } else {
                    Gender::Male
                },
                languages: vec![
                    Proficiency {
                        language,
                        level: Level::Native,
                    },
                    Proficiency {
                        language: Language::Et,
                        level: Level::A2,
                    },
                ],
            };
            db::households::add_member(&mut tx, id, &child).await?;
        }
        db::households::refresh_search_text(&mut tx, id).await?;
    }
    support_service::load(&mut tx, coordinator, &support_persons, &households, today).await?;
    reception::load(&mut tx, (tallinn, coordinator), (tartu, coordinator_tartu)).await?;
    volunteers::load(&mut tx, &volunteer_ids, &requests, coordinator, today).await?;
    intake::load(
        &mut tx,
        (tallinn, tartu),
        coordinator,
        chrono::Utc::now().timestamp(),
    )
    .await?;
    let places = workshops::Places {
        tallinn,
        tartu,
        coordinator,
        facilitators,
    };
    let local_today =
        tugi_app::domain::schedule::tallinn_wall_clock(chrono::Utc::now().timestamp())
            .map(|(date, _)| date)
            .unwrap_or(today);
    workshops::load(&mut tx, db.backend(), &places, local_today, &sign_ups).await?;
    returns::load(
        &mut tx,
        &return_staff,
        local_today,
        chrono::Utc::now().timestamp(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
