//! The optional proof of work (`proof_of_work = N` on a campaign): stateless challenges that every
//! instance can check, and a short memory of the ones already used.
//!
//! A challenge is base64url of `expires_at (8 bytes) | random (12) | tag (16)`, where the tag is
//! HMAC-SHA256 over the campaign, the expiry and the random bytes under a key kept in the database
//! (`admin_keys`, created by the first instance), so any instance can check another's challenge.
//! Used challenges are remembered until they expire: on PostgreSQL in the database, so with
//! several instances a proof is still spent once in all; on SQLite (one instance) in memory.

use crate::store::{Backend, Store};
use crate::tokens::random_hex;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;
use story_core::proof_of_work::{LIFETIME_MS, meets, parse_header};
use tokio::sync::OnceCell;

const RANDOM_BYTES: usize = 12;
const TAG_BYTES: usize = 16;
const CHALLENGE_BYTES: usize = 8 + RANDOM_BYTES + TAG_BYTES;

/// A challenge handed out, as `GET /api/v1/campaigns/{id}/challenge` shows it.
#[derive(Debug, serde::Serialize)]
pub struct Challenge {
    pub challenge: String,
    pub difficulty: u32,
    pub expires_at: u64,
}

/// Why a proof was not accepted: each a sentence for the person's problem detail.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Missing,
    Malformed,
    Forged,
    Expired,
    TooEasy,
    Used,
}

impl Refusal {
    pub fn detail(&self) -> &'static str {
        match self {
            Refusal::Missing => {
                "This campaign asks for a proof of work before it takes a story: fetch a challenge from \
                 /api/v1/campaigns/{id}/challenge, solve it and send it in the Proof-Of-Work header."
            }
            Refusal::Malformed => "The Proof-Of-Work header must be the challenge, a colon, and a whole number.",
            Refusal::Forged => {
                "This proof of work's challenge was not given out for this campaign. Please fetch a new one."
            }
            Refusal::Expired => {
                "This proof of work's challenge has expired. Please fetch a new one and send the story again."
            }
            Refusal::TooEasy => "This proof of work does not solve its challenge. Please try again.",
            Refusal::Used => {
                "This proof of work has already been used for another story. Please fetch a new challenge."
            }
        }
    }
}

pub struct ProofOfWork {
    store: Store,
    key: OnceCell<Vec<u8>>,
    /// Challenges taken, with when they expire and the idempotency key they were taken for.
    used: Mutex<Used>,
}

struct Used {
    by_challenge: HashMap<String, (u64, String)>,
    prune_at: usize,
}

impl ProofOfWork {
    pub fn new(store: Store) -> ProofOfWork {
        let used = Used { by_challenge: HashMap::new(), prune_at: 1024 };
        ProofOfWork { store, key: OnceCell::new(), used: Mutex::new(used) }
    }

    /// The key for challenges: created by the first instance, read by the rest.
    async fn key(&self) -> Result<&[u8], sqlx::Error> {
        let key = self
            .key
            .get_or_try_init(|| async {
                sqlx::query(
                    "INSERT INTO admin_keys (name, value) VALUES ('proof-of-work', $1) ON CONFLICT (name) DO NOTHING",
                )
                .bind(random_hex(32))
                .execute(self.store.pool())
                .await?;
                let value: String = sqlx::query_scalar("SELECT value FROM admin_keys WHERE name = 'proof-of-work'")
                    .fetch_one(self.store.pool())
                    .await?;
                Ok::<_, sqlx::Error>(value.into_bytes())
            })
            .await?;
        Ok(key)
    }

    pub async fn challenge(&self, campaign: &str, difficulty: u32, now_ms: u64) -> Result<Challenge, sqlx::Error> {
        let expires_at = now_ms + LIFETIME_MS;
        let mut random = [0u8; RANDOM_BYTES];
        getrandom::getrandom(&mut random).expect("the operating system's random number generator is unavailable");
        let mut bytes = Vec::with_capacity(CHALLENGE_BYTES);
        bytes.extend_from_slice(&expires_at.to_be_bytes());
        bytes.extend_from_slice(&random);
        let tag = tag(self.key().await?, campaign, &bytes);
        bytes.extend_from_slice(&tag);
        Ok(Challenge { challenge: URL_SAFE_NO_PAD.encode(bytes), difficulty, expires_at })
    }

    /// Checks the `Proof-Of-Work` header for a story to `campaign` sent with `idempotency_key`, and
    /// takes its challenge. The same challenge with the same idempotency key is a retry and passes.
    pub async fn check(
        &self,
        header: Option<&str>,
        campaign: &str,
        difficulty: u32,
        idempotency_key: &str,
        now_ms: u64,
    ) -> Result<Result<(), Refusal>, sqlx::Error> {
        let Some(header) = header else { return Ok(Err(Refusal::Missing)) };
        let Some((challenge, _nonce)) = parse_header(header) else { return Ok(Err(Refusal::Malformed)) };
        let bytes = match URL_SAFE_NO_PAD.decode(challenge) {
            Ok(bytes) if bytes.len() == CHALLENGE_BYTES => bytes,
            _ => return Ok(Err(Refusal::Forged)),
        };
        let (signed, given) = bytes.split_at(8 + RANDOM_BYTES);
        let expected = tag(self.key().await?, campaign, signed);
        if !bool::from(subtle::ConstantTimeEq::ct_eq(&expected[..], given)) {
            return Ok(Err(Refusal::Forged));
        }
        let expires_at = u64::from_be_bytes(signed[..8].try_into().expect("eight bytes"));
        if expires_at <= now_ms {
            return Ok(Err(Refusal::Expired));
        }
        if !meets(&Sha256::digest(header.trim().as_bytes()), difficulty) {
            return Ok(Err(Refusal::TooEasy));
        }
        match self.store.backend() {
            Backend::Postgres => self.take_shared(challenge, expires_at, idempotency_key).await,
            Backend::Sqlite => Ok(self.take(challenge, expires_at, idempotency_key, now_ms)),
        }
    }

    /// One statement, so two instances taking the same challenge at once cannot both win: the
    /// row's idempotency key is whoever inserted it first.
    async fn take_shared(
        &self,
        challenge: &str,
        expires_at: u64,
        idempotency_key: &str,
    ) -> Result<Result<(), Refusal>, sqlx::Error> {
        let taken_for: String = sqlx::query_scalar(
            "INSERT INTO spent_challenges (challenge, idempotency_key, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (challenge) DO UPDATE SET challenge = EXCLUDED.challenge RETURNING idempotency_key",
        )
        .bind(challenge)
        .bind(idempotency_key)
        .bind(expires_at as i64)
        .fetch_one(self.store.pool())
        .await?;
        Ok(if taken_for == idempotency_key { Ok(()) } else { Err(Refusal::Used) })
    }

    fn take(&self, challenge: &str, expires_at: u64, idempotency_key: &str, now_ms: u64) -> Result<(), Refusal> {
        let mut used = self.used.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, key)) = used.by_challenge.get(challenge) {
            return if key == idempotency_key { Ok(()) } else { Err(Refusal::Used) };
        }
        if used.by_challenge.len() >= used.prune_at {
            used.by_challenge.retain(|_, (expires, _)| *expires > now_ms);
            used.prune_at = (used.by_challenge.len() * 2).max(1024);
        }
        used.by_challenge.insert(challenge.to_owned(), (expires_at, idempotency_key.to_owned()));
        Ok(())
    }
}

fn tag(key: &[u8], campaign: &str, signed: &[u8]) -> [u8; TAG_BYTES] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(campaign.as_bytes());
    mac.update(b"|");
    mac.update(signed);
    let full = mac.finalize().into_bytes();
    full[..TAG_BYTES].try_into().expect("sixteen bytes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use story_core::proof_of_work::header_value;

    fn solve(challenge: &str, difficulty: u32) -> String {
        (0u64..).map(|n| header_value(challenge, n)).find(|h| meets(&Sha256::digest(h.as_bytes()), difficulty)).unwrap()
    }

    #[tokio::test]
    async fn a_solved_challenge_passes_once_per_idempotency_key() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.sqlite").display());
        let pow = ProofOfWork::new(Store::connect(&url).await.unwrap());
        let now = 1_000_000;
        let c = pow.challenge("a", 8, now).await.unwrap();
        assert_eq!(c.expires_at, now + LIFETIME_MS);
        let proof = solve(&c.challenge, 8);
        assert_eq!(pow.check(Some(&proof), "b", 8, "k1", now).await.unwrap(), Err(Refusal::Forged));
        assert_eq!(pow.check(Some(&proof), "a", 8, "k1", c.expires_at).await.unwrap(), Err(Refusal::Expired));
        assert_eq!(pow.check(Some(&proof), "a", 8, "k1", now).await.unwrap(), Ok(()));
        assert_eq!(pow.check(Some(&proof), "a", 8, "k1", now).await.unwrap(), Ok(()), "a retry");
        assert_eq!(pow.check(Some(&proof), "a", 8, "k2", now).await.unwrap(), Err(Refusal::Used));
        assert_eq!(pow.check(None, "a", 8, "k1", now).await.unwrap(), Err(Refusal::Missing));
        assert_eq!(pow.check(Some("x"), "a", 8, "k1", now).await.unwrap(), Err(Refusal::Malformed));
        let unsolved =
            (0u64..).map(|n| header_value(&c.challenge, n)).find(|h| !meets(&Sha256::digest(h.as_bytes()), 8)).unwrap();
        assert_eq!(pow.check(Some(&unsolved), "a", 8, "k3", now).await.unwrap(), Err(Refusal::TooEasy));
    }
}
