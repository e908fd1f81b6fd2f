//! Admins' account pages: the list with search and filters, and one account with its roles
//! and its active state.

use crate::api::admin::{
    get_account, list_accounts, AccountFilter, SetAccountActive, SetAccountEmail, SetAccountRoles,
};
use crate::domain::role::access;
use crate::domain::Role;
use crate::i18n::*;
use crate::names::{name, names};
use crate::ui::form::{action_error, ErrorSummary, TextField};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::{PageHeading, PageTitle};
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::{
    components::{Form, A},
    hooks::use_query_map,
};

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |k: &str| query.with(|q| q.get(k)).unwrap_or_default();
    let filter = move || AccountFilter {
        q: param("q"),
        role: param("role"),
        status: param("status"),
    };
    let accounts = Resource::new(filter, list_accounts);
    let any = move || t_string!(i18n, common.filter_any).to_string();
    view! {
        <RequireRole roles=access::ADMIN>
            <div class="page-head">
                <PageHeading text=t_string!(i18n, accounts.accounts_title).to_string() />
                <A href="/invitations" attr:class="button">{t!(i18n, accounts.accounts_invite_title)}</A>
            </div>
            <Suspense>
                {move || Suspend::new(async move {
                    let f = filter();
                    let list = accounts.await;
                    view! {
                        <Form method="GET" action="/admin/accounts" attr:class="filters" attr:role="search">
                            <div class="field">
                                <label for="q">{t!(i18n, accounts.accounts_search)}</label>
                                <input id="q" name="q" type="search" value=f.q.clone() />
                            </div>
                            <div class="field">
                                <label for="role">{t!(i18n, common.field_roles)}</label>
                                <select id="role" name="role">
                                    <option value="">{any()}</option>
                                    {Role::ALL.iter().copied().map(|r| view! {
                                        <option value=r.code() selected=r.code() == f.role>{crate::names::name(i18n, r)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="status">{t!(i18n, common.field_status)}</label>
                                <select id="status" name="status">
                                    <option value="">{any()}</option>
                                    <option value="active" selected=f.status == "active">{t!(i18n, accounts.account_active)}</option>
                                    <option value="inactive" selected=f.status == "inactive">{t!(i18n, accounts.account_inactive)}</option>
                                </select>
                            </div>
                            <button type="submit">{t!(i18n, common.filter_submit)}</button>
                        </Form>
                        {match list {
                            Ok(list) => view! {
                                <p role="status">{t!(i18n, accounts.accounts_count, n = list.len())}</p>
                                <div class="table-wrap">
                                <table>
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, common.col_name)}</th>
                                        <th scope="col">{t!(i18n, common.field_email)}</th>
                                        <th scope="col">{t!(i18n, common.field_roles)}</th>
                                        <th scope="col">{t!(i18n, common.field_status)}</th>
                                        <th scope="col">{t!(i18n, accounts.col_programmes)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|a| {
                                            let roles = a.roles.iter().map(|r| crate::names::name(i18n, *r)).collect::<Vec<_>>().join(", ");
                                            let programmes = names(i18n, &a.programmes);
                                            let status = if a.active { t_string!(i18n, accounts.account_active) } else { t_string!(i18n, accounts.account_inactive) };
                                            view! { <tr>
                                                <td><A href=format!("/admin/accounts/{}", a.id)>{a.display_name}</A></td>
                                                <td>{a.email}</td><td>{roles}</td><td>{status}</td><td>{programmes}</td>
                                            </tr> }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                </div>
                            }.into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }}
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
pub fn AccountAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let roles_action = ServerAction::<SetAccountRoles>::new();
    let active_action = ServerAction::<SetAccountActive>::new();
    let email_action = ServerAction::<SetAccountEmail>::new();
    let email_error = action_error(email_action);
    let roles_error = action_error(roles_action);
    let active_error = action_error(active_action);
    let account = Resource::new(
        move || {
            (
                id(),
                roles_action.version().get(),
                active_action.version().get(),
            )
        },
        |(id, ..)| get_account(id),
    );
    view! {
            <RequireRole roles=access::ADMIN>
                <p><A href="/admin/accounts">{t!(i18n, accounts.accounts_title)}</A></p>
                <Suspense>
                    {move || Suspend::new(async move {
                        match account.await {
                            Ok(d) => {
                                let a = d.account.clone();
                                let account_id = a.id;
                                let active = a.active;
                                let checkboxes = Role::ALL.iter().copied().map(|role| {
                                    let name = role.code();
                                    let box_id = format!("role-{name}");
                                    view! {
                                        <div class="checkbox">
                                            <input type="checkbox" id=box_id.clone() name=format!("form[{name}]") checked=a.roles.contains(&role) />
                                            <label for=box_id>{crate::names::name(i18n, role)}</label>
                                        </div>
                                    }
                                }).collect_view();
                                view! {
                                    <PageTitle text=t_string!(i18n, common.nav_accounts).to_string() />
    <h1>{a.display_name.clone()}</h1>
                                    <dl class="facts">
                                        <dt>{t!(i18n, common.field_email)}</dt><dd>{a.email.clone()}</dd>
                                        <dt>{t!(i18n, common.language_switch)}</dt><dd>{name(i18n, d.language)}</dd>
                                        <dt>{t!(i18n, common.field_status)}</dt>
                                        <dd>{if active { t_string!(i18n, accounts.account_active) } else { t_string!(i18n, accounts.account_inactive) }}</dd>
                                        {d.member.clone().map(|(household, name)| view! {
                                            <dt>{t!(i18n, accounts.account_member)}</dt>
                                            <dd><A href=format!("/households/{household}")>{name}</A></dd>
                                        })}
                                    </dl>
                                    <h2>{t!(i18n, accounts.account_email_title)}</h2>
                                    <ErrorSummary error=email_error form="email" />
                                    <ActionForm action=email_action attr:class="stack narrow">
                                        <input type="hidden" name="id" value=account_id />
                                        <TextField name="email" field="email" form="email"
                                            label=t_string!(i18n, common.field_email).to_string()
                                            hint=t_string!(i18n, accounts.account_email_hint).to_string()
                                            value=a.email.clone() error=email_error kind="email" autocomplete="off" />
                                        <button type="submit">{t!(i18n, accounts.account_email_save)}</button>
                                    </ActionForm>
                                    <h2>{t!(i18n, common.field_roles)}</h2>
                                    <ErrorSummary error=roles_error />
                                    <ActionForm action=roles_action attr:class="stack narrow">
                                        <input type="hidden" name="id" value=account_id />
                                        <fieldset id="f-roles" class="field">
                                            <legend>{t!(i18n, common.field_roles)}</legend>
                                            {checkboxes}
                                        </fieldset>
                                        <button type="submit">{t!(i18n, accounts.account_save_roles)}</button>
                                    </ActionForm>
                                    <h2>{if active { t!(i18n, accounts.account_deactivate_title).into_any() } else { t!(i18n, accounts.account_reactivate_title).into_any() }}</h2>
                                    <p>{if active { t!(i18n, accounts.account_deactivate_hint).into_any() } else { t!(i18n, accounts.account_reactivate_hint).into_any() }}</p>
                                    <ErrorSummary error=active_error />
                                    <ActionForm action=active_action attr:class="inline">
                                        <input type="hidden" name="id" value=account_id />
                                        <input type="hidden" name="active" value=if active { "false" } else { "true" } />
                                        <button type="submit" id="f-active" class=if active { "secondary" } else { "" }>
                                            {if active { t!(i18n, accounts.account_deactivate).into_any() } else { t!(i18n, accounts.account_reactivate).into_any() }}
                                        </button>
                                    </ActionForm>
                                }.into_any()
                            }
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })}
                </Suspense>
            </RequireRole>
        }
}
