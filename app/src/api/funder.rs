//! The funder's acknowledgement shown on every page and on printed and exported reports: a text
//! per interface language, the programme's own by default, which an admin may reword.

use crate::domain::InterfaceLanguage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context,
    crate::db,
    crate::domain::{access, parse_optional_text, AuditAction, AuditSubject, FieldErrors},
};

/// The longest acknowledgement an admin may write.
pub const TEXT_MAX: usize = 500;
#[cfg(feature = "ssr")]
const PREFIX: &str = "funder.";

/// (language, text) for each language an admin reworded.
#[cfg(feature = "ssr")]
type Wording = Vec<(InterfaceLanguage, String)>;

#[cfg(feature = "ssr")]
async fn read_wording() -> Result<Wording, AppError> {
    let db = context::db()?;
    let wording: Wording = db::site_settings::with_prefix(db.pool(), PREFIX)
        .await?
        .into_iter()
        .filter_map(|(key, text)| {
            let language = InterfaceLanguage::parse(key.strip_prefix(PREFIX)?)?;
            Some((language, text))
        })
        .collect();
    Ok(wording)
}

/// The acknowledgement in `l`: an admin's wording, or the programme's.
#[cfg(feature = "ssr")]
pub async fn acknowledgement(db: &db::Db, l: crate::i18n::Locale) -> Result<String, AppError> {
    let key = format!("{PREFIX}{}", leptos_i18n::Locale::as_str(l));
    Ok(match db::site_settings::get(db.pool(), &key).await? {
        Some(text) => text,
        None => leptos_i18n::td_string!(l, common.funder_ack).to_string(),
    })
}

/// The admins' wording per language (languages without one use the programme's text).
#[server(endpoint = "funder_wording")]
pub async fn funder_wording() -> Result<Vec<(InterfaceLanguage, String)>, AppError> {
    read_wording().await
}

#[server(endpoint = "save_funder_wording")]
pub async fn save_funder_wording(
    text_et: String,
    text_en: String,
    text_ru: String,
    text_uk: String,
) -> Result<(), AppError> {
    let user = context::require(access::ADMIN).await?;
    let mut errors = FieldErrors::default();
    let mut texts = Vec::new();
    for (language, text) in [
        (InterfaceLanguage::Et, &text_et),
        (InterfaceLanguage::En, &text_en),
        (InterfaceLanguage::Ru, &text_ru),
        (InterfaceLanguage::Uk, &text_uk),
    ] {
        match parse_optional_text(text, TEXT_MAX) {
            Ok(text) => texts.push((language, text)),
            Err(code) => errors.push(&format!("text_{}", language.code()), code),
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let db = context::db()?;
    let now = context::now();
    let mut tx = db.begin().await?;
    for (language, text) in texts {
        let key = format!("{PREFIX}{}", language.code());
        match text {
            Some(text) => db::site_settings::set(&mut *tx, &key, &text, now).await?,
            None => db::site_settings::remove(&mut *tx, &key).await?,
        }
    }
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::SettingsFunder,
        AuditSubject::Settings,
        0,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done("/admin/settings", crate::domain::Done::Saved);
    Ok(())
}
