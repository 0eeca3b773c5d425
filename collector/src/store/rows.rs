//! The shapes of a story going into and coming out of the `stories` table.

use serde::Serialize;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Row};
use std::collections::BTreeMap;
use story_core::consent::NameDisplay;
use story_core::story::answers_within;
use story_core::wire::story::IncomingStory;
use story_core::wire::wall::PublishedStory;

/// The columns of what the person wrote and chose, in the order [`SentStory::bind`] binds them
/// and named as [`SentStory::from_row`] reads them: the one list the writer and readers share.
macro_rules! sent_columns {
    () => {
        "campaign, lang, title, body, answers, share_with_campaign, publish, contact, name_display, name, email, \
         area, role, prompts_version"
    };
}

/// What the person sent and chose, as it is stored: built from the checked incoming story. A retry
/// under the same idempotency key must repeat all of it to be answered as the same story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentStory {
    pub campaign: String,
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
    /// Which version of the campaign's questions the story answers; none from an older widget.
    pub prompts_version: Option<String>,
}

impl From<IncomingStory> for SentStory {
    fn from(story: IncomingStory) -> SentStory {
        SentStory {
            name: story.shown_name(),
            lang: story.lang.code().to_owned(),
            title: story.title.trim().to_owned(),
            // What the person approved on the check page is the body; an answer they edited away
            // there is not kept, even from a widget that still sends it.
            answers: answers_within(&story.body, &story.answers),
            body: story.body.trim().to_owned(),
            share_with_campaign: story.share_with_campaign,
            publish: story.publish,
            contact: story.contact,
            name_display: story.name_display.code().to_owned(),
            email: story.email.filter(|_| story.contact),
            campaign: story.campaign,
            area: story.area,
            role: story.role,
            prompts_version: story.prompts_version,
        }
    }
}

type AnyQuery<'q> = Query<'q, Any, AnyArguments>;

impl SentStory {
    pub(super) const COLUMNS: &str = sent_columns!();

    /// The prompt ids the story answers, comma-separated, or None: stored beside the answers so
    /// the dashboard counts them without reading every story's text.
    pub(super) fn answered(&self) -> Option<String> {
        let ids: Vec<&str> =
            self.answers.iter().filter(|(_, text)| !text.trim().is_empty()).map(|(id, _)| id.as_str()).collect();
        (!ids.is_empty()).then(|| ids.join(","))
    }

    /// Binds the [`SentStory::COLUMNS`], in order. `answers` is the JSON the answers are stored as.
    pub(super) fn bind<'q>(&'q self, query: AnyQuery<'q>, answers: &'q str) -> AnyQuery<'q> {
        query
            .bind(&self.campaign)
            .bind(&self.lang)
            .bind(&self.title)
            .bind(&self.body)
            .bind(answers)
            .bind(self.share_with_campaign)
            .bind(self.publish)
            .bind(self.contact)
            .bind(&self.name_display)
            .bind(&self.name)
            .bind(&self.email)
            .bind(&self.area)
            .bind(&self.role)
            .bind(&self.prompts_version)
    }

    pub(super) fn from_row(row: &AnyRow) -> Result<SentStory, sqlx::Error> {
        let answers: String = row.try_get("answers")?;
        Ok(SentStory {
            campaign: row.try_get("campaign")?,
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
            prompts_version: row.try_get("prompts_version")?,
        })
    }
}

/// A checked story ready to store: what the person sent, and what the collector gave it on arrival.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewStory {
    pub id: String,
    pub created_at: i64,
    pub sent: SentStory,
    /// SHA-256 (hex) of the withdraw token.
    pub delete_token_hash: String,
    /// SHA-256 (hex) of the client's Idempotency-Key.
    pub idempotency_key: String,
    /// The words that may tell of harm (story_core::safeguarding): a person looks first.
    pub safeguarding: Vec<String>,
}

impl NewStory {
    /// The columns an insert fills, in the order [`NewStory::bind`] binds them.
    pub(super) const COLUMNS: &str =
        concat!("id, created_at, ", sent_columns!(), ", delete_token_hash, idempotency_key, safeguarding, answered");

    /// `safeguarding` is the phrases' JSON (NULL when there are none, so a query can ask `IS NULL`).
    pub(super) fn bind<'q>(
        &'q self,
        query: AnyQuery<'q>,
        answers: &'q str,
        safeguarding: &'q Option<String>,
    ) -> AnyQuery<'q> {
        self.sent
            .bind(query.bind(&self.id).bind(self.created_at), answers)
            .bind(&self.delete_token_hash)
            .bind(&self.idempotency_key)
            .bind(safeguarding)
            .bind(self.sent.answered())
    }
}

/// A list as stored (safeguarding phrases, themes): a JSON array, or NULL for none.
pub(super) fn list_json(items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| serde_json::to_string(items).expect("a list of strings is JSON"))
}

fn json_list(row: &AnyRow, column: &str) -> Result<Vec<String>, sqlx::Error> {
    match row.try_get::<Option<String>, _>(column)? {
        Some(json) => serde_json::from_str(&json).map_err(|e| decode_error(column, e.to_string())),
        None => Ok(Vec::new()),
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredStory {
    pub id: String,
    pub created_at: i64,
    pub sent: SentStory,
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
    /// The words that may tell of harm: when any, a person looks first.
    pub safeguarding: Vec<String>,
    /// The campaign's themes a moderator tagged it with, in the campaign's order.
    pub themes: Vec<String>,
    /// When the one email telling the storyteller it was published went, if it has.
    pub published_email_at: Option<i64>,
}

pub(crate) const STORED_COLUMNS: &str = concat!(
    "id, created_at, ",
    sent_columns!(),
    ", status, published_title, published_body, published_name, published_area, redacted_by, redacted_at, \
     moderated_by, moderated_at, safeguarding, themes, published_email_at"
);

/// Reads a boolean column: PostgreSQL returns a boolean, SQLite an integer.
pub fn flag(row: &AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    row.try_get::<bool, _>(column).or_else(|_| row.try_get::<i64, _>(column).map(|n| n != 0))
}

fn decode_error(column: &str, message: String) -> sqlx::Error {
    sqlx::Error::ColumnDecode { index: column.into(), source: message.into() }
}

impl StoredStory {
    pub fn from_row(row: &AnyRow) -> Result<StoredStory, sqlx::Error> {
        let status: String = row.try_get("status")?;
        Ok(StoredStory {
            id: row.try_get("id")?,
            created_at: row.try_get("created_at")?,
            sent: SentStory::from_row(row)?,
            status: Status::parse(&status).ok_or_else(|| decode_error("status", format!("unknown status {status}")))?,
            published_title: row.try_get("published_title")?,
            published_body: row.try_get("published_body")?,
            published_name: row.try_get("published_name")?,
            published_area: row.try_get("published_area")?,
            redacted_by: row.try_get("redacted_by")?,
            redacted_at: row.try_get("redacted_at")?,
            moderated_by: row.try_get("moderated_by")?,
            moderated_at: row.try_get("moderated_at")?,
            safeguarding: json_list(row, "safeguarding")?,
            themes: json_list(row, "themes")?,
            published_email_at: row.try_get("published_email_at")?,
        })
    }

    /// What the wall would show: the redaction where there is one.
    pub fn shown_title(&self) -> &str {
        self.published_title.as_deref().unwrap_or(&self.sent.title)
    }

    pub fn shown_body(&self) -> &str {
        self.published_body.as_deref().unwrap_or(&self.sent.body)
    }

    /// The answers still in the story the wall would show: one a moderator took out of the story
    /// goes from every copy given out with it.
    pub fn shown_answers(&self) -> BTreeMap<String, String> {
        answers_within(self.shown_body(), &self.sent.answers)
    }

    /// The name as the person chose to be named with their story.
    pub fn chosen_name(&self) -> Option<String> {
        chosen_name(&self.sent.name_display, self.sent.name.clone())
    }

    /// The name the wall would show with the story: a moderator's change, else as they chose.
    pub fn shown_name(&self) -> Option<String> {
        shown(self.published_name.clone(), self.chosen_name())
    }

    /// The area the wall would show with the story: a moderator's change, else as they wrote it.
    pub fn shown_area(&self) -> Option<String> {
        shown(self.published_area.clone(), self.sent.area.clone())
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

/// The columns [`published_from_row`] reads, with title and body already as published.
pub(crate) const PUBLISHED_COLUMNS: &str = "id, created_at, lang, COALESCE(published_title, title) AS title, \
    COALESCE(published_body, body) AS body, name_display, name, area, published_name, published_area";

/// A story as the wall shows it: the name as the person chose (unless a moderator changed it).
pub(crate) fn published_from_row(row: &AnyRow) -> Result<PublishedStory, sqlx::Error> {
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
