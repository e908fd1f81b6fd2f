//! Codes read from the database become the domain's enums at the edge: a known code decodes, an
//! unknown one is an error rather than text that would reach a page.

use crate::helpers::{postgres_url, SqliteFile};
use tugi_app::db::Db;
use tugi_app::domain::schedule::EventStatus;
use tugi_app::domain::workshops::RegistrationStatus;
use tugi_app::domain::{AuditAction, Language};

async fn decode_on(db: &Db) {
    let held: EventStatus = sqlx::query_scalar("SELECT 'held'")
        .fetch_one(db.pool())
        .await
        .expect("a known code decodes");
    assert_eq!(held, EventStatus::Held);
    let offered: RegistrationStatus = sqlx::query_scalar("SELECT 'offered'")
        .fetch_one(db.pool())
        .await
        .expect("a known code decodes");
    assert_eq!(offered, RegistrationStatus::Offered);
    let dari: Option<Language> = sqlx::query_scalar("SELECT 'prs'")
        .fetch_one(db.pool())
        .await
        .expect("a known code decodes");
    assert_eq!(dari, Some(Language::Prs));
    let throttled: AuditAction = sqlx::query_scalar("SELECT 'throttled.secret-link:client'")
        .fetch_one(db.pool())
        .await
        .expect("a known code decodes");
    assert_eq!(throttled, AuditAction::ThrottledSecretLink);
    let none: Option<Language> = sqlx::query_scalar("SELECT CAST(NULL AS TEXT)")
        .fetch_one(db.pool())
        .await
        .expect("no value decodes as none");
    assert_eq!(none, None);
    let unknown = sqlx::query_scalar::<_, EventStatus>("SELECT 'postponed'")
        .fetch_one(db.pool())
        .await;
    let error = unknown.expect_err("an unknown code is refused").to_string();
    assert!(
        error.contains("unknown EventStatus code \"postponed\""),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_codes_decode_into_enums_or_fail() {
    let sqlite = SqliteFile::fresh().await;
    decode_on(&sqlite.db).await;
    sqlite.close().await;
    let postgres = Db::connect(&postgres_url().await).await.expect("postgres");
    decode_on(&postgres).await;
    postgres.close().await;
}
