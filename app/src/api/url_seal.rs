//! Followed calendars' addresses sealed at rest: a calendar app's secret address lets anyone who
//! has it read the person's whole calendar, so the database keeps it only encrypted
//! (ChaCha20-Poly1305, bound to the account) and pages show it masked. The key is made by
//! whichever server instance first needs it and kept apart from the addresses it seals.

use crate::db;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};
use ring::rand::{SecureRandom, SystemRandom};

const KEY_SETTING: &str = "calendar_address_key";
/// The form of a sealed address, so that a later form can be told apart.
const VERSION: &str = "v1.";

pub struct SealKey(LessSafeKey);

impl SealKey {
    /// A key from 32 bytes; `None` for any other length.
    pub fn from_bytes(bytes: &[u8]) -> Option<SealKey> {
        let key = UnboundKey::new(&CHACHA20_POLY1305, bytes).ok()?;
        Some(SealKey(LessSafeKey::new(key)))
    }

    /// The installation's key, made on first use.
    pub async fn of_installation(pool: &sqlx::AnyPool) -> Result<SealKey, sqlx::Error> {
        let candidate = super::credentials::new_token();
        let text = db::site_settings::get_or_init(pool, KEY_SETTING, &candidate, db::now()).await?;
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).unwrap_or_default();
        SealKey::from_bytes(&bytes).ok_or_else(|| {
            sqlx::Error::Decode(format!("the setting {KEY_SETTING} is not a 32-byte key").into())
        })
    }

    /// `address` encrypted for `account_id`'s subscription.
    pub fn seal(&self, account_id: i64, address: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        // The system's random source does not fail on the systems Tugi runs on; a zero nonce
        // would still only repeat one, never reveal the key.
        let _ = SystemRandom::new().fill(&mut nonce);
        let mut sealed = address.as_bytes().to_vec();
        let aad = Aad::from(account_id.to_be_bytes());
        // Sealing fails only past 256 GB of text.
        let _ =
            self.0
                .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), aad, &mut sealed);
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        format!("{VERSION}{}", URL_SAFE_NO_PAD.encode(out))
    }

    /// The address sealed for `account_id`; `None` when it was sealed with another key, for
    /// another account, or altered.
    pub fn open(&self, account_id: i64, sealed: &str) -> Option<String> {
        let bytes = URL_SAFE_NO_PAD.decode(sealed.strip_prefix(VERSION)?).ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, body) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut body = body.to_vec();
        let aad = Aad::from(account_id.to_be_bytes());
        let plain = self.0.open_in_place(nonce, aad, &mut body).ok()?;
        String::from_utf8(plain.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_opens_only_for_its_account_and_key() {
        let key = SealKey::from_bytes(&[7u8; 32]).unwrap();
        let address = "https://calendar.google.com/calendar/ical/x/private-abc/basic.ics";
        let sealed = key.seal(5, address);
        assert!(!sealed.contains("private-abc"));
        assert_ne!(sealed, key.seal(5, address), "a fresh nonce each time");
        assert_eq!(key.open(5, &sealed).as_deref(), Some(address));
        assert_eq!(key.open(6, &sealed), None);
        let other = SealKey::from_bytes(&[8u8; 32]).unwrap();
        assert_eq!(other.open(5, &sealed), None);
        let mut altered = sealed.clone();
        altered.pop();
        altered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert_eq!(key.open(5, &altered), None);
        for junk in [
            "",
            "v1.",
            "v1.AAAA",
            "v2.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "plain",
        ] {
            assert_eq!(key.open(5, junk), None, "{junk}");
        }
        assert!(SealKey::from_bytes(&[1u8; 16]).is_none());
    }
}
