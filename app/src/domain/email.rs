//! An email address as accounts use it: valid syntax, stored in lower case.

use super::ErrorCode;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(value: &str) -> Result<Self, ErrorCode> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Err(ErrorCode::Required);
        }
        if trimmed.len() > Self::MAX_LEN {
            return Err(ErrorCode::TooLong { max: Self::MAX_LEN });
        }
        // Display names ("Anna <a@b.ee>") are valid RFC 5322 but not an account's address.
        let parsed =
            email_address::EmailAddress::from_str(trimmed).map_err(|_| ErrorCode::InvalidEmail)?;
        if !parsed.display_part().is_empty()
            || parsed.email() != trimmed
            || !parsed.domain().contains('.')
        {
            return Err(ErrorCode::InvalidEmail);
        }
        Ok(Email(trimmed.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_lowercases() {
        assert_eq!(
            Email::parse(" Anna@Tugi.EE ").unwrap().as_str(),
            "anna@tugi.ee"
        );
    }

    #[test]
    fn refuses_malformed() {
        for bad in [
            "anna",
            "anna@",
            "@tugi.ee",
            "anna@tugi",
            "Anna <anna@tugi.ee>",
            "a b@tugi.ee",
        ] {
            assert_eq!(Email::parse(bad), Err(ErrorCode::InvalidEmail), "{bad}");
        }
        assert_eq!(Email::parse(""), Err(ErrorCode::Required));
        let long = format!("{}@tugi.ee", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(ErrorCode::TooLong { max: 254 }));
    }
}
