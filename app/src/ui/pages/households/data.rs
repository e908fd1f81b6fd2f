//! Everything stored about a household, as a readable page: for coordinators
//! (`/households/:id/data`) and for a beneficiary about their own household (`/my-data`).

use crate::api::data_protection::{household_data, StoredData};
use crate::domain::role::access;
use crate::domain::ExportValue;
use crate::error::AppError;
use crate::i18n::*;
use crate::names::name;
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HouseholdDataPage() -> impl IntoView {
    let id = id_param("id");
    let data = Resource::new(id, |id| household_data(Some(id)));
    view! {
        <RequireRole roles=access::HOUSEHOLDS>
            <StoredDataView data staff=true />
        </RequireRole>
    }
}

#[component]
pub fn MyDataPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| household_data(None));
    view! {
        <RequireRole roles=access::BENEFICIARY>
            <StoredDataView data staff=false />
        </RequireRole>
    }
}

/// The tables of an export; `staff` pages link back to the household.
#[component]
fn StoredDataView(data: Resource<Result<StoredData, AppError>>, staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let back = staff.then_some(d.household_id);
                        let json = match back {
                            Some(id) => format!("/households/{id}/data.json"),
                            None => "/my-data.json".to_string(),
                        };
                        view! {
                            {back.map(|id| view! {
                                <p><A href=format!("/households/{id}")>{t!(i18n, common.back_to_household)}</A></p>
                            })}
                            <PageHeading text=t_string!(i18n, admin.data_page_title).to_string() />
                            <p>{t!(i18n, admin.data_page_intro, when = d.made_at.clone())}</p>
                            <p><a href=json class="button secondary" download>{t!(i18n, common.data_json_link)}</a></p>
                            {d.tables.into_iter().map(|table| {
                                let title = name(i18n, table.name);
                                view! {
                                    <section>
                                        <h2>{title}</h2>
                                        {if table.rows.is_empty() {
                                            view! { <p>{t!(i18n, admin.data_nothing)}</p> }.into_any()
                                        } else {
                                            view! {
                                                <div class="table-wrap">
                                                    <table>
                                                        <thead><tr>
                                                            {table.columns.iter().map(|c| view! { <th scope="col">{c.replace('_', " ")}</th> }).collect_view()}
                                                        </tr></thead>
                                                        <tbody>
                                                            {table.rows.into_iter().map(|row| view! {
                                                                <tr>{row.into_iter().map(|v| view! { <td>{shown(v)}</td> }).collect_view()}</tr>
                                                            }).collect_view()}
                                                        </tbody>
                                                    </table>
                                                </div>
                                            }.into_any()
                                        }}
                                    </section>
                                }
                            }).collect_view()}
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn shown(value: ExportValue) -> String {
    match value {
        ExportValue::Null => String::new(),
        ExportValue::Number(n) => n.to_string(),
        ExportValue::Text(text) => text,
    }
}
