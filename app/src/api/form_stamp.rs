//! The contact form's stamp, signed so that a robot can neither make one up nor change its time
//! or question: `<payload>.<HMAC-SHA256 of it, base64url>`. The key is made by whichever
//! server instance first needs it and kept in the database, so every instance checks alike.

use super::context;
use crate::db;
use crate::domain::intake::FormStamp;
use crate::error::AppError;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const KEY_SETTING: &str = "form_stamp_key";

async fn key() -> Result<Vec<u8>, AppError> {
    let db = context::db()?;
    let candidate = super::credentials::new_token();
    let key = db::site_settings::get_or_init(db.pool(), KEY_SETTING, &candidate, db::now()).await?;
    Ok(key.into_bytes())
}

fn mac(key: &[u8], payload: &str) -> Hmac<Sha256> {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(payload.as_bytes());
    mac
}

pub(crate) fn sign_with(key: &[u8], stamp: &FormStamp) -> String {
    let payload = stamp.payload();
    let tag = mac(key, &payload).finalize().into_bytes();
    format!(
        "{payload}.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(tag)
    )
}

/// The stamp, when `token` carries a valid signature.
pub(crate) fn verify_with(key: &[u8], token: &str) -> Option<FormStamp> {
    let (payload, tag) = token.trim().rsplit_once('.')?;
    let tag = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(tag)
        .ok()?;
    mac(key, payload).verify_slice(&tag).ok()?;
    FormStamp::from_payload(payload)
}

/// A fresh stamp for a form shown now.
pub(crate) async fn issue() -> Result<(String, FormStamp), AppError> {
    let mut random = [0u8; 8];
    rand_bytes(&mut random);
    let stamp = FormStamp::new(context::now(), u64::from_le_bytes(random));
    Ok((sign_with(&key().await?, &stamp), stamp))
}

pub(crate) async fn verify(token: &str) -> Result<Option<FormStamp>, AppError> {
    Ok(verify_with(&key().await?, token))
}

fn rand_bytes(out: &mut [u8]) {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    OsRng.fill_bytes(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_stamp_verifies_and_an_altered_one_does_not() {
        let key = b"a key for the test";
        let stamp = FormStamp {
            issued_at: 1_800_000_000,
            a: 2,
            b: 5,
        };
        let token = sign_with(key, &stamp);
        assert_eq!(verify_with(key, &token), Some(stamp));
        assert_eq!(verify_with(b"another key", &token), None);
        let older = token.replacen("1800000000", "1799990000", 1);
        assert_eq!(verify_with(key, &older), None);
        let easier = token.replacen(".2.5.", ".1.1.", 1);
        assert_eq!(verify_with(key, &easier), None);
        for junk in ["", ".", "v1.1.2.3", "v1.1.2.3.AAAA", "no dots at all"] {
            assert_eq!(verify_with(key, junk), None, "{junk}");
        }
    }
}
