//! Future events of deactivated accounts, for coordinators to give to someone else or cancel.

use crate::api::admin::needs_new_owner;
use crate::domain::role::access;
use crate::domain::schedule::AgendaKind;
use crate::i18n::*;
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NeedsOwnerPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| needs_new_owner());
    view! {
        <RequireRole roles=access::NEEDS_OWNER>
            <PageHeading text=t_string!(i18n, home.needs_owner_title).to_string() />
            <p>{t!(i18n, home.needs_owner_intro)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) if rows.is_empty() => view! { <p>{t!(i18n, home.needs_owner_none)}</p> }.into_any(),
                        Ok(rows) => view! {
                            <div class="table-wrap">
                            <table>
                                <thead><tr>
                                    <th scope="col">{t!(i18n, common.col_when)}</th>
                                    <th scope="col">{t!(i18n, home.needs_owner_kind)}</th>
                                    <th scope="col">{t!(i18n, home.needs_owner_person)}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| {
                                        let kind = match r.kind {
                                            AgendaKind::Meeting => t_string!(i18n, home.needs_owner_meeting),
                                            AgendaKind::Consultation => t_string!(i18n, common.office_upcoming_consultation),
                                            AgendaKind::Session => t_string!(i18n, common.office_upcoming_session),
                                            AgendaKind::CheckIn | AgendaKind::Handover => t_string!(i18n, home.needs_owner_other),
                                        };
                                        view! { <tr>
                                            <td><A href=r.link>{r.when}</A></td><td>{kind}</td><td>{r.person}</td>
                                        </tr> }
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
