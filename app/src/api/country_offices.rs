//! The directory of country offices abroad: return staff read it, counsellors and admins keep
//! it and say which partner caseworkers work at each office.

use crate::domain::reintegration::{CountryOfficeForm, SupplierForm};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::context,
    crate::db,
    crate::domain::{access, AuditAction, AuditSubject, ErrorCode, FieldErrors, Role},
};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CountryOfficeView {
    pub id: i64,
    pub country: String,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub languages: String,
    pub working_hours: String,
}

#[cfg(feature = "ssr")]
impl From<db::country_offices::CountryOfficeRow> for CountryOfficeView {
    fn from(r: db::country_offices::CountryOfficeRow) -> Self {
        CountryOfficeView {
            id: r.id,
            country: r.country,
            name: r.name,
            address: r.address,
            phone: r.phone,
            email: r.email,
            languages: r.languages,
            working_hours: r.working_hours,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffView {
    pub account_id: i64,
    pub name: String,
    pub email: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupplierView {
    pub id: i64,
    pub form: SupplierForm,
}

/// One office with its caseworkers, and (for those who keep the directory) the caseworkers
/// who could be added; its suppliers for the Estonian office's staff and its own caseworkers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryOfficePage {
    pub office: CountryOfficeView,
    pub staff: Vec<StaffView>,
    pub may_edit: bool,
    pub candidates: Vec<(i64, String)>,
    pub suppliers: Option<Vec<SupplierView>>,
    pub may_keep_suppliers: bool,
}

/// Suppliers (and their bank details) are for the Estonian office's staff and the office's own
/// caseworkers; counsellors, admins and those caseworkers keep them.
#[cfg(feature = "ssr")]
async fn supplier_rights(
    user: &super::auth::CurrentUser,
    office: i64,
) -> Result<(bool, bool), AppError> {
    let own = user.roles.has(Role::PartnerCaseworker)
        && db::country_offices::of_account(context::db()?.pool(), user.id).await? == Some(office);
    let keep = own || user.roles.has_any(access::COUNTRY_OFFICE_EDIT);
    Ok((keep || user.roles.has(Role::Approver), keep))
}

#[server(endpoint = "list_country_offices")]
pub async fn list_country_offices() -> Result<(Vec<CountryOfficeView>, bool), AppError> {
    let user = context::require(access::COUNTRY_OFFICES).await?;
    let db = context::db()?;
    let offices = db::country_offices::list(db.pool())
        .await?
        .into_iter()
        .map(CountryOfficeView::from)
        .collect();
    Ok((offices, user.roles.has_any(access::COUNTRY_OFFICE_EDIT)))
}

#[server(endpoint = "get_country_office")]
pub async fn get_country_office(id: i64) -> Result<CountryOfficePage, AppError> {
    let user = context::require(access::COUNTRY_OFFICES).await?;
    let db = context::db()?;
    let pool = db.pool();
    let office = db::country_offices::by_id(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let may_edit = user.roles.has_any(access::COUNTRY_OFFICE_EDIT);
    let staff = db::country_offices::staff(pool, id)
        .await?
        .into_iter()
        .map(|(account_id, name, email, active)| StaffView {
            account_id,
            name,
            email,
            active,
        })
        .collect();
    let candidates = if may_edit {
        db::country_offices::caseworkers(pool)
            .await?
            .into_iter()
            .filter(|(_, _, office)| *office != Some(id))
            .map(|(account, name, _)| (account, name))
            .collect()
    } else {
        Vec::new()
    };
    let (see_suppliers, may_keep_suppliers) = supplier_rights(&user, id).await?;
    let suppliers = if see_suppliers {
        Some(
            db::country_offices::suppliers(pool, id)
                .await?
                .into_iter()
                .map(|s| SupplierView {
                    id: s.id,
                    form: SupplierForm {
                        name: s.name,
                        registration_no: s.registration_no,
                        contact: s.contact,
                        bank_details: s.bank_details,
                    },
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(CountryOfficePage {
        office: office.into(),
        staff,
        may_edit,
        candidates,
        suppliers,
        may_keep_suppliers,
    })
}

#[cfg(feature = "ssr")]
fn name_taken() -> AppError {
    FieldErrors::single("name", ErrorCode::AlreadyExists).into()
}

/// Creates an office (`id` 0) or saves one.
#[server(endpoint = "save_country_office")]
pub async fn save_country_office(id: i64, form: CountryOfficeForm) -> Result<(), AppError> {
    let user = context::require(access::COUNTRY_OFFICE_EDIT).await?;
    let db = context::db()?;
    if id != 0 && db::country_offices::by_id(db.pool(), id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let draft = format!("save_country_office/{id}");
    let office = match form.parse() {
        Ok(office) if db::country_offices::name_taken(db.pool(), &office.name, id).await? => {
            Err(name_taken())
        }
        Ok(office) => Ok(office),
        Err(errors) => Err(errors.into()),
    };
    let office = match office {
        Ok(office) => office,
        Err(error) => {
            super::drafts::keep(&draft, &form).await?;
            return Err(error);
        }
    };
    let now = context::now();
    let mut tx = db.begin().await?;
    let saved = if id == 0 {
        db::country_offices::create(&mut tx, &office, now).await
    } else {
        db::country_offices::update(&mut tx, id, &office, now)
            .await
            .map(|_| id)
    };
    let saved = match saved {
        Ok(saved) => saved,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Err(name_taken()),
        Err(e) => return Err(e.into()),
    };
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::CountryOfficeSave,
        AuditSubject::CountryOffice,
        saved,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done(
        &format!("/returns/offices/{saved}"),
        crate::domain::Done::Saved,
    );
    Ok(())
}

/// Puts a partner caseworker at an office (from any other), or takes them off it.
#[server(endpoint = "set_country_office_staff")]
pub async fn set_country_office_staff(
    office: i64,
    account: i64,
    attach: bool,
) -> Result<(), AppError> {
    let user = context::require(access::COUNTRY_OFFICE_EDIT).await?;
    let db = context::db()?;
    let pool = db.pool();
    if db::country_offices::by_id(pool, office).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let mut tx = db.begin().await?;
    if attach {
        let roles = db::accounts::roles(pool, account).await?;
        if !roles.has(Role::PartnerCaseworker) {
            return Err(FieldErrors::single("account", ErrorCode::RoleNotAllowed).into());
        }
        db::country_offices::attach(&mut tx, office, account).await?;
    } else if !db::country_offices::detach(&mut tx, office, account).await? {
        return Err(FieldErrors::single("account", ErrorCode::InvalidChoice).into());
    }
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::CountryOfficeStaff,
        AuditSubject::CountryOffice,
        office,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done(
        &format!("/returns/offices/{office}"),
        crate::domain::Done::Saved,
    );
    Ok(())
}

/// Adds a supplier to an office (`id` 0) or saves one of its suppliers.
#[server(endpoint = "save_supplier")]
pub async fn save_supplier(office: i64, id: i64, form: SupplierForm) -> Result<(), AppError> {
    let user = context::require(access::COUNTRY_OFFICES).await?;
    let db = context::db()?;
    if db::country_offices::by_id(db.pool(), office)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let (see, keep) = supplier_rights(&user, office).await?;
    if !see {
        return Err(AppError::NotFound);
    }
    if !keep {
        return Err(AppError::Forbidden);
    }
    let supplier =
        super::return_steps::kept(form.parse(), &format!("save_supplier/{office}/{id}"), &form)
            .await?;
    let mut tx = db.begin().await?;
    let saved =
        match db::country_offices::save_supplier(&mut tx, office, id, &supplier, context::now())
            .await
        {
            Ok(Some(saved)) => saved,
            Ok(None) => return Err(AppError::NotFound),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                return Err(FieldErrors::single("name", ErrorCode::AlreadyExists).into())
            }
            Err(e) => return Err(e.into()),
        };
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::CountryOfficeSave,
        AuditSubject::CountryOffice,
        office,
    )
    .await?;
    tx.commit().await?;
    tracing::debug!(supplier = saved, "supplier saved");
    context::redirect_done(
        &format!("/returns/offices/{office}"),
        crate::domain::Done::Saved,
    );
    Ok(())
}
