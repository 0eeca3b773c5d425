//! Two collector processes on one PostgreSQL database, as behind a load balancer: a proof of work
//! spent at one is refused at the other, and a client's story limit counts what it sent to both.

mod support;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::process::{Child, Stdio};
use story_core::proof_of_work::{header_value, meets};

const CAMPAIGNS: &str = "[[campaign]]\nid = \"socialcarefuture\"\nname = \"Open\"\n\n\
                         [[campaign]]\nid = \"guarded\"\nname = \"Guarded\"\nproof_of_work = 4\n";

struct Instance(Child, String);

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(dir: &std::path::Path, url: &str) -> Instance {
    let args = ["--database-url", url, "--campaigns", "campaigns.toml", "--widget-dir", "."];
    let limit = ["--rate-limit", "1", "--rate-burst", "3"];
    let (child, addr) = support::process::start(dir, &[&args[..], &limit].concat(), Stdio::inherit());
    Instance(child, addr)
}

fn request(addr: &str, head: &str, body: &str) -> (u16, Value) {
    let reply = support::process::request(addr, head, body);
    let status = reply.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
    let json = reply.split_once("\r\n\r\n").and_then(|(_, b)| serde_json::from_str(b).ok()).unwrap_or(Value::Null);
    (status, json)
}

fn send_story(addr: &str, campaign: &str, key: &str, proof: Option<&str>) -> (u16, Value) {
    let body = json!({
        "campaign": campaign, "lang": "en", "title": "Two instances", "body": "Tea with my neighbour.",
        "answers": {}, "consent": {"share_with_campaign": true, "publish": false, "contact": false},
        "name_display": "anonymous", "website": "", "started_at": 1_000u64
    });
    let proof = proof.map(|p| format!("\r\nProof-Of-Work: {p}")).unwrap_or_default();
    let head =
        format!("POST /api/v1/stories HTTP/1.1\r\nContent-Type: application/json\r\nIdempotency-Key: {key}{proof}");
    request(addr, &head, &body.to_string())
}

#[test]
fn behind_a_load_balancer_a_proof_and_a_clients_limit_hold_across_instances() {
    let Ok(base) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("skipped: set TEST_DATABASE_URL=postgres://... to run two instances on one PostgreSQL database");
        return;
    };
    let schema = format!("instances_test_{}", collector::tokens::random_hex(8));
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        sqlx::any::install_default_drivers();
        let server = sqlx::AnyPool::connect(&base).await.expect("TEST_DATABASE_URL answers");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).execute(&server).await.unwrap();
    });
    let separator = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{separator}options=-c%20search_path%3D{schema}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("campaigns.toml"), CAMPAIGNS).unwrap();
    // One after the other, so the two never race to create the tables.
    let a = start(dir.path(), &url);
    let b = start(dir.path(), &url);

    let (status, challenge) = request(&a.1, "GET /api/v1/campaigns/guarded/challenge HTTP/1.1", "");
    assert_eq!(status, 200, "{challenge}");
    let challenge = challenge["challenge"].as_str().unwrap().to_owned();
    let proof =
        (0u64..).map(|n| header_value(&challenge, n)).find(|h| meets(&Sha256::digest(h.as_bytes()), 4)).unwrap();
    let (status, body) = send_story(&a.1, "guarded", "instances-key-000000000001", Some(&proof));
    assert_eq!(status, 201, "{body}");
    let (status, body) = send_story(&b.1, "guarded", "instances-key-000000000002", Some(&proof));
    assert_eq!(status, 422, "the same proof at the other instance is spent: {body}");
    assert!(body["detail"].as_str().unwrap().contains("already been used"), "{body}");

    // The client has sent two stories (one to each); a burst of three allows one more, anywhere.
    let (status, body) = send_story(&a.1, "socialcarefuture", "instances-key-000000000003", None);
    assert_eq!(status, 201, "{body}");
    let (status, body) = send_story(&b.1, "socialcarefuture", "instances-key-000000000004", None);
    assert_eq!(status, 429, "the other instance counts what this client sent to the first: {body}");
}
