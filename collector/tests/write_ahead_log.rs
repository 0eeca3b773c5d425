//! SQLite's write-ahead log must start again from its beginning while stories keep arriving
//! (store/checkpoint.rs); a checkpoint that never catches up with a busy writer would let it grow
//! for as long as the stream lasts.

mod support;

use collector::store::Store;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use support::console::story;

const SENDERS: usize = 32;
const RESTARTS_WANTED: u32 = 3;

/// The log header's checkpoint sequence number (bytes 12 to 15, big-endian): SQLite adds one each
/// time the log starts again.
fn log_restarts(wal: &Path) -> u32 {
    let header = std::fs::read(wal).map(|bytes| bytes.get(12..16).map(<[u8]>::to_vec)).ok().flatten();
    header.map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_starts_again_while_stories_keep_arriving() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("stories.sqlite");
    let store = Store::connect(&format!("sqlite://{}?mode=rwc", database.display())).await.unwrap();
    let wal = dir.path().join("stories.sqlite-wal");
    let stop = Arc::new(AtomicBool::new(false));
    let stored = Arc::new(AtomicU64::new(0));
    let senders: Vec<_> = (0..SENDERS)
        .map(|_| {
            let (store, stop, stored) = (store.clone(), stop.clone(), stored.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    store
                        .insert_story(story("socialcarefuture", "My good day", "Tea, then the allotment."))
                        .await
                        .unwrap();
                    stored.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();

    let start = log_restarts(&wal);
    let deadline = Instant::now() + Duration::from_secs(30);
    while log_restarts(&wal) < start + RESTARTS_WANTED && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let restarts = log_restarts(&wal) - start;
    stop.store(true, Ordering::Relaxed);
    for sender in senders {
        sender.await.unwrap();
    }

    let sent = stored.load(Ordering::Relaxed);
    assert!(
        restarts >= RESTARTS_WANTED,
        "the log started again {restarts} times in 30 s while {sent} stories arrived; wanted {RESTARTS_WANTED}"
    );
    let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM stories").fetch_one(store.pool()).await.unwrap();
    assert_eq!(rows as u64, sent, "every acknowledged story is in the database once");
}
