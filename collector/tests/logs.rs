//! The collector's log is for whoever runs it: with `--log-format json` every line is a JSON object,
//! each request is logged once by method and path, and nothing a person wrote or how to reach them
//! (story text, name, email, area, a searched-for address in a query string) reaches it.

mod support;

use serde_json::{Value, json};
use std::io::Read;
use std::process::{Command, Stdio};
use support::process::{self, request};

const SECRETS: [&str; 5] =
    ["Marigold-tea-at-dawn", "Zephyrine Quill", "zq@example.org", "Little-Snoring-on-Sea", "hidden@example.net"];

fn logs_of_a_session(database_url: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let args = ["--database-url", database_url, "--widget-dir", ".", "--log-format", "json"];
    let (mut child, addr) = process::start(dir.path(), &args, Stdio::piped());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;
    let story = json!({
        "campaign": "socialcarefuture", "lang": "en", "title": "A day", "body": SECRETS[0],
        "answers": {}, "consent": {"share_with_campaign": true, "publish": true, "contact": true},
        "name_display": "full", "name": SECRETS[1], "email": SECRETS[2], "area": SECRETS[3],
        "website": "", "started_at": now - 60_000
    })
    .to_string();
    let sent = request(&addr, "POST /api/v1/stories HTTP/1.1\r\nContent-Type: application/json", &story);
    assert!(sent.starts_with("HTTP/1.1 201"), "{sent}");
    let refused = request(&addr, "POST /api/v1/stories HTTP/1.1\r\nContent-Type: application/json", SECRETS[0]);
    assert!(refused.starts_with("HTTP/1.1 400"), "{refused}");
    let wall = format!("GET /api/v1/campaigns/socialcarefuture/stories?email={} HTTP/1.1", SECRETS[4]);
    assert!(request(&addr, &wall, "").starts_with("HTTP/1.1 200"));
    let sent = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let mut logs = String::new();
    child.stderr.take().unwrap().read_to_string(&mut logs).unwrap();
    child.wait().unwrap();
    logs
}

fn check(logs: &str, database_url: &str) {
    let lines: Vec<Value> = logs
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not a JSON log line: {line}")))
        .collect();
    let answered: Vec<&Value> =
        lines.iter().filter(|line| line["span"]["path"].is_string() && line["fields"]["status"].is_number()).collect();
    let paths: Vec<&str> = answered.iter().map(|line| line["span"]["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        ["/api/v1/stories", "/api/v1/stories", "/api/v1/campaigns/socialcarefuture/stories"],
        "each request logged once, by path: {logs}"
    );
    assert_eq!(answered[0]["fields"]["status"], 201);
    assert_eq!(answered[1]["fields"]["status"], 400);
    for secret in SECRETS {
        assert!(!logs.contains(secret), "the log holds `{secret}`: {logs}");
    }
    // The database's own address may be named; a client's never is.
    let logs = logs.replace(database_url, "DATABASE");
    assert!(!logs.contains("127.0.0.1"), "the log holds a client address: {logs}");
}

#[test]
fn json_logs_name_requests_but_hold_nothing_a_person_wrote_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.sqlite").display());
    check(&logs_of_a_session(&url), &url);
}

#[test]
fn json_logs_name_requests_but_hold_nothing_a_person_wrote_on_postgres() {
    let Ok(base) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("skipped: set TEST_DATABASE_URL=postgres://... to run this test on PostgreSQL too");
        return;
    };
    check(&logs_of_a_session(&base), &base);
}
