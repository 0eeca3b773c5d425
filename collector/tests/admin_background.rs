//! The collector's background work on real databases: retention purges, and webhooks delivered
//! from the outbox, signed, retried after a failure and accepted exactly once.

mod support;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use collector::admin::moderation::{self, Decision, Published};
use collector::campaigns::Campaigns;
use collector::clock::now_ms;
use collector::retention::{self, Policy, Purged};
use collector::store::{Status, Store};
use collector::webhooks::{self, Directory, Settings};
use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::console::{add_story, campaigns, story};
use support::databases;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

async fn backdate(store: &Store, id: &str, moderated_at: i64) {
    sqlx::query("UPDATE stories SET moderated_at = $1, created_at = $1 WHERE id = $2")
        .bind(moderated_at)
        .bind(id)
        .execute(store.pool())
        .await
        .unwrap();
}

#[tokio::test]
async fn retention_purges_rejected_stories_past_their_campaigns_period_and_withdrawn_leftovers() {
    for db in databases().await {
        let store = &db.store;
        let policy = Policy::from_campaigns(&campaigns(None));
        let now = now_ms();
        let old_rejected = add_story(store, story("socialcarefuture", "Old", "rejected 31 days ago")).await;
        let young_rejected = add_story(store, story("socialcarefuture", "Young", "rejected 29 days ago")).await;
        let other_rejected = add_story(store, story("other", "Other", "rejected 8 days ago, kept 7")).await;
        let old_new = add_story(store, story("socialcarefuture", "Waiting", "new for 100 days")).await;
        let old_approved = add_story(store, story("socialcarefuture", "Approved", "approved 100 days ago")).await;
        let withdrawn = add_story(store, story("socialcarefuture", "Gone", "withdrawn")).await;
        for id in [&old_rejected, &young_rejected, &other_rejected] {
            store.set_status(id, Status::Rejected, "sam").await.unwrap();
        }
        store.set_status(&old_approved, Status::Approved, "sam").await.unwrap();
        store.set_status(&withdrawn, Status::Withdrawn, "sam").await.unwrap();
        let redaction = Published { title: "Old".into(), body: "redacted".into(), ..Published::default() };
        moderation::redact(store, &old_rejected, &redaction, "sam").await.unwrap();
        backdate(store, &old_rejected, now - 31 * DAY_MS).await;
        backdate(store, &young_rejected, now - 29 * DAY_MS).await;
        backdate(store, &other_rejected, now - 8 * DAY_MS).await;
        backdate(store, &old_new, now - 100 * DAY_MS).await;
        backdate(store, &old_approved, now - 100 * DAY_MS).await;

        let purged = retention::purge(store, &policy, now).await.unwrap();
        assert_eq!(purged, Purged { rejected: 2, withdrawn: 1, expired: 0 }, "{}", db.label);
        for (id, kept) in [
            (&old_rejected, false),
            (&young_rejected, true),
            (&other_rejected, false),
            (&old_new, true),
            (&old_approved, true),
            (&withdrawn, false),
        ] {
            assert_eq!(store.get_story(id).await.unwrap().is_some(), kept, "{}: {id}", db.label);
        }
        let history: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM story_redactions").fetch_one(store.pool()).await.unwrap();
        assert_eq!(history, 0, "a purged story's redaction history goes with it");
        assert_eq!(retention::purge(store, &policy, now).await.unwrap(), Purged::default());
    }
}

#[tokio::test]
async fn a_campaign_can_keep_every_story_only_for_its_retention_period() {
    for db in databases().await {
        let store = &db.store;
        let text = "[[campaign]]\nid = \"socialcarefuture\"\nname = \"A\"\nretention_days = 30\n\
                    retention_applies_to = \"all\"\n[[campaign]]\nid = \"other\"\nname = \"B\"\nretention_days = 30\n";
        let policy = Policy::from_campaigns(&Campaigns::parse(text, "test").unwrap());
        let now = now_ms();
        let old_approved = add_story(store, story("socialcarefuture", "Approved", "sent 31 days ago")).await;
        let old_new = add_story(store, story("socialcarefuture", "Waiting", "sent 31 days ago")).await;
        let young = add_story(store, story("socialcarefuture", "Young", "sent 29 days ago")).await;
        let other_old = add_story(store, story("other", "Other", "sent 31 days ago, rejected-only campaign")).await;
        store.set_status(&old_approved, Status::Approved, "sam").await.unwrap();
        for id in [&old_approved, &old_new, &other_old] {
            backdate(store, id, now - 31 * DAY_MS).await;
        }
        backdate(store, &young, now - 29 * DAY_MS).await;

        // A receiver already holds the approved one.
        sqlx::query(
            "INSERT INTO webhook_outbox (id, event_id, story_id, campaign, event, url, payload, created_at, \
             attempts, next_attempt_at, delivered_at) \
             VALUES ('o1', 'e1', $1, 'socialcarefuture', 'story.approved', 'http://127.0.0.1/hook', '{}', 0, 1, 0, 1)",
        )
        .bind(&old_approved)
        .execute(store.pool())
        .await
        .unwrap();

        let purged = retention::purge(store, &policy, now).await.unwrap();
        assert_eq!(purged, Purged { rejected: 0, withdrawn: 0, expired: 2 }, "{}", db.label);
        for (id, kept) in [(&old_approved, false), (&old_new, false), (&young, true), (&other_old, true)] {
            assert_eq!(store.get_story(id).await.unwrap().is_some(), kept, "{}: {id}", db.label);
        }
        let told: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM story_deletions").fetch_one(store.pool()).await.unwrap();
        assert_eq!(told, 1, "{}: the receiver holding one is told to delete it", db.label);
        let error = Campaigns::parse(&text.replace("\"all\"", "\"everything\""), "test").unwrap_err();
        assert!(error.contains("retention_applies_to") || error.contains("everything"), "{error}");
    }
}

/// What the test receiver saw: each request's headers and body, and what it answered.
#[derive(Clone, Default)]
struct Receiver {
    requests: Arc<Mutex<Vec<(HeaderMap, Bytes, StatusCode)>>>,
    /// Answer 500 to this many requests first.
    failures_left: Arc<Mutex<u32>>,
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let status = {
        let mut left = receiver.failures_left.lock().unwrap();
        if *left > 0 {
            *left -= 1;
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            StatusCode::NO_CONTENT
        }
    };
    receiver.requests.lock().unwrap().push((headers, body, status));
    status
}

async fn start_receiver(failures: u32) -> (String, Receiver) {
    let receiver = Receiver { failures_left: Arc::new(Mutex::new(failures)), ..Receiver::default() };
    let app = Router::new().route("/hook", post(receive)).with_state(receiver.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, receiver)
}

fn quick() -> Settings {
    Settings { first_retry: Duration::from_millis(50), max_retry: Duration::from_millis(200), ..Settings::default() }
}

const SECRET: &str = "receiver's shared secret";

#[tokio::test]
async fn webhooks_are_signed_retried_and_accepted_exactly_once() {
    for db in databases().await {
        let store = &db.store;
        let (url, receiver) = start_receiver(1).await;
        let directory = Directory::from_campaigns(&campaigns(Some((&url, SECRET))));
        assert!(store.set_insert_hook(webhooks::insert_hook(directory.clone())));
        let settings = quick();
        let client = webhooks::http_client(&settings);

        let id = add_story(store, story("socialcarefuture", "<b>New</b>", "A new story")).await;
        add_story(store, story("other", "Elsewhere", "no webhook for this campaign")).await;
        let first = webhooks::round(store, &directory, &client, &settings).await.unwrap();
        assert_eq!((first.queued, first.delivered, first.failed), (1, 0, 1), "{}", db.label);
        tokio::time::sleep(Duration::from_millis(250)).await;
        let second = webhooks::round(store, &directory, &client, &settings).await.unwrap();
        assert_eq!((second.delivered, second.failed), (1, 0), "{}", db.label);
        for _ in 0..3 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let idle = webhooks::round(store, &directory, &client, &settings).await.unwrap();
            assert_eq!(idle, webhooks::Round::default(), "nothing is sent twice");
        }

        let requests = receiver.requests.lock().unwrap().clone();
        assert_eq!(requests.len(), 2, "one failure, then one success");
        let event_ids: Vec<&str> =
            requests.iter().map(|(h, _, _)| h["x-storybuilder-event-id"].to_str().unwrap()).collect();
        assert_eq!(event_ids[0], event_ids[1], "a retry carries the same event id");
        for (headers, body, _) in &requests {
            let timestamp = headers["x-storybuilder-timestamp"].to_str().unwrap();
            let signature = headers["x-storybuilder-signature"].to_str().unwrap();
            assert!(webhooks::signature_is_valid(SECRET, timestamp, body, signature), "{signature}");
            assert!(!webhooks::signature_is_valid("another secret", timestamp, body, signature));
            assert!((timestamp.parse::<i64>().unwrap() - now_ms() / 1000).abs() < 60);
            assert_eq!(headers["x-storybuilder-event"], "story.new");
            assert_eq!(headers["content-type"], "application/json");
        }
        let payload: serde_json::Value = serde_json::from_slice(&requests[1].1).unwrap();
        assert_eq!(payload["type"], "story.new");
        assert_eq!(payload["id"], event_ids[0]);
        assert_eq!(payload["story"]["id"], id.as_str());
        assert_eq!(payload["story"]["title"], "<b>New</b>");
        assert_eq!(payload["story"]["name"], "Sam", "only the first name, as chosen");

        // Approval records its event in the same statement (a trigger); the worker sends it.
        let published = Published {
            title: "Published".into(),
            body: "The published words".into(),
            name: Some("A neighbour".into()),
            area: Some(String::new()),
        };
        moderation::redact(store, &id, &published, "sam").await.unwrap();
        assert!(moderation::decide(store, &id, Decision::Approve, "sam").await.unwrap());
        let third = webhooks::round(store, &directory, &client, &settings).await.unwrap();
        assert_eq!((third.queued, third.delivered), (1, 1), "{}", db.label);
        let requests = receiver.requests.lock().unwrap().clone();
        let approved: serde_json::Value = serde_json::from_slice(&requests[2].1).unwrap();
        assert_eq!(approved["type"], "story.approved");
        assert_eq!(approved["story"]["story"], "The published words");
        assert_eq!((&approved["story"]["name"], &approved["story"]["area"]), (&json!("A neighbour"), &json!(null)));
        assert_ne!(approved["id"], payload["id"]);
    }
}

#[tokio::test]
async fn a_story_that_may_tell_of_harm_reaches_the_safeguarding_contact_and_only_them() {
    for db in databases().await {
        let store = &db.store;
        let (everything, general) = start_receiver(0).await;
        let (lead, safeguarding) = start_receiver(0).await;
        let text = format!(
            "[[campaign]]\nid = \"socialcarefuture\"\nname = \"S\"\n[[campaign.webhooks]]\nurl = \"{everything}\"\n\
             secret = \"{SECRET}\"\n[[campaign.webhooks]]\nurl = \"{lead}\"\nsecret = \"{SECRET}\"\nevents = [\"safeguarding\"]\n"
        );
        let directory = Directory::from_campaigns(&Campaigns::parse(&text, "test").unwrap());
        store.set_insert_hook(webhooks::insert_hook(directory.clone()));
        let settings = quick();
        let client = webhooks::http_client(&settings);

        let mut harm = story("socialcarefuture", "Evenings", "When he drinks he hit me.");
        harm.safeguarding = vec!["hit me".into()];
        let flagged = add_story(store, harm).await;
        add_story(store, story("socialcarefuture", "Mornings", "Tea and the radio.")).await;
        let round = webhooks::round(store, &directory, &client, &settings).await.unwrap();
        assert_eq!((round.delivered, round.failed), (3, 0), "{}", db.label);

        let heard = |receiver: &Receiver| -> Vec<(String, serde_json::Value)> {
            let requests = receiver.requests.lock().unwrap().clone();
            let event = |h: &HeaderMap| h["x-storybuilder-event"].to_str().unwrap().to_owned();
            requests.iter().map(|(h, body, _)| (event(h), serde_json::from_slice(body).unwrap())).collect()
        };
        let to_lead = heard(&safeguarding);
        assert_eq!(to_lead.len(), 1, "only the story that may tell of harm, {}", db.label);
        let (event, payload) = &to_lead[0];
        assert_eq!((event.as_str(), payload["story"]["id"].as_str()), ("story.safeguarding", Some(flagged.as_str())));
        assert_eq!(payload["story"]["needs_a_person_first"], json!(["hit me"]));
        let to_all: Vec<String> = heard(&general).into_iter().map(|(event, _)| event).collect();
        assert_eq!(to_all, ["story.new", "story.new"], "an endpoint that did not ask for it is not sent it");
    }
}

#[tokio::test]
async fn receivers_are_told_to_delete_a_story_they_were_sent_once_it_is_withdrawn() {
    for db in databases().await {
        let store = &db.store;
        let (url, receiver) = start_receiver(0).await;
        let directory = Directory::from_campaigns(&campaigns(Some((&url, SECRET))));
        store.set_insert_hook(webhooks::insert_hook(directory.clone()));
        let settings = quick();
        let client = webhooks::http_client(&settings);
        let mut sent = story("socialcarefuture", "Sent", "my words, delivered");
        sent.delete_token_hash = "token-hash".into();
        let id = add_story(store, sent).await;
        let first = webhooks::round(store, &directory, &client, &settings).await.unwrap();
        assert_eq!(first.delivered, 1, "{}", db.label);
        assert!(store.withdraw(&id, "token-hash").await.unwrap());
        let second = webhooks::round(store, &directory, &client, &settings).await.unwrap();
        assert_eq!((second.queued, second.delivered), (1, 1), "{}", db.label);
        let idle = webhooks::round(store, &directory, &client, &settings).await.unwrap();
        assert_eq!(idle, webhooks::Round::default(), "{}: told once", db.label);

        let requests = receiver.requests.lock().unwrap().clone();
        let (headers, body, _) = &requests[1];
        assert_eq!(headers["x-storybuilder-event"], "story.withdrawn", "{}", db.label);
        let timestamp = headers["x-storybuilder-timestamp"].to_str().unwrap();
        let signature = headers["x-storybuilder-signature"].to_str().unwrap();
        assert!(webhooks::signature_is_valid(SECRET, timestamp, body, signature), "signed like every event");
        let event: serde_json::Value = serde_json::from_slice(body).unwrap();
        assert_eq!((&event["type"], &event["story"]["id"]), (&json!("story.withdrawn"), &json!(id)));
        assert!(!String::from_utf8_lossy(body).contains("my words"), "nothing of the story: {event}");
    }
}

#[tokio::test]
async fn withdrawn_or_unshared_stories_are_never_sent() {
    for db in databases().await {
        let store = &db.store;
        let (url, receiver) = start_receiver(0).await;
        let directory = Directory::from_campaigns(&campaigns(Some((&url, SECRET))));
        store.set_insert_hook(webhooks::insert_hook(directory.clone()));
        let settings = quick();
        let client = webhooks::http_client(&settings);
        let mut new = story("socialcarefuture", "Soon gone", "withdrawn at once");
        new.delete_token_hash = "token-hash".into();
        let id = add_story(store, new).await;
        assert!(store.withdraw(&id, "token-hash").await.unwrap());
        let mut unshared = story("socialcarefuture", "Not for the campaign", "only for the wall");
        unshared.sent.share_with_campaign = false;
        let unshared = add_story(store, unshared).await;
        assert!(moderation::decide(store, &unshared, Decision::Approve, "sam").await.unwrap());
        let round = webhooks::round(store, &directory, &client, &settings).await.unwrap();
        assert_eq!(round, webhooks::Round::default(), "{}", db.label);
        assert!(receiver.requests.lock().unwrap().is_empty());
    }
}

#[tokio::test]
async fn workers_on_several_instances_never_send_an_event_twice() {
    for db in databases().await {
        let store = &db.store;
        let (url, receiver) = start_receiver(0).await;
        let directory = Directory::from_campaigns(&campaigns(Some((&url, SECRET))));
        store.set_insert_hook(webhooks::insert_hook(directory.clone()));
        let settings = quick();
        for n in 0..12 {
            add_story(store, story("socialcarefuture", &format!("Story {n}"), "text")).await;
        }
        let workers: Vec<_> = (0..3)
            .map(|_| {
                let (store, directory, settings) = (store.clone(), directory.clone(), settings.clone());
                tokio::spawn(async move {
                    let client = webhooks::http_client(&settings);
                    let mut delivered = 0;
                    for _ in 0..5 {
                        delivered += webhooks::round(&store, &directory, &client, &settings).await.unwrap().delivered;
                    }
                    delivered
                })
            })
            .collect();
        let mut delivered = 0;
        for worker in workers {
            delivered += worker.await.unwrap();
        }
        assert_eq!(delivered, 12, "{}", db.label);
        let requests = receiver.requests.lock().unwrap().clone();
        let mut ids: Vec<String> =
            requests.iter().map(|(h, _, _)| h["x-storybuilder-event-id"].to_str().unwrap().to_owned()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!((requests.len(), ids.len()), (12, 12), "{}", db.label);
    }
}
