//! What the person edited away on the check page, or a moderator took out, is given out nowhere:
//! not stored, not in the console, exports, webhooks or the wall. On SQLite and PostgreSQL.

mod support;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::routing::post;
use collector::abuse::RateLimit;
use collector::app::{self, AppState, Settings};
use collector::campaigns::Campaigns;
use collector::store::Store;
use collector::webhooks::{self, Directory};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use story_core::consent::NameDisplay;
use story_core::flow::{Action, ConsentChange, Flow};
use story_core::locale::Lang;
use story_core::step::Step;
use support::console::signed_in;
use support::databases;
use tower::ServiceExt;

const SECRET_WORDS: &str = "Elm Road";

/// The webhook receiver: every body it was sent.
type Received = Arc<Mutex<Vec<String>>>;

async fn start_receiver() -> (String, Received) {
    async fn receive(State(received): State<Received>, body: Bytes) -> StatusCode {
        received.lock().unwrap().push(String::from_utf8_lossy(&body).into_owned());
        StatusCode::NO_CONTENT
    }
    let received = Received::default();
    let app = Router::new().route("/hook", post(receive)).with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, received)
}

fn now_ms() -> u64 {
    collector::clock::now_ms() as u64
}

/// The widget's own flow: two answers, the first edited on the check page, then sent.
fn edited_in_the_widget() -> String {
    let mut flow = Flow::new("socialcarefuture", Lang::En);
    flow.apply(Action::Start);
    flow.apply(Action::MarkStarted(now_ms() - 120_000));
    for text in ["I live with Sam at 4 Elm Road", "My sister visits on Sundays."] {
        let prompt_id = flow.current_prompt().unwrap().id.to_owned();
        flow.apply(Action::Answer { prompt_id, text: text.to_owned() });
        flow.apply(Action::Continue);
    }
    flow.apply(Action::SetTitle("Home".into()));
    flow.apply(Action::GoTo(Step::Check));
    let body = flow.story.body(flow.prompts()).replace("I live with Sam at 4 Elm Road", "I live with a friend");
    flow.apply(Action::EditBody(body));
    flow.apply(Action::Consent(ConsentChange::Share(true)));
    flow.apply(Action::Consent(ConsentChange::Publish(true)));
    flow.apply(Action::Consent(ConsentChange::NameDisplay(NameDisplay::Anonymous)));
    flow.outgoing_json()
}

/// What a widget from before this rule sent: the unedited answer beside the edited body.
fn edited_in_an_old_widget() -> String {
    json!({
        "campaign": "socialcarefuture", "lang": "en", "title": "Home",
        "body": "I live with a friend.",
        "answers": {"good-day": "I live with Sam at 4 Elm Road"},
        "consent": {"share_with_campaign": true, "publish": true, "contact": false},
        "name_display": "anonymous", "website": "", "started_at": now_ms() - 120_000
    })
    .to_string()
}

async fn send(router: &Router, request: Request<Body>) -> (StatusCode, String) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn post_story(router: &Router, payload: String) -> String {
    let request = Request::post("/api/v1/stories")
        .header("content-type", "application/json")
        .header("idempotency-key", uuid())
        .body(Body::from(payload))
        .unwrap();
    let (status, text) = send(router, request).await;
    assert_eq!(status, StatusCode::CREATED, "{text}");
    serde_json::from_str::<Value>(&text).unwrap()["id"].as_str().unwrap().to_owned()
}

fn uuid() -> String {
    let h = collector::tokens::hex(&collector::tokens::random_bytes::<16>());
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// Every text value in every table of the store.
async fn everything_stored(store: &Store, label: &str) -> Vec<String> {
    let tables = if label == "sqlite" {
        "SELECT name FROM sqlite_master WHERE type = 'table'"
    } else {
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()"
    };
    let tables: Vec<(String,)> = sqlx::query_as(tables).fetch_all(store.pool()).await.unwrap();
    let mut texts = Vec::new();
    for (table,) in tables.into_iter().filter(|(t,)| !t.starts_with("_sqlx") && !t.starts_with("sqlite_")) {
        let rows =
            sqlx::query(sqlx::AssertSqlSafe(format!("SELECT * FROM {table}"))).fetch_all(store.pool()).await.unwrap();
        for row in rows {
            use sqlx::Row;
            // Columns of other types fail to read as text, and hold no words.
            texts.extend((0..row.len()).filter_map(|i| row.try_get::<Option<String>, _>(i).ok().flatten()));
        }
    }
    assert!(texts.iter().any(|t| t.contains("I live with a friend")), "the scan reads the stories table");
    texts
}

async fn webhook_bodies(store: &Store, directory: &Directory, received: &Received) -> Vec<String> {
    let settings = webhooks::Settings::default();
    let client = webhooks::http_client(&settings);
    webhooks::round(store, directory, &client, &settings).await.unwrap();
    received.lock().unwrap().clone()
}

fn api(store: &Store, webhook_url: &str) -> (Router, Directory) {
    let text = format!(
        "[[campaign]]\nid = \"socialcarefuture\"\nname = \"#socialcarefuture\"\n\n\
         [[campaign.webhooks]]\nurl = \"{webhook_url}\"\nsecret = \"a long shared secret\"\n"
    );
    let campaigns = Campaigns::parse(&text, "test campaigns").unwrap();
    let directory = Directory::from_campaigns(&campaigns);
    assert!(store.set_insert_hook(webhooks::insert_hook(directory.clone())));
    let settings = Settings { rate_limit: RateLimit { per_minute: 0, burst: 1 }, ..Settings::default() };
    (app::router(AppState::new(store.clone(), campaigns, settings)), directory)
}

#[tokio::test]
async fn words_edited_away_on_the_check_page_are_kept_and_given_out_nowhere() {
    for db in databases().await {
        let (store, label) = (&db.store, db.label);
        let (url, received) = start_receiver().await;
        let (router, directory) = api(store, &url);
        let ids =
            [post_story(&router, edited_in_the_widget()).await, post_story(&router, edited_in_an_old_widget()).await];

        for text in everything_stored(store, label).await {
            assert!(!text.contains(SECRET_WORDS), "{label}: stored {text:?}");
        }
        let mut browser = signed_in(store).await;
        for id in &ids {
            let page = browser.get(&format!("/admin/stories/{id}")).await;
            assert!(page.text.contains("I live with a friend"), "{label}: {}", page.text);
            assert!(!page.text.contains(SECRET_WORDS), "{label}: the console shows it");
            let csrf = page.csrf();
            browser.post(&format!("/admin/stories/{id}/approve"), &[("csrf", &csrf)]).await;
        }
        let kept = browser.get(&format!("/admin/stories/{}", ids[0])).await;
        assert!(kept.text.contains("My sister visits on Sundays."), "{label}: an answer left alone is kept");
        for path in ["/admin?status=all", "/admin/export.csv?status=all", "/admin/export.jsonl?status=all"] {
            let page = browser.get(path).await;
            assert_eq!(page.status, StatusCode::OK, "{label} {path}");
            assert!(page.text.contains("I live with a friend"), "{label} {path}: {}", page.text);
            assert!(!page.text.contains(SECRET_WORDS), "{label} {path}: {}", page.text);
        }
        let bodies = webhook_bodies(store, &directory, &received).await;
        assert_eq!(bodies.len(), 4, "{label}: story.new and story.approved for each");
        for body in bodies {
            assert!(body.contains("I live with a friend") && !body.contains(SECRET_WORDS), "{label}: {body}");
        }
    }
}

#[tokio::test]
async fn a_redaction_after_approval_reaches_the_wall_exports_and_webhooks() {
    for db in databases().await {
        let (store, label) = (&db.store, db.label);
        let (url, received) = start_receiver().await;
        let (router, directory) = api(store, &url);
        let payload = edited_in_an_old_widget().replace("I live with a friend.", "I live with Sam at 4 Elm Road");
        let id = post_story(&router, payload).await;
        let mut browser = signed_in(store).await;
        let csrf = browser.get(&format!("/admin/stories/{id}")).await.csrf();
        browser.post(&format!("/admin/stories/{id}/approve"), &[("csrf", &csrf)]).await;
        let before = webhook_bodies(store, &directory, &received).await;
        assert!(before.iter().all(|b| b.contains(SECRET_WORDS)), "{label}: unredacted so far: {before:?}");

        let redact = [("csrf", csrf.as_str()), ("published_title", "Home"), ("published_body", "I live with Sam.")];
        let page = browser.post(&format!("/admin/stories/{id}/redact"), &redact).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{label}: {}", page.text);

        let (status, wall) =
            send(&router, Request::get("/api/v1/campaigns/socialcarefuture/stories").body(Body::empty()).unwrap())
                .await;
        assert_eq!(status, StatusCode::OK);
        assert!(wall.contains("I live with Sam.") && !wall.contains(SECRET_WORDS), "{label}: {wall}");
        for path in ["/admin/export.csv?status=all", "/admin/export.jsonl?status=all"] {
            let page = browser.get(path).await;
            assert!(
                page.text.contains("I live with Sam.") && !page.text.contains(SECRET_WORDS),
                "{label} {path}: {}",
                page.text
            );
        }
        let after = webhook_bodies(store, &directory, &received).await;
        let updated = &after[before.len()..];
        assert_eq!(updated.len(), 1, "{label}: a redaction after approval is sent: {after:?}");
        let updated: Value = serde_json::from_str(&updated[0]).unwrap();
        assert_eq!(updated["type"], "story.updated", "{label}");
        assert_eq!(updated["story"]["story"], "I live with Sam.", "{label}");
        assert_eq!(updated["story"]["answers"], json!({}), "{label}: the redacted answer goes too");
    }
}
