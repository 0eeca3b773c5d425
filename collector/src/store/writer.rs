//! Group commit: one transaction stores every story that arrived while the previous one was
//! committing, and each waiting request is answered only after that commit. Durability costs one
//! fsync per batch instead of one per story, which is where the throughput comes from.

use super::{InsertHook, Inserted, NewStory};
use sqlx::{AnyPool, Row};
use std::sync::{Arc, OnceLock};
use tokio::sync::{Mutex, mpsc, oneshot};

/// The most stories in one transaction: bounds the time one commit holds the write lock.
const MAX_BATCH: usize = 512;
/// Requests waiting beyond this are held back at the door (the sender awaits a free slot).
const QUEUE: usize = 8192;

type Reply = oneshot::Sender<Result<Inserted, String>>;

#[derive(Clone)]
pub(super) struct Writer {
    jobs: mpsc::Sender<(NewStory, Reply)>,
}

impl Writer {
    /// Starts `tasks` committing tasks that share one queue.
    pub(super) fn start(pool: AnyPool, hook: Arc<OnceLock<InsertHook>>, tasks: usize) -> Writer {
        let (jobs, receiver) = mpsc::channel(QUEUE);
        let receiver = Arc::new(Mutex::new(receiver));
        for _ in 0..tasks {
            tokio::spawn(run(pool.clone(), hook.clone(), receiver.clone()));
        }
        Writer { jobs }
    }

    pub(super) async fn insert(&self, story: NewStory) -> Result<Inserted, sqlx::Error> {
        let (reply, answer) = oneshot::channel();
        let closed = || sqlx::Error::PoolClosed;
        self.jobs.send((story, reply)).await.map_err(|_| closed())?;
        answer.await.map_err(|_| closed())?.map_err(sqlx::Error::Protocol)
    }
}

async fn run(pool: AnyPool, hook: Arc<OnceLock<InsertHook>>, receiver: Arc<Mutex<mpsc::Receiver<(NewStory, Reply)>>>) {
    loop {
        let mut batch = Vec::new();
        {
            let mut receiver = receiver.lock().await;
            match receiver.recv().await {
                Some(job) => batch.push(job),
                None => return,
            }
            while batch.len() < MAX_BATCH {
                match receiver.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
        }
        let stories: Vec<&NewStory> = batch.iter().map(|(story, _)| story).collect();
        match commit(&pool, hook.get(), &stories).await {
            Ok(results) => {
                for ((_, reply), result) in batch.into_iter().zip(results) {
                    let _ = reply.send(Ok(result));
                }
            }
            Err(error) => {
                eprintln!("collector: could not store {} stories: {error}", batch.len());
                let message = error.to_string();
                for (_, reply) in batch {
                    let _ = reply.send(Err(message.clone()));
                }
            }
        }
    }
}

const INSERT: &str = "INSERT INTO stories (id, campaign, created_at, lang, title, body, answers, \
    share_with_campaign, publish, contact, name_display, name, email, area, role, delete_token_hash, idempotency_key) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
    ON CONFLICT (campaign, idempotency_key) DO NOTHING";

async fn commit(
    pool: &AnyPool,
    hook: Option<&InsertHook>,
    stories: &[&NewStory],
) -> Result<Vec<Inserted>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let mut results = Vec::with_capacity(stories.len());
    for story in stories {
        let answers = serde_json::to_string(&story.answers).expect("a map of strings is JSON");
        let done = sqlx::query(INSERT)
            .bind(&story.id)
            .bind(&story.campaign)
            .bind(story.created_at)
            .bind(&story.lang)
            .bind(&story.title)
            .bind(&story.body)
            .bind(answers)
            .bind(story.share_with_campaign)
            .bind(story.publish)
            .bind(story.contact)
            .bind(&story.name_display)
            .bind(&story.name)
            .bind(&story.email)
            .bind(&story.area)
            .bind(&story.role)
            .bind(&story.delete_token_hash)
            .bind(&story.idempotency_key)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 1 {
            if let Some(hook) = hook {
                hook(&mut tx, story).await?;
            }
            results.push(Inserted { id: story.id.clone(), created: true });
        } else {
            // Seen before (maybe earlier in this very batch): answer with the first story's id.
            let row = sqlx::query("SELECT id FROM stories WHERE campaign = $1 AND idempotency_key = $2")
                .bind(&story.campaign)
                .bind(&story.idempotency_key)
                .fetch_one(&mut *tx)
                .await?;
            results.push(Inserted { id: row.try_get("id")?, created: false });
        }
    }
    tx.commit().await?;
    Ok(results)
}
