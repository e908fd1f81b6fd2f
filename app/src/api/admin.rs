//! Accounts, for admins: the list with search and filters, role changes, deactivation and
//! reactivation; and the coordinators' list of future events whose owner was deactivated.

use crate::domain::{schedule::AgendaKind, InterfaceLanguage, Programme, Role};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::context,
    crate::db,
    crate::domain::{access, account::AccountChange, FieldErrors, Roles},
    crate::domain::{AuditAction, AuditSubject},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub active: bool,
    pub roles: Vec<Role>,
    /// Volunteer programmes.
    pub programmes: Vec<Programme>,
}

/// Filters of the account list; empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountFilter {
    /// Part of a name or email, any case.
    pub q: String,
    /// A role code.
    pub role: String,
    /// `active` or `inactive`.
    pub status: String,
}

impl AccountFilter {
    pub fn matches(&self, a: &AccountView) -> bool {
        let q = self.q.trim().to_lowercase();
        (q.is_empty()
            || a.display_name.to_lowercase().contains(&q)
            || a.email.to_lowercase().contains(&q))
            && (self.role.is_empty() || a.roles.iter().any(|r| r.code() == self.role))
            && match self.status.as_str() {
                "active" => a.active,
                "inactive" => !a.active,
                _ => true,
            }
    }
}

#[server(endpoint = "list_accounts")]
pub async fn list_accounts(
    #[server(default)] filter: AccountFilter,
) -> Result<Vec<AccountView>, AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    let rows = db::accounts::list(db.pool()).await?;
    let programmes = db::accounts::programmes(db.pool()).await?;
    let all = rows.into_iter().map(|r| AccountView {
        id: r.id,
        email: r.email,
        display_name: r.display_name,
        active: r.active == 1,
        programmes: programmes
            .iter()
            .filter(|(a, _)| *a == r.id)
            .map(|(_, p)| *p)
            .collect(),
        roles: r
            .roles
            .unwrap_or_default()
            .split(',')
            .filter_map(Role::parse)
            .collect(),
    });
    Ok(all.filter(|a| filter.matches(a)).collect())
}

/// One account for its admin page, with the household member it belongs to, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub account: AccountView,
    pub language: InterfaceLanguage,
    /// (household id, member name) of a beneficiary's login.
    pub member: Option<(i64, String)>,
    /// The admin looks at their own account.
    pub own: bool,
}

#[server(endpoint = "get_account")]
pub async fn get_account(id: i64) -> Result<AccountDetail, AppError> {
    let admin = context::require(access::ADMIN).await?;
    let db = context::db()?;
    let row = db::accounts::by_id(db.pool(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let roles = db::accounts::roles(db.pool(), id).await?;
    let programmes = db::accounts::programmes(db.pool())
        .await?
        .into_iter()
        .filter(|(a, _)| *a == id)
        .map(|(_, p)| p)
        .collect();
    let member = db::accounts::member_of(db.pool(), id)
        .await?
        .map(|(_, household, name)| (household, name));
    Ok(AccountDetail {
        account: AccountView {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            active: row.active == 1,
            roles: roles.iter().collect(),
            programmes,
        },
        language: row.language,
        member,
        own: admin.id == id,
    })
}

/// The roles form: a checkbox per role, as on the invitation form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RolesForm {
    pub admin: Option<String>,
    pub coordinator: Option<String>,
    pub support_person: Option<String>,
    pub volunteer: Option<String>,
    pub facilitator: Option<String>,
    pub beneficiary: Option<String>,
    pub return_counsellor: Option<String>,
    pub approver: Option<String>,
    pub partner_caseworker: Option<String>,
}

impl RolesForm {
    pub fn ticked(&self, role: Role) -> bool {
        let field = match role {
            Role::Admin => &self.admin,
            Role::Coordinator => &self.coordinator,
            Role::SupportPerson => &self.support_person,
            Role::Volunteer => &self.volunteer,
            Role::Facilitator => &self.facilitator,
            Role::Beneficiary => &self.beneficiary,
            Role::ReturnCounsellor => &self.return_counsellor,
            Role::Approver => &self.approver,
            Role::PartnerCaseworker => &self.partner_caseworker,
        };
        field.is_some()
    }
}

/// Checks a change of roles or status against the admin rules, inside its transaction.
#[cfg(feature = "ssr")]
async fn check_change(
    tx: &mut db::Tx,
    admin_id: i64,
    id: i64,
    admin_after: bool,
    deactivates: bool,
    field: &str,
) -> Result<db::accounts::AccountRow, AppError> {
    let db = context::db()?;
    let postgres = db.backend() == db::Backend::Postgres;
    let account = db::accounts::lock(tx, id, postgres)
        .await?
        .ok_or(AppError::NotFound)?;
    let roles = db::accounts::roles(&mut **tx, id).await?;
    let change = AccountChange {
        own_account: admin_id == id,
        admin_now: roles.has(Role::Admin) && account.active == 1,
        admin_after,
        other_active_admins: db::accounts::other_active_admins(tx, id).await?,
    };
    change
        .check(deactivates)
        .map_err(|code| FieldErrors::single(field, code))?;
    Ok(account)
}

#[server(endpoint = "set_account_roles")]
pub async fn set_account_roles(
    id: i64,
    #[server(default)] form: RolesForm,
) -> Result<(), AppError> {
    let admin = context::require(access::ADMIN).await?;
    let db = context::db()?;
    let roles = Roles::ticked(|r| form.ticked(r));
    if roles.is_empty() {
        return Err(FieldErrors::single("roles", crate::domain::ErrorCode::NoRole).into());
    }
    let mut tx = db.begin().await?;
    check_change(
        &mut tx,
        admin.id,
        id,
        roles.has(Role::Admin),
        false,
        "roles",
    )
    .await?;
    db::accounts::set_roles(&mut tx, id, &roles).await?;
    db::audit::record(
        &mut *tx,
        admin.id,
        AuditAction::AccountRoles,
        AuditSubject::Account,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done(&format!("/admin/accounts/{id}"), crate::domain::Done::Saved);
    Ok(())
}

/// Deactivates (ending every session at once; feeds stop answering) or reactivates an
/// account. Nothing is deleted: its future events appear on the "needs a new owner" list.
#[server(endpoint = "set_account_active")]
pub async fn set_account_active(id: i64, active: bool) -> Result<(), AppError> {
    let admin = context::require(access::ADMIN).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let roles = db::accounts::roles(&mut *tx, id).await?;
    check_change(
        &mut tx,
        admin.id,
        id,
        roles.has(Role::Admin),
        !active,
        "active",
    )
    .await?;
    db::accounts::set_active(&mut tx, id, active).await?;
    let action = if active {
        AuditAction::AccountReactivate
    } else {
        AuditAction::AccountDeactivate
    };
    db::audit::record(&mut *tx, admin.id, action, AuditSubject::Account, id).await?;
    tx.commit().await?;
    context::redirect_done(&format!("/admin/accounts/{id}"), crate::domain::Done::Saved);
    Ok(())
}

/// Corrects an account's login email; both the old and the new address are told.
#[server(endpoint = "set_account_email")]
pub async fn set_account_email(id: i64, email: String) -> Result<(), AppError> {
    let admin = context::require(access::ADMIN).await?;
    let db = context::db()?;
    let new =
        crate::domain::Email::parse(&email).map_err(|code| FieldErrors::single("email", code))?;
    let mut tx = db.begin().await?;
    let postgres = db.backend() == db::Backend::Postgres;
    let account = db::accounts::lock(&mut tx, id, postgres)
        .await?
        .ok_or(AppError::NotFound)?;
    if account.email == new.as_str() {
        return Ok(());
    }
    let taken = || {
        AppError::from(FieldErrors::single(
            "email",
            crate::domain::ErrorCode::EmailTaken,
        ))
    };
    match db::accounts::set_email(&mut tx, id, new.as_str()).await {
        Ok(true) => {}
        Ok(false) => return Err(taken()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Err(taken()),
        Err(e) => return Err(e.into()),
    }
    let old = super::notify_accounts::To {
        account_id: Some(id),
        email: &account.email,
        name: &account.display_name,
        language: account.language,
    };
    super::notify_accounts::email_changed(&mut tx, &old, new.as_str(), context::now()).await?;
    db::audit::record(
        &mut *tx,
        admin.id,
        AuditAction::AccountEmail,
        AuditSubject::Account,
        id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done(&format!("/admin/accounts/{id}"), crate::domain::Done::Saved);
    Ok(())
}

/// A future event whose owner (the coordinator, support person, facilitator or volunteer in
/// it) was deactivated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrphanView {
    pub kind: AgendaKind,
    /// Tallinn time.
    pub when: String,
    pub person: String,
    pub link: String,
}

#[server(endpoint = "needs_new_owner")]
pub async fn needs_new_owner() -> Result<Vec<OrphanView>, AppError> {
    context::require(access::NEEDS_OWNER).await?;
    let db = context::db()?;
    Ok(db::accounts::orphaned_events(db.pool(), context::now())
        .await?
        .into_iter()
        .map(|o| OrphanView {
            kind: o.kind,
            when: super::dates::span(o.starts_at, o.ends_at),
            person: o.person,
            link: o.link,
        })
        .collect())
}

/// The first steps of a new installation, shown on an admin's home page until done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetupProgress {
    pub office_with_room: bool,
    pub office_hours: bool,
    pub coordinator_invited: bool,
    /// Where messages go: `smtp` or the folder the .eml files are written to.
    pub mail: String,
}

impl SetupProgress {
    pub fn done(&self) -> bool {
        self.office_with_room && self.office_hours && self.coordinator_invited
    }
}

#[server(endpoint = "setup_status")]
pub async fn setup_status() -> Result<SetupProgress, AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    let (offices, hours) = db::offices::setup_counts(db.pool()).await?;
    let coordinators = db::accounts::names_with_role(db.pool(), Role::Coordinator)
        .await?
        .len();
    let invited = db::invites::coordinator_invites(db.pool()).await?;
    Ok(SetupProgress {
        office_with_room: offices > 0,
        office_hours: hours > 0,
        coordinator_invited: coordinators > 0 || invited > 0,
        mail: context::server_context()?.mail_target,
    })
}
