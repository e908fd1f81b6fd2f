//! The first admin of a new installation: `tugi create-admin` makes an invitation and prints
//! its link, through which the admin sets a password.

use tugi_app::api::credentials::{new_token, token_hash};
use tugi_app::db::{self, Db};
use tugi_app::domain::{parse_required_text, Email, InterfaceLanguage};

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Writes an admin invitation and answers its token (the link is `/invite/<token>`).
pub async fn invite(db: &Db, email: &str, name: &str, language: &str) -> Result<String, Error> {
    let email = Email::parse(email).map_err(|e| format!("invalid email: {e:?}"))?;
    let name = parse_required_text(name, 100).map_err(|e| format!("invalid name: {e:?}"))?;
    let Some(language) = InterfaceLanguage::parse(language) else {
        let codes: Vec<&str> = InterfaceLanguage::ALL.iter().map(|l| l.code()).collect();
        return Err(format!("language must be one of {}", codes.join(", ")).into());
    };
    if db::accounts::by_email(db.pool(), email.as_str())
        .await?
        .is_some()
    {
        return Err(format!("an account for {} already exists", email.as_str()).into());
    }
    let token = new_token();
    db::invites::create_now(
        db.pool(),
        &db::invites::NewInvite {
            token_hash: &token_hash(&token),
            email: Some(email.as_str()),
            phone: None,
            display_name: &name,
            roles: "admin",
            language,
            member_id: None,
            created_by: None,
        },
    )
    .await?;
    Ok(token)
}
