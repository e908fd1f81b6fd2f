//! The delivery report page: a period and office to choose, then every table with its CSV
//! download and, where it helps, a bar chart drawn as SVG on the server. Prints on A4.

use crate::api::report::{delivery_report, ReportTable};
use crate::domain::encode_query_value;
use crate::domain::role::access;
use crate::i18n::*;
use crate::ui::footer::FunderNote;
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::islands::PrintButton;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

/// Horizontal bars, one per (label, value), scaled to the largest; the numbers are written
/// beside the bars and the table holds them too, so the chart is hidden from screen readers.
#[component]
fn BarChart(bars: Vec<(String, i64)>) -> impl IntoView {
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let row = 26;
    let height = (bars.len() as i32 * row + 4).max(30);
    let lines = bars
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let y = i as i32 * row + 2;
            let width = (value as f64 / max as f64 * 300.0).round();
            view! {
                <text x="0" y=y + 16 class="chart-label">{label}</text>
                <rect x="200" y=y + 3 width=format!("{width}") height="18" class="chart-bar" />
                <text x=format!("{}", 206.0 + width) y=y + 16 class="chart-value">{value}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 560 {height}") width="100%" aria-hidden="true"
            preserveAspectRatio="xMinYMin meet">
            {lines}
        </svg>
    }
}

#[component]
fn Table(t: ReportTable, csv: String) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("table-{}", t.id);
    let labelled_by = heading_id.clone();
    view! {
        <section class="report-table" aria-labelledby=labelled_by>
            <h2 id=heading_id>{t.title.clone()}</h2>
            {t.note.clone().map(|n| view! { <p class="hint">{n}</p> })}
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        {t.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {t.rows.iter().map(|row| view! {
                            <tr>
                                {row.iter().enumerate().map(|(i, cell)| if i == 0 {
                                    view! { <th scope="row">{cell.clone()}</th> }.into_any()
                                } else {
                                    view! { <td class="num">{cell.clone()}</td> }.into_any()
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(!t.chart.is_empty()).then(|| view! { <BarChart bars=t.chart.clone() /> })}
            <p class="no-print"><a href=csv download="">{t!(i18n, common.report_csv)}</a></p>
        </section>
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let args = move || {
        query.with(|q| {
            (
                q.get("from").unwrap_or_default(),
                q.get("to").unwrap_or_default(),
                q.get("office").unwrap_or_default(),
            )
        })
    };
    let report = Resource::new(args, |(from, to, office)| delivery_report(from, to, office));
    view! {
        <RequireRole roles=access::REPORTS>
            <PageHeading text=t_string!(i18n, common.report_title).to_string() />
            <p class="no-print">{t!(i18n, common.report_intro)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    let r = match report.await {
                        Ok(r) => r,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    let chosen = r.office.map(|o| o.to_string()).unwrap_or_default();
                    let base = format!(
                        "/reports.csv?from={}&to={}&office={}",
                        r.from,
                        r.to,
                        chosen
                    );
                    let (from, to) = (r.from.clone(), r.to.clone());
                    let period = t_string!(i18n, common.report_period, from = from.clone(), to = to.clone()).to_string();
                    let place = r
                        .office_name
                        .clone()
                        .unwrap_or_else(|| t_string!(i18n, common.report_all_offices).to_string());
                    view! {
                        <Form method="GET" action="/reports" attr:class="filters no-print">
                            <div class="field">
                                <label for="f-from">{t!(i18n, common.field_from_date)}</label>
                                <input id="f-from" name="from" type="date" value=from required=true />
                            </div>
                            <div class="field">
                                <label for="f-to">{t!(i18n, common.field_to_date)}</label>
                                <input id="f-to" name="to" type="date" value=to required=true />
                            </div>
                            <div class="field">
                                <label for="f-office">{t!(i18n, common.field_office)}</label>
                                <select id="f-office" name="office">
                                    <option value="" selected=chosen.is_empty()>{t!(i18n, common.report_all_offices)}</option>
                                    {r.offices.iter().map(|(id, name)| {
                                        let selected = id.to_string() == chosen;
                                        view! { <option value=id.to_string() selected=selected>{name.clone()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <button type="submit">{t!(i18n, common.report_show)}</button>
                        </Form>
                        <p class="report-scope"><strong>{period}</strong> " · " {place}</p>
                        <div class="no-print"><PrintButton label=t_string!(i18n, common.report_print).to_string() /></div>
                        {r.tables.into_iter().map(|t| {
                            let csv = format!("{base}&table={}", encode_query_value(&t.id));
                            view! { <Table t csv /> }
                        }).collect_view()}
                        <FunderNote />
                    }.into_any()
                })}
            </Suspense>
        </RequireRole>
    }
}
