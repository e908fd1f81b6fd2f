use crate::api::admin::{list_accounts, CreateInvite, InviteForm};
use crate::api::drafts::{decode_draft, take_draft};
use crate::domain::role::access;
use crate::domain::Role;
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary, TextField};
use crate::ui::guard::RequireRole;
use crate::ui::pages::ErrorView;
use crate::ui::text::{programme_name, role_name};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateInvite>::new();
    let error = action_error(action);
    let accounts = Resource::new(move || action.version().get(), |_| list_accounts());
    let draft = Resource::new(|| (), |_| take_draft("create_invite".into()));
    // The link, from the action (JavaScript) or from the redirect (no JavaScript).
    let invited = move || {
        action.value().get().and_then(|r| r.ok()).or_else(|| {
            use_query_map()
                .with(|q| q.get("invited"))
                .map(|t| format!("/invite/{t}"))
        })
    };
    view! {
        <RequireRole roles=access::ADMIN>
            <h1>{t!(i18n, accounts_title)}</h1>
            {move || invited().map(|link| view! {
                <div class="notice" role="status">
                    <p>{t!(i18n, invite_link_created)}</p>
                    <p><code class="invite-link">{link}</code></p>
                </div>
            })}
            <h2>{t!(i18n, accounts_invite_title)}</h2>
            <ErrorSummary error />
            <Suspense>
                {move || Suspend::new(async move {
                    let form: InviteForm = decode_draft(draft.await.ok().flatten(), InviteForm::default());
                    let checkboxes = Role::ALL.into_iter().map(|role| {
                        let name = role.as_str();
                        let id = format!("role-{name}");
                        view! {
                            <div class="checkbox">
                                <input type="checkbox" id=id.clone() name=format!("form[{name}]") checked=form.ticked(role) />
                                <label for=id>{role_name(i18n, role)}</label>
                            </div>
                        }
                    }).collect_view();
                    view! {
                        <ActionForm action=action attr:class="stack narrow">
                            <TextField name="form[display_name]" field="display_name"
                                label=t_string!(i18n, field_display_name).to_string()
                                value=form.display_name.clone() error autocomplete="off" />
                            <TextField name="form[email]" field="email"
                                label=t_string!(i18n, field_email).to_string()
                                value=form.email.clone() error kind="email" autocomplete="off" />
                            <fieldset id="f-roles" class="field">
                                <legend>{t!(i18n, field_roles)}</legend>
                                {move || error.get().and_then(|e| e.field_errors().and_then(|f| f.get("roles"))).map(|code| view! {
                                    <p class="error-message">{crate::ui::text::field_error(i18n, code)}</p>
                                })}
                                {checkboxes}
                            </fieldset>
                            <button type="submit">{t!(i18n, invite_create_submit)}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
            <h2>{t!(i18n, accounts_list_title)}</h2>
            <Suspense>
                {move || Suspend::new(async move {
                    match accounts.await {
                        Ok(list) => view! {
                            <div class="table-wrap">
                            <table>
                                <thead><tr>
                                    <th scope="col">{t!(i18n, col_name)}</th>
                                    <th scope="col">{t!(i18n, field_email)}</th>
                                    <th scope="col">{t!(i18n, field_roles)}</th>
                                    <th scope="col">{t!(i18n, col_programmes)}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|a| {
                                        let roles = a.roles.iter().map(|r| role_name(i18n, *r)).collect::<Vec<_>>().join(", ");
                                        let programmes = a.programmes.iter().map(|p| programme_name(i18n, p)).collect::<Vec<_>>().join(", ");
                                        view! { <tr><td>{a.display_name}</td><td>{a.email}</td><td>{roles}</td><td>{programmes}</td></tr> }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
