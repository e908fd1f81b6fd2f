//! Password hashing (argon2id) and random tokens.

use crate::error::AppError;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use sha2::{Digest, Sha256};

/// argon2id with m = 19 MiB, t = 2, p = 1 (OWASP's recommendation).
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Password hashes computed at once, at most: each takes 19 MiB and tens of milliseconds of
/// CPU, so a flood of logins must wait its turn instead of exhausting memory.
fn hashing_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cores.clamp(2, 16))
    })
}

/// How long a request waits for a hashing slot before it is told to come back later (429).
const SLOT_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

async fn hashing_slot() -> Result<tokio::sync::SemaphorePermit<'static>, AppError> {
    match tokio::time::timeout(SLOT_WAIT, hashing_slots().acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(AppError::TooManyRequests),
    }
}

/// Hashes on a blocking thread: it takes tens of milliseconds of CPU by design.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    let _slot = hashing_slot().await?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|_| AppError::Internal)
    })
    .await
    .map_err(|_| AppError::Internal)?
}

/// A hash of a random password, verified when an address has no account so that the answer
/// takes as long as for a real one (no account enumeration by timing).
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(new_token().as_bytes(), &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// Whether `password` matches `hash` (never for `None`, after as long as for a real hash);
/// 429 when the server is already computing as many hashes as it may.
pub async fn verify_password(hash: Option<String>, password: String) -> Result<bool, AppError> {
    let _slot = hashing_slot().await?;
    Ok(tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| dummy_hash().to_string());
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return false;
        };
        let matches = hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        known && matches
    })
    .await
    .unwrap_or(false))
}

/// 256 random bits, URL-safe.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored instead of a token.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_use_the_required_parameters() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        let verify = |hash, password: &str| verify_password(hash, password.into());
        assert_eq!(
            verify(Some(hash.clone()), "correct horse battery").await,
            Ok(true)
        );
        assert_eq!(verify(Some(hash), "wrong horse battery").await, Ok(false));
        assert_eq!(verify(None, "anything").await, Ok(false));
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let a = new_token();
        assert_ne!(a, new_token());
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
    }
}

#[cfg(test)]
mod slot_tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_flood_of_hashes_is_bounded_and_answered() {
        // Far more at once than there are slots: every call ends (hashed or refused with
        // 429), none runs beyond the slots' number at a time.
        let calls = (0..200).map(|i| tokio::spawn(hash_password(format!("password {i}"))));
        let results = futures_join(calls).await;
        let done = results.iter().filter(|r| r.is_ok()).count();
        let refused = results
            .iter()
            .filter(|r| **r == Err(AppError::TooManyRequests))
            .count();
        assert_eq!(done + refused, 200);
        assert!(done > 0);
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        assert_eq!(
            hashing_slots().available_permits(),
            cores.clamp(2, 16),
            "all slots back"
        );
    }

    async fn futures_join(
        calls: impl Iterator<Item = tokio::task::JoinHandle<Result<String, AppError>>>,
    ) -> Vec<Result<String, AppError>> {
        let mut results = Vec::new();
        for call in calls {
            results.push(call.await.unwrap_or(Err(AppError::Internal)));
        }
        results
    }
}
