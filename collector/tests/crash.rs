//! The collector killed with SIGKILL again and again while stories pour in: after every restart,
//! every story that was acknowledged (201) is there exactly once, and every story that was not
//! can be sent again with its Idempotency-Key and is then stored exactly once. And stopped with
//! SIGTERM, it answers what it received and exits cleanly, with the same guarantee. On SQLite and
//! on PostgreSQL.

mod support;

use collector::store::{Store, StoryFilter};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
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
    for (label, dir, url) in databases() {
        let outcomes: Outcomes = Arc::default();
        let counter = Arc::new(AtomicU64::new(0));
        for round in 0..ROUNDS {
            let (mut server, addr) = start(dir.path(), &url);
            let clients = pour(&addr, &outcomes, &counter);
            std::thread::sleep(Duration::from_millis(500 + 200 * round as u64));
            server.kill().unwrap(); // SIGKILL: no shutdown, no flush, no goodbye.
            server.wait().unwrap();
            clients.stop();
        }
        let acknowledged = all_there_once(dir.path(), &url, &outcomes);
        eprintln!("{label}: {ROUNDS} SIGKILLs, {acknowledged} stories acknowledged before a kill, all present once");
    }
}

#[test]
fn sigterm_answers_what_it_received_and_stops_cleanly() {
    for (label, dir, url) in databases() {
        let outcomes: Outcomes = Arc::default();
        let counter = Arc::new(AtomicU64::new(0));
        let (mut server, addr) = start(dir.path(), &url);
        let clients = pour(&addr, &outcomes, &counter);
        std::thread::sleep(Duration::from_millis(800));
        let signalled = Instant::now();
        let sent = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
        assert!(sent.success());
        let status = loop {
            if let Some(status) = server.try_wait().unwrap() {
                break status;
            }
            assert!(signalled.elapsed() < Duration::from_secs(30), "{label}: still running 30 s after SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        };
        clients.stop();
        assert!(status.success(), "{label}: a clean exit after SIGTERM, not {status}");
        let acknowledged = all_there_once(dir.path(), &url, &outcomes);
        eprintln!(
            "{label}: stopped {:?} after SIGTERM; {acknowledged} acknowledged, all present once",
            signalled.elapsed()
        );
    }
}

/// SQLite in a fresh directory, and PostgreSQL (a schema of its own) when `TEST_DATABASE_URL`
/// names a server.
fn databases() -> Vec<(&'static str, tempfile::TempDir, String)> {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}?mode=rwc", dir.path().join("stories.sqlite").display());
    let mut databases = vec![("sqlite", dir, sqlite)];
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) => {
            let schema = format!("crash_test_{}", collector::tokens::random_hex(8));
            tokio::runtime::Runtime::new().unwrap().block_on(async {
                sqlx::any::install_default_drivers();
                let server = sqlx::AnyPool::connect(&base).await.expect("TEST_DATABASE_URL answers");
                let create = format!("CREATE SCHEMA {schema}");
                sqlx::query(sqlx::AssertSqlSafe(create)).execute(&server).await.unwrap();
                server.close().await;
            });
            let separator = if base.contains('?') { '&' } else { '?' };
            databases.push((
                "postgres",
                tempfile::tempdir().unwrap(),
                format!("{base}{separator}options=-c%20search_path%3D{schema}"),
            ));
        }
        Err(_) => eprintln!("skipped PostgreSQL: set TEST_DATABASE_URL=postgres://... to run this test there too"),
    }
    databases
}

/// Clients sending stories as fast as they are answered, each with a new key, until stopped.
struct Clients {
    stop: Arc<AtomicBool>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Clients {
    fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        for thread in self.threads {
            thread.join().unwrap();
        }
    }
}

fn pour(addr: &str, outcomes: &Outcomes, counter: &Arc<AtomicU64>) -> Clients {
    let stop = Arc::new(AtomicBool::new(false));
    let threads = (0..CLIENTS)
        .map(|_| {
            let (addr, stop, outcomes, counter) = (addr.to_owned(), stop.clone(), outcomes.clone(), counter.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let key = format!("crash-test-key-{:012}", counter.fetch_add(1, Ordering::Relaxed));
                    outcomes.lock().unwrap().insert(key.clone(), None);
                    match post(&addr, &key) {
                        Ok((201, body)) => {
                            let id = body["id"].as_str().unwrap().to_owned();
                            outcomes.lock().unwrap().insert(key, Some(id));
                        }
                        Ok((status, body)) => panic!("{status} {body}"),
                        // Stopped mid-request: this story was never acknowledged.
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            })
        })
        .collect();
    Clients { stop, threads }
}

/// Restarts the collector and sends every story again with its key: each acknowledged one keeps
/// its id, and in the end each is stored exactly once. Returns how many had been acknowledged.
fn all_there_once(dir: &Path, url: &str, outcomes: &Outcomes) -> usize {
    let outcomes = outcomes.lock().unwrap().clone();
    let acknowledged = outcomes.values().filter(|o| o.is_some()).count();
    assert!(acknowledged > 100, "the load was too light to prove anything: {acknowledged} stories");
    let (mut server, addr) = start(dir, url);
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
        let store = Store::connect(url).await.unwrap();
        for id in outcomes.values().flatten() {
            assert!(store.get_story(id).await.unwrap().is_some(), "acknowledged story {id} is missing");
        }
        store.list_stories(&StoryFilter { per_page: 1, ..Default::default() }).await.unwrap().total
    });
    assert_eq!(total as usize, outcomes.len(), "each story exactly once");
    acknowledged
}

fn start(dir: &Path, url: &str) -> (Child, String) {
    support::process::start(dir, &["--database-url", url, "--rate-limit", "0", "--widget-dir", "."], Stdio::null())
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
