//! Moderators' decisions as database changes: approve, reject, redact (keeping a history).
//! Webhook events for them are recorded by the database itself (see migrations 0002), inside
//! the same transaction as the change.

use crate::clock::now_ms;
use crate::store::{Status, Store};
use crate::tokens::random_hex;
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

/// What a moderator publishes in place of the person's own: title, words, and the name and area
/// shown with them (`None`: as the person chose; empty: none shown).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Published {
    pub title: String,
    pub body: String,
    pub name: Option<String>,
    pub area: Option<String>,
}

/// One change to what is published.
#[derive(Clone, Debug)]
pub struct Redaction {
    pub moderator: String,
    pub changed_at: i64,
    /// What was published before; `None` means as the person sent it.
    pub old: Option<Published>,
    pub new: Published,
}

/// Sets what is published, keeping the person's original and recording who changed what, when.
/// False if there is no such story.
pub async fn redact(store: &Store, story_id: &str, new: &Published, moderator: &str) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = store.begin().await?;
    let before = sqlx::query(
        "SELECT published_title, published_body, published_name, published_area FROM stories \
         WHERE id = $1 AND status <> 'withdrawn'",
    )
    .bind(story_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(before) = before else {
        // At once, not when the connection is next used: until then the transaction holds its locks.
        tx.rollback().await?;
        return Ok(false);
    };
    let old = |column: &str| before.try_get::<Option<String>, _>(column);
    let (old_title, old_body) = (old("published_title")?, old("published_body")?);
    let (old_name, old_area) = (old("published_name")?, old("published_area")?);
    sqlx::query(
        "UPDATE stories SET published_title = $1, published_body = $2, published_name = $3, published_area = $4, \
         redacted_by = $5, redacted_at = $6 WHERE id = $7",
    )
    .bind(&new.title)
    .bind(&new.body)
    .bind(&new.name)
    .bind(&new.area)
    .bind(moderator)
    .bind(now)
    .bind(story_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO story_redactions (id, story_id, moderator, changed_at, old_title, old_body, old_name, old_area, \
         new_title, new_body, new_name, new_area) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(random_hex(16))
    .bind(story_id)
    .bind(moderator)
    .bind(now)
    .bind(old_title)
    .bind(old_body)
    .bind(old_name)
    .bind(old_area)
    .bind(&new.title)
    .bind(&new.body)
    .bind(&new.name)
    .bind(&new.area)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Every redaction of a story, oldest first.
pub async fn history(store: &Store, story_id: &str) -> Result<Vec<Redaction>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT moderator, changed_at, old_title, old_body, old_name, old_area, new_title, new_body, new_name, \
         new_area FROM story_redactions WHERE story_id = $1 ORDER BY changed_at, id",
    )
    .bind(story_id)
    .fetch_all(store.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let text = |column: &str| row.try_get::<Option<String>, _>(column);
            let old = match (text("old_title")?, text("old_body")?) {
                (Some(title), Some(body)) => {
                    Some(Published { title, body, name: text("old_name")?, area: text("old_area")? })
                }
                _ => None,
            };
            Ok(Redaction {
                moderator: row.try_get("moderator")?,
                changed_at: row.try_get("changed_at")?,
                old,
                new: Published {
                    title: row.try_get("new_title")?,
                    body: row.try_get("new_body")?,
                    name: text("new_name")?,
                    area: text("new_area")?,
                },
            })
        })
        .collect()
}
