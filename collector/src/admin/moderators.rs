//! Moderator accounts: argon2id password hashes in PHC strings (salt and cost travel with the hash).

use super::password_check::PasswordChecks;
use super::session::Scope;
use crate::clock::now_ms;
use crate::store::Store;
use argon2::{Argon2, PasswordHasher};
use std::sync::LazyLock;

pub const MIN_PASSWORD_CHARS: usize = 12;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("A username is 1 to 64 letters, digits, dots, hyphens, underscores or @ signs.")]
    BadUsername,
    #[error("A password needs at least {MIN_PASSWORD_CHARS} characters.")]
    ShortPassword,
    #[error("The password could not be hashed: {0}")]
    Hash(String),
    #[error("The database refused the change: {0}")]
    Database(#[from] sqlx::Error),
}

pub fn valid_username(name: &str) -> bool {
    (1..=64).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c))
}

/// Hashes with argon2id at the crate's defaults (19 MiB, 2 passes): about 20 ms of one core.
pub fn hash_password(password: &str) -> Result<String, AccountError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| AccountError::Hash(e.to_string()))
}

/// Checked against when the username is unknown, so a wrong name takes as long as a wrong password
/// and response times do not tell which usernames exist.
static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password("decoy password, never anyone's").expect("argon2 hashes a fixed password"));

/// Creates the moderator, or sets a new password for an existing one. Returns true if created.
pub async fn add_or_reset(store: &Store, username: &str, password: &str) -> Result<bool, AccountError> {
    if !valid_username(username) {
        return Err(AccountError::BadUsername);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::ShortPassword);
    }
    let password = password.to_owned();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| AccountError::Hash(e.to_string()))??;
    let updated = sqlx::query("UPDATE moderators SET password_hash = $1 WHERE username = $2")
        .bind(&hash)
        .bind(username)
        .execute(store.pool())
        .await?
        .rows_affected();
    if updated > 0 {
        // A new password ends every session opened with the old one.
        sqlx::query("DELETE FROM admin_sessions WHERE username = $1").bind(username).execute(store.pool()).await?;
        return Ok(false);
    }
    sqlx::query("INSERT INTO moderators (username, password_hash, created_at) VALUES ($1, $2, $3)")
        .bind(username)
        .bind(&hash)
        .bind(now_ms())
        .execute(store.pool())
        .await?;
    Ok(true)
}

/// Sets which campaigns `username` may see and whether they are an admin; false if no such moderator.
/// Their open sessions see the change at their next request.
pub async fn set_access(store: &Store, username: &str, scope: &Scope, admin: bool) -> Result<bool, sqlx::Error> {
    let role = if admin { "admin" } else { "moderator" };
    let done = sqlx::query("UPDATE moderators SET campaigns = $1, role = $2 WHERE username = $3")
        .bind(scope.stored())
        .bind(role)
        .bind(username)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Removes a moderator and ends their sessions at once; false if there was none.
pub async fn remove(store: &Store, username: &str) -> Result<bool, sqlx::Error> {
    let mut tx = store.begin().await?;
    sqlx::query("DELETE FROM admin_sessions WHERE username = $1").bind(username).execute(&mut *tx).await?;
    let done = sqlx::query("DELETE FROM moderators WHERE username = $1").bind(username).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(done.rows_affected() > 0)
}

/// Every moderator with their campaigns and role, by name.
pub async fn list(store: &Store) -> Result<Vec<(String, Scope, bool)>, sqlx::Error> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT username, campaigns, role FROM moderators ORDER BY username")
            .fetch_all(store.pool())
            .await?;
    Ok(rows.into_iter().map(|(name, campaigns, role)| (name, Scope::parse(&campaigns), role == "admin")).collect())
}

/// True when `username` exists and `password` is theirs; None when no turn to check it came free.
pub async fn check_password(
    store: &Store,
    checks: &PasswordChecks,
    username: &str,
    password: &str,
) -> Result<Option<bool>, sqlx::Error> {
    let stored: Option<String> = sqlx::query_scalar("SELECT password_hash FROM moderators WHERE username = $1")
        .bind(username)
        .fetch_optional(store.pool())
        .await?;
    let known = stored.is_some();
    let phc = stored.unwrap_or_else(|| DECOY_HASH.clone());
    Ok(checks.matches(password, phc).await.map(|matches| known && matches))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin::password_check::matches_in;

    #[test]
    fn hashes_are_argon2id_phc_strings_that_verify() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(matches_in("correct horse battery", &hash, &mut Vec::new()));
        assert!(!matches_in("correct horse batterx", &hash, &mut Vec::new()));
    }

    #[test]
    fn usernames_are_plain() {
        assert!(valid_username("sam.jones@example"));
        assert!(!valid_username(""));
        assert!(!valid_username("sam jones"));
        assert!(!valid_username("<script>"));
    }
}
