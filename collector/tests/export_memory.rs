//! An export is streamed: a campaign of 100,000 stories downloads whole from a collector process
//! that never holds more than 100 MB, on SQLite and PostgreSQL. (`cargo xtask bench export` times
//! the same download and prints the memory.)

mod support;

use std::process::Stdio;
use support::{bulk, databases, process};

const STORIES: u32 = 100_000;
const MEMORY_LIMIT: u64 = 100 * 1024 * 1024;

#[tokio::test(flavor = "multi_thread")]
async fn an_export_of_a_hundred_thousand_stories_stays_under_a_hundred_megabytes() {
    for db in databases().await {
        bulk::add_stories(&db.store, STORIES).await;
        let cookie = bulk::session_cookie(&db.store).await;
        let dir = tempfile::tempdir().unwrap();
        let (mut child, addr) =
            process::start(dir.path(), &["--database-url", &db.url, "--widget-dir", "."], Stdio::null());
        let (status, bytes, lines) = bulk::download(&addr, "/admin/export.jsonl?status=all", &cookie).await;
        let peak = bulk::peak_memory(child.id());
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(status, 200, "{}", db.label);
        assert_eq!(lines, u64::from(STORIES), "{}: every story, once", db.label);
        assert!(bytes > 100 * 1024 * 1024, "{}: {bytes} bytes is not a realistic export", db.label);
        match peak {
            Some(peak) => assert!(peak < MEMORY_LIMIT, "{}: the collector held {} MB", db.label, peak >> 20),
            None => eprintln!("skipped the memory check: this system has no /proc/PID/status"),
        }
    }
}
