//! Addresses messages about a household can go to. The choice between them (and consent) is
//! made in `api::notify`.

use super::Tx;
use crate::domain::InterfaceLanguage;

/// An account's id, email and language.
pub type Login = (i64, String, InterfaceLanguage);

/// The household's first member with an active login.
pub async fn first_member_login(
    tx: &mut Tx,
    household_id: i64,
) -> Result<Option<Login>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.email, a.language FROM members m JOIN accounts a ON a.id = m.account_id \
         WHERE m.household_id = $1 AND a.active = 1 ORDER BY m.id LIMIT 1",
    )
    .bind(household_id)
    .fetch_optional(&mut **tx)
    .await
}

/// The household's own email, and the first of its members' languages that is an interface
/// language.
pub async fn household_address(
    tx: &mut Tx,
    household_id: i64,
) -> Result<Option<(Option<String>, Option<InterfaceLanguage>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT h.email, (SELECT l.language FROM member_languages l JOIN members m \
            ON m.id = l.member_id WHERE m.household_id = h.id \
            AND l.language IN ('et', 'en', 'ru', 'uk') ORDER BY m.id, l.language LIMIT 1) \
         FROM households h WHERE h.id = $1",
    )
    .bind(household_id)
    .fetch_optional(&mut **tx)
    .await
}

/// The account when it is an active support person's.
pub async fn support_person_login(
    tx: &mut Tx,
    account_id: i64,
) -> Result<Option<Login>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.email, a.language FROM accounts a JOIN account_roles r \
         ON r.account_id = a.id AND r.role = 'support_person' WHERE a.id = $1 AND a.active = 1",
    )
    .bind(account_id)
    .fetch_optional(&mut **tx)
    .await
}
