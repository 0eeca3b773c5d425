//! The shapes of a story going into and coming out of the `stories` table.

use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::BTreeMap;
use story_core::consent::NameDisplay;
use story_core::story::answers_within;

/// A checked story ready to store. `answers` is kept as the JSON the person's answers make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewStory {
    pub id: String,
    pub campaign: String,
    pub created_at: i64,
    pub lang: String,
    pub title: String,
    pub body: String,
    pub answers: BTreeMap<String, String>,
    pub share_with_campaign: bool,
    pub publish: bool,
    pub contact: bool,
    pub name_display: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub area: Option<String>,
    pub role: Option<String>,
    /// SHA-256 (hex) of the withdraw token.
    pub delete_token_hash: String,
    /// SHA-256 (hex) of the client's Idempotency-Key.
    pub idempotency_key: String,
}

/// The columns that hold what the sender wrote and chose: a retry under the same idempotency key
/// must repeat all of them to be answered as the same story.
pub(super) const SENT_COLUMNS: &str =
    "id, lang, title, body, answers, share_with_campaign, publish, contact, name_display, name, email, area, role";

impl NewStory {
    /// Whether `row` (the [`SENT_COLUMNS`] of a stored story) holds this same story. `answers` is
    /// this story's answers as the JSON they are stored as.
    pub(super) fn is_stored_in(&self, row: &AnyRow, answers: &str) -> Result<bool, sqlx::Error> {
        let text = |column: &str| row.try_get::<String, _>(column);
        let optional = |column: &str| row.try_get::<Option<String>, _>(column);
        Ok(text("lang")? == self.lang
            && text("title")? == self.title
            && text("body")? == self.body
            && text("answers")? == answers
            && flag(row, "share_with_campaign")? == self.share_with_campaign
            && flag(row, "publish")? == self.publish
            && flag(row, "contact")? == self.contact
            && text("name_display")? == self.name_display
            && optional("name")? == self.name
            && optional("email")? == self.email
            && optional("area")? == self.area
            && optional("role")? == self.role)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    New,
    Approved,
    Rejected,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::New, Status::Approved, Status::Rejected, Status::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A stored story with everything moderators may see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredStory {
    pub id: String,
    pub campaign: String,
    pub created_at: i64,
    pub lang: String,
    pub title: String,
    pub body: String,
    pub answers: BTreeMap<String, String>,
    pub share_with_campaign: bool,
    pub publish: bool,
    pub contact: bool,
    pub name_display: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub area: Option<String>,
    pub role: Option<String>,
    pub status: Status,
    pub published_title: Option<String>,
    pub published_body: Option<String>,
    /// A moderator's change to the name shown: `Some("")` shows none.
    pub published_name: Option<String>,
    /// A moderator's change to the area shown: `Some("")` shows none.
    pub published_area: Option<String>,
    pub redacted_by: Option<String>,
    pub redacted_at: Option<i64>,
    pub moderated_by: Option<String>,
    pub moderated_at: Option<i64>,
}

pub(crate) const STORED_COLUMNS: &str = "id, campaign, created_at, lang, title, body, answers, share_with_campaign, \
    publish, contact, name_display, name, email, area, role, status, published_title, published_body, published_name, \
    published_area, redacted_by, redacted_at, moderated_by, moderated_at";

/// Reads a boolean column: PostgreSQL returns a boolean, SQLite an integer.
pub fn flag(row: &AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    row.try_get::<bool, _>(column).or_else(|_| row.try_get::<i64, _>(column).map(|n| n != 0))
}

fn decode_error(column: &str, message: String) -> sqlx::Error {
    sqlx::Error::ColumnDecode { index: column.into(), source: message.into() }
}

impl StoredStory {
    pub fn from_row(row: &AnyRow) -> Result<StoredStory, sqlx::Error> {
        let answers: String = row.try_get("answers")?;
        let status: String = row.try_get("status")?;
        Ok(StoredStory {
            id: row.try_get("id")?,
            campaign: row.try_get("campaign")?,
            created_at: row.try_get("created_at")?,
            lang: row.try_get("lang")?,
            title: row.try_get("title")?,
            body: row.try_get("body")?,
            answers: serde_json::from_str(&answers).map_err(|e| decode_error("answers", e.to_string()))?,
            share_with_campaign: flag(row, "share_with_campaign")?,
            publish: flag(row, "publish")?,
            contact: flag(row, "contact")?,
            name_display: row.try_get("name_display")?,
            name: row.try_get("name")?,
            email: row.try_get("email")?,
            area: row.try_get("area")?,
            role: row.try_get("role")?,
            status: Status::parse(&status).ok_or_else(|| decode_error("status", format!("unknown status {status}")))?,
            published_title: row.try_get("published_title")?,
            published_body: row.try_get("published_body")?,
            published_name: row.try_get("published_name")?,
            published_area: row.try_get("published_area")?,
            redacted_by: row.try_get("redacted_by")?,
            redacted_at: row.try_get("redacted_at")?,
            moderated_by: row.try_get("moderated_by")?,
            moderated_at: row.try_get("moderated_at")?,
        })
    }

    /// What the wall would show: the redaction where there is one.
    pub fn shown_title(&self) -> &str {
        self.published_title.as_deref().unwrap_or(&self.title)
    }

    pub fn shown_body(&self) -> &str {
        self.published_body.as_deref().unwrap_or(&self.body)
    }

    /// The answers still in the story the wall would show: one a moderator took out of the story
    /// goes from every copy given out with it.
    pub fn shown_answers(&self) -> BTreeMap<String, String> {
        answers_within(self.shown_body(), &self.answers)
    }

    /// The name as the person chose to be named with their story.
    pub fn chosen_name(&self) -> Option<String> {
        chosen_name(&self.name_display, self.name.clone())
    }

    /// The name the wall would show with the story: a moderator's change, else as they chose.
    pub fn shown_name(&self) -> Option<String> {
        shown(self.published_name.clone(), self.chosen_name())
    }

    /// The area the wall would show with the story: a moderator's change, else as they wrote it.
    pub fn shown_area(&self) -> Option<String> {
        shown(self.published_area.clone(), self.area.clone())
    }
}

/// The name as the person chose to be named: in full, by first name, or not at all. Applied on
/// the way out too, so a stored full name never shows where "first" was chosen.
fn chosen_name(display: &str, name: Option<String>) -> Option<String> {
    NameDisplay::from_code(display)?.shown(name.as_deref()?)
}

/// A moderator's version where there is one (empty: nothing shown), else the person's own.
fn shown(published: Option<String>, own: Option<String>) -> Option<String> {
    published.or(own).map(|text| text.trim().to_owned()).filter(|text| !text.is_empty())
}

/// A story as the public wall shows it, as published: no email or role, and the name as the person
/// chose (unless a moderator changed it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PublishedStory {
    pub id: String,
    pub created_at: i64,
    pub lang: String,
    pub title: String,
    pub body: String,
    pub name: Option<String>,
    /// Where they live, as they wrote it; only ever asked for beside the publication choice.
    pub area: Option<String>,
}

impl PublishedStory {
    /// The columns [`PublishedStory::from_row`] reads, with title and body already as published.
    pub(crate) const COLUMNS: &str = "id, created_at, lang, COALESCE(published_title, title) AS title, \
        COALESCE(published_body, body) AS body, name_display, name, area, published_name, published_area";

    pub(crate) fn from_row(row: &AnyRow) -> Result<PublishedStory, sqlx::Error> {
        let display: String = row.try_get("name_display")?;
        Ok(PublishedStory {
            id: row.try_get("id")?,
            created_at: row.try_get("created_at")?,
            lang: row.try_get("lang")?,
            title: row.try_get("title")?,
            body: row.try_get("body")?,
            name: shown(row.try_get("published_name")?, chosen_name(&display, row.try_get("name")?)),
            area: shown(row.try_get("published_area")?, row.try_get("area")?),
        })
    }
}
