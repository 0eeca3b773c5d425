//! Keeping bots and floods out without tracking people: rate limits keyed by a hash of the
//! client's address (never the address itself), the honeypot and the minimum completion time
//! (checked in `story_core::incoming`).

mod client;
mod rate_limit;
mod shared_rate_limit;

pub use client::{ClientKeys, PeerAddr, client_ip};
pub use rate_limit::{RateLimit, RateLimiter};
pub use shared_rate_limit::SharedRateLimit;
