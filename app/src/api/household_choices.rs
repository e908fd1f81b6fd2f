//! The households staff choose from when they book, sign up or register a walk-in for someone.
//! A coordinator's office may have hundreds: unless there are only a few, they search by name,
//! phone or date of birth, and see enough to tell two people of the same name apart.

use super::auth::CurrentUser;
use super::choices::Choice;
use crate::db::{self, Db};
use crate::domain::{HouseholdFilter, HouseholdStatus, Role};
use crate::error::AppError;

/// Up to this many active households are all offered without a search.
pub const ALL_UP_TO: i64 = 30;
/// At most this many matches of a search are offered.
pub const MATCHES: i64 = 20;

/// The households `user` may choose among for `who` (the search typed), keeping `chosen` when it
/// is one of theirs; empty for people who do not choose (a beneficiary books for their own).
pub async fn for_user(
    db: &Db,
    user: &CurrentUser,
    who: &str,
    chosen: Option<i64>,
) -> Result<Vec<Choice>, AppError> {
    if user.roles.has(Role::Coordinator) {
        return for_staff(db, who, chosen).await;
    }
    if user.roles.has(Role::SupportPerson) {
        let mut out: Vec<Choice> = Vec::new();
        let assignments = db::assignments::of_support_person(db.pool(), user.id).await?;
        for a in assignments
            .iter()
            .filter(|a| super::assignments::is_open(a))
        {
            if !out.iter().any(|c| c.id == a.household_id) {
                out.push(Choice {
                    id: a.household_id,
                    name: a.household_name.clone(),
                });
            }
        }
        return Ok(out);
    }
    Ok(Vec::new())
}

/// Active households for coordinators: all of them while there are few, else the matches of
/// `who`, and `chosen` in any case.
pub async fn for_staff(db: &Db, who: &str, chosen: Option<i64>) -> Result<Vec<Choice>, AppError> {
    let pool = db.pool();
    let mut filter = HouseholdFilter::from_query(who, "", "", "");
    filter.status = Some(HouseholdStatus::Active);
    let searching = filter.text.is_some();
    let rows = if searching || db::households::search_count(pool, &filter).await? <= ALL_UP_TO {
        let limit = if searching { MATCHES } else { ALL_UP_TO };
        db::households::search(pool, &filter, limit, 0).await?
    } else {
        Vec::new()
    };
    let mut choices: Vec<Choice> = rows.into_iter().map(choice).collect();
    choices.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(id) = chosen.filter(|id| !choices.iter().any(|c| c.id == *id)) {
        if let Some(row) = db::households::active_row(pool, id).await? {
            choices.insert(0, choice(row));
        }
    }
    Ok(choices)
}

/// "Olena Shevchenko · 12.03.1987 · Tartu · …4567".
fn choice(h: db::households::ListRow) -> Choice {
    let name = format!(
        "{} {}",
        h.first_name.unwrap_or_default(),
        h.last_name.unwrap_or_default()
    );
    let born = h
        .date_of_birth
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .map(|d| d.format("%d.%m.%Y").to_string());
    let phone_end = h.phone.map(|p| {
        let digits: Vec<char> = p.chars().filter(char::is_ascii_digit).collect();
        let tail: String = digits[digits.len().saturating_sub(4)..].iter().collect();
        format!("…{tail}")
    });
    let parts: Vec<String> = [Some(name.trim().to_owned()), born, Some(h.city), phone_end]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect();
    Choice {
        id: h.id,
        name: parts.join(" · "),
    }
}
