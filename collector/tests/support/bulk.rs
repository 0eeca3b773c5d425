//! A campaign with a great many stories, for what only size shows (an export's memory, its speed):
//! put in with one statement, since the way in for people is measured elsewhere.

use collector::admin::session::{self, SESSION_COOKIE};
use collector::admin::{AdminConfig, AdminState, moderators};
use collector::store::Store;
use std::io::Read;

/// About the length of a real story: four paragraphs.
const STORY: &str = "I live in the flat I chose, near my sister and the allotment where I grow beans. \
    Most mornings Jo comes in to help me get up and dressed, and we talk about the football. \
    On Tuesdays I go to the café where I used to work, and the owner keeps my table by the window.\n\n\
    Last year I started doing the accounts for the allotment society, which I did for forty years at \
    the council. People there call me when the spreadsheet goes wrong, and I like being the one who \
    knows.\n\nMy support is arranged around what I want to do, not the other way round. When my \
    hospital appointments moved, the times moved with them, and nobody made me feel like a problem.\n\n\
    What I would tell anyone is that it is the ordinary things that matter: my own front door, the \
    people I love close by, and being useful.";

/// Puts `count` stories into the socialcarefuture campaign, received a millisecond apart, half of
/// them approved and each with a name, an email and an area.
pub async fn add_stories(store: &Store, count: u32) {
    add_stories_over(store, count, i64::from(count)).await;
}

/// The same, spread evenly over the `span_ms` before now, every tenth in Welsh, and every third
/// answering a second question (what a dashboard counts).
pub async fn add_stories_over(store: &Store, count: u32, span_ms: i64) {
    let answers = serde_json::json!({ "good-day": STORY }).to_string();
    let more = serde_json::json!({ "good-day": STORY, "home-and-people": "My sister and Jo." }).to_string();
    let sql = "INSERT INTO stories (id, campaign, created_at, lang, title, body, answers, share_with_campaign, \
        publish, contact, name_display, name, email, area, status, delete_token_hash, idempotency_key, answered) \
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
        SELECT 's' || (10000000 + i), 'socialcarefuture', $2 + i * $7 / $1, \
        CASE WHEN i % 10 = 0 THEN 'cy' ELSE 'en' END, 'Story ' || i, $3, \
        CASE WHEN i % 3 = 0 THEN $6 ELSE $4 END, $5, $5, $5, \
        'full', 'Sam Jones', 'sam@example.org', 'Leeds', CASE WHEN i % 2 = 0 THEN 'approved' ELSE 'new' END, \
        'd' || i, 'k' || i, CASE WHEN i % 3 = 0 THEN 'good-day,home-and-people' ELSE 'good-day' END FROM n";
    sqlx::query(sql)
        .bind(i64::from(count))
        .bind(collector::clock::now_ms() - span_ms - 1000)
        .bind(STORY)
        .bind(answers)
        .bind(true)
        .bind(more)
        .bind(span_ms)
        .execute(store.pool())
        .await
        .expect("the stories go in");
}

/// A moderator, `sam`, signed in: the `Cookie` header value of their session.
pub async fn session_cookie(store: &Store) -> String {
    moderators::add_or_reset(store, "sam", super::console::PASSWORD).await.unwrap();
    let state = AdminState::new(store.clone(), super::console::campaigns(None), AdminConfig::default());
    let token = session::open(&state, "sam").await.unwrap();
    format!("{SESSION_COOKIE}={token}")
}

/// The most memory the process has held at once (VmHWM), in bytes; None where /proc does not say.
pub fn peak_memory(pid: u32) -> Option<u64> {
    let mut status = String::new();
    std::fs::File::open(format!("/proc/{pid}/status")).ok()?.read_to_string(&mut status).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

/// Downloads `path` from the collector at `addr` as `cookie`'s moderator, a part at a time as it
/// comes, keeping none of it: the status, the bytes and the lines.
pub async fn download(addr: &str, path: &str, cookie: &str) -> (u16, u64, u64) {
    let client = reqwest::Client::new();
    let mut response =
        client.get(format!("http://{addr}{path}")).header("cookie", cookie).send().await.expect("an answer");
    let status = response.status().as_u16();
    let (mut bytes, mut lines) = (0, 0);
    while let Some(chunk) = response.chunk().await.expect("the whole download") {
        bytes += chunk.len() as u64;
        lines += chunk.iter().filter(|b| **b == b'\n').count() as u64;
    }
    (status, bytes, lines)
}
