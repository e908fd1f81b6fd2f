//! An activity type an admin adds: its names and descriptions in the four interface languages
//! (English required; the others fall back to it), its category, and whether a household may
//! sign up together.

use crate::domain::{parse_choice, parse_optional_text, parse_required_text, ticked, ErrorCode};
use crate::domain::{FieldErrors, InterfaceLanguage, Validator};
use serde::{Deserialize, Serialize};

string_enum!(Category { LifeSkills => "life_skills", MentalHealth => "mental_health" });

string_enum!(
    /// The activity types every installation starts with; their names and descriptions are in
    /// the locale files. An admin's own types carry their names in four languages.
    BuiltinActivity {
        WorkReadiness => "work_readiness",
        Parenting => "parenting",
        DigitalLiteracy => "digital_literacy",
        HouseholdBudgeting => "household_budgeting",
        ArtTherapy => "art_therapy",
        WomensGroup => "womens_group",
        MensGroup => "mens_group",
    }
);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityTypeForm {
    pub category: String,
    pub family: String,
    pub name_et: String,
    pub name_en: String,
    pub name_ru: String,
    pub name_uk: String,
    pub description_et: String,
    pub description_en: String,
    pub description_ru: String,
    pub description_uk: String,
}

/// Text in each interface language (et, en, ru, uk).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localised(pub [String; 4]);

impl Localised {
    /// The text for an interface language, English for any other.
    pub fn get(&self, language: &str) -> &str {
        let i = InterfaceLanguage::ALL
            .iter()
            .position(|l| l.code() == language)
            .unwrap_or(1);
        &self.0[i]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewActivityType {
    /// A stable code made from the English name.
    pub code: String,
    pub category: Category,
    pub family: bool,
    pub names: Localised,
    pub descriptions: Localised,
}

/// A code of lowercase letters, digits and underscores from a name (`Cooking club` →
/// `cooking_club`); `None` when nothing usable is left.
pub fn code_from(name: &str) -> Option<String> {
    let mut code = String::new();
    for c in name.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            code.push(c);
        } else if !code.ends_with('_') && !code.is_empty() {
            code.push('_');
        }
    }
    let code: String = code.trim_end_matches('_').chars().take(40).collect();
    (code.len() >= 3).then_some(code)
}

impl ActivityTypeForm {
    pub fn parse(&self, existing: &[String]) -> Result<NewActivityType, FieldErrors> {
        let mut v = Validator::new();
        let category = v.check("category", parse_choice(&self.category, Category::parse));
        let code = v.check(
            "name_en",
            parse_required_text(&self.name_en, 60).and_then(|name| {
                let code = code_from(&name).ok_or(ErrorCode::InvalidChoice)?;
                if existing.contains(&code) {
                    return Err(ErrorCode::AlreadyExists);
                }
                Ok((code, name))
            }),
        );
        let others = [
            ("name_et", &self.name_et),
            ("name_ru", &self.name_ru),
            ("name_uk", &self.name_uk),
        ]
        .map(|(field, value)| v.check(field, parse_optional_text(value, 60)).flatten());
        let descriptions = [
            ("description_et", &self.description_et),
            ("description_en", &self.description_en),
            ("description_ru", &self.description_ru),
            ("description_uk", &self.description_uk),
        ]
        .map(|(field, value)| {
            v.check(field, parse_optional_text(value, 600))
                .flatten()
                .unwrap_or_default()
        });
        let d_en = descriptions[1].clone();
        let descriptions = descriptions.map(|d| if d.is_empty() { d_en.clone() } else { d });
        v.finish(|| {
            let (code, en) = code?;
            let [et, ru, uk] = others.map(|o| o.unwrap_or_else(|| en.clone()));
            Some(NewActivityType {
                code,
                category: category?,
                family: ticked(&self.family),
                names: Localised([et, en, ru, uk]),
                descriptions: Localised(descriptions),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ActivityTypeForm {
        ActivityTypeForm {
            category: "life_skills".into(),
            name_en: "Cooking club".into(),
            name_et: "Kokandusklubi".into(),
            description_en: "Cooking together".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_type_gets_a_code_and_falls_back_to_english() {
        let t = form().parse(&[]).unwrap();
        assert_eq!(t.code, "cooking_club");
        assert_eq!(t.names.get("et"), "Kokandusklubi");
        assert_eq!(t.names.get("ru"), "Cooking club");
        assert_eq!(t.descriptions.get("uk"), "Cooking together");
        assert!(!t.family);
    }

    #[test]
    fn a_type_needs_a_category_and_a_new_english_name() {
        let mut f = form();
        f.category = "sports".into();
        assert_eq!(
            f.parse(&[]).unwrap_err().get("category"),
            Some(ErrorCode::InvalidChoice)
        );
        assert_eq!(
            form()
                .parse(&["cooking_club".into()])
                .unwrap_err()
                .get("name_en"),
            Some(ErrorCode::AlreadyExists)
        );
        let mut f = form();
        f.name_en = "  ".into();
        assert_eq!(
            f.parse(&[]).unwrap_err().get("name_en"),
            Some(ErrorCode::Required)
        );
        f.name_en = "!!".into();
        assert_eq!(
            f.parse(&[]).unwrap_err().get("name_en"),
            Some(ErrorCode::InvalidChoice)
        );
    }

    #[test]
    fn codes_are_lowercase_ascii() {
        assert_eq!(
            code_from(" Job  café: CV & Interview ").as_deref(),
            Some("job_caf_cv_interview")
        );
        assert_eq!(code_from("ab"), None);
    }
}
