//! Offices and rooms: readable by staff, editable by admins.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficeView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub address: String,
    pub rooms: Vec<RoomView>,
}

#[cfg(feature = "ssr")]
async fn office_view(db: &db::Db, row: db::offices::OfficeRow) -> Result<OfficeView, AppError> {
    let rooms = db::offices::rooms(db.pool(), row.id).await?;
    Ok(OfficeView {
        id: row.id,
        code: row.code,
        name: row.name,
        address: row.address,
        rooms: rooms
            .into_iter()
            .map(|r| RoomView {
                id: r.id,
                name: r.name,
                capacity: r.capacity,
            })
            .collect(),
    })
}

#[server(endpoint = "list_offices")]
pub async fn list_offices() -> Result<Vec<OfficeView>, AppError> {
    context::require_login().await?;
    let db = context::db()?;
    let mut offices = Vec::new();
    for row in db::offices::list(db.pool()).await? {
        offices.push(office_view(&db, row).await?);
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
    office_view(&db, row).await
}

#[server(endpoint = "update_office")]
pub async fn update_office(id: i64, form: OfficeForm) -> Result<(), AppError> {
    context::require(access::ADMIN).await?;
    let db = context::db()?;
    let office = match form.parse() {
        Ok(o) => o,
        Err(errors) => {
            super::drafts::keep(&format!("update_office/{id}"), &form).await?;
            return Err(errors.into());
        }
    };
    if !db::offices::update(db.pool(), id, &office).await? {
        return Err(AppError::NotFound);
    }
    context::redirect(&format!("/admin/offices/{id}?saved=1"));
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
