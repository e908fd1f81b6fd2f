//! What a person typed into a form that failed while JavaScript was off. The browser is
//! redirected back to the form, which then shows these values again next to the messages.
//! Kept in the session row (never in the URL: it may hold personal data); a visitor without a
//! login gets a short-lived cookie naming a row of `visitor_drafts` instead.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::context;

/// Keeps `values` for the form identified by `key`, when the request was a plain form post.
#[cfg(feature = "ssr")]
pub async fn keep<T: serde::Serialize>(key: &str, values: &T) -> Result<(), AppError> {
    if !context::is_plain_form_post() {
        return Ok(());
    }
    let Ok(json) = serde_json::to_string(values) else {
        return Ok(());
    };
    let db = context::db()?;
    if let Some(hash) = context::session_token_hash() {
        crate::db::sessions::set_draft(db.pool(), &hash, key, &json).await?;
        return Ok(());
    }
    let token = context::cookie(context::VISITOR_DRAFT_COOKIE)
        .filter(|t| t.len() == 43)
        .unwrap_or_else(super::credentials::new_token);
    context::set_cookie(
        context::VISITOR_DRAFT_COOKIE,
        &token,
        VISITOR_DRAFT_SECS,
        true,
    );
    let hash = super::credentials::token_hash(&token);
    let expires_at = crate::db::now() + VISITOR_DRAFT_SECS;
    crate::db::visitor_drafts::set(db.pool(), &hash, key, &json, expires_at).await?;
    Ok(())
}

/// How long a visitor's draft is kept.
#[cfg(feature = "ssr")]
const VISITOR_DRAFT_SECS: i64 = 15 * 60;

/// Passes `result` through, keeping `values` as the draft of `key` when it is a refused form.
#[cfg(feature = "ssr")]
pub async fn keep_if_invalid<T, V: serde::Serialize>(
    result: Result<T, AppError>,
    key: &str,
    values: &V,
) -> Result<T, AppError> {
    if matches!(result, Err(AppError::Invalid(_))) {
        keep(key, values).await?;
    }
    result
}

/// Returns (and forgets) the draft kept for `key`, as JSON.
#[server(endpoint = "take_draft")]
pub async fn take_draft(key: String) -> Result<Option<String>, AppError> {
    let db = context::db()?;
    if let Some(hash) = context::session_token_hash() {
        return Ok(crate::db::sessions::take_draft(db.pool(), &hash, &key).await?);
    }
    let Some(token) = context::cookie(context::VISITOR_DRAFT_COOKIE) else {
        return Ok(None);
    };
    let hash = super::credentials::token_hash(&token);
    Ok(crate::db::visitor_drafts::take(db.pool(), &hash, &key, crate::db::now()).await?)
}

/// Form values for a page: the kept draft when there is one, else `fallback`.
pub fn decode_draft<T: serde::de::DeserializeOwned>(json: Option<String>, fallback: T) -> T {
    json.and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or(fallback)
}
