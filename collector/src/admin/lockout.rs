//! Lockout after repeated failed logins, per username and per client, shared by every instance
//! through the database. Clients are known only by a keyed hash of their address.

use crate::store::Store;
use crate::tokens::{hex, random_hex};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Five failures within the window lock the username (and the client) for `LOCK_MS`.
pub const MAX_FAILURES: i64 = 5;
pub const WINDOW_MS: i64 = 15 * 60 * 1000;
pub const LOCK_MS: i64 = 15 * 60 * 1000;

pub fn user_key(username: &str) -> String {
    format!("user:{}", username.to_lowercase())
}

/// The HMAC-SHA256 of the address under a key kept in the database, so lockouts agree across
/// instances while a copy of the table reveals no addresses.
pub fn client_key(secret: &str, address: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(address.as_bytes());
    format!("client:{}", hex(&mac.finalize().into_bytes()))
}

/// The key for hashing client addresses: created by the first instance, read by the rest.
pub async fn client_hash_secret(store: &Store) -> Result<String, sqlx::Error> {
    sqlx::query("INSERT INTO admin_keys (name, value) VALUES ('client-hash', $1) ON CONFLICT (name) DO NOTHING")
        .bind(random_hex(32))
        .execute(store.pool())
        .await?;
    sqlx::query_scalar("SELECT value FROM admin_keys WHERE name = 'client-hash'").fetch_one(store.pool()).await
}

/// What counting one sign-in attempt against a key found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// The password may be checked: this is attempt `n` of at most `MAX_FAILURES` in the window.
    Allowed(i64),
    /// Locked until then: the password is not checked at all.
    Locked(i64),
}

/// Counts this attempt against `key` before its password is checked, in one statement, so that
/// concurrent attempts (on one instance or many) each get their own count and no more than
/// `MAX_FAILURES` of them are ever checked in a window. A right password gives it back (`forgive`).
pub async fn claim(store: &Store, key: &str, now: i64) -> Result<Claim, sqlx::Error> {
    let (failures, locked_until): (i64, Option<i64>) = sqlx::query_as(
        "INSERT INTO login_attempts (attempt_key, failures, first_failure_at, locked_until) VALUES ($1, 1, $2, NULL) \
         ON CONFLICT (attempt_key) DO UPDATE SET \
           failures = CASE WHEN login_attempts.first_failure_at < $3 \
                            AND COALESCE(login_attempts.locked_until, 0) <= $2 \
                           THEN 1 ELSE login_attempts.failures + 1 END, \
           first_failure_at = CASE WHEN login_attempts.first_failure_at < $3 \
                                    AND COALESCE(login_attempts.locked_until, 0) <= $2 \
                                   THEN $2 ELSE login_attempts.first_failure_at END \
         RETURNING failures, locked_until",
    )
    .bind(key)
    .bind(now)
    .bind(now - WINDOW_MS)
    .fetch_one(store.pool())
    .await?;
    match locked_until {
        Some(until) if until > now => Ok(Claim::Locked(until)),
        _ if failures > MAX_FAILURES => Ok(Claim::Locked(lock(store, key, now).await?)),
        _ => Ok(Claim::Allowed(failures)),
    }
}

/// Locks `key` from `now` (a lock already in force is kept as it is); returns when it ends.
pub async fn lock(store: &Store, key: &str, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE login_attempts SET locked_until = CASE WHEN COALESCE(locked_until, 0) > $2 THEN locked_until \
                                                      ELSE $3 END \
         WHERE attempt_key = $1 RETURNING locked_until",
    )
    .bind(key)
    .bind(now)
    .bind(now + LOCK_MS)
    .fetch_one(store.pool())
    .await
}

/// Gives back an attempt that turned out not to be a failure (a right password, or one never checked).
pub async fn forgive(store: &Store, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE login_attempts SET failures = failures - 1 WHERE attempt_key = $1 AND failures > 0")
        .bind(key)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// A successful login forgets the failures counted against it.
pub async fn clear(store: &Store, keys: &[&str]) -> Result<(), sqlx::Error> {
    for key in keys {
        sqlx::query("DELETE FROM login_attempts WHERE attempt_key = $1").bind(*key).execute(store.pool()).await?;
    }
    Ok(())
}

/// Forgets failures older than the window whose lock, if any, has ended.
pub async fn forget_old_failures(store: &Store, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM login_attempts WHERE first_failure_at < $1 AND (locked_until IS NULL OR locked_until < $2)",
    )
    .bind(now - WINDOW_MS)
    .bind(now)
    .execute(store.pool())
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_keys_hide_the_address_and_depend_on_the_secret() {
        let a = client_key("secret one", "203.0.113.9");
        assert!(a.starts_with("client:") && !a.contains("203.0.113.9"));
        assert_eq!(a, client_key("secret one", "203.0.113.9"));
        assert_ne!(a, client_key("secret two", "203.0.113.9"));
    }

    #[test]
    fn usernames_lock_regardless_of_case() {
        assert_eq!(user_key("Sam"), user_key("sam"));
    }
}
