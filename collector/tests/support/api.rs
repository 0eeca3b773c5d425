//! The API tests' harness: the collector's whole router on a real database, driven request by request.

use super::TestDb;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use collector::abuse::RateLimit;
use collector::app::{self, AppState, Settings};
use collector::campaigns::Campaigns;
use collector::store::Store;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

pub const CAMPAIGNS: &str = r##"
[[campaign]]
id = "socialcarefuture"
name = "#socialcarefuture"
allowed_origins = ["https://partner.example"]
hashtags = ["socialcarefuture"]
link = "https://socialcarefuture.org.uk"
privacy_url = "https://socialcarefuture.org.uk/privacy"
min_seconds = 20
themes = ["Home", "Direct payments", "Home care"]

[campaign.safeguarding]
phrases = ["taro fi"]
contact = "Jo Patel, safeguarding lead"
helpline = { name = "Samaritans", phone = "116 123" }

[[campaign]]
id = "other"
name = "Other"
easy_read = true
allowed_origins = ["https://other.example"]

[[campaign]]
id = "guarded"
name = "Guarded"
proof_of_work = 8
"##;

pub struct Harness {
    pub store: Store,
    pub router: Router,
    /// Keeps the database (its file or schema) for as long as the harness lives.
    _db: TestDb,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Harness {
    pub async fn sqlite(settings: Settings) -> Harness {
        Harness::build(TestDb::sqlite().await, settings)
    }

    /// None (after saying so) when no PostgreSQL server is configured.
    pub async fn postgres(settings: Settings) -> Option<Harness> {
        Some(Harness::build(TestDb::postgres().await?, settings))
    }

    fn build(db: TestDb, settings: Settings) -> Harness {
        let campaigns = Campaigns::parse(CAMPAIGNS, "test campaigns").unwrap();
        let router = app::router(AppState::new(db.store.clone(), campaigns, settings));
        Harness { store: db.store.clone(), router, _db: db }
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply { status, headers, body, text }
    }

    pub async fn post_story(&self, story: &Value, key: Option<&str>) -> Reply {
        let mut request = Request::post("/api/v1/stories").header("content-type", "application/json");
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        self.send(request.body(Body::from(story.to_string())).unwrap()).await
    }

    /// A story with extra headers (such as `Proof-Of-Work`).
    pub async fn post_story_with(&self, story: &Value, key: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request =
            Request::post("/api/v1/stories").header("content-type", "application/json").header("idempotency-key", key);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::from(story.to_string())).unwrap()).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).unwrap()).await
    }

    pub async fn count(&self) -> i64 {
        let filter = collector::store::StoryFilter { per_page: 1, ..Default::default() };
        self.store.list_stories(&filter).await.unwrap().total
    }
}

pub fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64
}

/// A story as the widget sends it, started a minute ago.
pub fn story() -> Value {
    json!({
        "campaign": "socialcarefuture", "lang": "en", "title": "My good day",
        "body": "Tea first, then the allotment.",
        "answers": {"good-day": "Tea first, then the allotment."},
        "consent": {"share_with_campaign": true, "publish": true, "contact": false},
        "name_display": "first", "name": "Sam Jones", "email": null, "area": "Leeds", "role": "family",
        "website": "", "started_at": now_ms() - 60_000
    })
}

pub fn key() -> String {
    let b = collector::tokens::random_bytes::<16>();
    let h = collector::tokens::hex(&b);
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// No rate limit, for tests that send many stories.
pub fn unlimited() -> Settings {
    Settings { rate_limit: RateLimit { per_minute: 0, burst: 1 }, ..Settings::default() }
}

/// Runs a scenario on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($($name:ident($settings:expr);)*) => {$(
        mod $name {
            use super::*;
            #[tokio::test]
            async fn sqlite() {
                super::$name(support::api::Harness::sqlite($settings).await).await;
            }
            #[tokio::test]
            async fn postgres() {
                if let Some(harness) = support::api::Harness::postgres($settings).await {
                    super::$name(harness).await;
                }
            }
        }
    )*};
}
