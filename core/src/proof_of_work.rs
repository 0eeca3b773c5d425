//! The optional proof of work a campaign may ask for before it takes a story: the collector hands
//! out a challenge, the widget finds a nonce such that SHA-256 of `challenge:nonce` starts with
//! `difficulty` zero bits, and sends `challenge:nonce` in the `Proof-Of-Work` header.
//!
//! Only the rules live here (no hashing): the collector hashes with `sha2`, the widget with the
//! browser's SubtleCrypto, so the wasm carries no SHA-256 of its own.

use miniserde::json::{self, Number, Value};

/// The request header that carries the proof.
pub const HEADER: &str = "Proof-Of-Work";
/// The most a campaign may ask: 24 bits is about 16 million hashes, already slow on an old phone.
pub const MAX_DIFFICULTY: u32 = 24;
/// How long a challenge may be used for, from when it is handed out.
pub const LIFETIME_MS: u64 = 10 * 60 * 1000;
/// The longest challenge the collector accepts in a header (it hands out far shorter ones).
pub const MAX_CHALLENGE_CHARS: usize = 128;

/// How many zero bits the digest starts with.
pub fn leading_zero_bits(digest: &[u8]) -> u32 {
    let mut bits = 0;
    for byte in digest {
        if *byte == 0 {
            bits += 8;
        } else {
            return bits + byte.leading_zeros();
        }
    }
    bits
}

/// Whether `digest` starts with at least `difficulty` zero bits.
pub fn meets(digest: &[u8], difficulty: u32) -> bool {
    leading_zero_bits(digest) >= difficulty
}

/// The header's value, which is also exactly what is hashed: `challenge:nonce`.
pub fn header_value(challenge: &str, nonce: u64) -> String {
    format!("{challenge}:{nonce}")
}

/// The challenge and the nonce from a header's value, if it has the right shape: a base64url
/// challenge, a colon, and a decimal nonce.
pub fn parse_header(value: &str) -> Option<(&str, u64)> {
    let (challenge, nonce) = value.trim().rsplit_once(':')?;
    let good_challenge = !challenge.is_empty()
        && challenge.len() <= MAX_CHALLENGE_CHARS
        && challenge.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let good_nonce = !nonce.is_empty() && nonce.len() <= 20 && nonce.bytes().all(|b| b.is_ascii_digit());
    if !good_challenge || !good_nonce {
        return None;
    }
    Some((challenge, nonce.parse().ok()?))
}

/// The challenge and its difficulty from `GET /api/v1/campaigns/{id}/challenge`.
pub fn challenge_from_json(body: &str) -> Option<(String, u32)> {
    let Ok(Value::Object(fields)) = json::from_str::<Value>(body) else { return None };
    let Some(Value::String(challenge)) = fields.get("challenge") else { return None };
    let Some(Value::Number(Number::U64(difficulty))) = fields.get("difficulty") else { return None };
    Some((challenge.clone(), (*difficulty).min(u64::from(MAX_DIFFICULTY)) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_collectors_answers_are_read() {
        let body = r#"{"challenge":"abc_-","difficulty":12,"expires_at":1700000000000}"#;
        assert_eq!(challenge_from_json(body), Some(("abc_-".to_owned(), 12)));
        assert_eq!(challenge_from_json(r#"{"difficulty":12}"#), None);
    }

    #[test]
    fn zero_bits_are_counted_across_bytes() {
        assert_eq!(leading_zero_bits(&[0xff, 0]), 0);
        assert_eq!(leading_zero_bits(&[0x01, 0xff]), 7);
        assert_eq!(leading_zero_bits(&[0, 0, 0x10]), 19);
        assert_eq!(leading_zero_bits(&[0, 0]), 16);
        assert!(meets(&[0, 0x0f], 12));
        assert!(!meets(&[0, 0x10], 12));
        assert!(meets(&[0x80], 0));
    }

    #[test]
    fn the_header_is_challenge_colon_nonce() {
        let value = header_value("aB-_9", 1234);
        assert_eq!(value, "aB-_9:1234");
        assert_eq!(parse_header(&value), Some(("aB-_9", 1234)));
        assert_eq!(parse_header(" abc:0 "), Some(("abc", 0)));
    }

    #[test]
    fn malformed_headers_are_refused() {
        for bad in ["", "abc", ":1", "abc:", "abc:-1", "abc:1x", "a+b:1", "abc:99999999999999999999999", "a b:1"] {
            assert_eq!(parse_header(bad), None, "{bad:?}");
        }
        assert_eq!(parse_header(&format!("{}:1", "a".repeat(MAX_CHALLENGE_CHARS + 1))), None);
    }
}
