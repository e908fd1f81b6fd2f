//! The delivery report for the funder: what the programme delivered in a period, at one office
//! or both, as tables in the reader's language. The page shows them (with charts), and each
//! downloads as CSV from `/reports.csv` with the same rows.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::context,
    super::dashboards::hours_text,
    crate::db::{self, report::Scope, Db},
    crate::domain::consultation::Topic,
    crate::domain::report::{age_band, AgeBand, ReportPeriod},
    crate::domain::schedule::EventStatus,
    crate::domain::{
        access, AuditAction, AuditSubject, ErrorCode, FieldErrors, Gender, HelpKind, IntakeOutcome,
    },
    crate::i18n::Locale,
    crate::names::Named,
    leptos_i18n::td_string,
    std::collections::BTreeMap,
};

/// One table of the report, ready to show or to write as CSV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportTable {
    /// Stable name, for the CSV link (`people`, `support`, …).
    pub id: String,
    pub title: String,
    pub note: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// (label, value) bars drawn beside the table, when a chart helps.
    pub chart: Vec<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    pub office: Option<i64>,
    pub office_name: Option<String>,
    pub offices: Vec<(i64, String)>,
    pub tables: Vec<ReportTable>,
}

/// The report for `from`–`to` (this year so far when both are empty) and `office` (both
/// offices when empty).
#[server(endpoint = "delivery_report")]
pub async fn delivery_report(
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] office: String,
) -> Result<Report, AppError> {
    let user = context::require(access::REPORTS).await?;
    let db = context::db()?;
    let (period, office) = parse_request(&from, &to, &office, context::today())?;
    let report = build(&db, period, office, super::dates::reader()).await?;
    db::audit::record(
        db.pool(),
        user.id,
        AuditAction::ReportView,
        AuditSubject::Report,
        0,
    )
    .await?;
    Ok(report)
}

/// The period and office a request asks for; an office that is not a number is refused here,
/// one that does not exist by `build`.
#[cfg(feature = "ssr")]
pub fn parse_request(
    from: &str,
    to: &str,
    office: &str,
    today: chrono::NaiveDate,
) -> Result<(ReportPeriod, Option<i64>), AppError> {
    let period = if from.trim().is_empty() && to.trim().is_empty() {
        ReportPeriod::year_to(today)
    } else {
        ReportPeriod::parse(from, to)?
    };
    let office = match office.trim() {
        "" => None,
        text => Some(
            text.parse::<i64>()
                .map_err(|_| FieldErrors::single("office", ErrorCode::InvalidChoice))?,
        ),
    };
    Ok((period, office))
}

#[cfg(feature = "ssr")]
fn count(n: i64) -> String {
    n.to_string()
}

/// Every table of the report, counted over the database.
#[cfg(feature = "ssr")]
pub async fn build(
    db: &Db,
    period: ReportPeriod,
    office: Option<i64>,
    l: Locale,
) -> Result<Report, AppError> {
    let pool = db.pool();
    let offices = db::offices::list_all(pool).await?;
    let chosen = match office {
        Some(id) => Some(
            offices
                .iter()
                .find(|o| o.id == id)
                .ok_or_else(|| FieldErrors::single("office", ErrorCode::InvalidChoice))?,
        ),
        None => None,
    };
    let (start, end) = period.instants();
    let scope = Scope {
        start,
        end,
        from: period.from.to_string(),
        to: period.to.to_string(),
        office,
        city: chosen.map(|o| {
            let city = if o.city.trim().is_empty() {
                &o.name
            } else {
                &o.city
            };
            city.trim().to_lowercase()
        }),
    };
    let scope_note = chosen
        .map(|o| td_string!(l, common.report_scope_note, office = o.name.clone()).to_string());
    let tables = vec![
        people_table(pool, &scope, period, l).await?,
        support_table(pool, &scope, l, scope_note.clone()).await?,
        consultations_table(pool, &scope, l).await?,
        interpreters_table(pool, &scope, l).await?,
        workshops_table(pool, &scope, l).await?,
        matches_table(pool, &scope, l, scope_note.clone()).await?,
        volunteers_table(pool, &scope, l, scope_note).await?,
        intake_table(pool, &scope, l).await?,
    ];
    Ok(Report {
        from: scope.from.clone(),
        to: scope.to.clone(),
        office,
        office_name: chosen.map(|o| o.name.clone()),
        offices: offices.into_iter().map(|o| (o.id, o.name)).collect(),
        tables,
    })
}

#[cfg(feature = "ssr")]
fn table(id: &str, title: String, headers: Vec<String>, rows: Vec<Vec<String>>) -> ReportTable {
    ReportTable {
        id: id.to_string(),
        title,
        note: None,
        headers,
        rows,
        chart: Vec::new(),
    }
}

#[cfg(feature = "ssr")]
async fn people_table(
    pool: &sqlx::AnyPool,
    scope: &Scope,
    period: ReportPeriod,
    l: Locale,
) -> Result<ReportTable, AppError> {
    let people = db::report::people_reached(pool, scope).await?;
    let mut counts: BTreeMap<(Gender, AgeBand), i64> = BTreeMap::new();
    let mut households = std::collections::BTreeSet::new();
    for (_, household, gender, born) in &people {
        households.insert(*household);
        let Ok(born) = chrono::NaiveDate::parse_from_str(born, "%Y-%m-%d") else {
            continue;
        };
        *counts
            .entry((*gender, age_band(born, period.to)))
            .or_default() += 1;
    }
    let band_total = |band: AgeBand| -> i64 {
        counts
            .iter()
            .filter(|((_, b), _)| *b == band)
            .map(|(_, n)| n)
            .sum()
    };
    let mut rows: Vec<Vec<String>> = Gender::ALL
        .iter()
        .map(|gender| {
            let mut row = vec![gender.name_in(l).to_string()];
            let mut total = 0;
            for band in AgeBand::ALL {
                let n = counts.get(&(*gender, *band)).copied().unwrap_or(0);
                total += n;
                row.push(count(n));
            }
            row.push(count(total));
            row
        })
        .collect();
    let mut total_row = vec![td_string!(l, common.report_total).to_string()];
    total_row.extend(AgeBand::ALL.iter().map(|b| count(band_total(*b))));
    total_row.push(count(people.len() as i64));
    rows.push(total_row);
    let mut headers = vec![td_string!(l, common.field_gender).to_string()];
    headers.extend(AgeBand::ALL.iter().map(|b| b.code().replace('-', "–")));
    headers.push(td_string!(l, common.report_total).to_string());
    let mut t = table(
        "people",
        td_string!(l, common.report_people).to_string(),
        headers,
        rows,
    );
    t.note = Some(
        td_string!(
            l,
            common.report_people_note,
            people = people.len(),
            households = households.len()
        )
        .to_string(),
    );
    t.chart = AgeBand::ALL
        .iter()
        .map(|b| (b.code().replace('-', "–"), band_total(*b)))
        .collect();
    Ok(t)
}

#[cfg(feature = "ssr")]
fn measures(l: Locale) -> Vec<String> {
    vec![
        td_string!(l, common.report_measure).to_string(),
        td_string!(l, common.report_value).to_string(),
    ]
}

#[cfg(feature = "ssr")]
async fn support_table(
    pool: &sqlx::AnyPool,
    scope: &Scope,
    l: Locale,
    note: Option<String>,
) -> Result<ReportTable, AppError> {
    let (households, new, ended, minutes, checklist) = db::report::support(pool, scope).await?;
    let rows = vec![
        vec![
            td_string!(l, common.report_households_supported).to_string(),
            count(households),
        ],
        vec![
            td_string!(l, common.report_assignments_new).to_string(),
            count(new),
        ],
        vec![
            td_string!(l, common.report_assignments_ended).to_string(),
            count(ended),
        ],
        vec![
            td_string!(l, common.report_support_hours).to_string(),
            hours_text(minutes),
        ],
        vec![
            td_string!(l, common.report_checklist_done).to_string(),
            count(checklist),
        ],
    ];
    let mut t = table(
        "support",
        td_string!(l, common.report_support).to_string(),
        measures(l),
        rows,
    );
    t.note = note;
    Ok(t)
}

#[cfg(feature = "ssr")]
async fn consultations_table(
    pool: &sqlx::AnyPool,
    scope: &Scope,
    l: Locale,
) -> Result<ReportTable, AppError> {
    let found = db::report::consultations(pool, scope).await?;
    let mut by_line: BTreeMap<(String, Topic), [i64; 3]> = BTreeMap::new();
    for (office, topic, status, n) in found {
        let column = match status {
            EventStatus::Held => 0,
            EventStatus::Missed => 1,
            _ => 2,
        };
        by_line.entry((office, topic)).or_default()[column] += n;
    }
    let mut held_by_topic: BTreeMap<Topic, i64> = BTreeMap::new();
    let rows = by_line
        .into_iter()
        .map(|((office, topic), [held, missed, cancelled])| {
            *held_by_topic.entry(topic).or_default() += held;
            vec![
                office,
                topic.name_in(l).to_string(),
                count(held),
                count(missed),
                count(cancelled),
            ]
        })
        .collect();
    let headers = vec![
        td_string!(l, common.field_office).to_string(),
        td_string!(l, common.field_topic).to_string(),
        td_string!(l, common.report_held).to_string(),
        td_string!(l, common.report_no_show).to_string(),
        td_string!(l, common.report_cancelled).to_string(),
    ];
    let mut t = table(
        "consultations",
        td_string!(l, common.report_consultations).to_string(),
        headers,
        rows,
    );
    t.chart = held_by_topic
        .into_iter()
        .map(|(topic, n)| (topic.name_in(l).to_string(), n))
        .collect();
    Ok(t)
}

#[cfg(feature = "ssr")]
async fn interpreters_table(
    pool: &sqlx::AnyPool,
    scope: &Scope,
    l: Locale,
) -> Result<ReportTable, AppError> {
    let rows = db::report::interpreters(pool, scope)
        .await?
        .into_iter()
        .map(|(language, n)| vec![language.name_in(l).to_string(), count(n)])
        .collect();
    let headers = vec![
        td_string!(l, common.field_interpreter).to_string(),
        td_string!(l, common.report_interpreted).to_string(),
    ];
    Ok(table(
        "interpreters",
        td_string!(l, common.report_interpreters).to_string(),
        headers,
        rows,
    ))
}

#[cfg(feature = "ssr")]
async fn workshops_table(
    pool: &sqlx::AnyPool,
    scope: &Scope,
    l: Locale,
) -> Result<ReportTable, AppError> {
    let found = db::report::workshops(pool, scope).await?;
    let mut chart = Vec::new();
    let rows = found
        .into_iter()
        .map(|(code, et, en, ru, uk, sessions, attendances, people)| {
            let name = crate::names::activity_name_in(l, &code)
                .map(str::to_string)
                .or(match l {
                    Locale::et => et,
                    Locale::ru => ru,
                    Locale::uk => uk,
                    Locale::en => en,
                })
                .unwrap_or(code);
            chart.push((name.clone(), attendances));
            vec![name, count(sessions), count(attendances), count(people)]
        })
        .collect();
    let headers = vec![
        td_string!(l, common.field_activity).to_string(),
        td_string!(l, common.report_sessions).to_string(),
        td_string!(l, common.report_attendances).to_string(),
        td_string!(l, common.report_participants).to_string(),
    ];
    let mut t = table(
        "workshops",
        td_string!(l, common.report_workshops).to_string(),
        headers,
        rows,
    );
    t.chart = chart;
    Ok(t)
}

#[cfg(feature = "ssr")]
async fn matches_table(
    pool: &sqlx::AnyPool,
    scope: &Scope,
    l: Locale,
    note: Option<String>,
) -> Result<ReportTable, AppError> {
    let found = db::report::matches(pool, scope).await?;
    let minutes = db::report::check_in_minutes(pool, scope).await?;
    let rows = crate::domain::Programme::ALL
        .iter()
        .map(|programme| {
            let (started, running, closed) = found
                .iter()
                .find(|m| m.0 == *programme)
                .map(|m| (m.1, m.2, m.3))
                .unwrap_or_default();
            let spent = minutes
                .iter()
                .find(|m| m.0 == *programme)
                .map(|m| m.1)
                .unwrap_or(0);
            vec![
                programme.name_in(l).to_string(),
                count(started),
                count(running),
                count(closed),
                hours_text(spent),
            ]
        })
        .collect();
    let headers = vec![
        td_string!(l, common.field_programme).to_string(),
        td_string!(l, common.report_started).to_string(),
        td_string!(l, common.report_running).to_string(),
        td_string!(l, common.report_closed).to_string(),
        td_string!(l, common.report_hours).to_string(),
    ];
    let mut t = table(
        "matches",
        td_string!(l, common.report_matches).to_string(),
        headers,
        rows,
    );
    t.note = note;
    Ok(t)
}

#[cfg(feature = "ssr")]
async fn volunteers_table(
    pool: &sqlx::AnyPool,
    scope: &Scope,
    l: Locale,
    note: Option<String>,
) -> Result<ReportTable, AppError> {
    let (active, trained) = db::report::volunteers(pool, scope).await?;
    let rows = vec![
        vec![
            td_string!(l, common.report_volunteers_active).to_string(),
            count(active),
        ],
        vec![
            td_string!(l, common.report_volunteers_trained).to_string(),
            count(trained),
        ],
    ];
    let mut t = table(
        "volunteers",
        td_string!(l, common.report_volunteers).to_string(),
        measures(l),
        rows,
    );
    t.note = note;
    Ok(t)
}

#[cfg(feature = "ssr")]
async fn intake_table(
    pool: &sqlx::AnyPool,
    scope: &Scope,
    l: Locale,
) -> Result<ReportTable, AppError> {
    let found = db::report::intake(pool, scope).await?;
    let rows = HelpKind::ALL
        .iter()
        .map(|help| {
            let of = |outcome: Option<IntakeOutcome>| -> i64 {
                found
                    .iter()
                    .filter(|r| r.0 == *help && r.1 == outcome)
                    .map(|r| r.2)
                    .sum()
            };
            let received: i64 = found.iter().filter(|r| r.0 == *help).map(|r| r.2).sum();
            let mut row = vec![help.name_in(l).to_string(), count(received)];
            row.extend(IntakeOutcome::ALL.iter().map(|o| count(of(Some(*o)))));
            row.push(count(of(None)));
            row
        })
        .collect();
    let mut headers = vec![
        td_string!(l, common.report_help).to_string(),
        td_string!(l, common.report_received).to_string(),
    ];
    // The outcome names are written for a sentence ("closed: answered"); a column starts upper.
    headers.extend(IntakeOutcome::ALL.iter().map(|o| {
        let name = o.name_in(l);
        let mut chars = name.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }));
    headers.push(td_string!(l, common.report_open).to_string());
    Ok(table(
        "intake",
        td_string!(l, common.report_intake).to_string(),
        headers,
        rows,
    ))
}
