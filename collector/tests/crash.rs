//! The collector killed with SIGKILL again and again while stories pour in: after every restart,
//! every story that was acknowledged (201) is there exactly once, and every story that was not
//! can be sent again with its Idempotency-Key and is then stored exactly once.

use collector::store::{Store, StoryFilter};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;
const CLIENTS: usize = 6;

/// What a client learnt about each key: Some(id) when acknowledged, None when it never heard back.
type Outcomes = Arc<Mutex<BTreeMap<String, Option<String>>>>;

#[test]
fn every_acknowledged_story_survives_sigkill_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("stories.sqlite").display());
    let outcomes: Outcomes = Arc::default();
    let counter = Arc::new(AtomicU64::new(0));
    for round in 0..ROUNDS {
        let (mut server, addr) = start(dir.path(), &url);
        let stop = Arc::new(AtomicBool::new(false));
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let (addr, stop, outcomes, counter) = (addr.clone(), stop.clone(), outcomes.clone(), counter.clone());
                std::thread::spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        let key = format!("crash-test-key-{:012}", counter.fetch_add(1, Ordering::Relaxed));
                        outcomes.lock().unwrap().insert(key.clone(), None);
                        match post(&addr, &key) {
                            Ok((201, body)) => {
                                let id = body["id"].as_str().unwrap().to_owned();
                                outcomes.lock().unwrap().insert(key, Some(id));
                            }
                            Ok((status, body)) => panic!("round {round}: {status} {body}"),
                            // Killed mid-request: this story was never acknowledged.
                            Err(_) => std::thread::sleep(Duration::from_millis(5)),
                        }
                    }
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(500 + 200 * round as u64));
        server.kill().unwrap(); // SIGKILL: no shutdown, no flush, no goodbye.
        server.wait().unwrap();
        stop.store(true, Ordering::Relaxed);
        for client in clients {
            client.join().unwrap();
        }
    }
    let outcomes = outcomes.lock().unwrap().clone();
    let acknowledged = outcomes.values().filter(|o| o.is_some()).count();
    assert!(acknowledged > 100, "the load was too light to prove anything: {acknowledged} stories");
    let (mut server, addr) = start(dir.path(), &url);
    for (key, outcome) in &outcomes {
        let (status, body) = post(&addr, key).expect("the restarted collector answers");
        assert_eq!(status, 201, "{body}");
        if let Some(id) = outcome {
            assert_eq!(body["id"].as_str(), Some(id.as_str()), "an acknowledged story keeps its id");
        }
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let total = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = Store::connect(&url).await.unwrap();
        for id in outcomes.values().flatten() {
            assert!(store.get_story(id).await.unwrap().is_some(), "acknowledged story {id} is missing");
        }
        store.list_stories(&StoryFilter { per_page: 1, ..Default::default() }).await.unwrap().total
    });
    assert_eq!(total as usize, outcomes.len(), "each story exactly once");
    eprintln!(
        "{ROUNDS} SIGKILLs, {} stories sent, {acknowledged} acknowledged before a kill, all present once",
        outcomes.len()
    );
}

fn start(dir: &Path, url: &str) -> (Child, String) {
    let addr = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    let child = Command::new(env!("CARGO_BIN_EXE_collector"))
        .current_dir(dir)
        .args(["serve", "--addr", &addr, "--database-url", url, "--rate-limit", "0", "--widget-dir", "."])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(&addr).is_err() {
        assert!(Instant::now() < deadline, "the collector did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    (child, addr)
}

fn post(addr: &str, key: &str) -> std::io::Result<(u16, Value)> {
    let body = json!({
        "campaign": "socialcarefuture", "lang": "en", "title": "Crash test", "body": format!("Story {key}"),
        "answers": {}, "consent": {"share_with_campaign": true, "publish": false, "contact": false},
        "name_display": "anonymous", "website": "", "started_at": 1_000u64
    })
    .to_string();
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "POST /api/v1/stories HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply)?;
    let status = reply.split(' ').nth(1).and_then(|s| s.parse().ok());
    let json = reply.split_once("\r\n\r\n").and_then(|(_, b)| serde_json::from_str(b).ok());
    match (status, json) {
        (Some(status), Some(json)) => Ok((status, json)),
        _ => Err(std::io::Error::other(format!("an incomplete answer: {reply:?}"))),
    }
}
