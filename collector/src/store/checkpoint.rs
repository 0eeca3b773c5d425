//! Copying SQLite's write-ahead log back into the database without stalling the story writer.
//!
//! The log starts again from its beginning only when a checkpoint has copied every frame in it
//! and the next write transaction begins. A checkpoint run beside a busy writer never gets there
//! (frames arrive while it copies), so the log would grow without end; one run by the writer
//! between batches gets there, but every story waiting meanwhile waits as long as it takes.
//!
//! So it takes two steps. A background task copies on its own connection while the writer carries
//! on, pass after pass, each pass copying what was committed during the one before, until a pass
//! finds no more than a batch or two to copy. Then the writer, between two batches, copies the few
//! frames committed since (a couple of milliseconds) and its next transaction starts the log again.
//!
//! What the writer's copy costs is mostly the database fsync, and that grows with the frames it
//! copies. With a single background pass, the frames committed while that pass ran (300 to 450)
//! were left to the writer, whose copy took 13 to 20 ms; with passes until one copies few, it
//! takes 2 to 6 ms.

use sqlx::{AnyPool, Row};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;
use tokio::sync::Notify;

/// How often the log is copied back: it holds about this much of the writer's work. Measured with
/// `cargo xtask bench collector`, SQLite's p99 was 28 to 31 ms every 250 ms with one background
/// pass, 33 to 41 ms every second; with passes until they converge, 12 to 15 ms every 250 ms.
const EVERY: Duration = Duration::from_millis(250);

/// A background pass that copies no more frames than this has caught up with the writer: a batch
/// or two of stories (each story adds about 2.5 pages of 4 KiB to the log, and a batch holds up to
/// 64 when 64 requests wait).
const CAUGHT_UP_FRAMES: i64 = 256;
/// The writer outpacing the copies should not keep the background task from ever handing over.
const MAX_PASSES: usize = 8;

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

/// A PASSIVE checkpoint: copies what it can without waiting for readers or the writer. Returns how
/// many frames of the log have been copied back so far, if it ran.
pub(super) async fn checkpoint<'c, E>(executor: E) -> Option<i64>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    match sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(executor).await {
        // The row is (busy, frames in the log, frames copied back).
        Ok(row) => row.try_get::<i64, _>(2).ok(),
        Err(error) => {
            tracing::warn!(%error, "WAL checkpoint failed, will retry");
            None
        }
    }
}

/// Background passes until one copies few enough frames that the writer's copy will be short.
async fn catch_up(pool: &AnyPool) {
    let mut copied_before = None;
    for _ in 0..MAX_PASSES {
        let Some(copied) = checkpoint(pool).await else { return };
        // A smaller count means the writer started the log again between two passes.
        if copied_before.is_some_and(|before| (before..=before + CAUGHT_UP_FRAMES).contains(&copied)) {
            return;
        }
        copied_before = Some(copied);
    }
}

async fn background(pool: AnyPool, checkpointer: Arc<Checkpointer>) {
    loop {
        tokio::time::sleep(EVERY).await;
        catch_up(&pool).await;
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
