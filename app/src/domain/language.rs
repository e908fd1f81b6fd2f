//! Languages people speak in the programme, and how well.

use super::{parse_choice, ErrorCode, Validator};
use serde::{Deserialize, Serialize};

string_enum!(
    /// Languages Tugi knows by name. Codes are ISO 639 (Dari is `prs`).
    Language {
        Et => "et",
        En => "en",
        Ru => "ru",
        Uk => "uk",
        Ar => "ar",
        Prs => "prs",
        Fa => "fa",
        Ps => "ps",
        Ti => "ti",
        So => "so",
        Tr => "tr",
        Fr => "fr",
        De => "de",
    }
);

string_enum!(
    /// The languages of Tugi's interface, its messages and its feeds, in the order names are
    /// stored and shown. Adding one: see `app/locales/README.md`.
    InterfaceLanguage { Et => "et", En => "en", Ru => "ru", Uk => "uk" }
);

impl InterfaceLanguage {
    /// The language's name in itself, for the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            InterfaceLanguage::Et => "Eesti",
            InterfaceLanguage::En => "English",
            InterfaceLanguage::Ru => "Русский",
            InterfaceLanguage::Uk => "Українська",
        }
    }
}

string_enum!(
    /// CEFR levels, plus first language; ordered from weakest to strongest.
    Level {
        A1 => "A1",
        A2 => "A2",
        B1 => "B1",
        B2 => "B2",
        C1 => "C1",
        C2 => "C2",
        Native => "native",
    }
);

/// A language someone speaks, and how well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proficiency {
    pub language: Language,
    pub level: Level,
}

impl Proficiency {
    /// Good enough to hold a conversation about paperwork (B1 or better).
    pub fn is_working_level(&self) -> bool {
        self.level >= Level::B1
    }

    /// The (language, level) codes of row `n` of a form that lists these languages; empty
    /// when there are fewer.
    pub fn form_row(languages: &[Proficiency], n: usize) -> (String, String) {
        languages.get(n).map_or_else(Default::default, |p| {
            (p.language.code().to_string(), p.level.code().to_string())
        })
    }
}

/// Parses up to three (language, level) rows of a form, named `language_N` / `level_N`.
/// Empty rows are skipped; at least one language is required.
pub fn parse_language_rows(v: &mut Validator, rows: [(&String, &String); 3]) -> Vec<Proficiency> {
    let mut languages: Vec<Proficiency> = Vec::new();
    for (i, (language, level)) in rows.iter().enumerate() {
        let n = i + 1;
        if language.trim().is_empty() && level.trim().is_empty() {
            continue;
        }
        let lang = v.check(
            &format!("language_{n}"),
            parse_choice(language, Language::parse),
        );
        let lvl = v.check(&format!("level_{n}"), parse_choice(level, Level::parse));
        if let (Some(language), Some(level)) = (lang, lvl) {
            if languages.iter().any(|p| p.language == language) {
                v.add(&format!("language_{n}"), ErrorCode::DuplicateLanguage);
            } else {
                languages.push(Proficiency { language, level });
            }
        }
    }
    if languages.is_empty() && rows[0].0.trim().is_empty() {
        v.add("language_1", ErrorCode::Required);
    }
    languages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for &l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Some(l));
        }
        for &l in Level::ALL {
            assert_eq!(Level::parse(l.code()), Some(l));
        }
        assert_eq!(Level::parse("D1"), None);
        assert_eq!(Language::parse("xx"), None);
    }

    #[test]
    fn levels_are_ordered() {
        assert!(Level::A1 < Level::B2 && Level::C2 < Level::Native);
    }
}
