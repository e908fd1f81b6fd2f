//! Demo return cases: two country offices (Georgia and Ukraine) with a partner caseworker
//! each, and five cases at different stages, one of them close to its contact deadline.

use chrono::{Duration, NaiveDate};
use tugi_app::db;
use tugi_app::domain::reintegration::{
    CaseStatus, CountryOfficeForm, DepartureForm, DeparturePlanForm, FamilyMemberForm,
    ReturnCaseForm, SupplierForm,
};
use tugi_app::error::AppError;

/// The accounts of the return programme.
pub(super) struct Staff {
    pub counsellor: i64,
    pub caseworker_georgia: i64,
    pub caseworker_ukraine: i64,
}

fn office(
    country: &str,
    name: &str,
    address: &str,
    phone: &str,
    email: &str,
    languages: &str,
) -> CountryOfficeForm {
    CountryOfficeForm {
        country: country.into(),
        name: name.into(),
        address: address.into(),
        phone: phone.into(),
        email: email.into(),
        languages: languages.into(),
        working_hours: "Mon–Fri 10:00–17:00".into(),
    }
}

/// A person from `[first, last, born, gender, language, nationality, country, city]`.
fn person(
    [first, last, born, gender, language, nationality, country, city]: [&str; 8],
) -> ReturnCaseForm {
    ReturnCaseForm {
        first_name: first.into(),
        last_name: last.into(),
        date_of_birth: born.into(),
        gender: gender.into(),
        language: language.into(),
        phone: String::new(),
        email: String::new(),
        nationality: nationality.into(),
        return_country: country.into(),
        return_city: city.into(),
    }
}

/// Walks a case through the stages up to `until`, as the pages would.
async fn walk(
    tx: &mut db::Tx,
    id: i64,
    path: &[CaseStatus],
    by: i64,
    now: i64,
) -> Result<(), AppError> {
    let mut from = CaseStatus::Enquiry;
    for &to in path {
        if !db::return_cases::step(tx, id, from, to, None, by, now).await? {
            return Err(AppError::Internal);
        }
        from = to;
    }
    Ok(())
}

pub(super) async fn load(
    tx: &mut db::Tx,
    staff: &Staff,
    today: NaiveDate,
    now: i64,
) -> Result<(), AppError> {
    let invalid = |_| AppError::Internal;
    let georgia = office(
        "Georgia",
        "IOM Tbilisi",
        "12 Mosashvili St, 0162 Tbilisi",
        "+995 32 225 22 16",
        "tbilisi@iom.example",
        "Georgian, Russian, English",
    )
    .parse()
    .map_err(invalid)?;
    let ukraine = office(
        "Ukraine",
        "IOM Kyiv",
        "8 Mykhaila Hrushevskoho St, 01001 Kyiv",
        "+380 44 568 50 15",
        "kyiv@iom.example",
        "Ukrainian, Russian, English",
    )
    .parse()
    .map_err(invalid)?;
    let georgia = db::country_offices::create(tx, &georgia, now).await?;
    let ukraine = db::country_offices::create(tx, &ukraine, now).await?;
    db::country_offices::attach(tx, georgia, staff.caseworker_georgia).await?;
    for (office, name, registration_no, contact, bank_details) in [
        (
            georgia,
            "Imereti Tools LLC",
            "404123456",
            "Levan, +995 555 010 203",
            "TBC Bank, GE29TB0000000000000001",
        ),
        (
            georgia,
            "Kutaisi Vocational College",
            "204556677",
            "admissions@college.example.ge",
            "Bank of Georgia, GE60BG0000000000000002",
        ),
        (
            ukraine,
            "Lviv Language School",
            "UA-38412290",
            "+380 32 200 11 22",
            "PrivatBank, UA213223130000026007233566001",
        ),
    ] {
        let supplier = SupplierForm {
            name: name.into(),
            registration_no: registration_no.into(),
            contact: contact.into(),
            bank_details: bank_details.into(),
        }
        .parse()
        .map_err(invalid)?;
        db::country_offices::save_supplier(tx, office, 0, &supplier, now).await?;
    }
    db::country_offices::attach(tx, ukraine, staff.caseworker_ukraine).await?;

    use CaseStatus::*;
    let days = |n: i64| today - Duration::days(n);
    let cases = [
        (
            person([
                "Giorgi",
                "Beridze",
                "1985-04-12",
                "male",
                "ru",
                "Georgian",
                "Georgia",
                "Kutaisi",
            ]),
            vec![],
            None,
            None,
        ),
        (
            person([
                "Nino",
                "Kapanadze",
                "1990-09-03",
                "female",
                "ru",
                "Georgian",
                "Georgia",
                "Tbilisi",
            ]),
            vec![Counselled],
            None,
            None,
        ),
        (
            person([
                "Levan",
                "Tsiklauri",
                "1978-01-20",
                "male",
                "en",
                "Georgian",
                "Georgia",
                "Batumi",
            ]),
            vec![Counselled, DeparturePlanned],
            Some((georgia, days(5), today + Duration::days(20))),
            None,
        ),
        (
            person([
                "Tamar",
                "Gelashvili",
                "1988-06-30",
                "female",
                "ru",
                "Georgian",
                "Georgia",
                "Rustavi",
            ]),
            vec![Counselled, DeparturePlanned, Returned],
            Some((georgia, days(100), days(70))),
            // Arrived 70 days ago: the first contact is due within the month.
            Some(days(70)),
        ),
        (
            person([
                "Andrii",
                "Shevchuk",
                "1982-11-02",
                "male",
                "uk",
                "Ukrainian",
                "Ukraine",
                "Lviv",
            ]),
            vec![Counselled, DeparturePlanned, Returned],
            Some((ukraine, days(40), days(20))),
            Some(days(20)),
        ),
    ];
    for (i, (form, path, plan, arrived)) in cases.into_iter().enumerate() {
        let valid = form.parse(today).map_err(invalid)?;
        let id = db::return_cases::create(tx, &valid, staff.counsellor, now).await?;
        db::return_cases::record_step(tx, id, None, Enquiry, None, staff.counsellor, now).await?;
        if let Some((office, decided, planned)) = plan {
            let plan = DeparturePlanForm {
                decision_on: decided.to_string(),
                planned_departure_on: planned.max(decided).to_string(),
                country_office: office.to_string(),
            }
            .parse(today)
            .map_err(invalid)?;
            db::return_cases::plan_departure(tx, id, &plan).await?;
        }
        if let Some(arrived) = arrived {
            let departure = DepartureForm {
                departed_on: arrived.to_string(),
                arrived_on: arrived.to_string(),
            }
            .parse(today)
            .map_err(invalid)?;
            db::return_cases::record_departure(tx, id, departure).await?;
        }
        walk(tx, id, &path, staff.counsellor, now).await?;
        if i == 3 {
            // Tamar returns with her son, who will need school fees.
            let child = FamilyMemberForm {
                relation: "child".into(),
                first_name: "Luka".into(),
                last_name: "Gelashvili".into(),
                date_of_birth: "2015-02-14".into(),
                gender: "male".into(),
            }
            .parse(today)
            .map_err(invalid)?;
            db::return_cases::add_member(tx, id, &child).await?;
        }
    }
    Ok(())
}
