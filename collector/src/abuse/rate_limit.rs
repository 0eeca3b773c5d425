//! A per-client limit on submissions: the generic cell rate algorithm (a token bucket kept as one
//! number per client), in a few mutex-guarded shards so concurrent requests rarely wait.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many submissions a client may make: `burst` at once, then one every `60 / per_minute` s.
/// `per_minute == 0` turns the limit off (benchmarks, or a proxy that limits already).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub per_minute: u32,
    pub burst: u32,
}

impl Default for RateLimit {
    /// Generous on purpose: a workshop or care home may send many stories from one connection.
    fn default() -> Self {
        RateLimit { per_minute: 10, burst: 20 }
    }
}

const SHARDS: usize = 16;
/// A shard holding more clients than this drops the ones whose allowance is full again.
const PRUNE_AT: usize = 4096;

pub struct RateLimiter {
    limit: RateLimit,
    start: Instant,
    /// Per client key: the theoretical arrival time of its next request, in ms since `start`.
    shards: [Mutex<HashMap<[u8; 16], u64>>; SHARDS],
}

impl RateLimiter {
    pub fn new(limit: RateLimit) -> RateLimiter {
        RateLimiter { limit, start: Instant::now(), shards: std::array::from_fn(|_| Mutex::new(HashMap::new())) }
    }

    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Ok, or how long the client must wait.
    pub fn check(&self, key: [u8; 16]) -> Result<(), Duration> {
        if self.limit.per_minute == 0 {
            return Ok(());
        }
        let interval = 60_000 / u64::from(self.limit.per_minute).max(1);
        let tolerance = interval * u64::from(self.limit.burst.max(1) - 1);
        let now = self.start.elapsed().as_millis() as u64;
        let mut shard = self.shards[usize::from(key[0]) % SHARDS].lock().unwrap_or_else(|e| e.into_inner());
        if shard.len() > PRUNE_AT {
            shard.retain(|_, tat| *tat > now);
        }
        let tat = shard.get(&key).copied().unwrap_or(now).max(now);
        if tat - now > tolerance {
            return Err(Duration::from_millis(tat - now - tolerance));
        }
        shard.insert(key, tat + interval);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_the_client_waits() {
        let limiter = RateLimiter::new(RateLimit { per_minute: 6, burst: 3 });
        let key = [1; 16];
        for _ in 0..3 {
            assert!(limiter.check(key).is_ok());
        }
        let wait = limiter.check(key).unwrap_err();
        assert!(wait > Duration::from_secs(9) && wait <= Duration::from_secs(10), "{wait:?}");
        assert!(limiter.check([2; 16]).is_ok(), "another client is not held back");
    }

    #[test]
    fn zero_per_minute_turns_the_limit_off() {
        let limiter = RateLimiter::new(RateLimit { per_minute: 0, burst: 1 });
        assert!((0..1000).all(|_| limiter.check([1; 16]).is_ok()));
    }
}
