//! `cargo xtask bench dashboard`: the campaign dashboard (/admin/campaigns/{id}) for a campaign of
//! 100,000 stories received over its 30 days, with a month of funnel counts, served by a
//! release-built collector process on SQLite and on PostgreSQL (TEST_DATABASE_URL): the time from
//! request to the last byte of the page, over repeated loads.

#[path = "../tests/support/mod.rs"]
mod support;

use collector::clock::{DAY_MS, date_only, now_ms};
use std::process::Stdio;
use std::time::Instant;
use support::{TestDb, bulk, process};

const STORIES: u32 = 100_000;
const DAYS: i64 = 30;
const LOADS: usize = 20;

#[tokio::main]
async fn main() {
    let mut databases = vec![TestDb::sqlite().await];
    databases.extend(TestDb::postgres().await);
    println!("dashboard of {STORIES} stories over {DAYS} days (release build; {LOADS} loads after one to warm up)");
    let mut events: Vec<String> = ["started", "check", "sent", "easy-read", "welsh"].map(str::to_owned).into();
    events.extend(story_core::locale::Lang::En.locale().prompts.iter().map(|p| format!("question:{}", p.id)));
    for rule in story_core::reframe::rules().iter().take(20) {
        events.push(format!("changed:{}", rule.id));
        events.push(format!("kept:{}", rule.id));
    }
    for db in databases {
        let started = Instant::now();
        bulk::add_stories_over(&db.store, STORIES, (DAYS - 1) * DAY_MS).await;
        for day in 0..DAYS {
            let day = date_only(now_ms() - day * DAY_MS);
            for (index, event) in events.iter().enumerate() {
                sqlx::query("INSERT INTO funnel_counts (campaign, day, step, count) VALUES ($1, $2, $3, $4)")
                    .bind("socialcarefuture")
                    .bind(&day)
                    .bind(event)
                    .bind(5000 - 100 * index as i64)
                    .execute(db.store.pool())
                    .await
                    .unwrap();
            }
        }
        let cookie = bulk::session_cookie(&db.store).await;
        println!("{}: stories and counts put in, {:.1} s", db.label, started.elapsed().as_secs_f64());
        let dir = tempfile::tempdir().unwrap();
        let (mut child, addr) =
            process::start(dir.path(), &["--database-url", &db.url, "--widget-dir", "."], Stdio::null());
        let path = "/admin/campaigns/socialcarefuture";
        let (status, bytes, _) = bulk::download(&addr, path, &cookie).await;
        assert_eq!(status, 200, "{path}");
        let mut times = Vec::new();
        for _ in 0..LOADS {
            let started = Instant::now();
            let (status, _, _) = bulk::download(&addr, path, &cookie).await;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(status, 200);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{}: page {:.1} KB; median {:.0} ms, slowest {:.0} ms",
            db.label,
            bytes as f64 / 1e3,
            times[LOADS / 2],
            times[LOADS - 1]
        );
        child.kill().unwrap();
        child.wait().unwrap();
    }
}
