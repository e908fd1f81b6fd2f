//! Every locale file must have exactly the keys of the default one (Estonian): a missing key
//! would silently show another language.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    fn keys(locale: &str) -> BTreeSet<String> {
        let path = format!("{}/locales/{locale}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let object = json.as_object().expect("a flat object of keys");
        for (key, value) in object {
            let text = value
                .as_str()
                .unwrap_or_else(|| panic!("{locale}.{key} is text"));
            assert!(!text.trim().is_empty(), "{locale}.{key} is empty");
        }
        object.keys().cloned().collect()
    }

    #[test]
    fn every_language_has_every_key() {
        let reference = keys("et");
        assert!(reference.len() > 100);
        for locale in ["en", "ru", "uk"] {
            let these = keys(locale);
            let missing: Vec<_> = reference.difference(&these).collect();
            let extra: Vec<_> = these.difference(&reference).collect();
            assert!(missing.is_empty(), "{locale} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{locale} has keys Estonian lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn placeholders_match_across_languages() {
        let placeholders = |locale: &str| -> Vec<(String, Vec<String>)> {
            let path = format!("{}/locales/{locale}.json", env!("CARGO_MANIFEST_DIR"));
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            json.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| {
                    let mut names: Vec<String> = v
                        .as_str()
                        .unwrap()
                        .split("{{")
                        .skip(1)
                        .filter_map(|s| s.split("}}").next())
                        .map(|s| s.trim().to_string())
                        .collect();
                    names.sort();
                    (k.clone(), names)
                })
                .collect()
        };
        let reference = placeholders("et");
        for locale in ["en", "ru", "uk"] {
            assert_eq!(placeholders(locale), reference, "{locale}");
        }
    }
}
