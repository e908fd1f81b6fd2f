//! One-time invitation links through which a new user sets a password. Only a hash of the
//! token is stored; resending an invitation gives it a new token (and seven more days).

use super::codes::CodeList;
use super::{now, Tx};
use crate::domain::{InterfaceLanguage, Role};
use sqlx::{AnyPool, FromRow};

/// How long an invitation link stays valid.
pub const LIFETIME_SECS: i64 = 7 * 24 * 60 * 60;

#[derive(Debug, Clone, FromRow)]
pub struct InviteRow {
    pub id: i64,
    /// None for a member reached by phone, who chooses the login's email when accepting.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub display_name: String,
    pub roles: CodeList<Role>,
    pub language: InterfaceLanguage,
    pub member_id: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub sent_count: i64,
}

const SELECT: &str =
    "SELECT id, email, phone, display_name, roles, language, member_id, created_by, \
                      created_at, expires_at, used_at, revoked_at, sent_count FROM invites";

pub struct NewInvite<'a> {
    pub token_hash: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub display_name: &'a str,
    pub roles: &'a str,
    pub language: InterfaceLanguage,
    pub member_id: Option<i64>,
    pub created_by: Option<i64>,
}

/// Writes an invitation, revoking any other open one to the same address or for the same
/// household member; returns its id.
pub async fn create(tx: &mut Tx, invite: &NewInvite<'_>, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "UPDATE invites SET revoked_at = $1 WHERE (email = $2 OR member_id = $3) \
         AND used_at IS NULL AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(invite.email)
    .bind(invite.member_id)
    .execute(&mut **tx)
    .await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO invites (token_hash, email, phone, display_name, roles, language, \
         member_id, created_by, created_at, expires_at, sent_count) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1) RETURNING id",
    )
    .bind(invite.token_hash)
    .bind(invite.email)
    .bind(invite.phone)
    .bind(invite.display_name)
    .bind(invite.roles)
    .bind(invite.language)
    .bind(invite.member_id)
    .bind(invite.created_by)
    .bind(now)
    .bind(now + LIFETIME_SECS)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// As `create` outside a transaction (the command line's first admin).
pub async fn create_now(pool: &AnyPool, invite: &NewInvite<'_>) -> Result<i64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let id = create(&mut tx, invite, now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// An unused, unrevoked, unexpired invitation.
pub async fn find_open(
    pool: &AnyPool,
    token_hash: &str,
    now: i64,
) -> Result<Option<InviteRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL \
         AND expires_at > $2"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<InviteRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Invitations not yet accepted (open, expired or revoked in the last 30 days), newest first;
/// only those `created_by` made when given.
pub async fn pending(
    pool: &AnyPool,
    created_by: Option<i64>,
    now: i64,
) -> Result<Vec<InviteRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE used_at IS NULL AND created_at > $1 \
         AND ($2 = 0 OR created_by = $2) ORDER BY created_at DESC, id DESC LIMIT 200"
    ))
    .bind(now - 30 * 24 * 3600)
    .bind(created_by.unwrap_or(0))
    .fetch_all(pool)
    .await
}

/// Open invitations of a household's members: (member id, invite).
pub async fn open_of_members(
    pool: &AnyPool,
    household_id: i64,
    now: i64,
) -> Result<Vec<InviteRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE member_id IN (SELECT id FROM members WHERE household_id = $1) \
         AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2"
    ))
    .bind(household_id)
    .bind(now)
    .fetch_all(pool)
    .await
}

/// Marks the invitation used inside the transaction that creates the account; false when it
/// was used, revoked or ran out in the meantime.
pub async fn consume(tx: &mut Tx, token_hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invites SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
         AND revoked_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(token_hash)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Revokes an unused invitation; false when it was used or revoked already.
pub async fn revoke(tx: &mut Tx, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invites SET revoked_at = $1 WHERE id = $2 AND used_at IS NULL \
         AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives an unused, unrevoked invitation a new token and seven more days; false otherwise.
pub async fn renew(tx: &mut Tx, id: i64, token_hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invites SET token_hash = $1, expires_at = $2, sent_count = sent_count + 1 \
         WHERE id = $3 AND used_at IS NULL AND revoked_at IS NULL",
    )
    .bind(token_hash)
    .bind(now + LIFETIME_SECS)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many invitations to coordinators were ever made (for the setup checklist).
pub async fn coordinator_invites(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM invites WHERE roles LIKE '%coordinator%'")
            .fetch_one(pool)
            .await?;
    Ok(n)
}
