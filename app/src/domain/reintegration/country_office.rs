//! A country office abroad, as the directory holds it and the returnee is given it.

use crate::domain::{parse_required_text, Email, FieldErrors, Validator};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CountryOfficeForm {
    pub country: String,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// The languages spoken there, as written ("Georgian, Russian, English").
    pub languages: String,
    /// "Mon–Fri 10:00–17:00 (local time)".
    pub working_hours: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidCountryOffice {
    pub country: String,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: Email,
    pub languages: String,
    pub working_hours: String,
}

impl CountryOfficeForm {
    pub fn parse(&self) -> Result<ValidCountryOffice, FieldErrors> {
        let mut v = Validator::new();
        let country = v.check("country", parse_required_text(&self.country, 100));
        let name = v.check("name", parse_required_text(&self.name, 120));
        let address = v.check("address", parse_required_text(&self.address, 300));
        let phone = v.check(
            "phone",
            crate::domain::parse_phone(&self.phone)
                .and_then(|p| p.ok_or(crate::domain::ErrorCode::Required)),
        );
        let email = v.check("email", Email::parse(&self.email));
        let languages = v.check("languages", parse_required_text(&self.languages, 200));
        let working_hours = v.check(
            "working_hours",
            parse_required_text(&self.working_hours, 300),
        );
        v.finish(|| {
            Some(ValidCountryOffice {
                country: country?,
                name: name?,
                address: address?,
                phone: phone?,
                email: email?,
                languages: languages?,
                working_hours: working_hours?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ErrorCode;

    #[test]
    fn every_detail_the_returnee_needs_is_required() {
        let errors = CountryOfficeForm::default().parse().unwrap_err();
        for field in [
            "country",
            "name",
            "address",
            "phone",
            "email",
            "languages",
            "working_hours",
        ] {
            assert_eq!(errors.get(field), Some(ErrorCode::Required), "{field}");
        }
        let office = CountryOfficeForm {
            country: "Georgia".into(),
            name: "IOM Tbilisi".into(),
            address: "12 Rustaveli Ave, Tbilisi".into(),
            phone: "+995 32 225 22 16".into(),
            email: "tbilisi@example.org".into(),
            languages: "Georgian, Russian, English".into(),
            working_hours: "Mon–Fri 10:00–17:00".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(office.email.as_str(), "tbilisi@example.org");
    }
}

/// A supplier a country office pays directly.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupplierForm {
    pub name: String,
    pub registration_no: String,
    /// A contact person, phone or email.
    pub contact: String,
    /// Kept only as text: the office pays from its own bank.
    pub bank_details: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidSupplier {
    pub name: String,
    pub registration_no: String,
    pub contact: String,
    pub bank_details: String,
}

impl SupplierForm {
    pub fn parse(&self) -> Result<ValidSupplier, FieldErrors> {
        let mut v = Validator::new();
        let name = v.check("name", parse_required_text(&self.name, 120));
        let registration_no = v.check(
            "registration_no",
            parse_required_text(&self.registration_no, 60),
        );
        let contact = v.check("contact", parse_required_text(&self.contact, 300));
        let bank_details = v.check("bank_details", parse_required_text(&self.bank_details, 500));
        v.finish(|| {
            Some(ValidSupplier {
                name: name?,
                registration_no: registration_no?,
                contact: contact?,
                bank_details: bank_details?,
            })
        })
    }
}

#[cfg(test)]
mod supplier_tests {
    use super::*;
    use crate::domain::ErrorCode;

    #[test]
    fn a_supplier_needs_every_detail_and_stays_within_bounds() {
        let errors = SupplierForm::default().parse().unwrap_err();
        for field in ["name", "registration_no", "contact", "bank_details"] {
            assert_eq!(errors.get(field), Some(ErrorCode::Required), "{field}");
        }
        let long = SupplierForm {
            name: "Kutaisi Tools LLC".into(),
            registration_no: "404123456".into(),
            contact: "Levan, +995 555 000 111".into(),
            bank_details: "x".repeat(501),
        };
        assert_eq!(
            long.parse().unwrap_err().get("bank_details"),
            Some(ErrorCode::TooLong { max: 500 })
        );
    }
}
