//! Checking sign-in passwords without letting a flood of them take the machine. An argon2id check
//! holds 19 MiB and a core for a moment: only a few run at once, a sign-in that waits too long for
//! a turn is told to try again, and each turn works in memory kept from the last, because the
//! allocator keeps what each fresh 19 MiB took (measured: +19 MiB of RSS per check, unbounded).

use argon2::password_hash::phc::Output;
use argon2::{Algorithm, Argon2, Block, Params, PasswordHash, Version};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Passwords checked at once: more than a small machine's two cores would only queue in the CPU.
pub const AT_ONCE: usize = 2;
/// How long a sign-in waits for a turn before it is told to try again (and for how long).
pub const WAIT: Duration = Duration::from_secs(2);

pub struct PasswordChecks {
    turns: Semaphore,
    /// One block buffer per turn taken so far, never more than `AT_ONCE`.
    memory: Mutex<Vec<Vec<Block>>>,
    checked: AtomicU64,
}

impl Default for PasswordChecks {
    fn default() -> Self {
        PasswordChecks { turns: Semaphore::new(AT_ONCE), memory: Mutex::new(Vec::new()), checked: AtomicU64::new(0) }
    }
}

impl PasswordChecks {
    /// Whether `password` is the one `phc` was made from; None when no turn came free in `WAIT`.
    pub async fn matches(&self, password: &str, phc: String) -> Option<bool> {
        let _turn = tokio::time::timeout(WAIT, self.turns.acquire()).await.ok()?.ok()?;
        self.checked.fetch_add(1, Ordering::Relaxed);
        let mut memory = self.lock_memory().pop().unwrap_or_default();
        let password = password.to_owned();
        let (matches, memory) = tokio::task::spawn_blocking(move || {
            let matches = matches_in(&password, &phc, &mut memory);
            (matches, memory)
        })
        .await
        .ok()?;
        self.lock_memory().push(memory);
        Some(matches)
    }

    /// How many passwords have been checked since the console started (the lockout's tests count them).
    pub fn checked(&self) -> u64 {
        self.checked.load(Ordering::Relaxed)
    }

    fn lock_memory(&self) -> std::sync::MutexGuard<'_, Vec<Vec<Block>>> {
        // A buffer is only ever pushed or popped whole, so one left by a panicking thread is fine.
        self.memory.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// argon2's own verification (the hash's algorithm, version, cost and salt; a constant-time
/// comparison of the output), computed in `memory`, which grows to the hash's cost once.
pub fn matches_in(password: &str, phc: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else { return false };
    let (Some(salt), Some(expected)) = (&hash.salt, &hash.hash) else { return false };
    let Ok(algorithm) = Algorithm::try_from(hash.algorithm.as_str()) else { return false };
    let Ok(version) = hash.version.map(Version::try_from).transpose() else { return false };
    let Ok(params) = Params::try_from(&hash) else { return false };
    memory.resize(params.block_count(), Block::default());
    let mut output = vec![0; expected.len()];
    let argon2 = Argon2::new(algorithm, version.unwrap_or_default(), params);
    if argon2.hash_password_into_with_memory(password.as_bytes(), salt, &mut output, &mut memory[..]).is_err() {
        return false;
    }
    Output::new(&output).is_ok_and(|computed| computed == *expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::{ParamsBuilder, PasswordHasher, PasswordVerifier};

    fn hash(argon2: &Argon2, password: &str) -> String {
        argon2.hash_password(password.as_bytes()).unwrap().to_string()
    }

    #[test]
    fn agrees_with_argon2s_own_verification() {
        let small = Params::new(64, 1, 1, Some(24)).unwrap();
        let hashes = [
            hash(&Argon2::default(), "correct horse battery"),
            hash(&Argon2::new(Algorithm::Argon2i, Version::V0x10, small.clone()), "correct horse battery"),
            hash(
                &Argon2::new(Algorithm::Argon2d, Version::V0x13, ParamsBuilder::new().m_cost(32).build().unwrap()),
                "correct horse battery",
            ),
        ];
        let mut memory = Vec::new();
        for phc in &hashes {
            for password in ["correct horse battery", "correct horse batterx", ""] {
                let theirs = Argon2::default().verify_password(password.as_bytes(), phc.as_str()).is_ok();
                assert_eq!(matches_in(password, phc, &mut memory), theirs, "{password:?} against {phc}");
            }
        }
        assert!(matches_in("correct horse battery", &hashes[0], &mut memory), "reused memory still verifies");
        for broken in
            ["", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ", "$scrypt$ln=4,r=8,p=1$c2FsdA$aGFzaA", "not a hash"]
        {
            assert!(!matches_in("correct horse battery", broken, &mut memory), "{broken:?}");
        }
    }

    #[tokio::test]
    async fn turns_reuse_their_memory_and_count_the_checks() {
        let checks = PasswordChecks::default();
        let phc = hash(&Argon2::default(), "correct horse battery");
        for _ in 0..3 {
            assert_eq!(checks.matches("correct horse battery", phc.clone()).await, Some(true));
            assert_eq!(checks.matches("wrong", phc.clone()).await, Some(false));
        }
        assert_eq!(checks.checked(), 6);
        assert_eq!(checks.lock_memory().len(), 1, "one at a time needed one buffer, kept for the next");
    }
}
