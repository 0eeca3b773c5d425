//! Story ids and withdraw tokens.
//!
//! The withdraw token is never stored: it is an HMAC of the story id keyed with the client's
//! Idempotency-Key, so a retry with the same key can be answered with the same token (the same
//! 201 body) while the database holds only SHA-256 hashes of the key and of the token. Whoever
//! holds the key could replay the request and get the token anyway, so this adds no new power.

use crate::tokens::{hex, random_bytes};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// An unguessable story id (80 random bits) that starts with its creation time in milliseconds,
/// so new rows land at the end of the primary-key index instead of on random pages: far fewer
/// pages written per commit. The time is no secret: the wall shows when each story came.
pub fn new_story_id() -> String {
    let ms = crate::clock::now_ms();
    format!("st_{ms:012x}{}", hex(&random_bytes::<10>()))
}

/// An Idempotency-Key for a request that came without one (such a request cannot be retried safely).
pub fn new_idempotency_key() -> String {
    hex(&random_bytes::<16>())
}

pub fn delete_token(idempotency_key: &str, campaign: &str, story_id: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(idempotency_key.as_bytes()).expect("HMAC takes any key length");
    mac.update(b"story-builder withdraw token v1\0");
    mac.update(campaign.as_bytes());
    mac.update(b"\0");
    mac.update(story_id.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// Whether a client's Idempotency-Key is one we accept: a UUID fits, and so does any other
/// 16 to 200 characters of letters, digits, `-` and `_`.
pub fn is_valid_idempotency_key(key: &str) -> bool {
    (16..=200).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_key_gives_the_same_token_and_another_key_another() {
        let key = "0b6c5a8e-7f3c-4d5e-9a1b-2c3d4e5f6a7b";
        assert_eq!(delete_token(key, "c", "st_1"), delete_token(key, "c", "st_1"));
        assert_ne!(delete_token(key, "c", "st_1"), delete_token("another-key-0000000", "c", "st_1"));
        assert_eq!(delete_token(key, "c", "st_1").len(), 64);
    }

    #[test]
    fn ids_are_random_and_keys_are_checked() {
        assert_ne!(new_story_id(), new_story_id());
        assert!(is_valid_idempotency_key("0b6c5a8e-7f3c-4d5e-9a1b-2c3d4e5f6a7b"));
        assert!(!is_valid_idempotency_key("short"));
        assert!(!is_valid_idempotency_key("has spaces in it, sadly"));
    }
}
