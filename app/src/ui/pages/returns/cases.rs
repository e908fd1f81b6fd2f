//! The list of return cases (with the three-month contact watch), and the form that opens one.

use crate::api::drafts::{decode_draft, take_draft};
use crate::api::return_cases::{return_cases, CaseLine, OpenReturnCase};
use crate::domain::reintegration::ReturnCaseForm;
use crate::domain::role::access;
use crate::domain::{Gender, InterfaceLanguage};
use crate::i18n::*;
use crate::names::{name, options};
use crate::ui::form::{action_error, ErrorSummary, FormError, SelectField, TextField};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use crate::ui::text::{date_in, I18n};
use leptos::prelude::*;
use leptos_router::components::A;

/// "Due in 12 days" / "12 days overdue" / "made", for a returned case.
pub fn contact_text(i18n: I18n, line: &CaseLine) -> Option<String> {
    let c = line.contact?;
    let deadline = date_in(i18n.get_locale(), c.deadline);
    Some(if c.made {
        t_string!(i18n, returns.contact_made).to_string()
    } else if c.overdue {
        t_string!(
            i18n,
            returns.contact_overdue,
            days = -c.days_left,
            deadline = deadline
        )
        .to_string()
    } else {
        t_string!(
            i18n,
            returns.contact_due,
            days = c.days_left,
            deadline = deadline
        )
        .to_string()
    })
}

#[component]
fn CaseTable(lines: Vec<CaseLine>, caption: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table>
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, returns.case_person)}</th>
                    <th scope="col">{t!(i18n, common.field_status)}</th>
                    <th scope="col">{t!(i18n, returns.case_return_to)}</th>
                    <th scope="col">{t!(i18n, returns.case_country_office)}</th>
                    <th scope="col">{t!(i18n, returns.case_first_contact)}</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| {
                        let contact = contact_text(i18n, &l);
                        let late = l.contact.is_some_and(|c| c.overdue);
                        view! {
                            <tr class:overdue=late>
                                <td><A href=format!("/returns/{}", l.id)>{l.name.clone()}</A></td>
                                <td>{name(i18n, l.status)}</td>
                                <td>{format!("{}, {}", l.return_city, l.return_country)}</td>
                                <td>{l.country_office.clone().unwrap_or_else(|| "—".into())}</td>
                                <td>{contact.unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn ReturnCasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| return_cases());
    view! {
        <RequireRole roles=access::RETURN_CASES>
            <PageHeading text=t_string!(i18n, returns.cases_title).to_string() />
            <p>{t!(i18n, returns.cases_intro)} " " <A href="/returns/offices">{t!(i18n, returns.offices_title)}</A></p>
            <Suspense>
                {move || Suspend::new(async move {
                    let list = match list.await {
                        Ok(list) => list,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    view! {
                        {list.may_open.then(|| view! {
                            <p><A href="/returns/new" attr:class="button">{t!(i18n, returns.case_open)}</A></p>
                        })}
                        {list.without_office.then(|| view! {
                            <p class="notice">{t!(i18n, returns.cases_without_office)}</p>
                        })}
                        {(!list.contact_watch.is_empty()).then(|| view! {
                            <CaseTable lines=list.contact_watch caption=t_string!(i18n, returns.contact_watch_title).to_string() />
                        })}
                        {if list.cases.is_empty() {
                            view! { <p>{t!(i18n, returns.cases_none)}</p> }.into_any()
                        } else {
                            view! { <CaseTable lines=list.cases caption=t_string!(i18n, returns.cases_all).to_string() /> }.into_any()
                        }}
                    }.into_any()
                })}
            </Suspense>
        </RequireRole>
    }
}

/// The person's fields, for opening a case and for changing it.
pub fn person_fields(i18n: I18n, form: ReturnCaseForm, error: FormError) -> impl IntoView {
    view! {
        <TextField name="form[first_name]" field="first_name" label=t_string!(i18n, common.field_first_name).to_string()
            value=form.first_name error required=true />
        <TextField name="form[last_name]" field="last_name" label=t_string!(i18n, common.field_last_name).to_string()
            value=form.last_name error required=true />
        <TextField name="form[date_of_birth]" field="date_of_birth" label=t_string!(i18n, common.field_date_of_birth).to_string()
            hint=t_string!(i18n, common.date_hint).to_string() value=form.date_of_birth error inputmode="numeric" required=true />
        <SelectField name="form[gender]" field="gender" label=t_string!(i18n, common.field_gender).to_string()
            value=form.gender options={options::<Gender>(i18n)} error placeholder=String::new() />
        <SelectField name="form[language]" field="language" label=t_string!(i18n, returns.case_language).to_string()
            hint=t_string!(i18n, returns.case_language_hint).to_string()
            value=form.language options={options::<InterfaceLanguage>(i18n)} error placeholder=String::new() />
        <TextField name="form[phone]" field="phone" label=t_string!(i18n, common.field_phone).to_string()
            value=form.phone error kind="tel" />
        <TextField name="form[email]" field="email" label=t_string!(i18n, common.field_email).to_string()
            value=form.email error kind="email" />
        <TextField name="form[nationality]" field="nationality" label=t_string!(i18n, returns.case_nationality).to_string()
            value=form.nationality error required=true />
        <TextField name="form[return_country]" field="return_country" label=t_string!(i18n, returns.case_return_country).to_string()
            value=form.return_country error required=true />
        <TextField name="form[return_city]" field="return_city" label=t_string!(i18n, returns.case_return_city).to_string()
            value=form.return_city error required=true />
    }
}

#[component]
pub fn NewReturnCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let open = ServerAction::<OpenReturnCase>::new();
    let error = action_error(open);
    let draft = Resource::new(|| (), |_| take_draft("open_return_case".into()));
    view! {
        <RequireRole roles=access::RETURN_COUNSELLING>
            <PageHeading text=t_string!(i18n, returns.case_open).to_string() />
            <p><A href="/returns">{t!(i18n, returns.cases_back)}</A></p>
            <ErrorSummary error />
            <Suspense>
                {move || Suspend::new(async move {
                    let form = decode_draft(draft.await.ok().flatten(), ReturnCaseForm::default());
                    view! {
                        <ActionForm action=open attr:class="stack narrow">
                            {person_fields(i18n, form, error)}
                            <button type="submit">{t!(i18n, returns.case_open)}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
