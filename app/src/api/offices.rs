//! Offices and rooms: readable by staff; admins create, edit, close and reopen them. An office
//! with consultations or workshop sessions still ahead cannot close until they are moved or
//! cancelled.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::consultation::Topic;
use crate::domain::schedule::AgendaKind;
use crate::domain::workshops::Localised;
use crate::domain::{OfficeForm, RoomForm};
#[cfg(feature = "ssr")]
use {
    super::context,
    crate::db,
    crate::domain::{access, ErrorCode, FieldErrors},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomView {
    pub id: i64,
    pub name: String,
    pub capacity: i64,
    pub accessibility: String,
}

/// A consultation or session still ahead at an office, which keeps it from closing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockerView {
    pub kind: AgendaKind,
    /// Tallinn time.
    pub when: String,
    pub topic: Option<Topic>,
    /// A session's activity code, and its names when an admin added it.
    pub activity: Option<String>,
    pub activity_names: Option<Localised>,
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficeView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub address: String,
    pub city: String,
    pub closed: bool,
    pub rooms: Vec<RoomView>,
    /// What is still planned here (admins' office page only).
    pub upcoming: Vec<BlockerView>,
}

#[cfg(feature = "ssr")]
async fn office_view(
    db: &db::Db,
    row: db::offices::OfficeRow,
    with_upcoming: bool,
) -> Result<OfficeView, AppError> {
    let rooms = db::offices::rooms(db.pool(), row.id).await?;
    let upcoming = if with_upcoming {
        db::offices::blockers(db.pool(), row.id, context::now())
            .await?
            .into_iter()
            .map(blocker_view)
            .collect()
    } else {
        Vec::new()
    };
    Ok(OfficeView {
        id: row.id,
        code: row.code,
        name: row.name,
        address: row.address,
        city: row.city,
        closed: row.closed_at.is_some(),
        rooms: rooms
            .into_iter()
            .map(|r| RoomView {
                id: r.id,
                name: r.name,
                capacity: r.capacity,
                accessibility: r.accessibility,
            })
            .collect(),
        upcoming,
    })
}

#[cfg(feature = "ssr")]
fn blocker_view(b: db::offices::Blocker) -> BlockerView {
    BlockerView {
        kind: b.kind,
        when: super::dates::time(b.starts_at),
        topic: b.topic,
        activity: b.activity,
        activity_names: match (b.name_et, b.name_en, b.name_ru, b.name_uk) {
            (Some(et), Some(en), Some(ru), Some(uk)) => Some(Localised([et, en, ru, uk])),
            _ => None,
        },
        link: b.link,
    }
}

/// Every office for admins (closed ones last); the open ones for other staff.
#[server(endpoint = "list_offices")]
pub async fn list_offices() -> Result<Vec<OfficeView>, AppError> {
    let user = context::require_login().await?;
    let db = context::db()?;
    let rows = if user.roles.has_any(access::ADMIN) {
        db::offices::list_all(db.pool()).await?
    } else {
        db::offices::list(db.pool()).await?
    };
    let mut offices = Vec::new();
    for row in rows {
        offices.push(office_view(&db, row, false).await?);
    }
    Ok(offices)
}

#[server(endpoint = "get_office")]
pub async fn get_office(id: i64) -> Result<OfficeView, AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    let row = db::offices::by_id(db.pool(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    office_view(&db, row, true).await
}

#[cfg(feature = "ssr")]
fn name_taken() -> AppError {
    FieldErrors::single("name", ErrorCode::AlreadyExists).into()
}

#[server(endpoint = "create_office")]
pub async fn create_office(form: OfficeForm) -> Result<i64, AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    let result = match form.parse() {
        Ok(office) if db::offices::name_taken(db.pool(), &office.name, 0).await? => {
            Err(name_taken())
        }
        Ok(office) => db::offices::create(db.pool(), &office)
            .await?
            .ok_or_else(name_taken),
        Err(errors) => Err(errors.into()),
    };
    match result {
        Ok(id) => {
            context::redirect_done(
                &format!("/admin/offices/{id}"),
                crate::domain::Done::OfficeCreated,
            );
            Ok(id)
        }
        Err(error) => {
            super::drafts::keep("create_office", &form).await?;
            Err(error)
        }
    }
}

#[server(endpoint = "update_office")]
pub async fn update_office(id: i64, form: OfficeForm) -> Result<(), AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    if db::offices::by_id(db.pool(), id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let result = match form.parse() {
        Ok(office) if db::offices::name_taken(db.pool(), &office.name, id).await? => {
            Err(name_taken())
        }
        Ok(office) => match db::offices::update(db.pool(), id, &office).await {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(name_taken()),
            Err(e) => Err(e.into()),
        },
        Err(errors) => Err(errors.into()),
    };
    if let Err(error) = result {
        super::drafts::keep(&format!("update_office/{id}"), &form).await?;
        return Err(error);
    }
    context::redirect_done(&format!("/admin/offices/{id}"), crate::domain::Done::Saved);
    Ok(())
}

/// Closes an office when nothing is planned there any more; reopens a closed one.
#[server(endpoint = "set_office_open")]
pub async fn set_office_open(id: i64, open: bool) -> Result<(), AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    let now = context::now();
    let mut tx = db.begin().await?;
    let postgres = db.backend() == db::Backend::Postgres;
    let office = db::offices::lock(&mut tx, id, postgres)
        .await?
        .ok_or(AppError::NotFound)?;
    if !open && office.closed_at.is_none() {
        let blockers = db::offices::blockers(&mut *tx, id, now).await?;
        if !blockers.is_empty() {
            let count = blockers.len() as i64;
            return Err(
                FieldErrors::single("office", ErrorCode::OfficeHasBookings { count }).into(),
            );
        }
    }
    db::offices::set_closed(&mut tx, id, (!open).then_some(now)).await?;
    tx.commit().await?;
    context::redirect_done(&format!("/admin/offices/{id}"), crate::domain::Done::Saved);
    Ok(())
}

#[server(endpoint = "add_room")]
pub async fn add_room(office_id: i64, form: RoomForm) -> Result<(), AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    if db::offices::by_id(db.pool(), office_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let result = match form.parse() {
        Ok(room) => match db::offices::add_room(db.pool(), office_id, &room).await? {
            Some(_) => Ok(()),
            None => Err(FieldErrors::single("name", ErrorCode::AlreadyExists)),
        },
        Err(errors) => Err(errors),
    };
    if let Err(errors) = result {
        super::drafts::keep(&format!("add_room/{office_id}"), &form).await?;
        return Err(errors.into());
    }
    context::redirect(&format!("/admin/offices/{office_id}"));
    Ok(())
}

#[server(endpoint = "remove_room")]
pub async fn remove_room(office_id: i64, room_id: i64) -> Result<(), AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    if !db::offices::remove_room(db.pool(), office_id, room_id).await? {
        return Err(AppError::NotFound);
    }
    context::redirect(&format!("/admin/offices/{office_id}"));
    Ok(())
}
