//! The audit log for admins: filtered entries, and (in `server`) the same as CSV.

use crate::domain::{AuditAction, AuditFilter};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::names::Named;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {super::context, crate::db, crate::domain::access};

/// One entry as the page and the CSV show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    /// Europe/Tallinn time.
    pub at: String,
    pub actor: String,
    pub action: AuditAction,
    /// `household 12`, `account 3`; empty for a search.
    pub subject: String,
    pub detail: String,
    pub client: String,
}

/// How many entries a page or an export holds at most (the newest).
pub const MAX_ROWS: i64 = 5000;

/// The entries matching `filter`, newest first; 422 with the fields that are wrong.
#[cfg(feature = "ssr")]
pub async fn entries(
    db: &db::Db,
    filter: &AuditFilter,
    limit: i64,
) -> Result<Vec<AuditRow>, AppError> {
    let valid = filter.check()?;
    let query = db::audit::AuditQuery {
        who: valid.who,
        action: valid.action,
        household: valid.household,
        from: valid.from,
        until: valid.until,
    };
    Ok(db::audit::search(db.pool(), &query, limit)
        .await?
        .into_iter()
        .map(|e| AuditRow {
            id: e.id,
            at: context::local_time(e.at),
            actor: e.actor,
            action: e.action,
            subject: match e.subject_id {
                Some(id) => format!("{} {id}", e.subject_type.code()),
                None => String::new(),
            },
            detail: e.detail.unwrap_or_default(),
            client: e.client.unwrap_or_default(),
        })
        .collect())
}

#[server(endpoint = "audit_entries")]
pub async fn audit_entries(
    #[server(default)] filter: AuditFilter,
) -> Result<Vec<AuditRow>, AppError> {
    context::require(access::ADMIN).await?;
    entries(&context::db()?, &filter, 500).await
}

/// The rows as CSV (RFC 4180: every field quoted, quotes doubled, CRLF), with a header; the
/// action as its code and as its name in `locale`. A field that a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@`) gets a leading apostrophe.
pub fn to_csv(rows: &[AuditRow], locale: Locale) -> String {
    let field = |value: &str| {
        let safe = match value.chars().next() {
            Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
            _ => value.to_string(),
        };
        format!("\"{}\"", safe.replace('"', "\"\""))
    };
    let mut out = String::from("id,at,actor,action,action_name,subject,detail,client\r\n");
    for r in rows {
        let cells = [
            r.id.to_string(),
            r.at.clone(),
            r.actor.clone(),
            r.action.code().to_string(),
            r.action.name_in(locale).to_string(),
            r.subject.clone(),
            r.detail.clone(),
            r.client.clone(),
        ];
        let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_everything_and_defuses_formulas() {
        let row = AuditRow {
            id: 7,
            at: "2026-12-01 10:00".into(),
            actor: "Maris \"M\" Tamm".into(),
            action: AuditAction::LoginFailed,
            subject: String::new(),
            detail: "=HYPERLINK(\"x\")".into(),
            client: "127.0.0.1".into(),
        };
        assert_eq!(
            to_csv(&[row], Locale::et),
            "id,at,actor,action,action_name,subject,detail,client\r\n\"7\",\"2026-12-01 10:00\",\
             \"Maris \"\"M\"\" Tamm\",\"login.failed\",\"sisselogimine ebaõnnestus\",\"\",\"'=HYPERLINK(\"\"x\"\")\",\"127.0.0.1\"\r\n"
        );
    }
}
