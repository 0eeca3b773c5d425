//! Outgoing webhooks: each campaign's endpoints hear of new, approved, updated (redacted after
//! approval) and withdrawn (deleted) stories.
//!
//! Durability: a `story_events` row is recorded in the same transaction as the change: by the
//! store's insert hook for a new story, by database triggers for an approval or a redaction of an
//! approved story (migrations 0002 and 0004, so they hold whichever code makes the change). A
//! deleted story leaves a `story_deletions` row the same way, whichever code deletes it. A worker on every instance fans each event out to
//! one `webhook_outbox` row per endpoint, then claims due rows (`UPDATE ... RETURNING`, with
//! `FOR UPDATE SKIP LOCKED` on PostgreSQL, under a lease) and POSTs them, retrying with
//! exponential backoff and jitter. Delivery is at least once: receivers de-duplicate on
//! `X-StoryBuilder-Event-Id`, and check `X-StoryBuilder-Signature`, an HMAC-SHA256 of
//! `timestamp + "." + body` under the endpoint's secret, with `X-StoryBuilder-Timestamp`
//! (unix seconds) so old requests replayed can be refused.

use crate::campaigns::{Campaigns, WebhookEvent};
use crate::clock::iso as iso_time;
use crate::clock::now_ms;
use crate::store::{Backend, InsertHook, NewStory, Store, StoredStory};
use crate::tokens::{hex, random_hex, random_u64, same_secret};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::{AssertSqlSafe, Row};
use std::collections::HashMap;
use std::time::Duration;

pub const EVENT_NEW: &str = "story.new";
pub const EVENT_APPROVED: &str = "story.approved";
pub const EVENT_UPDATED: &str = "story.updated";
/// Sent to every endpoint, whatever events it chose: a receiver that may hold the story must
/// hear that it is to be deleted.
pub const EVENT_WITHDRAWN: &str = "story.withdrawn";
pub const EVENT_SAFEGUARDING: &str = "story.safeguarding";
pub const SIGNATURE_HEADER: &str = "x-storybuilder-signature";
pub const TIMESTAMP_HEADER: &str = "x-storybuilder-timestamp";
pub const EVENT_ID_HEADER: &str = "x-storybuilder-event-id";
pub const EVENT_HEADER: &str = "x-storybuilder-event";

/// One receiver of a campaign's events.
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub url: String,
    pub secret: String,
    /// `story.new`, `story.approved`, `story.updated` (or `new`, ...); empty means all of them.
    pub events: Vec<String>,
}

impl Endpoint {
    fn wants(&self, event: &str) -> bool {
        let short = event.strip_prefix("story.").unwrap_or(event);
        event == EVENT_WITHDRAWN || self.events.is_empty() || self.events.iter().any(|e| e == event || e == short)
    }
}

/// Every campaign's endpoints, from the campaigns file.
#[derive(Clone, Debug, Default)]
pub struct Directory {
    by_campaign: HashMap<String, Vec<Endpoint>>,
}

impl Directory {
    pub fn new(by_campaign: HashMap<String, Vec<Endpoint>>) -> Self {
        Directory { by_campaign }
    }

    fn endpoints(&self, campaign: &str) -> &[Endpoint] {
        self.by_campaign.get(campaign).map_or(&[], Vec::as_slice)
    }

    /// The secret is looked up at delivery, not stored in the outbox, so it never sits in the database.
    fn secret(&self, campaign: &str, url: &str) -> Option<&str> {
        self.endpoints(campaign).iter().find(|e| e.url == url).map(|e| e.secret.as_str())
    }
}

impl Directory {
    pub fn from_campaigns(campaigns: &Campaigns) -> Self {
        let event = |e: &WebhookEvent| match e {
            WebhookEvent::New => EVENT_NEW.to_owned(),
            WebhookEvent::Approved => EVENT_APPROVED.to_owned(),
            WebhookEvent::Updated => EVENT_UPDATED.to_owned(),
            WebhookEvent::Safeguarding => EVENT_SAFEGUARDING.to_owned(),
        };
        let by_campaign = campaigns
            .iter()
            .filter(|c| !c.webhooks.is_empty())
            .map(|c| {
                let endpoints = c
                    .webhooks
                    .iter()
                    .map(|w| Endpoint {
                        url: w.url.clone(),
                        secret: w.secret.clone(),
                        events: w.events.iter().map(event).collect(),
                    })
                    .collect();
                (c.id.clone(), endpoints)
            })
            .collect();
        Directory { by_campaign }
    }

    /// Whether any endpoint of `campaign` wants `event`: the insert hook records nothing otherwise.
    pub fn wants(&self, campaign: &str, event: &str) -> bool {
        self.endpoints(campaign).iter().any(|e| e.wants(event))
    }
}

/// The hook the store runs inside each new story's insert transaction: records its `story.new`
/// event there, so a stored story and its event commit together (or neither does). Campaigns
/// without an endpoint for new stories pay nothing.
pub fn insert_hook(directory: Directory) -> InsertHook {
    std::sync::Arc::new(move |conn: &mut sqlx::AnyConnection, story: &NewStory| {
        let campaign = &story.sent.campaign;
        let mut events = Vec::new();
        if directory.wants(campaign, EVENT_NEW) {
            events.push(EVENT_NEW);
        }
        if !story.safeguarding.is_empty() && directory.wants(campaign, EVENT_SAFEGUARDING) {
            events.push(EVENT_SAFEGUARDING);
        }
        let story_id = story.id.clone();
        Box::pin(async move {
            for event in events {
                sqlx::query("INSERT INTO story_events (id, story_id, event, created_at) VALUES ($1, $2, $3, $4)")
                    .bind(random_hex(16))
                    .bind(&story_id)
                    .bind(event)
                    .bind(now_ms())
                    .execute(&mut *conn)
                    .await?;
            }
            Ok(())
        })
    })
}

/// `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("sha256={}", hex(&mac.finalize().into_bytes()))
}

/// What a receiver does: recompute the signature and compare in constant time.
pub fn signature_is_valid(secret: &str, timestamp: &str, body: &[u8], signature: &str) -> bool {
    timestamp.parse::<i64>().is_ok_and(|ts| same_secret(&sign(secret, ts, body), signature))
}

/// The JSON a receiver gets: the story as the wall would show it, so a moderator's redaction
/// reaches every receiver, whichever event it is. Their name only if they chose to be named,
/// their email only if they may be contacted.
fn payload(event_id: &str, event: &str, story: &StoredStory, now: i64) -> String {
    serde_json::json!({
        "id": event_id,
        "type": event,
        "created_at": iso_time(now),
        "campaign": story.sent.campaign,
        "story": {
            "id": story.id,
            "received_at": iso_time(story.created_at),
            "language": story.sent.lang,
            "status": story.status.as_str(),
            "title": story.shown_title(),
            "story": story.shown_body(),
            "answers": story.shown_answers(),
            "consent": {
                "share_with_campaign": story.sent.share_with_campaign,
                "may_publish": story.sent.publish,
                "may_contact": story.sent.contact,
            },
            "name": story.shown_name(),
            "email": if story.sent.contact { story.sent.email.as_deref() } else { None },
            "area": story.shown_area(),
            "role": story.sent.role,
            "needs_a_person_first": story.safeguarding,
            "prompts_version": story.sent.prompts_version,
        }
    })
    .to_string()
}

/// What a receiver is told of a deleted story: which one, and nothing of its words.
fn withdrawn_payload(event_id: &str, story_id: &str, campaign: &str, now: i64) -> String {
    serde_json::json!({
        "id": event_id,
        "type": EVENT_WITHDRAWN,
        "created_at": iso_time(now),
        "campaign": campaign,
        "story": { "id": story_id, "status": "withdrawn" },
    })
    .to_string()
}

/// Writes one outbox row per endpoint of `campaign` that wants `event`.
async fn enqueue(
    tx: &mut sqlx::AnyConnection,
    directory: &Directory,
    (event_id, event): (&str, &str),
    (story_id, campaign): (&str, &str),
    body: &str,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let mut queued = 0;
    for (n, endpoint) in directory.endpoints(campaign).iter().enumerate().filter(|(_, e)| e.wants(event)) {
        sqlx::query(
            "INSERT INTO webhook_outbox (id, event_id, story_id, campaign, event, url, payload, created_at, \
             attempts, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $8)",
        )
        .bind(format!("{event_id}.{n}"))
        .bind(event_id)
        .bind(story_id)
        .bind(campaign)
        .bind(event)
        .bind(&endpoint.url)
        .bind(body)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        queued += 1;
    }
    Ok(queued)
}

/// Turns recorded story events and deletions into one outbox row per interested endpoint. Each is
/// taken by deleting it inside the transaction that writes its rows, so two instances never both
/// fan it out.
pub async fn fan_out(store: &Store, directory: &Directory, now: i64) -> Result<usize, sqlx::Error> {
    let mut queued = fan_out_deletions(store, directory, now).await?;
    let events: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, story_id, event FROM story_events ORDER BY created_at, id LIMIT 100")
            .fetch_all(store.pool())
            .await?;
    for (event_id, story_id, event) in events {
        let mut tx = store.begin().await?;
        let taken = sqlx::query("DELETE FROM story_events WHERE id = $1").bind(&event_id).execute(&mut *tx).await?;
        if taken.rows_affected() == 0 {
            continue;
        }
        // Only stories the person chose to share with the campaign leave the collector.
        if let Some(story) = store.get_story(&story_id).await?.filter(|story| story.sent.share_with_campaign) {
            let body = payload(&event_id, &event, &story, now);
            queued +=
                enqueue(&mut tx, directory, (&event_id, &event), (&story.id, &story.sent.campaign), &body, now).await?;
        }
        tx.commit().await?;
    }
    Ok(queued)
}

async fn fan_out_deletions(store: &Store, directory: &Directory, now: i64) -> Result<usize, sqlx::Error> {
    let deletions: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, story_id, campaign FROM story_deletions ORDER BY created_at, id LIMIT 100")
            .fetch_all(store.pool())
            .await?;
    let mut queued = 0;
    for (event_id, story_id, campaign) in deletions {
        let mut tx = store.begin().await?;
        let taken = sqlx::query("DELETE FROM story_deletions WHERE id = $1").bind(&event_id).execute(&mut *tx).await?;
        if taken.rows_affected() == 0 {
            continue;
        }
        let body = withdrawn_payload(&event_id, &story_id, &campaign, now);
        queued += enqueue(&mut tx, directory, (&event_id, EVENT_WITHDRAWN), (&story_id, &campaign), &body, now).await?;
        tx.commit().await?;
    }
    Ok(queued)
}

/// A claimed outbox row, leased to this worker until it reports back.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub id: String,
    pub event_id: String,
    pub campaign: String,
    pub event: String,
    pub url: String,
    pub payload: String,
    pub attempts: i64,
    pub created_at: i64,
}

/// How hard the worker tries.
#[derive(Clone, Debug)]
pub struct Settings {
    pub poll: Duration,
    pub batch: i64,
    /// A claimed row is someone else's to retry if its worker has not reported back by then.
    pub lease: Duration,
    pub request_timeout: Duration,
    pub first_retry: Duration,
    pub max_retry: Duration,
    /// After this long undelivered, an event is left with its last error and no further tries.
    pub give_up_after: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            poll: Duration::from_secs(1),
            batch: 20,
            lease: Duration::from_secs(120),
            request_timeout: Duration::from_secs(15),
            first_retry: Duration::from_secs(10),
            max_retry: Duration::from_secs(60 * 60),
            give_up_after: Duration::from_secs(3 * 24 * 60 * 60),
        }
    }
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// Delay before the next try after `attempts` failures: doubling from `first_retry` up to
/// `max_retry`, then "equal jitter" (half fixed, half random) so many failed rows do not retry
/// in lockstep against a receiver that is coming back up.
pub fn backoff(settings: &Settings, attempts: i64, random: u64) -> i64 {
    let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
    let full = millis(settings.first_retry).saturating_mul(1_i64 << exponent).min(millis(settings.max_retry)).max(2);
    let half = full / 2;
    half + i64::try_from(random % u64::try_from(half + 1).unwrap_or(1)).unwrap_or(0)
}

/// Claims up to `batch` due rows for this worker.
pub async fn claim(store: &Store, settings: &Settings, now: i64) -> Result<Vec<Delivery>, sqlx::Error> {
    // A read first: an idle outbox then costs no write transaction, which on SQLite would
    // queue behind (and delay) the story writer once a second.
    let due: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM webhook_outbox WHERE delivered_at IS NULL AND next_attempt_at <= $1 \
         AND (locked_until IS NULL OR locked_until <= $1) LIMIT 1",
    )
    .bind(now)
    .fetch_optional(store.pool())
    .await?;
    if due.is_none() {
        return Ok(Vec::new());
    }
    let skip_locked = if store.backend() == Backend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
    // The outer WHERE repeats the due test: on PostgreSQL a row another worker claimed meanwhile
    // is re-checked after its lock is released, and so is not claimed twice.
    let sql = format!(
        "UPDATE webhook_outbox SET locked_until = $1, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM webhook_outbox WHERE delivered_at IS NULL AND next_attempt_at <= $2 \
                      AND (locked_until IS NULL OR locked_until <= $2) ORDER BY next_attempt_at LIMIT $3{skip_locked}) \
           AND delivered_at IS NULL AND (locked_until IS NULL OR locked_until <= $2) \
         RETURNING id, event_id, campaign, event, url, payload, attempts, created_at"
    );
    let rows = sqlx::query(AssertSqlSafe(sql))
        .bind(now + millis(settings.lease))
        .bind(now)
        .bind(settings.batch)
        .fetch_all(store.pool())
        .await?;
    rows.iter()
        .map(|row| {
            Ok(Delivery {
                id: row.try_get("id")?,
                event_id: row.try_get("event_id")?,
                campaign: row.try_get("campaign")?,
                event: row.try_get("event")?,
                url: row.try_get("url")?,
                payload: row.try_get("payload")?,
                attempts: row.try_get("attempts")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}

pub fn http_client(settings: &Settings) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(settings.request_timeout)
        // A receiver that redirects is misconfigured; following could send stories somewhere unintended.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("StoryBuilder-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("the HTTP client's fixed settings are valid")
}

/// A webhook's address fit for a log line or an error: its host only, since a receiver's path or
/// query often holds a token of its own.
pub fn host_of(url: &str) -> String {
    reqwest::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_owned)).unwrap_or_else(|| "(no host)".into())
}

/// Why stories cannot be sent to `url`, if they cannot: HTTPS anywhere, plain HTTP only to this
/// machine (a receiver beside the collector), since a story on the open network must be encrypted.
pub fn address_problem(url: &str) -> Option<String> {
    let Ok(parsed) = reqwest::Url::parse(url) else {
        return Some("is not a web address: give it as https://host/path".into());
    };
    let Some(host) = parsed.host_str().filter(|h| !h.is_empty()) else {
        return Some("has no host: give it as https://host/path".into());
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let loopback =
        bare.eq_ignore_ascii_case("localhost") || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" => None,
        "http" if loopback => None,
        "http" => Some("uses plain http://, which would send stories unencrypted: use https://".into()),
        _ => Some("must start with https://".into()),
    }
}

/// POSTs one event; Ok when the receiver answered 2xx.
pub async fn send(client: &reqwest::Client, delivery: &Delivery, secret: &str) -> Result<(), String> {
    let timestamp = now_ms() / 1000;
    let response = client
        .post(&delivery.url)
        .header("content-type", "application/json")
        .header(EVENT_HEADER, &delivery.event)
        .header(EVENT_ID_HEADER, &delivery.event_id)
        .header(TIMESTAMP_HEADER, timestamp.to_string())
        .header(SIGNATURE_HEADER, sign(secret, timestamp, delivery.payload.as_bytes()))
        .body(delivery.payload.clone())
        .send()
        .await
        .map_err(|e| format!("could not reach the receiver: {}", e.without_url()))?;
    let status = response.status();
    if status.is_success() { Ok(()) } else { Err(format!("the receiver answered {status}")) }
}

async fn settle(
    store: &Store,
    settings: &Settings,
    delivery: &Delivery,
    outcome: Result<(), String>,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    match outcome {
        Ok(()) => {
            sqlx::query(
                "UPDATE webhook_outbox SET delivered_at = $1, locked_until = NULL, last_error = NULL WHERE id = $2",
            )
            .bind(now)
            .bind(&delivery.id)
            .execute(store.pool())
            .await?;
        }
        Err(error) => {
            let expired = now - delivery.created_at > millis(settings.give_up_after);
            let next = if expired { i64::MAX } else { now + backoff(settings, delivery.attempts, random_u64()) };
            let error = if expired { format!("gave up after {} tries: {error}", delivery.attempts) } else { error };
            tracing::warn!(
                event = %delivery.event_id,
                host = %host_of(&delivery.url),
                attempt = delivery.attempts,
                %error,
                "webhooks: a delivery failed"
            );
            sqlx::query(
                "UPDATE webhook_outbox SET locked_until = NULL, next_attempt_at = $1, last_error = $2 WHERE id = $3",
            )
            .bind(next)
            .bind(error)
            .bind(&delivery.id)
            .execute(store.pool())
            .await?;
        }
    }
    Ok(())
}

/// What one round of the worker did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub queued: usize,
    pub delivered: usize,
    pub failed: usize,
}

/// One round: fan out new events, then deliver what is due, concurrently.
pub async fn round(
    store: &Store,
    directory: &Directory,
    client: &reqwest::Client,
    settings: &Settings,
) -> Result<Round, sqlx::Error> {
    let mut result = Round { queued: fan_out(store, directory, now_ms()).await?, ..Round::default() };
    let mut sending = tokio::task::JoinSet::new();
    for delivery in claim(store, settings, now_ms()).await? {
        let client = client.clone();
        let secret = directory.secret(&delivery.campaign, &delivery.url).map(str::to_owned);
        sending.spawn(async move {
            let outcome = match secret {
                Some(secret) => send(&client, &delivery, &secret).await,
                None => Err("this endpoint is no longer in the campaigns file".to_owned()),
            };
            (delivery, outcome)
        });
    }
    while let Some(joined) = sending.join_next().await {
        let Ok((delivery, outcome)) = joined else { continue };
        if outcome.is_ok() {
            result.delivered += 1
        } else {
            result.failed += 1
        }
        settle(store, settings, &delivery, outcome).await?;
    }
    Ok(result)
}

/// The delivery worker: runs on every instance for as long as the collector runs.
pub async fn run(store: Store, directory: Directory, settings: Settings) {
    let client = http_client(&settings);
    loop {
        if let Err(error) = round(&store, &directory, &client, &settings).await {
            tracing::error!(%error, "webhooks: the outbox could not be read, will retry");
        }
        tokio::time::sleep(settings.poll).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stories_go_encrypted_except_to_this_machine() {
        for fine in
            ["https://hooks.example.org/in", "http://127.0.0.1:9000/hook", "http://localhost/hook", "http://[::1]:81/"]
        {
            assert_eq!(address_problem(fine), None, "{fine}");
        }
        for (refused, says) in [
            ("http://hooks.example.org/in", "plain http://"),
            ("http://10.0.0.5/in", "plain http://"),
            ("ftp://hooks.example.org/in", "https://"),
            ("hooks.example.org/in", "not a web address"),
        ] {
            assert!(
                address_problem(refused).is_some_and(|p| p.contains(says)),
                "{refused}: {:?}",
                address_problem(refused)
            );
        }
    }

    #[test]
    fn only_the_host_is_told() {
        assert_eq!(host_of("https://hooks.example.org/in?token=abc123"), "hooks.example.org");
        assert_eq!(host_of("not a url"), "(no host)");
    }

    #[test]
    fn signatures_verify_and_bind_the_timestamp() {
        let signature = sign("s3cret", 1_700_000_000, b"{\"a\":1}");
        assert!(signature.starts_with("sha256=") && signature.len() == 7 + 64);
        assert!(signature_is_valid("s3cret", "1700000000", b"{\"a\":1}", &signature));
        assert!(!signature_is_valid("s3cret", "1700000001", b"{\"a\":1}", &signature));
        assert!(!signature_is_valid("other", "1700000000", b"{\"a\":1}", &signature));
    }

    #[test]
    fn signature_matches_a_known_hmac() {
        // HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog") split as "<ts>.<body>".
        let body = b"quick brown fox jumps over the lazy dog";
        let expected = "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
        assert_eq!(sign("key", 0, body), sign("key", 0, body));
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(b"key").unwrap();
        mac.update(b"The quick brown fox jumps over the lazy dog");
        assert_eq!(format!("sha256={}", hex(&mac.finalize().into_bytes())), expected);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let settings = Settings::default();
        for attempts in 1..40 {
            let full = (10_000_i64 << (attempts - 1).min(30)).min(3_600_000);
            for random in [0, 1, u64::MAX / 3, u64::MAX] {
                let delay = backoff(&settings, attempts, random);
                assert!(delay >= full / 2 && delay <= full, "try {attempts}: {delay} outside {}..={full}", full / 2);
            }
        }
    }

    #[test]
    fn endpoints_choose_their_events() {
        let endpoint = |events: &[&str]| Endpoint {
            url: "u".into(),
            secret: "s".into(),
            events: events.iter().map(|e| (*e).to_owned()).collect(),
        };
        assert!(endpoint(&[]).wants(EVENT_NEW));
        assert!(endpoint(&["approved"]).wants(EVENT_APPROVED));
        assert!(!endpoint(&["story.approved"]).wants(EVENT_NEW));
    }
}
