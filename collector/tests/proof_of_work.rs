//! A campaign with `proof_of_work = N`: challenges, and stories refused without a fresh, solved one.

mod support;

use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use collector::proof_of_work::{ProofOfWork, Refusal};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use story_core::proof_of_work::{header_value, meets};
use support::api::{Harness, key, story, unlimited};

on_both! {
    a_solved_challenge_lets_a_story_in_once(unlimited());
    an_expired_challenge_is_refused(unlimited());
    missing_wrong_and_forged_proofs_are_refused(unlimited());
    campaigns_without_proof_of_work_need_none(unlimited());
}

fn guarded_story() -> Value {
    let mut story = story();
    story["campaign"] = json!("guarded");
    story
}

async fn fetch_challenge(h: &Harness, campaign: &str) -> (String, u32) {
    let reply = h.get(&format!("/api/v1/campaigns/{campaign}/challenge")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.headers["cache-control"], "no-store");
    assert!(reply.body["expires_at"].as_u64().unwrap() > support::api::now_ms());
    (reply.body["challenge"].as_str().unwrap().to_owned(), reply.body["difficulty"].as_u64().unwrap() as u32)
}

fn solve(challenge: &str, difficulty: u32) -> String {
    (0u64..).map(|n| header_value(challenge, n)).find(|h| meets(&Sha256::digest(h.as_bytes()), difficulty)).unwrap()
}

fn assert_refused(reply: &support::api::Reply, words: &str) {
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.text);
    assert_eq!(reply.headers["content-type"], "application/problem+json");
    assert_eq!(reply.body["field"], "Proof-Of-Work", "{}", reply.text);
    assert!(reply.body["detail"].as_str().unwrap().contains(words), "{}", reply.text);
}

async fn a_solved_challenge_lets_a_story_in_once(h: Harness) {
    let config = h.get("/api/v1/campaigns/guarded").await;
    assert_eq!(config.body["proof_of_work"], 8);
    let (challenge, difficulty) = fetch_challenge(&h, "guarded").await;
    assert_eq!(difficulty, 8);
    let proof = solve(&challenge, difficulty);
    let first_key = key();
    let first = h.post_story_with(&guarded_story(), &first_key, &[("proof-of-work", &proof)]).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    // The same request again (a retry after a lost answer) gets the same answer and stores nothing.
    let again = h.post_story_with(&guarded_story(), &first_key, &[("proof-of-work", &proof)]).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text);
    assert_eq!(again.body, first.body);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    // The same proof for another story is a replay.
    let replay = h.post_story_with(&guarded_story(), &key(), &[("proof-of-work", &proof)]).await;
    assert_refused(&replay, "already been used");
    assert_eq!(h.count().await, 1);
    let metrics = h.get("/metrics").await.text;
    assert!(metrics.contains("stories_rejected_total{reason=\"proof_of_work\"} 1"), "{metrics}");
}

async fn an_expired_challenge_is_refused(h: Harness) {
    fetch_challenge(&h, "guarded").await;
    // A challenge exactly as the collector makes them, signed with its key, that expired a moment ago.
    let secret: String = sqlx::query_scalar("SELECT value FROM admin_keys WHERE name = 'proof-of-work'")
        .fetch_one(h.store.pool())
        .await
        .unwrap();
    let mut bytes = (support::api::now_ms() - 1).to_be_bytes().to_vec();
    bytes.extend_from_slice(&[7u8; 12]);
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(b"guarded|");
    mac.update(&bytes);
    bytes.extend_from_slice(&mac.finalize().into_bytes()[..16]);
    let proof = solve(&URL_SAFE_NO_PAD.encode(&bytes), 8);
    assert_refused(&h.post_story_with(&guarded_story(), &key(), &[("proof-of-work", &proof)]).await, "expired");
    assert_eq!(h.count().await, 0);
}

async fn missing_wrong_and_forged_proofs_are_refused(h: Harness) {
    assert_refused(&h.post_story_with(&guarded_story(), &key(), &[]).await, "Proof-Of-Work header");
    assert_refused(&h.post_story_with(&guarded_story(), &key(), &[("proof-of-work", "nonsense")]).await, "colon");
    let (challenge, difficulty) = fetch_challenge(&h, "guarded").await;
    let wrong = (0u64..)
        .map(|n| header_value(&challenge, n))
        .find(|h| !meets(&Sha256::digest(h.as_bytes()), difficulty))
        .unwrap();
    assert_refused(&h.post_story_with(&guarded_story(), &key(), &[("proof-of-work", &wrong)]).await, "does not solve");
    // A challenge made up by the sender, or given out for another campaign.
    let made_up = solve("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", difficulty);
    assert_refused(&h.post_story_with(&guarded_story(), &key(), &[("proof-of-work", &made_up)]).await, "not given");
    let (elsewhere, _) = fetch_challenge(&h, "other").await;
    let proof = solve(&elsewhere, difficulty);
    assert_refused(&h.post_story_with(&guarded_story(), &key(), &[("proof-of-work", &proof)]).await, "not given");
    assert_eq!(h.count().await, 0);
    let unknown = h.get("/api/v1/campaigns/nobody/challenge").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

async fn campaigns_without_proof_of_work_need_none(h: Harness) {
    assert_eq!(h.get("/api/v1/campaigns/socialcarefuture").await.body["proof_of_work"], 0);
    assert_eq!(fetch_challenge(&h, "socialcarefuture").await.1, 0);
    assert_eq!(h.post_story(&story(), Some(&key())).await.status, StatusCode::CREATED);
}

/// Behind a load balancer every instance has its own memory; on PostgreSQL the spent challenges
/// are in the database, so a proof lets one story in across them all, even when they race.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_postgres_a_proof_is_spent_once_across_instances() {
    let Some(h) = Harness::postgres(unlimited()).await else { return };
    let first = ProofOfWork::new(h.store.clone());
    let second = ProofOfWork::new(h.store.clone());
    let now = support::api::now_ms();
    let challenge = first.challenge("guarded", 8, now).await.unwrap();
    let proof = solve(&challenge.challenge, 8);
    assert_eq!(first.check(Some(&proof), "guarded", 8, "key-one", now).await.unwrap(), Ok(()));
    assert_eq!(second.check(Some(&proof), "guarded", 8, "key-one", now).await.unwrap(), Ok(()), "a retry elsewhere");
    assert_eq!(second.check(Some(&proof), "guarded", 8, "key-two", now).await.unwrap(), Err(Refusal::Used));

    let challenge = second.challenge("guarded", 8, now).await.unwrap();
    let proof = solve(&challenge.challenge, 8);
    let racing: Vec<_> = (0..8)
        .map(|n| {
            let (store, proof) = (h.store.clone(), proof.clone());
            tokio::spawn(async move {
                let instance = ProofOfWork::new(store);
                instance.check(Some(&proof), "guarded", 8, &format!("racer-{n}"), now).await.unwrap()
            })
        })
        .collect();
    let mut passed = 0;
    for racer in racing {
        if racer.await.unwrap().is_ok() {
            passed += 1;
        }
    }
    assert_eq!(passed, 1, "eight instances at once: one story gets in");
}
