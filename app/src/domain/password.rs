//! A password someone chooses: long enough, typed the same twice.

use super::ErrorCode;

#[derive(Clone)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    pub const MIN_LEN: usize = 10;
    pub const MAX_LEN: usize = 128;

    pub fn parse(password: &str) -> Result<Self, ErrorCode> {
        let len = password.chars().count();
        if len == 0 {
            return Err(ErrorCode::Required);
        }
        if len < Self::MIN_LEN {
            return Err(ErrorCode::PasswordTooShort { min: Self::MIN_LEN });
        }
        if len > Self::MAX_LEN {
            return Err(ErrorCode::TooLong { max: Self::MAX_LEN });
        }
        Ok(NewPassword(password.to_string()))
    }

    /// Checks the confirmation field against an already parsed password.
    pub fn confirm(&self, repeated: &str) -> Result<(), ErrorCode> {
        if self.0 == repeated {
            Ok(())
        } else {
            Err(ErrorCode::PasswordMismatch)
        }
    }

    /// Checks the new-password and confirmation fields of a form into `v`.
    pub fn check_pair(
        v: &mut super::Validator,
        new_password: &str,
        confirm_password: &str,
    ) -> Option<Self> {
        let new = v.check("new_password", Self::parse(new_password));
        if let Some(new) = &new {
            v.check("confirm_password", new.confirm(confirm_password));
        }
        new
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_rules() {
        assert_eq!(NewPassword::parse("").unwrap_err(), ErrorCode::Required);
        assert_eq!(
            NewPassword::parse("short").unwrap_err(),
            ErrorCode::PasswordTooShort { min: 10 }
        );
        assert!(NewPassword::parse("long enough pass").is_ok());
        assert_eq!(
            NewPassword::parse(&"x".repeat(129)).unwrap_err(),
            ErrorCode::TooLong { max: 128 }
        );
    }

    #[test]
    fn confirmation_must_match() {
        let p = NewPassword::parse("long enough pass").unwrap();
        assert!(p.confirm("long enough pass").is_ok());
        assert_eq!(
            p.confirm("long enough pas"),
            Err(ErrorCode::PasswordMismatch)
        );
        assert_eq!(format!("{p:?}"), "NewPassword(***)");
    }
}
