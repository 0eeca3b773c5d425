//! Where stories are kept: SQLite (the embedded default) or PostgreSQL, picked by the URL.
//!
//! One set of SQL serves both through sqlx's `Any` driver (runtime queries with `$N` placeholders),
//! so the admin console and the exports write their queries once too.
//!
//! The `Store` API (all async, all `Result<_, sqlx::Error>`):
//! - [`Store::connect`]`(url)`: opens the pool and runs the backend's migrations.
//! - [`Store::insert_story`]`(NewStory)`: durably stores a story, or finds the one already stored
//!   under the same `(campaign, idempotency_key)`. Goes through the group-commit writer: it returns
//!   only after the transaction holding the row has committed.
//! - [`Store::set_insert_hook`]: code run inside that same transaction for each new story
//!   (the webhook outbox uses it, so a stored story and its "new" event commit together).
//! - [`Store::withdraw`]`(id, delete_token_hash)`: deletes the row (purged, not flagged).
//! - [`Store::get_story`]`(id)`, [`Store::list_stories`]`(&StoryFilter)` (campaign, status, date
//!   range, text search, consent, paging, newest first, with the total);
//!   [`Store::stories_after`] the same filter oldest first, paged by the last story seen (exports).
//! - [`Store::set_status`]`(id, Status, moderator)`; redactions, with their history, are
//!   `admin::moderation::redact`.
//! - [`Store::published`]`(campaign, page, per_page)`: approved stories with publish consent only.
//! - [`Store::count_step`], [`Store::event_totals`]: the funnel's counts;
//!   [`Store::story_figures`]: stories per day, per question and per language (the dashboard).
//! - [`Store::pool`] and [`Store::begin`]: raw access for queries of your own (use `$N` placeholders;
//!   read booleans with [`flag`], since SQLite hands them back as integers).

mod checkpoint;
mod figures;
mod rows;
mod writer;

pub use figures::StoryFigures;
pub use rows::{NewStory, SentStory, Status, StoredStory, flag};
use story_core::wire::status::StoryState;
use story_core::wire::wall::PublishedStory;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyPool, AssertSqlSafe, Executor, Row, Transaction};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use writer::Writer;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// How long a withdrawn story's status link still says "withdrawn": a year.
pub const WITHDRAWN_KEPT_MS: i64 = 365 * crate::clock::DAY_MS;

/// Used when neither `--database-url` nor `DATABASE_URL` says otherwise.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://stories.sqlite?mode=rwc";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Code run inside the insert transaction for each newly stored story.
pub type InsertHook = Arc<
    dyn for<'c> Fn(&'c mut sqlx::AnyConnection, &'c NewStory) -> BoxFuture<'c, Result<(), sqlx::Error>> + Send + Sync,
>;

/// What `insert_story` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// Stored now, with this id.
    Created(String),
    /// The same story came before with the same idempotency key: nothing new was stored, and this
    /// is the id the first one got.
    Replayed(String),
    /// The idempotency key came before with a different story: nothing was stored. Answering
    /// with the first story's receipt would tell the sender that the changed one was kept.
    KeyReused,
}

impl Inserted {
    /// The id of the story stored under the key, unless the key was reused.
    pub fn id(&self) -> Option<&str> {
        match self {
            Inserted::Created(id) | Inserted::Replayed(id) => Some(id),
            Inserted::KeyReused => None,
        }
    }
}

/// Which stories a moderator is looking at. Pages count from 1.
#[derive(Clone, Debug, Default)]
pub struct StoryFilter {
    pub campaign: Option<String>,
    /// Only these campaigns, whatever else is asked (a moderator's scope); None is every campaign.
    pub within: Option<Vec<String>>,
    pub status: Option<Status>,
    /// Unix milliseconds, inclusive.
    pub from_ms: Option<i64>,
    /// Unix milliseconds, exclusive.
    pub to_ms: Option<i64>,
    /// Case-insensitive substring of the title or body (original or redacted).
    pub text: Option<String>,
    /// Only stories whose author agreed to this.
    pub agreed: Option<Agreed>,
    /// Only stories tagged with this theme (its name exactly as the campaign spells it).
    pub theme: Option<String>,
    pub page: u32,
    pub per_page: u32,
}

/// A consent filter: what the person agreed to when they sent the story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreed {
    /// On the wall now: approved, and the author agreed to publication.
    Published,
    /// The author agreed to be contacted (and left an email).
    Contact,
}

#[derive(Clone, Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    writer: Writer,
    hook: Arc<OnceLock<InsertHook>>,
}

impl Store {
    /// Opens the database at `url` (creating a SQLite file when the URL says `mode=rwc`) and brings
    /// its schema up to date.
    pub async fn connect(url: &str) -> Result<Store, sqlx::Error> {
        install_default_drivers();
        let backend = Backend::from_url(url).ok_or_else(|| {
            sqlx::Error::Configuration(
                format!("`{url}` is not a database URL we know: use sqlite://PATH?mode=rwc or postgres://...").into(),
            )
        })?;
        let options = match backend {
            // WAL lets the wall and the console read while stories are written; synchronous=FULL
            // fsyncs the log at every commit, so a 201 survives a power cut, not just a crash.
            Backend::Sqlite => AnyPoolOptions::new().max_connections(8).after_connect(|conn, _| {
                Box::pin(async move {
                    // Checkpoints run four times a second beside the writer (see checkpoint.rs),
                    // instead of SQLite doing them inside whichever commit crosses 1000 pages.
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; \
                         PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864;",
                    )
                    .await?;
                    Ok(())
                })
            }),
            Backend::Postgres => AnyPoolOptions::new().max_connections(16),
        };
        let pool = options.acquire_timeout(Duration::from_secs(30)).connect(url).await?;
        match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        let hook = Arc::new(OnceLock::new());
        // SQLite has one writer at a time anyway; PostgreSQL commits several batches at once.
        let writers = match backend {
            Backend::Sqlite => 1,
            Backend::Postgres => 4,
        };
        let writer = Writer::start(pool.clone(), hook.clone(), writers, backend);
        Ok(Store { pool, backend, writer, hook })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool, for queries of your own. Use `$1, $2 ...` placeholders: both backends accept them.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A transaction for work that must commit together (e.g. a status change and its outbox row).
    pub async fn begin(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        self.pool.begin().await
    }

    /// Registers the code run for each new story inside its insert transaction. Only the first
    /// registration counts; returns false if one was already set.
    pub fn set_insert_hook(&self, hook: InsertHook) -> bool {
        self.hook.set(hook).is_ok()
    }

    /// Stores a story durably (returns after the commit), or finds the one stored under the same key.
    pub async fn insert_story(&self, story: NewStory) -> Result<Inserted, sqlx::Error> {
        self.writer.insert(story).await
    }

    /// Purges a story if `delete_token_hash` is the one stored with it. False when either is wrong.
    /// The token's hash is kept (for [`WITHDRAWN_KEPT_MS`]) so the person's status link can say
    /// the story was withdrawn; nothing else of it is.
    pub async fn withdraw(&self, id: &str, delete_token_hash: &str) -> Result<bool, sqlx::Error> {
        let now = crate::clock::now_ms();
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("DELETE FROM stories WHERE id = $1 AND delete_token_hash = $2")
            .bind(id)
            .bind(delete_token_hash)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            // At once: a transaction only dropped is rolled back when its connection is next used,
            // and until then it holds its locks.
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query("INSERT INTO withdrawn_receipts (token_hash, withdrawn_at) VALUES ($1, $2)")
            .bind(delete_token_hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM withdrawn_receipts WHERE withdrawn_at < $1")
            .bind(now - WITHDRAWN_KEPT_MS)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// What became of the story `id`, asked with the hash of its withdraw token; None when there is
    /// no such story or the token is not its (the same answer, so neither is revealed).
    pub async fn state_by_receipt(&self, id: &str, delete_token_hash: &str) -> Result<Option<StoryState>, sqlx::Error> {
        let row = sqlx::query("SELECT status, publish FROM stories WHERE id = $1 AND delete_token_hash = $2")
            .bind(id)
            .bind(delete_token_hash)
            .fetch_optional(&self.pool)
            .await?;
        if let Some(row) = row {
            let status: String = row.try_get("status")?;
            return Ok(Some(match (Status::parse(&status), flag(&row, "publish")?) {
                (Some(Status::Approved), true) => StoryState::Published,
                (Some(Status::Approved | Status::Rejected), _) => StoryState::NotPublished,
                (Some(Status::Withdrawn), _) => StoryState::Withdrawn,
                _ => StoryState::Waiting,
            }));
        }
        let withdrawn = sqlx::query("SELECT withdrawn_at FROM withdrawn_receipts WHERE token_hash = $1")
            .bind(delete_token_hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(withdrawn.map(|_| StoryState::Withdrawn))
    }

    pub async fn get_story(&self, id: &str) -> Result<Option<StoredStory>, sqlx::Error> {
        let sql = format!("SELECT {} FROM stories WHERE id = $1", rows::STORED_COLUMNS);
        let row = sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(StoredStory::from_row).transpose()
    }

    /// New stories that need a person to look first (safeguarding) at the top, then newest first.
    pub async fn list_stories(&self, filter: &StoryFilter) -> Result<Page<StoredStory>, sqlx::Error> {
        let (clause, args) = matching(filter, None);
        let per_page = filter.per_page.clamp(1, 500);
        let page = filter.page.max(1);
        let count_sql = format!("SELECT COUNT(*) AS n FROM stories {clause}");
        let list_sql = format!(
            "SELECT {} FROM stories {clause} ORDER BY (safeguarding IS NULL OR status <> 'new'), created_at DESC, id DESC \
             LIMIT {per_page} OFFSET {}",
            rows::STORED_COLUMNS,
            u64::from(page - 1) * u64::from(per_page)
        );
        let total: i64 =
            bind_all(sqlx::query(AssertSqlSafe(count_sql)), &args).fetch_one(&self.pool).await?.try_get("n")?;
        let rows = bind_all(sqlx::query(AssertSqlSafe(list_sql)), &args).fetch_all(&self.pool).await?;
        let items = rows.iter().map(StoredStory::from_row).collect::<Result<_, _>>()?;
        Ok(Page { items, total, page, per_page })
    }

    /// Up to `limit` stories matching the filter (its paging ignored), oldest first, that come after
    /// `after` (a story's received time and id). Paging by the last story seen, not by an offset, is
    /// what keeps a long export from giving a story twice or skipping one while others arrive or are
    /// withdrawn.
    pub async fn stories_after(
        &self,
        filter: &StoryFilter,
        after: Option<&(i64, String)>,
        limit: u32,
    ) -> Result<Vec<StoredStory>, sqlx::Error> {
        let (clause, args) = matching(filter, after);
        let sql = format!(
            "SELECT {} FROM stories {clause} ORDER BY created_at, id LIMIT {}",
            rows::STORED_COLUMNS,
            limit.clamp(1, 5000)
        );
        let rows = bind_all(sqlx::query(AssertSqlSafe(sql)), &args).fetch_all(&self.pool).await?;
        rows.iter().map(StoredStory::from_row).collect()
    }

    /// Approves, rejects or marks a story; false if there is no such story.
    pub async fn set_status(&self, id: &str, status: Status, moderator: &str) -> Result<bool, sqlx::Error> {
        let done = sqlx::query("UPDATE stories SET status = $1, moderated_by = $2, moderated_at = $3 WHERE id = $4")
            .bind(status.as_str())
            .bind(moderator)
            .bind(crate::clock::now_ms())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Adds one to the count of page loads that reached `step` of `campaign`'s funnel today.
    pub async fn count_step(&self, campaign: &str, step: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO funnel_counts (campaign, day, step, count) VALUES ($1, $2, $3, 1) \
             ON CONFLICT (campaign, day, step) DO UPDATE SET count = funnel_counts.count + 1",
        )
        .bind(campaign)
        .bind(crate::clock::date_only(crate::clock::now_ms()))
        .bind(step)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Tags a story with these themes (in place of any before); false if there is no such story.
    pub async fn set_themes(&self, id: &str, themes: &[String]) -> Result<bool, sqlx::Error> {
        let done = sqlx::query("UPDATE stories SET themes = $1 WHERE id = $2")
            .bind(rows::list_json(themes))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The story wall: approved stories whose authors agreed to publication, newest first, with the
    /// moderator's redaction where there is one; only those that answer `prompt`, and only those a
    /// moderator tagged with `theme`, if given. Returns one page and whether more follow.
    pub async fn published(
        &self,
        campaign: &str,
        prompt: Option<&str>,
        theme: Option<&str>,
        page: u32,
        per_page: u32,
    ) -> Result<(Vec<PublishedStory>, bool), sqlx::Error> {
        let per_page = per_page.clamp(1, 100);
        let offset = u64::from(page.max(1) - 1) * u64::from(per_page);
        // What the wall shows is the queue's filter "on the wall now", and the question answered.
        let filter = StoryFilter {
            campaign: Some(campaign.to_owned()),
            agreed: Some(Agreed::Published),
            theme: theme.map(str::to_owned),
            ..StoryFilter::default()
        };
        let (clause, mut args) = matching(&filter, None);
        // `answers` is a JSON object of prompt id to text; a skipped prompt is absent or blank.
        let answered = prompt.map_or_else(String::new, |prompt| {
            args.push(Arg::Text(prompt.to_owned()));
            let p = format!("${}", args.len());
            match self.backend {
                Backend::Sqlite => {
                    format!(" AND trim(coalesce(json_extract(answers, '$.\"' || {p} || '\"'), '')) <> ''")
                }
                Backend::Postgres => format!(" AND trim(coalesce(answers::jsonb ->> {p}, '')) <> ''"),
            }
        });
        // One extra row tells whether another page follows, without counting them all.
        let sql = format!(
            "SELECT {} FROM stories {clause}{answered} ORDER BY created_at DESC, id DESC LIMIT {} OFFSET {offset}",
            rows::PUBLISHED_COLUMNS,
            per_page + 1
        );
        let query = bind_all(sqlx::query(AssertSqlSafe(sql)), &args);
        let rows = query.fetch_all(&self.pool).await?;
        let mut stories = rows.iter().map(rows::published_from_row).collect::<Result<Vec<_>, _>>()?;
        let more = stories.len() > per_page as usize;
        stories.truncate(per_page as usize);
        Ok((stories, more))
    }
}

enum Arg {
    Text(String),
    Int(i64),
    Bool(bool),
}

/// `text` with LIKE's wildcards (and its escape) taken literally, for `LIKE ... ESCAPE '\'`.
pub fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Matches a `themes` JSON array holding `theme`: its JSON string, quotes and all, so "Home" never
/// matches "Home care". (Theme names have no quotation marks or backslashes: campaigns.rs.)
fn theme_pattern(theme: &str) -> String {
    format!("%{}%", like_escaped(&serde_json::to_string(theme).expect("a string is JSON")))
}

/// The `WHERE` clause of a filter and its arguments; with `after` (a received time and id), only
/// the stories after that one in received order.
fn matching(filter: &StoryFilter, after: Option<&(i64, String)>) -> (String, Vec<Arg>) {
    let mut conditions: Vec<String> = Vec::new();
    let mut args: Vec<Arg> = Vec::new();
    // Returns the `$N` placeholder of a new argument.
    let mut arg = |value: Arg| {
        args.push(value);
        format!("${}", args.len())
    };
    if let Some(campaign) = &filter.campaign {
        conditions.push(format!("campaign = {}", arg(Arg::Text(campaign.clone()))));
    }
    if let Some(within) = &filter.within {
        let places: Vec<String> = within.iter().map(|c| arg(Arg::Text(c.clone()))).collect();
        conditions.push(if places.is_empty() {
            "1 = 0".into()
        } else {
            format!("campaign IN ({})", places.join(", "))
        });
    }
    if let Some(status) = filter.status {
        conditions.push(format!("status = {}", arg(Arg::Text(status.as_str().into()))));
    }
    if let Some(from) = filter.from_ms {
        conditions.push(format!("created_at >= {}", arg(Arg::Int(from))));
    }
    if let Some(to) = filter.to_ms {
        conditions.push(format!("created_at < {}", arg(Arg::Int(to))));
    }
    match filter.agreed {
        Some(Agreed::Published) => {
            conditions.push(format!("status = 'approved' AND publish = {}", arg(Arg::Bool(true))));
        }
        Some(Agreed::Contact) => conditions.push(format!("contact = {}", arg(Arg::Bool(true)))),
        None => {}
    }
    if let Some(theme) = &filter.theme {
        conditions.push(format!("themes LIKE {} ESCAPE '\\'", arg(Arg::Text(theme_pattern(theme)))));
    }
    if let Some(text) = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let escaped = like_escaped(&text.to_lowercase());
        let p = arg(Arg::Text(format!("%{escaped}%")));
        let like = |column: &str| format!("LOWER(COALESCE({column}, '')) LIKE {p} ESCAPE '\\'");
        let columns = ["title", "body", "published_title", "published_body"];
        conditions.push(format!("({})", columns.map(like).join(" OR ")));
    }
    if let Some((at, id)) = after {
        // `created_at >= ..` on its own, so the index on created_at finds where to start: with only
        // the OR, SQLite reads the table from the beginning for every batch.
        let (at, same, id) = (arg(Arg::Int(*at)), arg(Arg::Int(*at)), arg(Arg::Text(id.clone())));
        conditions.push(format!("created_at >= {at} AND (created_at > {same} OR id > {id})"));
    }
    let clause = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
    (clause, args)
}

fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments>,
    args: &'q [Arg],
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments> {
    for arg in args {
        query = match arg {
            Arg::Text(text) => query.bind(text.as_str()),
            Arg::Int(n) => query.bind(*n),
            Arg::Bool(b) => query.bind(*b),
        };
    }
    query
}
