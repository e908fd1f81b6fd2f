//! Accounts and invitations, for admins.

use crate::domain::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{context, credentials},
    crate::db,
    crate::domain::{access, parse_required_text, Email, ErrorCode, Roles, Validator},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub active: bool,
    pub roles: Vec<Role>,
    /// Volunteer programme codes.
    pub programmes: Vec<String>,
}

#[server(endpoint = "list_accounts")]
pub async fn list_accounts() -> Result<Vec<AccountView>, AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    let rows = db::accounts::list(db.pool()).await?;
    let programmes = db::accounts::programmes(db.pool()).await?;
    Ok(rows
        .into_iter()
        .map(|r| AccountView {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            active: r.active == 1,
            programmes: programmes
                .iter()
                .filter(|(a, _)| *a == r.id)
                .map(|(_, p)| p.clone())
                .collect(),
            roles: r
                .roles
                .unwrap_or_default()
                .split(',')
                .filter_map(Role::parse)
                .collect(),
        })
        .collect())
}

/// The invitation form; each role is a checkbox that sends "on" when ticked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub email: String,
    pub display_name: String,
    pub admin: Option<String>,
    pub coordinator: Option<String>,
    pub support_person: Option<String>,
    pub volunteer: Option<String>,
    pub facilitator: Option<String>,
    pub beneficiary: Option<String>,
}

impl InviteForm {
    pub fn ticked(&self, role: Role) -> bool {
        let field = match role {
            Role::Admin => &self.admin,
            Role::Coordinator => &self.coordinator,
            Role::SupportPerson => &self.support_person,
            Role::Volunteer => &self.volunteer,
            Role::Facilitator => &self.facilitator,
            Role::Beneficiary => &self.beneficiary,
        };
        field.is_some()
    }
}

/// Creates a one-time link through which the invited person sets a password.
/// Returns the link's path (`/invite/<token>`); it is shown once and stored only as a hash.
#[server(endpoint = "create_invite")]
pub async fn create_invite(form: InviteForm) -> Result<String, AppError> {
    let admin = context::require(access::ADMIN).await?;
    let db = context::db()?;
    let mut v = Validator::new();
    let email = v.check("email", Email::parse(&form.email));
    if let Some(email) = &email {
        if db::accounts::by_email(db.pool(), email.as_str())
            .await?
            .is_some()
        {
            v.add("email", ErrorCode::EmailTaken);
        }
    }
    let name = v.check("display_name", parse_required_text(&form.display_name, 100));
    let roles = Roles::new(Role::ALL.into_iter().filter(|r| form.ticked(*r)).collect());
    if roles.is_empty() {
        v.add("roles", ErrorCode::NoRole);
    }
    let (email, name) = match v.finish(|| Some((email?, name?))) {
        Ok(valid) => valid,
        Err(errors) => {
            super::drafts::keep("create_invite", &form).await?;
            return Err(errors.into());
        }
    };
    let token = credentials::new_token();
    let role_names: Vec<&str> = roles.iter().map(Role::as_str).collect();
    db::invites::create(
        db.pool(),
        &credentials::token_hash(&token),
        email.as_str(),
        &name,
        &role_names.join(","),
        Some(admin.id),
    )
    .await?;
    let link = format!("/invite/{token}");
    if context::is_plain_form_post() {
        // Without JavaScript the link is shown on the page the browser is sent to.
        context::redirect(&format!("/admin/accounts?invited={token}"));
    }
    Ok(link)
}
