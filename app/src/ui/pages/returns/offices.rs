//! The directory of country offices abroad, and one office with its partner caseworkers.

use crate::api::country_offices::{
    get_country_office, list_country_offices, CountryOfficeView, SaveCountryOffice, SaveSupplier,
    SetCountryOfficeStaff, SupplierView,
};
use crate::api::drafts::{decode_draft, take_draft};
use crate::domain::reintegration::{CountryOfficeForm, SupplierForm};
use crate::domain::role::access;
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary, FormError, TextField};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use crate::ui::text::I18n;
use leptos::prelude::*;
use leptos_router::components::A;

/// The details a returnee is given: address, phone, email, languages and hours.
#[component]
pub fn OfficeFacts(office: CountryOfficeView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="facts">
            <dt>{t!(i18n, returns.office_country)}</dt><dd>{office.country}</dd>
            <dt>{t!(i18n, returns.office_address)}</dt><dd>{office.address}</dd>
            <dt>{t!(i18n, returns.office_phone)}</dt><dd><a href=format!("tel:{}", office.phone.replace(' ', ""))>{office.phone.clone()}</a></dd>
            <dt>{t!(i18n, returns.office_email)}</dt><dd><a href=format!("mailto:{}", office.email)>{office.email.clone()}</a></dd>
            <dt>{t!(i18n, returns.office_languages)}</dt><dd>{office.languages}</dd>
            <dt>{t!(i18n, returns.office_hours)}</dt><dd>{office.working_hours}</dd>
        </dl>
    }
}

fn office_fields(i18n: I18n, form: CountryOfficeForm, error: FormError) -> impl IntoView {
    view! {
        <TextField name="form[country]" field="country" label=t_string!(i18n, returns.office_country).to_string()
            value=form.country error required=true />
        <TextField name="form[name]" field="name" label=t_string!(i18n, returns.office_name).to_string()
            value=form.name error required=true />
        <TextField name="form[address]" field="address" label=t_string!(i18n, returns.office_address).to_string()
            value=form.address error required=true />
        <TextField name="form[phone]" field="phone" label=t_string!(i18n, returns.office_phone).to_string()
            value=form.phone error kind="tel" required=true />
        <TextField name="form[email]" field="email" label=t_string!(i18n, returns.office_email).to_string()
            value=form.email error kind="email" required=true />
        <TextField name="form[languages]" field="languages" label=t_string!(i18n, returns.office_languages).to_string()
            hint=t_string!(i18n, returns.office_languages_hint).to_string()
            value=form.languages error required=true />
        <TextField name="form[working_hours]" field="working_hours" label=t_string!(i18n, returns.office_hours).to_string()
            hint=t_string!(i18n, returns.office_hours_hint).to_string()
            value=form.working_hours error required=true />
    }
}

#[component]
pub fn CountryOfficesPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveCountryOffice>::new();
    let error = action_error(save);
    let offices = Resource::new(move || save.version().get(), |_| list_country_offices());
    let draft = Resource::new(|| (), |_| take_draft("save_country_office/0".into()));
    view! {
        <RequireRole roles=access::COUNTRY_OFFICES>
            <PageHeading text=t_string!(i18n, returns.offices_title).to_string() />
            <p>{t!(i18n, returns.offices_intro)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    let (list, may_edit) = match offices.await {
                        Ok(found) => found,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    let form: CountryOfficeForm = decode_draft(draft.await.ok().flatten(), CountryOfficeForm::default());
                    view! {
                        {if list.is_empty() {
                            view! { <p class="notice">{t!(i18n, returns.offices_none)}</p> }.into_any()
                        } else {
                            list.into_iter().map(|o| {
                                let (link, title) = (format!("/returns/offices/{}", o.id), o.name.clone());
                                view! {
                                <section class="card">
                                    <h2><A href=link>{title}</A></h2>
                                    <OfficeFacts office=o />
                                </section>
                            }}).collect_view().into_any()
                        }}
                        {may_edit.then(|| view! {
                            <h2>{t!(i18n, returns.office_new_title)}</h2>
                            <ErrorSummary error />
                            <ActionForm action=save attr:class="stack narrow">
                                <input type="hidden" name="id" value="0" />
                                {office_fields(i18n, form, error)}
                                <button type="submit">{t!(i18n, returns.office_create)}</button>
                            </ActionForm>
                        })}
                    }.into_any()
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
pub fn CountryOfficePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let save = ServerAction::<SaveCountryOffice>::new();
    let staff = ServerAction::<SetCountryOfficeStaff>::new();
    let supplier = ServerAction::<SaveSupplier>::new();
    let save_error = action_error(save);
    let staff_error = action_error(staff);
    let page = Resource::new(
        move || {
            (
                id(),
                save.version().get(),
                staff.version().get(),
                supplier.version().get(),
            )
        },
        |(id, ..)| get_country_office(id),
    );
    let draft = Resource::new(id, |id| take_draft(format!("save_country_office/{id}")));
    view! {
        <RequireRole roles=access::COUNTRY_OFFICES>
            <Suspense>
                {move || Suspend::new(async move {
                    let p = match page.await {
                        Ok(p) => p,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    let office_id = p.office.id;
                    let saved = CountryOfficeForm {
                        country: p.office.country.clone(),
                        name: p.office.name.clone(),
                        address: p.office.address.clone(),
                        phone: p.office.phone.clone(),
                        email: p.office.email.clone(),
                        languages: p.office.languages.clone(),
                        working_hours: p.office.working_hours.clone(),
                    };
                    let form = decode_draft(draft.await.ok().flatten(), saved);
                    let candidates = p.candidates.clone();
                    view! {
                        <PageHeading text=p.office.name.clone() />
                        <p><A href="/returns/offices">{t!(i18n, returns.offices_back)}</A></p>
                        <OfficeFacts office=p.office.clone() />
                        <h2>{t!(i18n, returns.office_staff_title)}</h2>
                        <ErrorSummary error=staff_error form="staff" />
                        {if p.staff.is_empty() {
                            view! { <p>{t!(i18n, returns.office_staff_none)}</p> }.into_any()
                        } else {
                            view! {
                                <ul>
                                    {p.staff.into_iter().map(|s| view! {
                                        <li>
                                            {s.name.clone()} " · " {s.email.clone()}
                                            {(!s.active).then(|| view! { " " <span class="badge">{t!(i18n, returns.office_staff_inactive)}</span> })}
                                            {p.may_edit.then(|| view! {
                                                " "
                                                <ActionForm action=staff attr:class="inline">
                                                    <input type="hidden" name="office" value=office_id />
                                                    <input type="hidden" name="account" value=s.account_id />
                                                    <input type="hidden" name="attach" value="false" />
                                                    <button type="submit" class="secondary">{t!(i18n, returns.office_staff_remove)} " " {s.name.clone()}</button>
                                                </ActionForm>
                                            })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {(p.may_edit && !candidates.is_empty()).then(|| view! {
                            <ActionForm action=staff attr:class="filters">
                                <input type="hidden" name="office" value=office_id />
                                <input type="hidden" name="attach" value="true" />
                                <div class="field">
                                    <label for="staff-account">{t!(i18n, returns.office_staff_add_label)}</label>
                                    <select id="staff-account" name="account">
                                        {candidates.into_iter().map(|(account, name)| view! {
                                            <option value=account>{name}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit">{t!(i18n, returns.office_staff_add)}</button>
                            </ActionForm>
                        })}
                        {p.suppliers.clone().map(|list| view! {
                            <Suppliers office=office_id list may_keep=p.may_keep_suppliers action=supplier />
                        })}
                        {p.may_edit.then(|| view! {
                            <h2>{t!(i18n, returns.office_edit_title)}</h2>
                            <ErrorSummary error=save_error />
                            <ActionForm action=save attr:class="stack narrow">
                                <input type="hidden" name="id" value=office_id />
                                {office_fields(i18n, form, save_error)}
                                <button type="submit">{t!(i18n, returns.office_save)}</button>
                            </ActionForm>
                        })}
                    }.into_any()
                })}
            </Suspense>
        </RequireRole>
    }
}

/// The office's suppliers, and the form that adds one.
#[component]
fn Suppliers(
    office: i64,
    list: Vec<SupplierView>,
    may_keep: bool,
    action: ServerAction<SaveSupplier>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    let draft = Resource::new(
        move || office,
        |office| take_draft(format!("save_supplier/{office}/0")),
    );
    view! {
        <h2>{t!(i18n, returns.suppliers_title)}</h2>
        <p class="hint">{t!(i18n, returns.suppliers_intro)}</p>
        {if list.is_empty() {
            view! { <p>{t!(i18n, returns.suppliers_none)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table>
                        <caption>{t!(i18n, returns.suppliers_title)}</caption>
                        <thead><tr>
                            <th scope="col">{t!(i18n, returns.supplier_name)}</th>
                            <th scope="col">{t!(i18n, returns.supplier_registration)}</th>
                            <th scope="col">{t!(i18n, returns.supplier_contact)}</th>
                            <th scope="col">{t!(i18n, returns.supplier_bank)}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|s| view! {
                                <tr>
                                    <td>{s.form.name}</td>
                                    <td>{s.form.registration_no}</td>
                                    <td>{s.form.contact}</td>
                                    <td>{s.form.bank_details}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {may_keep.then(|| view! {
            <h3>{t!(i18n, returns.supplier_add)}</h3>
            <ErrorSummary error form="supplier" />
            <Suspense>
                {move || Suspend::new(async move {
                    let form: SupplierForm = decode_draft(draft.await.ok().flatten(), SupplierForm::default());
                    view! {
                        <ActionForm action=action attr:class="stack narrow">
                            <input type="hidden" name="office" value=office />
                            <input type="hidden" name="id" value="0" />
                            <TextField name="form[name]" field="name" label=t_string!(i18n, returns.supplier_name).to_string()
                                value=form.name error required=true form="supplier" />
                            <TextField name="form[registration_no]" field="registration_no" label=t_string!(i18n, returns.supplier_registration).to_string()
                                value=form.registration_no error required=true form="supplier" />
                            <TextField name="form[contact]" field="contact" label=t_string!(i18n, returns.supplier_contact).to_string()
                                value=form.contact error required=true form="supplier" />
                            <TextField name="form[bank_details]" field="bank_details" label=t_string!(i18n, returns.supplier_bank).to_string()
                                hint=t_string!(i18n, returns.supplier_bank_hint).to_string()
                                value=form.bank_details error multiline=true required=true form="supplier" />
                            <button type="submit">{t!(i18n, returns.supplier_add)}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        })}
    }
}
