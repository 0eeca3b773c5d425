//! `cargo xtask bench export`: a campaign of 100,000 stories downloaded as CSV and as JSON Lines from
//! a release-built collector process, on SQLite and on PostgreSQL (TEST_DATABASE_URL): the time, the
//! size, and the most memory the collector held (VmHWM) across the run.

#[path = "../tests/support/mod.rs"]
mod support;

use std::process::Stdio;
use std::time::Instant;
use support::{TestDb, bulk, process};

const STORIES: u32 = 100_000;

#[tokio::main]
async fn main() {
    let mut databases = vec![TestDb::sqlite().await];
    databases.extend(TestDb::postgres().await);
    println!("export of {STORIES} stories (release build; peak memory is the collector process's VmHWM)");
    for db in databases {
        let started = Instant::now();
        bulk::add_stories(&db.store, STORIES).await;
        let cookie = bulk::session_cookie(&db.store).await;
        println!("{}: {STORIES} stories put in, {:.1} s", db.label, started.elapsed().as_secs_f64());
        let dir = tempfile::tempdir().unwrap();
        let (mut child, addr) =
            process::start(dir.path(), &["--database-url", &db.url, "--widget-dir", "."], Stdio::null());
        let idle = bulk::peak_memory(child.id()).unwrap_or(0);
        for (format, path) in
            [("CSV", "/admin/export.csv?status=all"), ("JSON Lines", "/admin/export.jsonl?status=all")]
        {
            let started = Instant::now();
            let (status, bytes, _) = bulk::download(&addr, path, &cookie).await;
            let seconds = started.elapsed().as_secs_f64();
            assert_eq!(status, 200, "{path}");
            println!(
                "{}: {format:<10} {:6.2} s  {:6.1} MB  {:8.0} stories/s",
                db.label,
                seconds,
                bytes as f64 / 1e6,
                f64::from(STORIES) / seconds
            );
        }
        let peak = bulk::peak_memory(child.id()).unwrap_or(0);
        println!(
            "{}: collector memory: {:.1} MB at start, {:.1} MB at most",
            db.label,
            idle as f64 / 1e6,
            peak as f64 / 1e6
        );
        child.kill().unwrap();
        child.wait().unwrap();
    }
}
