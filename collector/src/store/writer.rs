//! Group commit: one transaction stores every story that arrived while the previous one was
//! committing, and each waiting request is answered only after that commit. Durability costs one
//! fsync per batch instead of one per story, which is where the throughput comes from.

use super::checkpoint::{Checkpointer, checkpoint};
use super::rows::list_json;
use super::{Backend, InsertHook, Inserted, NewStory, SentStory};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, AssertSqlSafe, Connection, Row};
use std::collections::HashSet;
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
    /// On SQLite the task also finishes each checkpoint of the write-ahead log, between batches.
    pub(super) fn start(pool: AnyPool, hook: Arc<OnceLock<InsertHook>>, tasks: usize, backend: Backend) -> Writer {
        let (jobs, receiver) = mpsc::channel(QUEUE);
        let receiver = Arc::new(Mutex::new(receiver));
        for _ in 0..tasks {
            tokio::spawn(run(pool.clone(), hook.clone(), receiver.clone(), backend));
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

async fn run(
    pool: AnyPool,
    hook: Arc<OnceLock<InsertHook>>,
    receiver: Arc<Mutex<mpsc::Receiver<(NewStory, Reply)>>>,
    backend: Backend,
) {
    let checkpointer = (backend == Backend::Sqlite).then(|| Checkpointer::start(pool.clone()));
    let mut connection: Option<PoolConnection<Any>> = None;
    loop {
        // Here, between batches, no write of ours can append to the log while its last frames
        // are copied back, so the next transaction starts the log again (see checkpoint.rs).
        if let Some(checkpointer) = checkpointer.as_ref().filter(|c| c.finish_due()) {
            match connection.as_mut() {
                Some(conn) => checkpoint(&mut **conn).await,
                None => checkpoint(&pool).await,
            };
            checkpointer.finished();
        }
        let mut batch = Vec::new();
        {
            let mut receiver = receiver.lock().await;
            match receiver.recv().await {
                Some(job) => batch.push(job),
                None => return,
            }
            // No waiting for company: stories that arrive while this batch commits make the next
            // one. (A 2 ms linger for small batches added 2 to 3 ms to every commit cycle and
            // cost 10 to 15% of the throughput on both backends, for no gain in the tail.)
            drain(&mut receiver, &mut batch);
        }
        let stories: Vec<&NewStory> = batch.iter().map(|(story, _)| story).collect();
        match commit_on(&mut connection, &pool, hook.get(), &stories, backend).await {
            Ok(results) => {
                for ((_, reply), result) in batch.into_iter().zip(results) {
                    let _ = reply.send(Ok(result));
                }
            }
            // The database refused something in the batch (a NUL it cannot store, say): one story
            // must never fail the others, so each is tried on its own and only its own fails.
            Err(sqlx::Error::Database(_)) if batch.len() > 1 => {
                for (story, reply) in batch {
                    let result = commit_on(&mut connection, &pool, hook.get(), &[&story], backend).await;
                    let _ = reply.send(result.map(|mut one| one.remove(0)).map_err(|error| {
                        tracing::error!(%error, "a story could not be stored");
                        error.to_string()
                    }));
                }
            }
            Err(error) => {
                tracing::error!(%error, stories = batch.len(), "a batch of stories could not be stored");
                let message = error.to_string();
                for (_, reply) in batch {
                    let _ = reply.send(Err(message.clone()));
                }
            }
        }
    }
}

/// Commits `stories` on the writer's own connection. It keeps that one connection, so its prepared
/// statements stay cached; a broken one is dropped and the next commit takes a fresh one.
async fn commit_on(
    connection: &mut Option<PoolConnection<Any>>,
    pool: &AnyPool,
    hook: Option<&InsertHook>,
    stories: &[&NewStory],
    backend: Backend,
) -> Result<Vec<Inserted>, sqlx::Error> {
    if connection.is_none() {
        *connection = pool.acquire().await.ok();
    }
    let result = match connection.as_mut() {
        Some(conn) => commit(conn, hook, stories, backend).await,
        None => Err(sqlx::Error::PoolTimedOut),
    };
    if result.is_err() {
        *connection = None;
    }
    result
}

fn drain(receiver: &mut mpsc::Receiver<(NewStory, Reply)>, batch: &mut Vec<(NewStory, Reply)>) {
    while batch.len() < MAX_BATCH {
        match receiver.try_recv() {
            Ok(job) => batch.push(job),
            Err(_) => break,
        }
    }
}

/// Rows per INSERT statement: with a parameter per column, far below both backends' limits.
const ROWS_PER_STATEMENT: usize = 128;

const COLUMN_COUNT: usize = column_count(NewStory::COLUMNS);

const fn column_count(columns: &str) -> usize {
    let (bytes, mut i, mut count) = (columns.as_bytes(), 0, 1);
    while i < bytes.len() {
        count += (bytes[i] == b',') as usize;
        i += 1;
    }
    count
}

/// One multi-row INSERT per chunk: a statement costs a round trip to the database (for SQLite, to
/// its worker thread), so one per story would cap throughput well below what one commit allows.
///
/// SQLite gets anonymous `?` placeholders, not `$N`: for each parameter sqlx asks SQLite for its
/// name, and SQLite finds a named parameter by walking the statement's list of names, so with
/// 2,176 `$N` parameters binding alone took longer than the inserts (a quarter of the writer's time).
fn insert_sql(rows: usize, backend: Backend) -> String {
    let mut sql = format!("INSERT INTO stories ({}) VALUES ", NewStory::COLUMNS);
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..COLUMN_COUNT {
            if column > 0 {
                sql.push_str(", ");
            }
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => sql.push_str(&format!("${}", row * COLUMN_COUNT + column + 1)),
            }
        }
        sql.push(')');
    }
    // DO NOTHING also covers a key repeated within the batch: the first row wins.
    sql.push_str(" ON CONFLICT (campaign, idempotency_key) DO NOTHING RETURNING id");
    sql
}

/// The INSERT text for `rows` rows (a power of two up to ROWS_PER_STATEMENT), built once.
fn insert_statement(rows: usize, backend: Backend) -> &'static str {
    type Texts = Vec<String>;
    static STATEMENTS: OnceLock<[Texts; 2]> = OnceLock::new();
    let statements = STATEMENTS.get_or_init(|| {
        [Backend::Sqlite, Backend::Postgres]
            .map(|backend| (0..=ROWS_PER_STATEMENT.ilog2()).map(|power| insert_sql(1 << power, backend)).collect())
    });
    let texts = &statements[usize::from(backend == Backend::Postgres)];
    &texts[rows.ilog2() as usize]
}

async fn commit(
    conn: &mut AnyConnection,
    hook: Option<&InsertHook>,
    stories: &[&NewStory],
    backend: Backend,
) -> Result<Vec<Inserted>, sqlx::Error> {
    let mut tx = conn.begin().await?;
    let mut created = HashSet::with_capacity(stories.len());
    let answers: Vec<String> =
        stories.iter().map(|s| serde_json::to_string(&s.sent.answers).expect("a map of strings is JSON")).collect();
    let safeguarding: Vec<Option<String>> = stories.iter().map(|s| list_json(&s.safeguarding)).collect();
    let mut start = 0;
    while start < stories.len() {
        // Chunks of 128, 64, ... 1 rows: only eight statement texts ever, so all stay prepared.
        let size = ROWS_PER_STATEMENT.min(1 << (stories.len() - start).ilog2());
        let range = start..start + size;
        let (chunk, answers, safeguarding) = (&stories[range.clone()], &answers[range.clone()], &safeguarding[range]);
        start += size;
        let mut query = sqlx::query(AssertSqlSafe(insert_statement(chunk.len(), backend)));
        for ((story, answers), safeguarding) in chunk.iter().zip(answers).zip(safeguarding) {
            query = story.bind(query, answers, safeguarding);
        }
        for row in query.fetch_all(&mut *tx).await? {
            created.insert(row.try_get::<String, _>("id")?);
        }
    }
    let mut results = Vec::with_capacity(stories.len());
    for story in stories {
        if created.contains(&story.id) {
            if let Some(hook) = hook {
                hook(&mut tx, story).await?;
            }
            results.push(Inserted::Created(story.id.clone()));
        } else {
            // Seen before (maybe earlier in this very batch): the first story's id, if this is it.
            let sql =
                format!("SELECT id, {} FROM stories WHERE campaign = $1 AND idempotency_key = $2", SentStory::COLUMNS);
            let row = sqlx::query(AssertSqlSafe(sql))
                .bind(&story.sent.campaign)
                .bind(&story.idempotency_key)
                .fetch_one(&mut *tx)
                .await?;
            results.push(if SentStory::from_row(&row)? == story.sent {
                Inserted::Replayed(row.try_get("id")?)
            } else {
                Inserted::KeyReused
            });
        }
    }
    tx.commit().await?;
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_insert_binds_one_value_per_column() {
        let sent = SentStory {
            campaign: "c".into(),
            lang: "en".into(),
            title: "t".into(),
            body: "b".into(),
            answers: Default::default(),
            share_with_campaign: true,
            publish: false,
            contact: false,
            name_display: "anonymous".into(),
            name: None,
            email: None,
            area: None,
            role: None,
            prompts_version: None,
        };
        let story = NewStory {
            id: "st".into(),
            created_at: 1,
            sent,
            delete_token_hash: "d".into(),
            idempotency_key: "k".into(),
            safeguarding: vec!["hit me".into()],
        };
        let mut query = story.bind(sqlx::query("INSERT"), "{}", &None);
        use sqlx::Execute;
        let arguments = query.take_arguments().unwrap().unwrap();
        assert_eq!(sqlx::Arguments::len(&arguments), COLUMN_COUNT);
    }

    #[test]
    fn sqlite_gets_anonymous_placeholders_and_postgres_numbered_ones() {
        let sqlite = insert_statement(4, Backend::Sqlite);
        assert_eq!(sqlite.matches('?').count(), 4 * COLUMN_COUNT);
        assert!(!sqlite.contains('$'), "{sqlite}");
        let postgres = insert_statement(4, Backend::Postgres);
        assert!(postgres.contains(&format!("${})", 4 * COLUMN_COUNT)) && !postgres.contains('?'), "{postgres}");
        assert_eq!(insert_statement(128, Backend::Sqlite).matches('?').count(), 128 * COLUMN_COUNT);
    }
}
