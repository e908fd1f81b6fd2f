use crate::domain::role::access;
use crate::i18n::*;
use crate::ui::guard::user_resource;
use crate::ui::text::role_name;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let user = user_resource();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match user.await.ok().flatten() {
                    Some(u) => {
                        let roles = u.roles.iter().map(|r| role_name(i18n, r)).collect::<Vec<_>>().join(", ");
                        let households = u.roles.has_any(access::HOUSEHOLDS);
                        let admin = u.roles.has_any(access::ADMIN);
                        let support = u.roles.has_any(access::SUPPORT_PERSON);
                        let beneficiary = u.roles.has_any(access::BENEFICIARY);
                        view! {
                            <h1>{t!(i18n, home_welcome, name = u.display_name.clone())}</h1>
                            <p>{t!(i18n, home_your_roles)} " " {roles}</p>
                            <ul class="cards">
                                <Show when=move || households>
                                    <li><A href="/households">{t!(i18n, nav_households)}</A></li>
                                    <li><A href="/households/new">{t!(i18n, households_new)}</A></li>
                                    <li><A href="/assignments">{t!(i18n, nav_support_service)}</A></li>
                                    <li><A href="/support-persons">{t!(i18n, nav_support_persons)}</A></li>
                                </Show>
                                <Show when=move || support>
                                    <li><A href="/support">{t!(i18n, nav_my_households)}</A></li>
                                </Show>
                                <Show when=move || beneficiary>
                                    <li><A href="/my-support">{t!(i18n, nav_my_support)}</A></li>
                                </Show>
                                <Show when=move || admin>
                                    <li><A href="/admin/accounts">{t!(i18n, nav_accounts)}</A></li>
                                    <li><A href="/admin/offices">{t!(i18n, nav_offices)}</A></li>
                                </Show>
                                <li><A href="/account">{t!(i18n, nav_account)}</A></li>
                            </ul>
                        }.into_any()
                    }
                    None => view! {
                        <h1>{t!(i18n, home_title)}</h1>
                        <p>{t!(i18n, home_intro)}</p>
                        <p><A href="/login">{t!(i18n, nav_login)}</A></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
