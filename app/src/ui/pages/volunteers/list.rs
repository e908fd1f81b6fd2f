//! Coordinators' (and admins') list of volunteers, and the kinds of training; an admin adds
//! a kind of training.

use crate::api::volunteers::{list_volunteers, AddTrainingKind};
use crate::domain::role::access;
use crate::i18n::*;
use crate::names::{name, names};
use crate::ui::form::{action_error, ErrorSummary, TextField};
use crate::ui::guard::RequireRole;
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use crate::ui::text::languages_text;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn VolunteersPage() -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddTrainingKind>::new();
    let list = Resource::new(move || add.version().get(), |_| list_volunteers());
    let error = action_error(add);
    view! {
        <RequireRole roles=access::VOLUNTEERS>
            <PageHeading text=t_string!(i18n, volunteers.volunteers_title).to_string() />
            <p><a href="/volunteers.csv" download="">{t!(i18n, common.report_csv)}</a></p>
            <Suspense>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(l) => view! {
                            <div class="table-wrap">
                            <table>
                                <thead><tr>
                                    <th scope="col">{t!(i18n, common.col_name)}</th>
                                    <th scope="col">{t!(i18n, common.field_status)}</th>
                                    <th scope="col">{t!(i18n, volunteers.field_programmes)}</th>
                                    <th scope="col">{t!(i18n, common.field_languages)}</th>
                                    <th scope="col">{t!(i18n, volunteers.field_city_or_online)}</th>
                                    <th scope="col">{t!(i18n, common.field_matches)}</th>
                                </tr></thead>
                                <tbody>
                                    {l.volunteers.into_iter().map(|v| {
                                        let place = match (v.city.is_empty(), v.online) {
                                            (false, true) => format!("{} / {}", v.city, t_string!(i18n, names.meeting_online)),
                                            (true, true) => t_string!(i18n, names.meeting_online).to_string(),
                                            _ => v.city.clone(),
                                        };
                                        view! {
                                            <tr>
                                                <td><A href=format!("/volunteers/{}", v.id)>{v.name}</A></td>
                                                <td>{name(i18n, v.status)}</td>
                                                <td>{names(i18n, &v.programmes)}</td>
                                                <td>{languages_text(i18n, &v.languages)}</td>
                                                <td>{place}</td>
                                                <td>{format!("{} / {}", v.busy, v.capacity)}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                            <h2 id="trainings">{t!(i18n, volunteers.trainings_title)}</h2>
                            <ul>
                                {l.training_kinds.into_iter().map(|k| view! {
                                    <li>{crate::names::training_name_in(i18n.get_locale(), &k.code, &k.name)}</li>
                                }).collect_view()}
                            </ul>
                            {l.can_define_trainings.then(|| view! {
                                <ErrorSummary error />
                                <ActionForm action=add attr:class="stack">
                                    <TextField name="name" field="name" label=t_string!(i18n, volunteers.field_training_name).to_string()
                                        value=String::new() error />
                                    <button type="submit">{t!(i18n, volunteers.define_training)}</button>
                                </ActionForm>
                            })}
                        }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}
