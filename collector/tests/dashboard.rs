//! The campaign dashboard, on real databases: stories per day, the funnel, the questions answered,
//! suggestions changed or kept, and languages and easy read, each as a chart and a table, for the
//! days asked; only for campaigns the moderator may see. SQLite and PostgreSQL.

mod support;

use axum::http::StatusCode;
use collector::admin::moderators;
use collector::admin::session::Scope;
use collector::clock::{DAY_MS, date_only, now_ms};
use support::api::{Harness, unlimited};
use support::console::{add_story, signed_in, story};

async fn harnesses() -> Vec<Harness> {
    let mut all = vec![Harness::sqlite(unlimited()).await];
    all.extend(Harness::postgres(unlimited()).await);
    all
}

/// A table row as the page writes it: the row's heading, then its figures.
fn row(cells: &[&str]) -> String {
    let (head, figures) = cells.split_first().unwrap();
    let figures: String = figures.iter().map(|f| format!(r#"<td class="numeric">{f}</td>"#)).collect();
    format!(r#"<th scope="row">{head}</th>{figures}"#)
}

#[tokio::test]
async fn the_dashboard_counts_the_campaigns_stories_and_funnel_for_the_days_asked() {
    for h in harnesses().await {
        let label = format!("{:?}", h.store.backend());
        let store = &h.store;
        let answers = |ids: &[&str]| ids.iter().map(|id| ((*id).to_owned(), "Tea and the choir.".to_owned())).collect();
        for (days_ago, lang, ids) in [
            (0, "en", vec!["good-day", "home-and-people"]),
            (0, "cy", vec!["good-day"]),
            (2, "en", vec!["good-day", "community"]),
            (40, "en", vec!["good-day"]),
        ] {
            let mut one = story("socialcarefuture", "A good day", "Tea and the choir.");
            one.created_at = now_ms() - days_ago * DAY_MS;
            one.sent.lang = lang.into();
            one.sent.answers = answers(&ids);
            add_story(store, one).await;
        }
        add_story(store, story("other", "Elsewhere", "Not this campaign's.")).await;
        for (event, times) in [
            ("started", 4),
            ("question:good-day", 4),
            ("question:home-and-people", 3),
            ("check", 3),
            ("sent", 2),
            ("easy-read", 1),
            ("welsh", 1),
            ("changed:care-package", 3),
            ("kept:care-package", 1),
            ("kept:service-user", 2),
        ] {
            for _ in 0..times {
                store.count_step("socialcarefuture", event).await.unwrap();
            }
        }
        store.count_step("other", "started").await.unwrap();

        let mut browser = signed_in(store).await;
        let queue = browser.get("/admin").await;
        assert!(
            queue.text.contains(r##"<a href="/admin/campaigns/socialcarefuture">#socialcarefuture: dashboard</a>"##)
        );
        let page = browser.get("/admin/campaigns/socialcarefuture").await;
        assert_eq!(page.status, StatusCode::OK, "{label}: {}", page.text);
        let text = &page.text;
        let today = date_only(now_ms());
        assert!(text.contains(&format!("to {today} (UTC): <strong>3 stories</strong> received.")), "{label}: {text}");
        assert!(text.contains(&row(&[&today, "2"])) && text.contains(&row(&[&date_only(now_ms() - 2 * DAY_MS), "1"])));
        assert!(text.contains(&row(&[&date_only(now_ms() - DAY_MS), "0"])), "days without stories are shown");
        assert!(text.contains(&row(&["Began (the first question)", "4", "100%"])), "{label}: {text}");
        assert!(text.contains(&row(&["Reached “Home and the people I love”", "3", "75%"])));
        assert!(text.contains(&row(&["Reached the check page", "3", "75%"])));
        assert!(text.contains(&row(&["Sent their story", "2", "50%"])));
        assert!(text.contains(&row(&["A good day", "3", "100%"])), "{label}: {text}");
        assert!(text.contains(&row(&["Where I belong", "1", "33%"])));
        assert!(text.contains(&row(&["What gets in the way", "0", "0%"])));
        assert!(text.contains(&row(&["“care package”", "3", "1"])), "{label}: {text}");
        assert!(text.contains(&row(&["“service user”", "0", "2"])));
        assert!(text.find("“care package”").unwrap() < text.find("“service user”").unwrap(), "the most acted on first");
        assert!(text.contains(&row(&["English", "2", "67%"])) && text.contains(&row(&["Welsh (Cymraeg)", "1", "33%"])));
        assert!(text.contains(&row(&["Easy read", "1", "25%"])) && text.contains(&row(&["Welsh", "1", "25%"])));
        assert_eq!(text.matches(r#"<svg class="chart" role="img""#).count(), 5, "a chart for each");
        assert!(!text.contains("<script"), "no JavaScript");

        // A longer span takes in the older story.
        let from = date_only(now_ms() - 45 * DAY_MS);
        let page = browser.get(&format!("/admin/campaigns/socialcarefuture?from={from}")).await;
        assert!(page.text.contains("<strong>4 stories</strong> received."), "{label}: {}", page.text);
        assert!(page.text.contains(&row(&["A good day", "4", "100%"])), "{label}");
    }
}

#[tokio::test]
async fn bad_dates_are_explained_and_kept_and_other_campaigns_stay_unseen() {
    for h in harnesses().await {
        let label = format!("{:?}", h.store.backend());
        let store = &h.store;
        add_story(store, story("socialcarefuture", "A good day", "Tea.")).await;
        let mut browser = signed_in(store).await;

        let page = browser.get("/admin/campaigns/socialcarefuture?from=2026-02-30&to=").await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(
            page.text.contains(r##"<a href="#from">From must be a real date, like 2026-11-26</a>"##),
            "{}",
            page.text
        );
        assert!(
            page.text.contains(r#"value="2026-02-30" aria-describedby="from-error""#),
            "kept as typed: {}",
            page.text
        );
        assert!(page.text.contains("<strong>1 story</strong> received."), "the last 30 days instead");
        let backwards = browser.get("/admin/campaigns/socialcarefuture?from=2026-12-05&to=2026-12-01").await;
        assert!(backwards.text.contains("From must be the same as or before To"), "{label}");

        assert_eq!(browser.get("/admin/campaigns/no-such-campaign").await.status, StatusCode::NOT_FOUND);
        moderators::set_access(store, "sam", &Scope::Only(vec!["socialcarefuture".into()]), false).await.unwrap();
        let hidden = browser.get("/admin/campaigns/other").await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{label}");
        assert!(!hidden.text.contains("Other campaign"), "{label}");
        assert!(!browser.get("/admin").await.text.contains("/admin/campaigns/other"), "{label}");

        browser.forget_cookies();
        let signed_out = browser.get("/admin/campaigns/socialcarefuture").await;
        assert_eq!(signed_out.status, StatusCode::SEE_OTHER, "{label}");
        assert!(signed_out.location().starts_with("/admin/login"), "{label}: {}", signed_out.location());
    }
}

#[tokio::test]
async fn stories_kept_before_the_dashboard_are_counted_once_their_migration_runs() {
    for db in support::databases().await {
        let store = &db.store;
        let mut one = story("socialcarefuture", "Before", "Tea.");
        one.sent.answers =
            [("good-day".to_owned(), "Tea.".to_owned()), ("community".to_owned(), "The choir.".to_owned())].into();
        add_story(store, one).await;
        // As a story stored before migration 0015: no `answered`. Then that migration's own backfill.
        sqlx::query("UPDATE stories SET answered = NULL").execute(store.pool()).await.unwrap();
        let migration = match store.backend() {
            collector::store::Backend::Sqlite => include_str!("../migrations/sqlite/0015_answered.sql"),
            collector::store::Backend::Postgres => include_str!("../migrations/postgres/0015_answered.sql"),
        };
        let backfill = migration.split(';').find(|s| s.trim_start().starts_with("UPDATE")).expect("a backfill");
        sqlx::query(sqlx::AssertSqlSafe(backfill.to_owned())).execute(store.pool()).await.unwrap();
        let figures = store
            .story_figures(
                "socialcarefuture",
                now_ms() - DAY_MS,
                now_ms() + DAY_MS,
                &["good-day", "community", "what-helps"],
            )
            .await
            .unwrap();
        assert_eq!(
            figures.answering,
            [("good-day".to_owned(), 1), ("community".to_owned(), 1), ("what-helps".to_owned(), 0)],
            "{}",
            db.label
        );
    }
}
