//! Copying SQLite's write-ahead log back into the database without stalling the story writer.
//!
//! The log starts again from its beginning only when a checkpoint has copied every frame in it
//! and the next write transaction begins. A checkpoint run beside a busy writer never gets there
//! (frames arrive while it copies), so the log would grow without end; one run by the writer
//! between batches gets there, but copying a second's worth of frames and fsyncing the database
//! took 30 to 60 ms, and every story waiting meanwhile waited that much longer (the p99 tail).
//!
//! So it takes two steps: a background task copies the bulk on its own connection while the
//! writer carries on, then the writer, between two batches, copies the few frames committed
//! meanwhile (a few milliseconds) and its next transaction starts the log again.

use sqlx::AnyPool;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;
use tokio::sync::Notify;

/// How often the log is copied back: it holds about this much of the writer's work. Small copies
/// keep the writer's finishing copy (and the database fsync in it) short. Measured with `cargo
/// xtask bench collector` on a quiet machine: SQLite's p99 was 33 to 41 ms every 1 s, 28 to 31 ms
/// every 250 ms, 28 ms every 100 ms; every 2 s was worse (48 to 277 ms), and finishing only every
/// 4 s gave 116 ms.
const EVERY: Duration = Duration::from_millis(250);

const IDLE: u8 = 0;
/// The background copy is done; the writer's short one is due.
const BULK_DONE: u8 = 1;
/// The writer is running its short copy.
const FINISHING: u8 = 2;

pub(super) struct Checkpointer {
    state: AtomicU8,
    finished: Notify,
}

impl Checkpointer {
    pub(super) fn start(pool: AnyPool) -> Arc<Checkpointer> {
        let checkpointer = Arc::new(Checkpointer { state: AtomicU8::new(IDLE), finished: Notify::new() });
        tokio::spawn(background(pool, checkpointer.clone()));
        checkpointer
    }

    /// For the writer, between batches: whether its short copy is due now. If so, the writer runs
    /// it with [`checkpoint`] and then calls [`Checkpointer::finished`].
    pub(super) fn finish_due(&self) -> bool {
        self.state.compare_exchange(BULK_DONE, FINISHING, Ordering::AcqRel, Ordering::Acquire).is_ok()
    }

    pub(super) fn finished(&self) {
        self.state.store(IDLE, Ordering::Release);
        self.finished.notify_one();
    }
}

/// A PASSIVE checkpoint: copies what it can without waiting for readers or the writer.
pub(super) async fn checkpoint<'c, E>(executor: E)
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(executor).await {
        eprintln!("collector: WAL checkpoint failed (will retry): {error}");
    }
}

async fn background(pool: AnyPool, checkpointer: Arc<Checkpointer>) {
    loop {
        tokio::time::sleep(EVERY).await;
        checkpoint(&pool).await;
        checkpointer.state.store(BULK_DONE, Ordering::Release);
        // An idle writer never comes to finish; then there is nothing left to copy anyway (other
        // writes are few), and the next round simply copies again.
        if tokio::time::timeout(EVERY, checkpointer.finished.notified()).await.is_err()
            && checkpointer.state.compare_exchange(BULK_DONE, IDLE, Ordering::AcqRel, Ordering::Acquire).is_err()
        {
            // The writer took it up just now: wait for it, so two checkpoints never overlap.
            checkpointer.finished.notified().await;
        }
    }
}
