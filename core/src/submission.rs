//! Sending a story to the campaign: what is sent, what each answer from the collector means,
//! and when to try again. The widget does the fetching; the decisions live here.

use miniserde::json::{self, Value};

/// Where a submission stands. Kept in the draft, so a reload resumes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Submission {
    /// Made for each version of the story that is sent, so a retry can never store it twice.
    pub idempotency_key: Option<String>,
    /// The story exactly as sent with that key: every attempt sends these same bytes, so words
    /// changed while a story waits go only with a new key, when the person sends them.
    pub payload: Option<String>,
    pub state: SendState,
    /// Failed attempts so far; the wait before the next one grows with it.
    pub attempts: u32,
    /// The collector's reference and the token that withdraws the story, once it is stored.
    pub receipt: Option<Receipt>,
    /// The collector's own words when it refused the story.
    pub problem: Option<String>,
    /// Seconds the collector asked us to wait (HTTP 429).
    pub retry_after: Option<u32>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub enum SendState {
    #[default]
    #[serde(rename = "not-sent")]
    NotSent,
    #[serde(rename = "sending")]
    Sending,
    /// Offline, or the collector failed: queued on the device and retried.
    #[serde(rename = "waiting")]
    Waiting,
    #[serde(rename = "sent")]
    Sent,
    /// The collector refused it for a reason the person can fix (or must wait out).
    #[serde(rename = "refused")]
    Refused,
    #[serde(rename = "withdrawn")]
    Withdrawn,
}

#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Receipt {
    pub id: String,
    pub delete_token: String,
}

/// What one answer from the collector means for the story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Stored(Receipt),
    /// Try again later: the network, or the collector, is having trouble.
    TryAgain,
    /// Too many stories from here just now; wait this many seconds.
    SlowDown(u32),
    /// Refused: the collector's message, written for the person.
    Refused(String),
}

/// Reads the collector's answer. `status` 0 means no answer at all (offline, unreachable).
pub fn outcome(status: u16, retry_after: Option<&str>, body: &str) -> Outcome {
    match status {
        200 | 201 => match receipt(body) {
            Some(receipt) => Outcome::Stored(receipt),
            None => Outcome::TryAgain,
        },
        429 => Outcome::SlowDown(retry_after.and_then(|s| s.trim().parse().ok()).unwrap_or(60)),
        400..=499 => Outcome::Refused(
            problem_message(body).unwrap_or_else(|| format!("The campaign refused the story ({status}).")),
        ),
        _ => Outcome::TryAgain,
    }
}

fn receipt(body: &str) -> Option<Receipt> {
    let Ok(Value::Object(fields)) = json::from_str::<Value>(body) else { return None };
    let text = |key: &str| match fields.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    Some(Receipt { id: text("id")?, delete_token: text("delete_token")? })
}

/// The person-facing sentence of an `application/problem+json` body: its `detail`, else `title`.
pub fn problem_message(body: &str) -> Option<String> {
    let Ok(Value::Object(fields)) = json::from_str::<Value>(body) else { return None };
    ["detail", "title"].iter().find_map(|key| match fields.get(*key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    })
}

/// Seconds to wait before attempt `attempts + 1`: 2, 4, 8 … up to 5 minutes.
pub fn backoff_seconds(attempts: u32) -> u32 {
    2u32.saturating_pow(attempts.clamp(1, 9)).min(300)
}

impl Submission {
    /// Applies the collector's answer to an attempt.
    pub fn record(&mut self, outcome: Outcome) {
        self.retry_after = None;
        self.problem = None;
        match outcome {
            Outcome::Stored(receipt) => {
                self.state = SendState::Sent;
                self.receipt = Some(receipt);
                self.attempts = 0;
            }
            Outcome::TryAgain => {
                self.state = SendState::Waiting;
                self.attempts += 1;
            }
            Outcome::SlowDown(seconds) => {
                self.state = SendState::Refused;
                self.retry_after = Some(seconds);
            }
            Outcome::Refused(message) => {
                self.state = SendState::Refused;
                self.problem = Some(message);
            }
        }
    }

    /// Whether the device should (re)send: a queued story, not one already stored or refused.
    pub fn is_queued(&self) -> bool {
        matches!(self.state, SendState::Sending | SendState::Waiting)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_story_gives_its_reference_and_delete_token() {
        let outcome = outcome(201, None, r#"{"id":"st_123","delete_token":"tok"}"#);
        assert_eq!(outcome, Outcome::Stored(Receipt { id: "st_123".into(), delete_token: "tok".into() }));
        let mut submission = Submission::default();
        submission.record(outcome);
        assert_eq!(submission.state, SendState::Sent);
        assert!(!submission.is_queued());
    }

    #[test]
    fn offline_and_server_trouble_queue_the_story_with_growing_waits() {
        for status in [0, 500, 502, 503, 504] {
            assert_eq!(outcome(status, None, ""), Outcome::TryAgain, "{status}");
        }
        assert_eq!(outcome(201, None, "not json"), Outcome::TryAgain, "a stored story always has a receipt");
        let mut submission = Submission::default();
        submission.record(Outcome::TryAgain);
        submission.record(Outcome::TryAgain);
        assert!(submission.is_queued());
        assert_eq!(submission.attempts, 2);
        let waits: Vec<u32> = (1..=10).map(backoff_seconds).collect();
        assert_eq!(waits, [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
    }

    #[test]
    fn refusals_carry_the_collectors_own_words() {
        let body =
            r#"{"type":"about:blank","title":"Invalid field","status":422,"detail":"Enter a title for your story"}"#;
        assert_eq!(outcome(422, None, body), Outcome::Refused("Enter a title for your story".into()));
        assert_eq!(
            outcome(413, None, r#"{"title":"Your story is too long to send"}"#),
            Outcome::Refused("Your story is too long to send".into())
        );
        assert_eq!(outcome(400, None, "<html>"), Outcome::Refused("The campaign refused the story (400).".into()));
        assert_eq!(outcome(429, Some("17"), ""), Outcome::SlowDown(17));
        assert_eq!(outcome(429, None, ""), Outcome::SlowDown(60));
    }
}
