//! The field groups shared by the household forms.

use crate::domain::{Channel, Gender, HouseholdForm, HouseholdStatus, Language, Level, MemberForm};
use crate::i18n::*;
use crate::names::options;
use crate::ui::form::{FormError, SelectField, TextField};
use crate::ui::text::I18n;
use leptos::prelude::*;

fn choose(i18n: I18n) -> Option<String> {
    Some(t_string!(i18n, common.choose).to_string())
}

fn date_hint(i18n: I18n) -> Option<String> {
    Some(t_string!(i18n, common.date_hint).to_string())
}

/// Household fields; names are `{prefix}[field]`.
#[component]
pub fn HouseholdFields(form: HouseholdForm, error: FormError, show_status: bool) -> impl IntoView {
    let i18n = use_i18n();
    let channels = options::<Channel>(i18n);
    let statuses = options::<HouseholdStatus>(i18n);
    view! {
        <TextField name="household[city]" field="city" label=t_string!(i18n, common.field_city).to_string()
            value=form.city error autocomplete="address-level2" />
        <TextField name="household[arrival_date]" field="arrival_date" label=t_string!(i18n, households.field_arrival_date).to_string()
            hint=date_hint(i18n).unwrap_or_default() value=form.arrival_date error inputmode="numeric" />
        <TextField name="household[phone]" field="phone" label=t_string!(i18n, common.field_phone).to_string()
            value=form.phone error kind="tel" autocomplete="tel" />
        <TextField name="household[email]" field="email" label=t_string!(i18n, households.field_email_optional).to_string()
            value=form.email error kind="email" autocomplete="email" />
        <SelectField name="household[channel]" field="channel" label=t_string!(i18n, common.field_channel).to_string()
            value=form.channel options=channels error placeholder=choose(i18n).unwrap_or_default() />
        <TextField name="household[needs]" field="needs" label=t_string!(i18n, common.field_needs).to_string()
            value=form.needs error multiline=true />
        <TextField name="household[notes]" field="notes" label=t_string!(i18n, common.field_notes).to_string()
            value=form.notes error multiline=true />
        {show_status.then(|| view! {
            <SelectField name="household[status]" field="status" label=t_string!(i18n, common.field_status).to_string()
                value=form.status.clone() options=statuses error />
        })}
    }
}

/// One member's fields, with three rows for spoken languages; names are `member[field]`.
#[component]
pub fn MemberFields(form: MemberForm, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    let genders: Vec<(String, String)> = options::<Gender>(i18n);
    view! {
        <TextField name="member[first_name]" field="first_name" label=t_string!(i18n, common.field_first_name).to_string()
            value=form.first_name error autocomplete="off" />
        <TextField name="member[last_name]" field="last_name" label=t_string!(i18n, common.field_last_name).to_string()
            value=form.last_name error autocomplete="off" />
        <TextField name="member[date_of_birth]" field="date_of_birth" label=t_string!(i18n, common.field_date_of_birth).to_string()
            hint=date_hint(i18n).unwrap_or_default() value=form.date_of_birth error inputmode="numeric" />
        <SelectField name="member[gender]" field="gender" label=t_string!(i18n, common.field_gender).to_string()
            value=form.gender options=genders error placeholder=choose(i18n).unwrap_or_default() />
        <LanguageRows
            names=MEMBER_LANGUAGE_FIELDS
            values=[
                (form.language_1, form.level_1),
                (form.language_2, form.level_2),
                (form.language_3, form.level_3),
            ]
            error
        />
    }
}

/// Form names of the three (language, level) rows of a member.
pub const MEMBER_LANGUAGE_FIELDS: [(&str, &str); 3] = [
    ("member[language_1]", "member[level_1]"),
    ("member[language_2]", "member[level_2]"),
    ("member[language_3]", "member[level_3]"),
];

/// Three rows of spoken language and level; errors arrive as `language_N` / `level_N`.
#[component]
pub fn LanguageRows(
    /// (language field name, level field name) of each row.
    names: [(&'static str, &'static str); 3],
    /// (language code, level code) of each row.
    values: [(String, String); 3],
    error: FormError,
) -> impl IntoView {
    let i18n = use_i18n();
    const FIELDS: [(&str, &str); 3] = [
        ("language_1", "level_1"),
        ("language_2", "level_2"),
        ("language_3", "level_3"),
    ];
    let languages: Vec<(String, String)> = options::<Language>(i18n);
    let levels: Vec<(String, String)> = options::<Level>(i18n);
    let rows = names.into_iter().zip(values).zip(FIELDS).enumerate();
    view! {
        <fieldset class="languages">
            <legend>{t!(i18n, common.field_languages)}</legend>
            {rows.map(|(i, (((lname, vname), (lang, level)), (lfield, vfield)))| {
                let n = i + 1;
                view! {
                    <div class="language-row">
                        <SelectField name=lname field=lfield label=t_string!(i18n, households.field_language_n, n = n).to_string()
                            value=lang options=languages.clone() error placeholder=choose(i18n).unwrap_or_default() />
                        <SelectField name=vname field=vfield label=t_string!(i18n, households.field_level_n, n = n).to_string()
                            value=level options=levels.clone() error placeholder=choose(i18n).unwrap_or_default() />
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
