//! The campaign's funnel as the collector keeps it: one count per campaign, day and event (a step
//! reached, a suggestion taken or turned down), nothing about who reached it; Do Not Track and Global Privacy Control are not counted. SQLite and PostgreSQL.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use support::api::{Harness, Reply, unlimited};

async fn harnesses() -> Vec<Harness> {
    let mut all = vec![Harness::sqlite(unlimited()).await];
    all.extend(Harness::postgres(unlimited()).await);
    all
}

async fn reach(h: &Harness, campaign: &str, body: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request =
        Request::post(format!("/api/v1/campaigns/{campaign}/events")).header("content-type", "application/json");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    h.send(request.body(Body::from(body.to_owned())).unwrap()).await
}

#[tokio::test]
async fn each_step_reached_adds_one_to_todays_count_and_nothing_else_is_kept() {
    for h in harnesses().await {
        let label = format!("{:?}", h.store.backend());
        for step in ["started", "started", "question:good-day", "check", "sent", "welsh", "changed:care-package"] {
            let reply = reach(&h, "socialcarefuture", &format!(r#"{{"event":"{step}"}}"#), &[]).await;
            assert_eq!(reply.status, StatusCode::NO_CONTENT, "{label}: {}", reply.text);
            assert!(!reply.headers.contains_key("set-cookie"), "no cookie");
        }
        for privacy in [("dnt", "1"), ("sec-gpc", "1")] {
            let reply = reach(&h, "socialcarefuture", r#"{"event":"started"}"#, &[privacy]).await;
            assert_eq!(reply.status, StatusCode::NO_CONTENT, "{label}");
        }
        let today = collector::clock::date_only(collector::clock::now_ms());
        let counts = h.store.event_totals("socialcarefuture", &today, &today).await.unwrap();
        let count = |step: &str| counts.iter().find(|(s, _)| s == step).map_or(0, |(_, n)| *n);
        assert_eq!(
            (
                count("started"),
                count("question:good-day"),
                count("check"),
                count("sent"),
                count("welsh"),
                count("changed:care-package")
            ),
            (2, 1, 1, 1, 1, 1),
            "{label}: {counts:?}"
        );
        let columns: Vec<String> = match h.store.backend() {
            collector::store::Backend::Sqlite => {
                sqlx::query_scalar("SELECT name FROM pragma_table_info('funnel_counts') ORDER BY cid")
                    .fetch_all(h.store.pool())
                    .await
                    .unwrap()
            }
            collector::store::Backend::Postgres => sqlx::query_scalar(
                "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'funnel_counts' \
                 AND table_schema = current_schema() ORDER BY ordinal_position",
            )
            .fetch_all(h.store.pool())
            .await
            .unwrap(),
        };
        assert_eq!(columns, ["campaign", "day", "step", "count"], "{label}: only counts");
    }
}

#[tokio::test]
async fn an_event_the_campaign_does_not_have_is_refused_with_the_list() {
    for h in harnesses().await {
        let refused = reach(&h, "socialcarefuture", r#"{"event":"question:elsewhere"}"#, &[]).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        let detail = refused.body["detail"].as_str().unwrap();
        assert!(
            detail.starts_with("event must be one of: started, check, sent, easy-read, welsh, question:good-day"),
            "{detail}"
        );
        assert!(detail.ends_with("or changed:RULE or kept:RULE for a rule of the reframing lexicon."), "{detail}");
        for unknown in [r#"{"event":"kept:no-such-rule"}"#, r#"{"event":"changed:"}"#, r#"{"step":"started"}"#] {
            assert_eq!(reach(&h, "socialcarefuture", unknown, &[]).await.status, StatusCode::BAD_REQUEST, "{unknown}");
        }
        assert_eq!(reach(&h, "socialcarefuture", r#"{"event":1}"#, &[]).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            reach(&h, "socialcarefuture", r#"{"event":"sent","visitor":"x"}"#, &[]).await.status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(reach(&h, "no-such-campaign", r#"{"event":"sent"}"#, &[]).await.status, StatusCode::NOT_FOUND);
        let today = collector::clock::date_only(collector::clock::now_ms());
        assert!(h.store.event_totals("socialcarefuture", &today, &today).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn one_client_cannot_count_without_end() {
    let h = Harness::sqlite(unlimited()).await;
    let limit = collector::app::STEP_LIMIT.burst;
    let mut statuses = Vec::new();
    // The allowance refills meanwhile (ten a second), so a hundred beyond it, as fast as they go.
    for _ in 0..limit + 100 {
        statuses.push(reach(&h, "socialcarefuture", r#"{"event":"started"}"#, &[]).await.status);
    }
    assert!(statuses[..limit as usize].iter().all(|s| *s == StatusCode::NO_CONTENT));
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "some are refused");
}
