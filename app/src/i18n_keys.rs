//! Checks of the locale files (`locales/<locale>/<namespace>.json`), which are edited by hand:
//! every locale has exactly the keys of English, no file defines a key twice (the JSON reader
//! would silently keep the last), placeholders agree, and no English text is left untranslated.

#[cfg(test)]
mod tests {
    use serde::de::{Deserializer, MapAccess, Visitor};
    use std::collections::BTreeMap;

    include!("i18n_namespaces.rs");

    const LOCALES: [&str; 4] = ["en", "et", "ru", "uk"];

    /// Words that stay as they are in every language: names of products and units.
    const SAME_IN_EVERY_LANGUAGE: [&str; 9] = [
        "Tugi", "Google", "Outlook", "Signal", "SMS", "Telegram", "WhatsApp", "h", "min",
    ];

    /// A file's entries in the order written, duplicates kept.
    struct Entries(Vec<(String, String)>);

    impl<'de> serde::Deserialize<'de> for Entries {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Collect;
            impl<'de> Visitor<'de> for Collect {
                type Value = Entries;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an object of texts")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                    let mut entries = Vec::new();
                    while let Some(entry) = map.next_entry::<String, String>()? {
                        entries.push(entry);
                    }
                    Ok(Entries(entries))
                }
            }
            d.deserialize_map(Collect)
        }
    }

    fn entries(locale: &str, namespace: &str) -> Vec<(String, String)> {
        let path = format!(
            "{}/locales/{locale}/{namespace}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let Entries(entries) = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{path}: a flat object of texts: {e}"));
        entries
    }

    /// Every text of a locale, by `namespace.key`.
    fn texts(locale: &str) -> BTreeMap<String, String> {
        let mut all = BTreeMap::new();
        for namespace in NAMESPACES {
            for (key, text) in entries(locale, namespace) {
                assert!(
                    !text.trim().is_empty(),
                    "{locale}/{namespace}.{key} is empty"
                );
                let previous = all.insert(format!("{namespace}.{key}"), text);
                assert!(
                    previous.is_none(),
                    "{locale}/{namespace}.json defines {key} twice"
                );
            }
        }
        all
    }

    fn placeholders(text: &str) -> Vec<String> {
        let mut names: Vec<String> = text
            .split("{{")
            .skip(1)
            .filter_map(|s| s.split("}}").next())
            .map(|s| s.trim().to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_locale_folder_holds_exactly_the_namespaces() {
        for locale in LOCALES {
            let folder = format!("{}/locales/{locale}", env!("CARGO_MANIFEST_DIR"));
            let mut files: Vec<String> = std::fs::read_dir(&folder)
                .unwrap_or_else(|e| panic!("{folder}: {e}"))
                .filter_map(|entry| entry.ok())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect();
            files.sort();
            let mut expected: Vec<String> =
                NAMESPACES.iter().map(|n| format!("{n}.json")).collect();
            expected.sort();
            assert_eq!(files, expected, "{folder}");
        }
    }

    #[test]
    fn every_language_has_every_key_once() {
        let reference = texts("en");
        assert!(reference.len() > 1000);
        for locale in LOCALES {
            let these = texts(locale);
            let missing: Vec<_> = reference
                .keys()
                .filter(|k| !these.contains_key(*k))
                .collect();
            let extra: Vec<_> = these
                .keys()
                .filter(|k| !reference.contains_key(*k))
                .collect();
            assert!(missing.is_empty(), "{locale} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{locale} has keys English lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn a_duplicate_key_is_found() {
        let Entries(entries) =
            serde_json::from_str(r#"{"a": "one", "b": "two", "a": "three"}"#).expect("parses");
        assert_eq!(entries.len(), 3);
    }

    #[test]
    fn placeholders_match_across_languages() {
        let reference = texts("en");
        for locale in LOCALES {
            for (key, text) in texts(locale) {
                assert_eq!(
                    placeholders(&text),
                    placeholders(&reference[&key]),
                    "{locale}: {key}"
                );
            }
        }
    }

    /// A text identical to English is allowed only when, placeholders removed, every word in it
    /// is a name that is the same in every language.
    #[test]
    fn no_english_text_is_left_untranslated() {
        let english = texts("en");
        let mut untranslated = Vec::new();
        for locale in ["et", "ru", "uk"] {
            for (key, text) in texts(locale) {
                if text != english[&key] {
                    continue;
                }
                let without_placeholders: String = text
                    .split("{{")
                    .map(|part| part.split_once("}}").map_or(part, |(_, rest)| rest))
                    .collect();
                let foreign_word = without_placeholders
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                    .any(|w| !SAME_IN_EVERY_LANGUAGE.contains(&w));
                if foreign_word {
                    untranslated.push(format!("{locale}: {key} = {text}"));
                }
            }
        }
        assert!(
            untranslated.is_empty(),
            "left in English: {untranslated:#?}"
        );
    }
}
