//! Languages people speak in the programme, and how well.

use serde::{Deserialize, Serialize};

/// Languages Tugi knows by name. Codes are ISO 639 (Dari is `prs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Language {
    Et,
    En,
    Ru,
    Uk,
    Ar,
    Prs,
    Fa,
    Ps,
    Ti,
    So,
    Tr,
    Fr,
    De,
}

impl Language {
    pub const ALL: [Language; 13] = [
        Language::Et,
        Language::En,
        Language::Ru,
        Language::Uk,
        Language::Ar,
        Language::Prs,
        Language::Fa,
        Language::Ps,
        Language::Ti,
        Language::So,
        Language::Tr,
        Language::Fr,
        Language::De,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Language::Et => "et",
            Language::En => "en",
            Language::Ru => "ru",
            Language::Uk => "uk",
            Language::Ar => "ar",
            Language::Prs => "prs",
            Language::Fa => "fa",
            Language::Ps => "ps",
            Language::Ti => "ti",
            Language::So => "so",
            Language::Tr => "tr",
            Language::Fr => "fr",
            Language::De => "de",
        }
    }

    pub fn parse(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// CEFR levels, plus first language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    A1,
    A2,
    B1,
    B2,
    C1,
    C2,
    Native,
}

impl Level {
    pub const ALL: [Level; 7] = [
        Level::A1,
        Level::A2,
        Level::B1,
        Level::B2,
        Level::C1,
        Level::C2,
        Level::Native,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Level::A1 => "A1",
            Level::A2 => "A2",
            Level::B1 => "B1",
            Level::B2 => "B2",
            Level::C1 => "C1",
            Level::C2 => "C2",
            Level::Native => "native",
        }
    }

    pub fn parse(code: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Some(l));
        }
        for l in Level::ALL {
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
