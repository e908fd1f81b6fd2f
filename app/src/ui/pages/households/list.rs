use crate::api::households::search_households;
use crate::domain::encode_query_value;
use crate::domain::role::access;
use crate::domain::{HouseholdStatus, Language};
use crate::i18n::*;
use crate::names::name;
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pager::Pager;
use crate::ui::pages::ErrorView;
use crate::ui::text::written_date;
use leptos::prelude::*;
use leptos_router::{
    components::{Form, A},
    hooks::use_query_map,
};

#[component]
pub fn HouseholdListPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |k: &str| query.with(|q| q.get(k)).unwrap_or_default();
    let list = Resource::new(
        move || {
            (
                param("q"),
                param("city"),
                param("language"),
                param("status"),
                param("page").parse::<i64>().ok(),
            )
        },
        |(q, city, language, status, page)| search_households(q, city, language, status, page),
    );
    let any = move || t_string!(i18n, common.filter_any).to_string();
    view! {
        <RequireRole roles=access::HOUSEHOLDS>
            <div class="page-head">
                <PageHeading text=t_string!(i18n, households.households_title).to_string() />
                <A href="/households/new" attr:class="button">{t!(i18n, common.households_new)}</A>
            </div>
            <Suspense>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(data) => {
                            let (q, city, language, status) = (param("q"), param("city"), param("language"), param("status"));
                            let csv = format!(
                                "/households.csv?q={}&city={}&language={}&status={}",
                                encode_query_value(&q), encode_query_value(&city),
                                encode_query_value(&language), encode_query_value(&status)
                            );
                            view! {
                                <Form method="GET" action="/households" attr:class="filters" attr:role="search">
                                    <div class="field">
                                        <label for="q">{t!(i18n, households.search_label)}</label>
                                        <input id="q" name="q" type="search" value=q />
                                    </div>
                                    <div class="field">
                                        <label for="city">{t!(i18n, common.field_city)}</label>
                                        <select id="city" name="city">
                                            <option value="">{any()}</option>
                                            {data.cities.iter().map(|c| view! { <option value=c.clone() selected=*c == city>{c.clone()}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="language">{t!(i18n, households.filter_language)}</label>
                                        <select id="language" name="language">
                                            <option value="">{any()}</option>
                                            {Language::ALL.iter().map(|l| view! { <option value=l.code() selected=l.code() == language>{name(i18n, l)}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="status">{t!(i18n, common.field_status)}</label>
                                        <select id="status" name="status">
                                            <option value="">{any()}</option>
                                            {HouseholdStatus::ALL.iter().map(|s| view! { <option value=s.code() selected=s.code() == status>{name(i18n, s)}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <button type="submit">{t!(i18n, common.filter_submit)}</button>
                                </Form>
                                <p role="status">{t!(i18n, households.households_count, n = data.total)}</p>
                                <p><a href=csv download="">{t!(i18n, common.report_csv)}</a></p>
                                <div class="table-wrap">
                                <table>
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, common.col_name)}</th>
                                        <th scope="col">{t!(i18n, common.field_city)}</th>
                                        <th scope="col">{t!(i18n, households.field_arrival_date)}</th>
                                        <th scope="col">{t!(i18n, households.col_members)}</th>
                                        <th scope="col">{t!(i18n, common.field_status)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {data.rows.into_iter().map(|h| view! {
                                            <tr>
                                                <td><A href=format!("/households/{}", h.id)>{if h.name.is_empty() { t_string!(i18n, households.erased_household).to_string() } else { h.name }}</A></td>
                                                <td>{h.city}</td>
                                                <td>{written_date(i18n, &h.arrival_date)}</td>
                                                <td>{h.member_count}</td>
                                                <td>{name(i18n, h.status)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                </div>
                                <Pager page=data.page pages=data.pages param="page" />
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
