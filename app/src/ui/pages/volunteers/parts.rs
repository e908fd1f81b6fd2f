//! Pieces the volunteer pages share.

use crate::api::matches::NeedView;
use crate::i18n::*;
use crate::names::{name, names};
use crate::ui::text::languages_text;
use leptos::prelude::*;

pub use crate::ui::form::Tick;

/// What a match needs to know of the person: first name, languages, city, the need and the
/// preferences. Nothing else of the household is shown to a volunteer.
#[component]
pub fn NeedFacts(need: NeedView) -> impl IntoView {
    let i18n = use_i18n();
    let times = names(i18n, &need.times);
    view! {
        <dl class="facts">
            <dt>{t!(i18n, common.field_programme)}</dt><dd>{name(i18n, need.programme)}</dd>
            <dt>{t!(i18n, common.field_first_name)}</dt><dd>{need.first_name.clone()}</dd>
            <dt>{t!(i18n, common.field_languages)}</dt><dd>{languages_text(i18n, &need.languages)}</dd>
            <dt>{t!(i18n, common.field_city)}</dt><dd>{need.city.clone()}</dd>
            <dt>{t!(i18n, common.field_meeting)}</dt><dd>{name(i18n, need.meeting)}</dd>
            {need.language.map(|l| view! { <dt>{t!(i18n, common.field_language_pref)}</dt><dd>{name(i18n, l)}</dd> })}
            {need.gender.map(|g| view! { <dt>{t!(i18n, volunteers.field_gender_pref)}</dt><dd>{name(i18n, g)}</dd> })}
            {need.field_of_work.clone().map(|f| view! { <dt>{t!(i18n, common.field_field_of_work)}</dt><dd>{f}</dd> })}
            {need.practice_language.map(|l| view! { <dt>{t!(i18n, common.field_practice_language)}</dt><dd>{name(i18n, l)}</dd> })}
            {(!times.is_empty()).then(|| view! { <dt>{t!(i18n, volunteers.field_times)}</dt><dd>{times}</dd> })}
            {need.notes.clone().map(|n| view! { <dt>{t!(i18n, volunteers.the_need)}</dt><dd>{n}</dd> })}
        </dl>
    }
}
