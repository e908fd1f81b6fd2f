//! Admins' list of messages that failed for good, each with its reason and "send again".

use crate::api::outbox_admin::{failed_messages, RetryMessage};
use crate::domain::role::access;
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let retry = ServerAction::<RetryMessage>::new();
    let error = action_error(retry);
    let list = Resource::new(move || retry.version().get(), |_| failed_messages());
    view! {
        <RequireRole roles=access::ADMIN>
            <PageHeading text=t_string!(i18n, admin.outbox_title).to_string() />
            <p>{t!(i18n, admin.outbox_intro)}</p>
            <ErrorSummary error />
            <Suspense>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) if rows.is_empty() => view! { <p>{t!(i18n, admin.outbox_none)}</p> }.into_any(),
                        Ok(rows) => view! {
                            <div class="table-wrap">
                            <table>
                                <thead><tr>
                                    <th scope="col">{t!(i18n, common.col_when)}</th>
                                    <th scope="col">{t!(i18n, admin.outbox_recipient)}</th>
                                    <th scope="col">{t!(i18n, admin.outbox_subject)}</th>
                                    <th scope="col">{t!(i18n, admin.outbox_error)}</th>
                                    <th scope="col">{t!(i18n, common.invite_actions)}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|m| view! { <tr>
                                        <td>{m.failed_at}</td><td>{m.recipient.clone()}</td><td>{m.subject}</td><td>{m.error}</td>
                                        <td>
                                            <ActionForm action=retry attr:class="inline">
                                                <input type="hidden" name="id" value=m.id />
                                                <button type="submit" class="secondary">{t!(i18n, admin.outbox_retry)} " " {m.recipient}</button>
                                            </ActionForm>
                                        </td>
                                    </tr> }).collect_view()}
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
