//! The public API, end to end through the real router, on SQLite and on PostgreSQL.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use collector::abuse::RateLimit;
use collector::admin::moderation::{self, Published};
use collector::app::{Limits, Settings};
use collector::store::Status;
use serde_json::{Value, json};
use std::time::Duration;
use support::api::{Harness, key, story, unlimited};

on_both! {
    a_story_is_stored_and_a_retry_is_answered_the_same(unlimited());
    a_key_reused_for_another_story_is_refused(unlimited());
    every_malformed_request_is_explained(unlimited());
    invalid_fields_are_named(unlimited());
    unknown_campaigns_are_404(unlimited());
    the_honeypot_pretends_and_stores_nothing(unlimited());
    hidden_characters_are_refused_by_field_or_removed(unlimited());
    a_story_sent_too_fast_is_refused(unlimited());
    a_withdrawn_story_is_gone(unlimited());
    the_wall_shows_only_approved_published_stories(unlimited());
    the_wall_can_show_one_theme(unlimited());
    a_flood_is_slowed_down(Settings { rate_limit: RateLimit { per_minute: 1, burst: 2 }, ..Settings::default() });
    cors_follows_each_campaigns_origins(unlimited());
    behind_a_proxy_the_public_url_is_the_collectors_own_origin(Settings {
        public_origin: Some("https://stories.example.org".into()),
        ..unlimited()
    });
    every_response_has_security_headers(unlimited());
    the_campaign_config_is_public(unlimited());
    each_story_records_the_version_of_the_questions_it_answers(unlimited());
    words_that_may_tell_of_harm_are_found_in_the_story_and_the_campaigns_own(unlimited());
    metrics_count_what_happened(unlimited());
    metrics_are_for_this_machine_or_the_token(Settings { metrics_token: Some("s3cret-metrics".into()), ..unlimited() });
    https_through_a_trusted_proxy_is_kept_to(Settings { trust_forwarded_for: true, ..unlimited() });
    a_stalled_story_is_told_it_took_too_long(limited(Limits { body: Duration::from_millis(200), ..Limits::default() }));
    an_answer_is_given_up_on_in_time(limited(Limits {
        answer: Duration::from_millis(200),
        body: Duration::from_secs(30),
        ..Limits::default()
    }));
    over_capacity_is_refused_at_once(limited(Limits { concurrent: 2, body: Duration::from_secs(1), ..Limits::default() }));
}

fn limited(limits: Limits) -> Settings {
    Settings { limits, ..unlimited() }
}

/// A request body that never sends a byte: a stalled or deliberately slow client.
struct Stalled;

impl http_body::Body for Stalled {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

fn stalled_story() -> Request<Body> {
    Request::post("/api/v1/stories")
        .header("content-type", "application/json")
        .header("idempotency-key", key())
        .body(Body::new(Stalled))
        .unwrap()
}

async fn a_stalled_story_is_told_it_took_too_long(h: Harness) {
    let started = std::time::Instant::now();
    let reply = h.send(stalled_story()).await;
    assert_problem(&reply, StatusCode::REQUEST_TIMEOUT, None);
    assert!(reply.body["detail"].as_str().unwrap().contains("send it again"), "{}", reply.text);
    assert!(started.elapsed() < Duration::from_secs(5), "given up on after the body limit, not never");
    assert_eq!(h.count().await, 0);
}

async fn an_answer_is_given_up_on_in_time(h: Harness) {
    let reply = h.send(stalled_story()).await;
    assert_problem(&reply, StatusCode::SERVICE_UNAVAILABLE, None);
    assert_eq!(reply.body["type"], "urn:story-builder:problem:timed-out");
    assert_eq!(reply.headers["retry-after"], "5");
}

async fn over_capacity_is_refused_at_once(h: Harness) {
    // Two stalled stories hold both places; the next request is turned away at once, not queued.
    let (first, second, third) = tokio::join!(h.send(stalled_story()), h.send(stalled_story()), async {
        tokio::task::yield_now().await;
        h.get("/healthz").await
    });
    assert_problem(&third, StatusCode::SERVICE_UNAVAILABLE, None);
    assert_eq!(third.body["type"], "urn:story-builder:problem:busy");
    assert_eq!(third.headers["retry-after"], "5");
    assert_eq!((first.status, second.status), (StatusCode::REQUEST_TIMEOUT, StatusCode::REQUEST_TIMEOUT));
    assert_eq!(h.get("/healthz").await.status, StatusCode::OK, "the places are free again");
}

fn assert_problem(reply: &support::api::Reply, status: StatusCode, field: Option<&str>) {
    assert_eq!(reply.status, status, "{}", reply.text);
    assert_eq!(reply.headers["content-type"], "application/problem+json", "{}", reply.text);
    assert_eq!(reply.body["status"], status.as_u16());
    assert!(reply.body["detail"].as_str().is_some_and(|d| !d.is_empty()), "{}", reply.text);
    assert!(reply.body["title"].is_string() && reply.body["type"].is_string());
    assert_eq!(reply.body["field"].as_str(), field, "{}", reply.text);
}

async fn a_story_is_stored_and_a_retry_is_answered_the_same(h: Harness) {
    let key = key();
    let first = h.post_story(&story(), Some(&key)).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let id = first.body["id"].as_str().unwrap();
    assert!(first.body["delete_token"].as_str().is_some_and(|t| t.len() >= 32));
    let again = h.post_story(&story(), Some(&key)).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.body, first.body, "the same key gives the same answer");
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(h.count().await, 1, "and stores nothing new");
    let stored = h.store.get_story(id).await.unwrap().unwrap();
    assert_eq!((stored.sent.title.as_str(), stored.status), ("My good day", Status::New));
    assert_eq!(stored.sent.name.as_deref(), Some("Sam"), "only the first name, as chosen");
    assert_eq!(stored.sent.answers["good-day"], "Tea first, then the allotment.");
    assert_ne!(stored.sent.title, first.body["delete_token"].as_str().unwrap());
    // Another key is another story; no key at all is accepted too (but cannot be retried safely).
    assert_eq!(h.post_story(&story(), Some(&support::api::key())).await.status, StatusCode::CREATED);
    assert_eq!(h.post_story(&story(), None).await.status, StatusCode::CREATED);
    assert_eq!(h.count().await, 3);
}

async fn a_key_reused_for_another_story_is_refused(h: Harness) {
    let key = key();
    let first = h.post_story(&story(), Some(&key)).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let changes: [(&str, Value); 4] = [
        ("/title", json!("My better day")),
        ("/answers/good-day", json!("Tea first, then the choir.")),
        ("/consent/publish", json!(false)),
        ("/area", json!("York")),
    ];
    for (pointer, value) in changes {
        let mut changed = story();
        *changed.pointer_mut(pointer).unwrap() = value;
        let reply = h.post_story(&changed, Some(&key)).await;
        assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY, Some("Idempotency-Key"));
        assert_eq!(reply.body["type"], "urn:story-builder:problem:idempotency-key-reused", "{pointer}");
        assert!(reply.body.get("id").is_none(), "the first story's receipt is not given out: {}", reply.text);
    }
    let stored = h.store.get_story(first.body["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!((h.count().await, stored.sent.title.as_str()), (1, "My good day"), "the first story stays as it was");
    // The same story again is still a retry: the same answer.
    assert_eq!(h.post_story(&story(), Some(&key)).await.body, first.body);
}

async fn every_malformed_request_is_explained(h: Harness) {
    let post = |content_type: &'static str, body: Body| {
        Request::post("/api/v1/stories").header("content-type", content_type).body(body).unwrap()
    };
    let reply = h.send(post("application/json", Body::from("{\"campaign\": \"x\",\n \"title\": }"))).await;
    assert_problem(&reply, StatusCode::BAD_REQUEST, None);
    assert!(reply.body["detail"].as_str().unwrap().contains("line 2, column"), "{}", reply.text);
    let reply = h.send(post("text/plain", Body::from(story().to_string()))).await;
    assert_problem(&reply, StatusCode::UNSUPPORTED_MEDIA_TYPE, None);
    let mut huge = story();
    huge["body"] = json!("x".repeat(70 * 1024));
    let reply = h.send(post("application/json", Body::from(huge.to_string()))).await;
    assert_problem(&reply, StatusCode::PAYLOAD_TOO_LARGE, None);
    let mut missing = story();
    missing.as_object_mut().unwrap().remove("title");
    assert_problem(&h.post_story(&missing, Some(&key())).await, StatusCode::BAD_REQUEST, Some("title"));
    let reply = h.post_story(&story(), Some("not a key")).await;
    assert_problem(&reply, StatusCode::BAD_REQUEST, Some("Idempotency-Key"));
    assert_eq!(h.count().await, 0);
}

async fn invalid_fields_are_named(h: Harness) {
    let cases: [(&str, Value, &str); 5] = [
        ("/title", json!("x".repeat(101)), "title"),
        ("/email", json!("sam.example.org"), "email"),
        ("/consent/share_with_campaign", json!(false), "consent.share_with_campaign"),
        ("/lang", json!("xx"), "lang"),
        ("/answers/good-day", json!("word ".repeat(501)), "answers.good-day"),
    ];
    for (pointer, value, field) in cases {
        let mut body = story();
        *body.pointer_mut(pointer).unwrap() = value;
        if field == "email" {
            body["consent"]["contact"] = json!(true);
        }
        let reply = h.post_story(&body, Some(&key())).await;
        assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY, Some(field));
    }
    let mut body = story();
    body["consent"]["contact"] = json!(true);
    let reply = h.post_story(&body, Some(&key())).await;
    assert_eq!(reply.body["detail"], "Enter your email address, or untick ‘Contact me about my story’");
    assert_eq!(h.count().await, 0);
}

async fn unknown_campaigns_are_404(h: Harness) {
    let mut body = story();
    body["campaign"] = json!("nobody");
    assert_problem(&h.post_story(&body, Some(&key())).await, StatusCode::NOT_FOUND, Some("campaign"));
    assert_problem(&h.get("/api/v1/campaigns/nobody").await, StatusCode::NOT_FOUND, Some("campaign"));
    assert_problem(&h.get("/api/v1/campaigns/nobody/stories").await, StatusCode::NOT_FOUND, Some("campaign"));
    assert_problem(&h.get("/api/v1/nothing-here").await, StatusCode::NOT_FOUND, None);
}

async fn the_honeypot_pretends_and_stores_nothing(h: Harness) {
    let real = h.post_story(&story(), Some(&key())).await;
    let mut body = story();
    body["website"] = json!("http://cheap-pills.example");
    let reply = h.post_story(&body, Some(&key())).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    // The same answer as a real acceptance: the same headers, the same fields of the same shape.
    let names = |reply: &support::api::Reply| {
        let mut names: Vec<String> =
            reply.headers.iter().map(|(name, value)| format!("{name}: {}", value.len())).collect();
        names.sort();
        names
    };
    assert_eq!(names(&reply), names(&real), "{:?}", reply.headers);
    assert_eq!(reply.headers["cache-control"], "no-store");
    for field in ["id", "delete_token"] {
        let length = |reply: &support::api::Reply| reply.body[field].as_str().map(str::len);
        assert_eq!(length(&reply), length(&real), "{field}: {}", reply.text);
    }
    assert_eq!(h.count().await, 1, "only the real story is stored");
    // A body that a real story would be refused for is refused the same way, honeypot or not.
    body["started_at"] = json!(support::api::now_ms() - 3_000);
    assert_problem(&h.post_story(&body, Some(&key())).await, StatusCode::UNPROCESSABLE_ENTITY, Some("started_at"));
    body.as_object_mut().unwrap().remove("started_at");
    assert_problem(&h.post_story(&body, Some(&key())).await, StatusCode::BAD_REQUEST, Some("started_at"));
    assert_eq!(h.count().await, 1);
}

async fn hidden_characters_are_refused_by_field_or_removed(h: Harness) {
    let refused = [
        ("body", json!("Tea\u{0}first, then the allotment.")),
        ("answers", json!({"good-day": "Tea first\u{1b}[31m"})),
        ("name", json!("Sam\u{85}Jones")),
        ("title", json!("Bell\u{7}")),
    ];
    for (field, value) in refused {
        let mut body = story();
        body[field] = value;
        let reply = h.post_story(&body, Some(&key())).await;
        let named = if field == "answers" { "answers.good-day" } else { field };
        assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY, Some(named));
        assert!(reply.body["detail"].as_str().unwrap().contains("hidden control character"), "{}", reply.text);
    }
    assert_eq!(h.count().await, 0);

    let mut body = story();
    body["title"] = json!("My \u{202e}good\u{202c} day\u{200b}");
    body["body"] = json!("Tea first with Mum 👩\u{200d}👧, then the allotment.\r\nAnd cake.");
    body["answers"] = json!({"good-day": "Tea first with Mum 👩\u{200d}👧, then the allotment."});
    let reply = h.post_story(&body, Some(&key())).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let stored = h.store.get_story(reply.body["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!(stored.sent.title, "My good day", "layout tricks go, the words stay");
    assert_eq!(stored.sent.body, "Tea first with Mum 👩\u{200d}👧, then the allotment.\nAnd cake.");
    assert_eq!(stored.sent.answers.len(), 1, "the tidied answer is still in the tidied story");
}

async fn a_story_sent_too_fast_is_refused(h: Harness) {
    let mut body = story();
    body["started_at"] = json!(support::api::now_ms() - 3_000);
    let reply = h.post_story(&body, Some(&key())).await;
    assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY, Some("started_at"));
    // The person reads why in the language they wrote in.
    body["lang"] = json!("cy");
    let reply = h.post_story(&body, Some(&key())).await;
    assert!(reply.body["detail"].as_str().unwrap().starts_with("Roedd hynny'n gyflymach"), "{}", reply.text);
    assert_eq!(h.count().await, 0);
}

async fn a_withdrawn_story_is_gone(h: Harness) {
    let created = h.post_story(&story(), Some(&key())).await.body;
    let id = created["id"].as_str().unwrap();
    let token = created["delete_token"].as_str().unwrap();
    h.store.set_status(id, Status::Approved, "mod").await.unwrap();
    let delete = |auth: Option<String>| {
        let mut request = Request::delete(format!("/api/v1/stories/{id}"));
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        request.body(Body::empty()).unwrap()
    };
    assert_problem(&h.send(delete(None)).await, StatusCode::UNAUTHORIZED, None);
    assert_problem(&h.send(delete(Some("Bearer wrong".into()))).await, StatusCode::NOT_FOUND, None);
    assert!(h.store.get_story(id).await.unwrap().is_some());
    let reply = h.send(delete(Some(format!("Bearer {token}")))).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(h.store.get_story(id).await.unwrap(), None, "purged, not flagged");
    assert_eq!(h.get("/api/v1/campaigns/socialcarefuture/stories").await.body["stories"], json!([]));
    assert_problem(&h.send(delete(Some(format!("Bearer {token}")))).await, StatusCode::NOT_FOUND, None);
}

async fn the_wall_shows_only_approved_published_stories(h: Harness) {
    let mut ids = Vec::new();
    for (publish, display) in [(true, "first"), (false, "full"), (true, "full"), (true, "anonymous")] {
        let mut body = story();
        body["consent"]["publish"] = json!(publish);
        body["name_display"] = json!(display);
        ids.push(h.post_story(&body, Some(&key())).await.body["id"].as_str().unwrap().to_owned());
    }
    for id in &ids[..2] {
        h.store.set_status(id, Status::Approved, "mod").await.unwrap();
    }
    h.store.set_status(&ids[3], Status::Approved, "mod").await.unwrap();
    let published =
        |title: &str, body: &str| Published { title: title.into(), body: body.into(), ..Published::default() };
    moderation::redact(&h.store, &ids[0], &published("A good day", "Tea first, then [place]."), "mod").await.unwrap();
    // A moderator may hide the area shown too (here for a story whose author asked for no name).
    let no_area = Published { area: Some(String::new()), ..published("My good day", "Tea first, then the allotment.") };
    moderation::redact(&h.store, &ids[3], &no_area, "mod").await.unwrap();
    // ids[1] did not agree to publication; ids[2] is not approved.
    let wall = h.get("/api/v1/campaigns/socialcarefuture/stories?per_page=1").await;
    assert_eq!(wall.status, StatusCode::OK, "{}", wall.text);
    assert_eq!(wall.body["stories"].as_array().unwrap().len(), 1);
    assert_eq!(wall.body["next_page"], 2);
    let wall = h.get("/api/v1/campaigns/socialcarefuture/stories").await.body;
    let shown: Vec<(&str, &Value)> =
        wall["stories"].as_array().unwrap().iter().map(|s| (s["id"].as_str().unwrap(), &s["name"])).collect();
    assert_eq!(shown.len(), 2, "{wall}");
    assert!(shown.contains(&(ids[0].as_str(), &json!("Sam"))));
    assert!(shown.contains(&(ids[3].as_str(), &Value::Null)), "anonymous shows no name");
    let redacted = wall["stories"].as_array().unwrap().iter().find(|s| s["id"] == ids[0].as_str()).unwrap();
    assert_eq!((&redacted["title"], &redacted["body"]), (&json!("A good day"), &json!("Tea first, then [place].")));
    assert!(redacted.get("email").is_none());
    assert_eq!(redacted["area"], "Leeds", "the area they gave is shown with the story");
    let hidden = wall["stories"].as_array().unwrap().iter().find(|s| s["id"] == ids[3].as_str()).unwrap();
    assert_eq!((&hidden["name"], &hidden["area"]), (&Value::Null, &Value::Null), "{hidden}");
    assert_eq!(h.get("/api/v1/campaigns/other/stories").await.body["stories"], json!([]));
    let reply = h.get("/api/v1/campaigns/socialcarefuture/stories?page=0").await;
    assert_problem(&reply, StatusCode::BAD_REQUEST, Some("page"));
}

async fn the_wall_can_show_one_theme(h: Harness) {
    let mut ids = Vec::new();
    for answers in [
        json!({"good-day": "Tea first.", "community": "The choir."}),
        json!({"good-day": "The allotment.", "community": "   "}),
        json!({"community": "Friday quiz night."}),
    ] {
        let mut body = story();
        // The body holds its answers, as the widget assembles it.
        let words: Vec<&str> = answers.as_object().unwrap().values().map(|a| a.as_str().unwrap()).collect();
        body["body"] = json!(words.join("\n\n"));
        body["answers"] = answers;
        let id = h.post_story(&body, Some(&key())).await.body["id"].as_str().unwrap().to_owned();
        h.store.set_status(&id, Status::Approved, "mod").await.unwrap();
        ids.push(id);
    }
    let shown = |wall: Value| -> Vec<String> {
        let mut ids: Vec<String> =
            wall["stories"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect();
        ids.sort();
        ids
    };
    let sorted = |mut wanted: Vec<String>| {
        wanted.sort();
        wanted
    };
    let wall = h.get("/api/v1/campaigns/socialcarefuture/stories?prompt=community").await;
    assert_eq!(wall.status, StatusCode::OK, "{}", wall.text);
    assert_eq!(wall.body["prompt"], "community");
    assert_eq!(shown(wall.body), sorted(vec![ids[0].clone(), ids[2].clone()]), "a blank answer is no answer");
    let wall = h.get("/api/v1/campaigns/socialcarefuture/stories?prompt=good-day&per_page=1").await.body;
    assert_eq!((wall["stories"].as_array().unwrap().len(), &wall["next_page"]), (1, &json!(2)));
    let all = h.get("/api/v1/campaigns/socialcarefuture/stories?prompt=").await.body;
    assert_eq!((all["stories"].as_array().unwrap().len(), &all["prompt"]), (3, &Value::Null));
    let reply = h.get("/api/v1/campaigns/socialcarefuture/stories?prompt=favourite-colour").await;
    assert_problem(&reply, StatusCode::BAD_REQUEST, Some("prompt"));
}

async fn a_flood_is_slowed_down(h: Harness) {
    for _ in 0..2 {
        assert_eq!(h.post_story(&story(), Some(&key())).await.status, StatusCode::CREATED);
    }
    let reply = h.post_story(&story(), Some(&key())).await;
    assert_problem(&reply, StatusCode::TOO_MANY_REQUESTS, None);
    let wait: u64 = reply.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(reply.body["retry_after"], wait);
    assert_eq!(h.count().await, 2);
}

async fn cors_follows_each_campaigns_origins(h: Harness) {
    let preflight = |path: &str, origin: &str| {
        Request::options(path)
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type, idempotency-key")
            .body(Body::empty())
            .unwrap()
    };
    let reply = h.send(preflight("/api/v1/stories", "https://partner.example")).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(reply.headers["access-control-allow-origin"], "https://partner.example");
    let allowed = reply.headers["access-control-allow-headers"].to_str().unwrap();
    assert!(allowed.contains("idempotency-key") && allowed.contains("proof-of-work"), "{allowed}");
    let reply = h.send(preflight("/api/v1/stories", "https://evil.example")).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(!reply.headers.contains_key("access-control-allow-origin"));
    // A path naming a campaign is answered from that campaign's list alone.
    let reply = h.send(preflight("/api/v1/campaigns/socialcarefuture", "https://other.example")).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    // The story's own campaign must allow the sending site, not just any campaign.
    let post = |origin: &str| {
        Request::post("/api/v1/stories")
            .header("content-type", "application/json")
            .header("origin", origin)
            .header("idempotency-key", key())
            .body(Body::from(story().to_string()))
            .unwrap()
    };
    let reply = h.send(post("https://partner.example")).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    assert_eq!(reply.headers["access-control-allow-origin"], "https://partner.example");
    assert_problem(&h.send(post("https://other.example")).await, StatusCode::FORBIDDEN, None);
    // Same-origin requests (the widget served by the collector itself) need no list.
    let same = Request::post("/api/v1/stories")
        .header("content-type", "application/json")
        .header("origin", "http://collector.test:8080")
        .header("host", "collector.test:8080")
        .header("idempotency-key", key())
        .body(Body::from(story().to_string()))
        .unwrap();
    assert_eq!(h.send(same).await.status, StatusCode::CREATED);
    assert_eq!(h.count().await, 2);
}

/// nginx as the README configures it asks for `Host: 127.0.0.1:8080`; the page's origin is the
/// public one.
async fn behind_a_proxy_the_public_url_is_the_collectors_own_origin(h: Harness) {
    let post = |origin: &str| {
        Request::post("/api/v1/stories")
            .header("content-type", "application/json")
            .header("origin", origin)
            .header("host", "127.0.0.1:8080")
            .header("x-forwarded-proto", "https")
            .header("idempotency-key", key())
            .body(Body::from(story().to_string()))
            .unwrap()
    };
    let reply = h.send(post("https://stories.example.org")).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    assert!(!reply.headers.contains_key("access-control-allow-origin"), "same origin: no CORS needed");
    assert_problem(&h.send(post("https://evil.example")).await, StatusCode::FORBIDDEN, None);
    assert_problem(&h.send(post("http://stories.example.org")).await, StatusCode::FORBIDDEN, None);
    assert_eq!(h.count().await, 1);
    let reply = h.get("/healthz").await;
    assert_eq!(reply.headers["strict-transport-security"], "max-age=31536000", "an https public URL: HSTS");
}

async fn https_through_a_trusted_proxy_is_kept_to(h: Harness) {
    let over = |proto: &str| Request::get("/healthz").header("x-forwarded-proto", proto).body(Body::empty()).unwrap();
    let reply = h.send(over("https")).await;
    assert_eq!(reply.headers["strict-transport-security"], "max-age=31536000");
    assert!(!h.send(over("http")).await.headers.contains_key("strict-transport-security"));
}

async fn every_response_has_security_headers(h: Harness) {
    for path in ["/healthz", "/api/v1/campaigns/socialcarefuture", "/api/v1/nowhere", "/metrics"] {
        let reply = h.get(path).await;
        assert_eq!(reply.headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(reply.headers["referrer-policy"], "no-referrer", "{path}");
        assert!(reply.headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors"), "{path}");
        assert!(!reply.headers.contains_key("strict-transport-security"), "plain HTTP: no HSTS on {path}");
    }
    // An untrusted X-Forwarded-Proto is ignored.
    let reply =
        h.send(Request::get("/healthz").header("x-forwarded-proto", "https").body(Body::empty()).unwrap()).await;
    assert!(!reply.headers.contains_key("strict-transport-security"));
}

async fn words_that_may_tell_of_harm_are_found_in_the_story_and_the_campaigns_own(h: Harness) {
    let h = &h;
    let stored = |sent: Value| async move {
        let reply = h.post_story(&sent, Some(&key())).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        h.store.get_story(reply.body["id"].as_str().unwrap()).await.unwrap().unwrap().safeguarding
    };
    let mut sent = story();
    sent["body"] = json!("Tea first. Some nights he HIT me and I was not safe.");
    sent["answers"] = json!({});
    assert_eq!(stored(sent.clone()).await, ["hit me", "not safe"]);
    sent["body"] = json!("Weithiau mae'n taro fi.");
    assert_eq!(stored(sent.clone()).await, ["taro fi"], "the campaign's own phrases");
    sent["title"] = json!("I want to die");
    sent["body"] = json!("Tea first, then the allotment.");
    assert_eq!(stored(sent).await, ["want to die"], "the title is read too");
    assert!(stored(story()).await.is_empty(), "an everyday story is not marked");
}

async fn each_story_records_the_version_of_the_questions_it_answers(h: Harness) {
    let version = h.get("/api/v1/campaigns/socialcarefuture").await.body["prompts_version"].clone();
    let version = version.as_str().expect("the settings give the questions' version").to_owned();
    assert!(version.starts_with("q-") && version.len() == 14, "{version}");
    let mut sent = story();
    sent["prompts_version"] = json!(version);
    let reply = h.post_story(&sent, Some(&key())).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let stored = h.store.get_story(reply.body["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!(stored.sent.prompts_version.as_deref(), Some(version.as_str()));
    let csv = String::from_utf8(collector::export::csv(std::slice::from_ref(&stored))).unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let at = reader.headers().unwrap().iter().position(|c| c == "prompts_version").expect("a prompts_version column");
    assert_eq!(&reader.records().next().unwrap().unwrap()[at], version, "{csv}");
    let older_widget = h.post_story(&story(), Some(&key())).await;
    let stored = h.store.get_story(older_widget.body["id"].as_str().unwrap()).await.unwrap().unwrap();
    assert_eq!(stored.sent.prompts_version, None, "a story from a widget that does not say is not given one");
    sent["prompts_version"] = json!("not a version!");
    let refused = h.post_story(&sent, Some(&key())).await;
    assert_eq!(
        (refused.status, refused.body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("prompts_version"))
    );
}

async fn the_campaign_config_is_public(h: Harness) {
    let reply = h.get("/api/v1/campaigns/socialcarefuture").await;
    assert_eq!(reply.status, StatusCode::OK);
    let config = &reply.body;
    assert_eq!(config["id"], "socialcarefuture");
    assert_eq!(config["hashtags"], json!(["socialcarefuture"]));
    assert_eq!(config["min_seconds"], 20);
    assert_eq!(config["limits"]["title_max_chars"], 100);
    assert!(config.get("webhooks").is_none(), "webhook secrets never leave the server");
    assert_eq!(config["helpline"], json!({"name": "Samaritans", "phone": "116 123"}));
    assert!(
        config.get("safeguarding").is_none() && !reply.text.contains("Jo Patel"),
        "the contact and phrases stay here"
    );
    assert_eq!(h.get("/api/v1/campaigns/other").await.body["helpline"], Value::Null);
    assert_eq!(config["share_targets"], Value::Null, "every service");
    assert!(config["theme"].get("logo").is_none());
    assert_problem(&h.get("/api/v1/campaigns/socialcarefuture/logo").await, StatusCode::NOT_FOUND, None);
    assert_eq!(config["easy_read"], false, "standard text unless the campaign asks for easy read");
    assert_eq!(h.get("/api/v1/campaigns/other").await.body["easy_read"], true);
    let openapi = h.get("/api/v1/openapi.json").await;
    assert_eq!(openapi.status, StatusCode::OK);
    assert!(openapi.body["openapi"].as_str().unwrap().starts_with("3.1"));
}

async fn metrics_count_what_happened(h: Harness) {
    h.post_story(&story(), Some(&key())).await;
    let mut body = story();
    body["website"] = json!("spam");
    h.post_story(&body, Some(&key())).await;
    let text = h.get("/metrics").await.text;
    assert!(text.contains("stories_received_total 2"), "{text}");
    assert!(text.contains("stories_stored_total 1"), "{text}");
    assert!(text.contains("stories_rejected_total{reason=\"honeypot\"} 1"), "{text}");
    assert!(text.contains("http_responses_total{status=\"201\"} 2"), "{text}");
    assert!(text.contains("http_request_duration_seconds_bucket{le=\"+Inf\"}"), "{text}");
    // Passed on by a proxy, it is the public asking: refused.
    let forwarded = Request::get("/metrics").header("x-forwarded-for", "203.0.113.9").body(Body::empty()).unwrap();
    let refused = h.send(forwarded).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.text.contains("COLLECTOR_METRICS_TOKEN") && !refused.text.contains("stories_"), "{}", refused.text);
}

async fn metrics_are_for_this_machine_or_the_token(h: Harness) {
    let forwarded = |authorization: &str| {
        Request::get("/metrics")
            .header("x-forwarded-for", "203.0.113.9")
            .header("authorization", authorization)
            .body(Body::empty())
            .unwrap()
    };
    let reply = h.send(forwarded("Bearer s3cret-metrics")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.text.contains("stories_received_total"), "{}", reply.text);
    assert_eq!(h.send(forwarded("Bearer s3cret-metricz")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(h.send(forwarded("s3cret-metrics")).await.status, StatusCode::FORBIDDEN);
}
