//! The one email a storyteller may get: when their story is published, if they agreed to be
//! contacted and left an address, through the campaign's own SMTP server (`[campaign.email]`).
//! Never otherwise, and never twice: the story is marked before the email is sent, and the mark is
//! taken off again only if the server did not take it. The log names the story, never the address.

use crate::campaigns::{Campaign, EmailSettings};
use crate::clock::now_ms;
use crate::store::Store;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::Row;

/// Sends the email for a story just approved, if one is due. Errors are logged, not returned: a
/// moderator's approval stands whether or not the email went.
pub async fn on_publication(store: &Store, campaign: &Campaign, story_id: &str) {
    let Some(settings) = &campaign.email else { return };
    match send_once(store, campaign, settings, story_id).await {
        Ok(true) => tracing::info!(story = story_id, "the storyteller was emailed that their story is published"),
        Ok(false) => {}
        Err(error) => {
            tracing::warn!(story = story_id, reason = error.reason(), "the publication email could not be sent")
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum EmailError {
    #[error("the database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the message: {0}")]
    Message(String),
    #[error("the SMTP server: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

impl EmailError {
    /// What went wrong, for the log: never the server's own words, which may repeat the address.
    fn reason(&self) -> String {
        match self {
            EmailError::Database(error) => format!("the database: {error}"),
            EmailError::Message(_) => "the message could not be made (the address or sender is not valid)".into(),
            EmailError::Smtp(error) => {
                let code = error.status().map(|code| format!(" (SMTP {code})")).unwrap_or_default();
                let kind = if error.is_permanent() {
                    "the mail server refused it"
                } else if error.is_transient() {
                    "the mail server said to try later"
                } else {
                    "the mail server could not be reached"
                };
                format!("{kind}{code}")
            }
        }
    }
}

/// True when an email went now; false when none was due (not published, no consent or address, or
/// already sent).
async fn send_once(
    store: &Store,
    campaign: &Campaign,
    settings: &EmailSettings,
    story_id: &str,
) -> Result<bool, EmailError> {
    let claimed = sqlx::query(
        "UPDATE stories SET published_email_at = $1 WHERE id = $2 AND published_email_at IS NULL \
         AND status = 'approved' AND publish = $3 AND contact = $3 AND email IS NOT NULL AND email <> ''",
    )
    .bind(now_ms())
    .bind(story_id)
    .bind(true)
    .execute(store.pool())
    .await?;
    if claimed.rows_affected() == 0 {
        return Ok(false);
    }
    let sent = async {
        let row = sqlx::query("SELECT email, name, title, published_title FROM stories WHERE id = $1")
            .bind(story_id)
            .fetch_one(store.pool())
            .await?;
        let email: String = row.try_get("email")?;
        let title: Option<String> = row.try_get("published_title")?;
        let title = match title {
            Some(title) => title,
            None => row.try_get("title")?,
        };
        let message = message(campaign, settings, &email, &title)?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url)?.build();
        transport.send(message).await?;
        Ok::<(), EmailError>(())
    }
    .await;
    if let Err(error) = sent {
        // Not taken by the server: unmarked, so a later approval can try again.
        let _ = sqlx::query("UPDATE stories SET published_email_at = NULL WHERE id = $1")
            .bind(story_id)
            .execute(store.pool())
            .await;
        return Err(error);
    }
    Ok(true)
}

fn message(campaign: &Campaign, settings: &EmailSettings, to: &str, title: &str) -> Result<Message, EmailError> {
    let bad = |e: &dyn std::fmt::Display| EmailError::Message(e.to_string());
    let from: Mailbox = settings.from.parse().map_err(|e| bad(&e))?;
    let to: Mailbox = to.parse().map_err(|e| bad(&e))?;
    let wall = campaign.link.as_deref().map(|link| format!(" You can see it at {link}.")).unwrap_or_default();
    let body = format!(
        "Thank you for sharing your story, “{title}”, with {name}.\n\n\
         It is now published on the campaign's story wall.{wall}\n\n\
         You said we could contact you about your story: this is the only email we send about it.\n\n\
         {name}",
        name = campaign.name
    );
    Message::builder()
        .from(from)
        .to(to)
        .subject(format!("Your story is published – {}", campaign.name))
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| bad(&e))
}
