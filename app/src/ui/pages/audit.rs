//! Admins' audit log: who read or changed what, and the security events, with filters (who,
//! what, household, days) and the same selection as CSV.

use crate::api::audit_admin::audit_entries;
use crate::domain::role::access;
use crate::domain::{encode_query_value, AuditFilter};
use crate::i18n::*;
use crate::names::name;
use crate::ui::form::{ErrorSummary, TextField};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |k: &str| query.with(|q| q.get(k)).unwrap_or_default();
    let filter = move || AuditFilter {
        who: param("who"),
        action: param("action"),
        household: param("household"),
        from: param("from"),
        until: param("until"),
    };
    let entries = Resource::new(filter, audit_entries);
    view! {
        <RequireRole roles=access::ADMIN>
            <PageHeading text=t_string!(i18n, admin.audit_log_title).to_string() />
            <p>{t!(i18n, admin.audit_log_intro)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    let f = filter();
                    let result = entries.await;
                    let error = Signal::stored(result.as_ref().err().cloned());
                    let csv = format!(
                        "/admin/audit.csv?who={}&action={}&household={}&from={}&until={}",
                        encode_query_value(&f.who),
                        encode_query_value(&f.action),
                        encode_query_value(&f.household),
                        encode_query_value(&f.from),
                        encode_query_value(&f.until),
                    );
                    view! {
                        <ErrorSummary error />
                        <Form method="GET" action="/admin/audit" attr:class="filters" attr:role="search">
                            <TextField name="who" field="who" label=t_string!(i18n, admin.audit_who).to_string() value=f.who.clone() error />
                            <TextField name="action" field="action" label=t_string!(i18n, admin.audit_action).to_string() value=f.action.clone() error
                                hint=t_string!(i18n, admin.audit_action_hint).to_string() />
                            <TextField name="household" field="household" label=t_string!(i18n, admin.audit_household).to_string() value=f.household.clone() error inputmode="numeric" />
                            <TextField name="from" field="from" label=t_string!(i18n, admin.audit_from).to_string() value=f.from.clone() error kind="date" />
                            <TextField name="until" field="until" label=t_string!(i18n, admin.audit_until).to_string() value=f.until.clone() error kind="date" />
                            <button type="submit">{t!(i18n, common.filter_submit)}</button>
                        </Form>
                        {match result {
                            Ok(rows) => view! {
                                <p role="status">{t!(i18n, admin.audit_count, n = rows.len())}</p>
                                <p><a href=csv download="tugi-audit.csv" rel="external">{t!(i18n, admin.audit_csv)}</a></p>
                                <div class="table-wrap">
                                <table>
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, common.col_when)}</th>
                                        <th scope="col">{t!(i18n, admin.audit_who)}</th>
                                        <th scope="col">{t!(i18n, admin.audit_action)}</th>
                                        <th scope="col">{t!(i18n, admin.audit_subject)}</th>
                                        <th scope="col">{t!(i18n, admin.audit_detail)}</th>
                                        <th scope="col">{t!(i18n, admin.audit_client)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|r| view! { <tr>
                                            <td>{r.at}</td><td>{r.actor}</td><td>{name(i18n, r.action)}<br /><code>{r.action.code()}</code></td>
                                            <td>{r.subject}</td><td>{r.detail}</td><td>{r.client}</td>
                                        </tr> }).collect_view()}
                                    </tbody>
                                </table>
                                </div>
                            }.into_any(),
                            Err(crate::error::AppError::Invalid(_)) => ().into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }}
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
