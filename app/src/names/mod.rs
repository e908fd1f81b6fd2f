//! The name of every value of a closed set in a reader's language, taken from the locale files
//! (`locales/<locale>/names.json`). Pages, messages, calendar feeds and exports all name things
//! through `Named`, so a value has one name everywhere and a new value cannot go unnamed (the
//! `match` in its impl would not compile).

mod dates;
mod people;
mod records;
mod returns;
mod services;
mod volunteers;
mod workshops;

pub use dates::{birth_date_in, date_in, month_short_in, weekday_name_in, weekday_short_in};
pub use services::not_started_in;
pub use volunteers::training_name_in;
pub use workshops::{about_in, activity_about_in, activity_name_in, eligibility_in};

use crate::domain::{Code, InterfaceLanguage};
use crate::i18n::Locale;

/// The reader's translations, as pages hold them.
pub type I18n = leptos_i18n::I18nContext<Locale>;

/// A value with a name in every interface language.
pub trait Named: Copy {
    fn name_in(self, locale: Locale) -> &'static str;
}

impl<N: Named> Named for &N {
    fn name_in(self, locale: Locale) -> &'static str {
        (*self).name_in(locale)
    }
}

/// The name of `value` in the reader's current language.
pub fn name<N: Named>(i18n: I18n, value: N) -> String {
    value.name_in(i18n.get_locale()).to_string()
}

/// The names of several values, joined by commas: "Job mentor, Language partner".
pub fn names<N: Named>(i18n: I18n, values: impl IntoIterator<Item = N>) -> String {
    values
        .into_iter()
        .map(|value| value.name_in(i18n.get_locale()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every value of a set as (code, name) pairs, for a form's choices.
pub fn options<N: Named + Code>(i18n: I18n) -> Vec<(String, String)> {
    N::all()
        .iter()
        .map(|value| (value.code().to_string(), name(i18n, *value)))
        .collect()
}

/// The interface locale of a language.
pub fn locale(language: InterfaceLanguage) -> Locale {
    match language {
        InterfaceLanguage::Et => Locale::et,
        InterfaceLanguage::En => Locale::en,
        InterfaceLanguage::Ru => Locale::ru,
        InterfaceLanguage::Uk => Locale::uk,
    }
}

/// The interface locale of a language code, if Tugi offers it.
pub fn interface_locale(code: &str) -> Option<Locale> {
    InterfaceLanguage::parse(code).map(locale)
}

/// Implements `Named` by naming each variant's key in `names.json`.
macro_rules! named {
    ($type:ty { $($variant:path => $key:ident),+ $(,)? }) => {
        impl $crate::names::Named for $type {
            fn name_in(self, locale: $crate::i18n::Locale) -> &'static str {
                match self {
                    $($variant => leptos_i18n::td_string!(locale, names.$key)),+
                }
            }
        }
    };
}
pub(crate) use named;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Programme, Role};

    #[test]
    fn a_value_is_named_in_each_language() {
        assert_eq!(Role::Volunteer.name_in(Locale::et), "Vabatahtlik");
        assert_eq!(Role::Volunteer.name_in(Locale::uk), "Волонтер");
        assert_eq!(Programme::JobMentor.name_in(Locale::en), "Job mentor");
    }

    #[test]
    fn stored_languages_find_their_locale() {
        assert_eq!(interface_locale("uk"), Some(Locale::uk));
        assert_eq!(interface_locale("de"), None);
    }
}
