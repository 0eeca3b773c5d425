//! The per-client limit shared by every instance on one PostgreSQL database: the same cell rate
//! algorithm as `RateLimiter`, with each client's theoretical arrival time in a table and the
//! addresses keyed under a secret kept in the database, so every instance names a client alike.

use super::{ClientKeys, RateLimit};
use crate::clock::now_ms;
use crate::store::Store;
use crate::tokens::random_hex;
use std::net::IpAddr;
use std::time::Duration;
use tokio::sync::OnceCell;

pub struct SharedRateLimit {
    limit: RateLimit,
    store: Store,
    keys: OnceCell<ClientKeys>,
}

impl SharedRateLimit {
    pub fn new(limit: RateLimit, store: Store) -> SharedRateLimit {
        SharedRateLimit { limit, store, keys: OnceCell::new() }
    }

    /// The key for client addresses: made by the first instance, read by the rest.
    async fn keys(&self) -> Result<&ClientKeys, sqlx::Error> {
        self.keys
            .get_or_try_init(|| async {
                sqlx::query(
                    "INSERT INTO admin_keys (name, value) VALUES ('rate-limit', $1) ON CONFLICT (name) DO NOTHING",
                )
                .bind(random_hex(32))
                .execute(self.store.pool())
                .await?;
                let value: String = sqlx::query_scalar("SELECT value FROM admin_keys WHERE name = 'rate-limit'")
                    .fetch_one(self.store.pool())
                    .await?;
                Ok(ClientKeys::from_secret(value.as_bytes()))
            })
            .await
    }

    /// Ok, or how long the client must wait. One statement takes the allowance, so instances racing
    /// on one client cannot both spend its last one.
    pub async fn check(&self, ip: IpAddr) -> Result<Result<(), Duration>, sqlx::Error> {
        if self.limit.per_minute == 0 {
            return Ok(Ok(()));
        }
        let client = hex(&self.keys().await?.key_for(ip));
        let interval = 60_000 / i64::from(self.limit.per_minute).max(1);
        let tolerance = interval * i64::from(self.limit.burst.max(1) - 1);
        let now = now_ms();
        let taken: Option<i64> = sqlx::query_scalar(
            "INSERT INTO rate_limits (client, tat) VALUES ($1, $2 + $3) \
             ON CONFLICT (client) DO UPDATE SET tat = GREATEST(rate_limits.tat, $2) + $3 \
             WHERE GREATEST(rate_limits.tat, $2) - $2 <= $4 RETURNING tat",
        )
        .bind(&client)
        .bind(now)
        .bind(interval)
        .bind(tolerance)
        .fetch_optional(self.store.pool())
        .await?;
        if taken.is_some() {
            return Ok(Ok(()));
        }
        let tat: i64 = sqlx::query_scalar("SELECT tat FROM rate_limits WHERE client = $1")
            .bind(&client)
            .fetch_one(self.store.pool())
            .await?;
        Ok(Err(Duration::from_millis((tat - now - tolerance).max(1) as u64)))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
