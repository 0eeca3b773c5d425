//! Moderators' decisions as database changes: approve, reject, redact (keeping a history).
//! Webhook events for them are recorded by the database itself (see migrations 0002), inside
//! the same transaction as the change.

use super::secret::{now_ms, random_hex};
use crate::store::{Status, Store};
use sqlx::Row;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
}

impl Decision {
    pub fn status(self) -> Status {
        match self {
            Decision::Approve => Status::Approved,
            Decision::Reject => Status::Rejected,
        }
    }
}

/// Records the decision; false if there is no such story (withdrawn, purged). The wall shows the
/// person's own words unless a moderator has redacted them.
pub async fn decide(store: &Store, story_id: &str, decision: Decision, moderator: &str) -> Result<bool, sqlx::Error> {
    store.set_status(story_id, decision.status(), moderator).await
}

/// One change to what is published.
#[derive(Clone, Debug)]
pub struct Redaction {
    pub moderator: String,
    pub changed_at: i64,
    /// What was published before; `None` means the person's own words.
    pub old_title: Option<String>,
    pub old_body: Option<String>,
    pub new_title: String,
    pub new_body: String,
}

/// Sets what is published, keeping the person's original and recording who changed what, when.
/// False if there is no such story.
pub async fn redact(
    store: &Store,
    story_id: &str,
    title: &str,
    body: &str,
    moderator: &str,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = store.begin().await?;
    let before =
        sqlx::query("SELECT published_title, published_body FROM stories WHERE id = $1 AND status <> 'withdrawn'")
            .bind(story_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(before) = before else { return Ok(false) };
    let old_title: Option<String> = before.try_get("published_title")?;
    let old_body: Option<String> = before.try_get("published_body")?;
    sqlx::query(
        "UPDATE stories SET published_title = $1, published_body = $2, redacted_by = $3, redacted_at = $4 WHERE id = $5",
    )
    .bind(title)
    .bind(body)
    .bind(moderator)
    .bind(now)
    .bind(story_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO story_redactions (id, story_id, moderator, changed_at, old_title, old_body, new_title, new_body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(random_hex(16))
    .bind(story_id)
    .bind(moderator)
    .bind(now)
    .bind(old_title)
    .bind(old_body)
    .bind(title)
    .bind(body)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Every redaction of a story, oldest first.
pub async fn history(store: &Store, story_id: &str) -> Result<Vec<Redaction>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT moderator, changed_at, old_title, old_body, new_title, new_body FROM story_redactions \
         WHERE story_id = $1 ORDER BY changed_at, id",
    )
    .bind(story_id)
    .fetch_all(store.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Redaction {
                moderator: row.try_get("moderator")?,
                changed_at: row.try_get("changed_at")?,
                old_title: row.try_get("old_title")?,
                old_body: row.try_get("old_body")?,
                new_title: row.try_get("new_title")?,
                new_body: row.try_get("new_body")?,
            })
        })
        .collect()
}
