//! What a person typed into a form that failed while JavaScript was off. The browser is
//! redirected back to the form, which then shows these values again next to the messages.
//! Kept in the session row (never in the URL: it may hold personal data).

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
    let (Some(hash), Ok(json)) = (context::session_token_hash(), serde_json::to_string(values))
    else {
        return Ok(());
    };
    crate::db::sessions::set_draft(context::db()?.pool(), &hash, key, &json).await?;
    Ok(())
}

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
    let Some(hash) = context::session_token_hash() else {
        return Ok(None);
    };
    Ok(crate::db::sessions::take_draft(context::db()?.pool(), &hash, &key).await?)
}

/// Form values for a page: the kept draft when there is one, else `fallback`.
pub fn decode_draft<T: serde::de::DeserializeOwned>(json: Option<String>, fallback: T) -> T {
    json.and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or(fallback)
}
