//! The console tests' helpers: stories put straight into the store, campaigns with or without a
//! webhook, and a tiny browser that keeps cookies and drives the console's router.

use axum::Router;
use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, Request, StatusCode};
use collector::admin::{self, AdminConfig, AdminState};
use collector::campaigns::Campaigns;
use collector::store::{NewStory, SentStory, Store};
use http_body_util::BodyExt;
use std::collections::BTreeMap;
use std::sync::Arc;
use tower::ServiceExt;

pub const PASSWORD: &str = "a long enough password";

pub fn campaigns(webhook: Option<(&str, &str)>) -> Arc<Campaigns> {
    let mut text = String::from(
        "[[campaign]]\nid = \"socialcarefuture\"\nname = \"#socialcarefuture\"\nretention_days = 30\n\
            themes = [\"Home\", \"Direct payments\", \"Home care\"]\n\
            [campaign.safeguarding]\ncontact = \"Jo Patel, safeguarding lead, 0113 496 0000\"\n",
    );
    // The webhook belongs to the campaign above it: socialcarefuture.
    if let Some((url, secret)) = webhook {
        text.push_str(&format!("\n[[campaign.webhooks]]\nurl = \"{url}\"\nsecret = \"{secret}\"\n"));
    }
    text.push_str("\n[[campaign]]\nid = \"other\"\nname = \"Other campaign\"\nretention_days = 7\n");
    Arc::new(Campaigns::parse(&text, "test campaigns").unwrap())
}

pub fn story(campaign: &str, title: &str, body: &str) -> NewStory {
    NewStory {
        id: collector::tokens::random_hex(12),
        created_at: collector::clock::now_ms(),
        sent: SentStory {
            campaign: campaign.into(),
            lang: "en".into(),
            title: title.into(),
            body: body.into(),
            answers: BTreeMap::from([("home".to_owned(), body.to_owned())]),
            share_with_campaign: true,
            publish: true,
            contact: true,
            name_display: "first".into(),
            name: Some("Sam Jones".into()),
            email: Some("sam@example.org".into()),
            area: Some("Leeds".into()),
            role: None,
            prompts_version: None,
        },
        delete_token_hash: collector::tokens::random_hex(32),
        idempotency_key: collector::tokens::random_hex(32),
        safeguarding: Vec::new(),
    }
}

pub async fn add_story(store: &Store, story: NewStory) -> String {
    store.insert_story(story).await.expect("the story is stored").id().expect("a new key").to_owned()
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers.get(LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers.get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).collect()
    }

    /// The value of the first `name="csrf"` hidden field.
    pub fn csrf(&self) -> String {
        let at = self.text.find(r#"name="csrf" value=""#).expect("the page has a CSRF field") + 19;
        self.text[at..].split('"').next().unwrap().to_owned()
    }
}

/// A browser without JavaScript: keeps the cookies the console sets and sends them back.
pub struct Browser {
    router: Router,
    cookies: BTreeMap<String, String>,
    pub extra_headers: Vec<(&'static str, String)>,
}

impl Browser {
    pub fn new(state: AdminState) -> Browser {
        Browser { router: admin::router(state), cookies: BTreeMap::new(), extra_headers: Vec::new() }
    }

    pub fn console(store: &Store, campaigns: Arc<Campaigns>, config: AdminConfig) -> Browser {
        Browser::new(AdminState::new(store.clone(), campaigns, config))
    }

    async fn send(&mut self, request: axum::http::request::Builder, body: Body) -> Page {
        let response = self.respond(request, body).await;
        let (status, headers) = (response.status(), response.headers().clone());
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Page { status, headers, text: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// The answer to a GET before its body is read: for reading a streamed download a part at a time.
    pub async fn open(&mut self, path: &str) -> axum::response::Response {
        self.respond(Request::get(path), Body::empty()).await
    }

    async fn respond(&mut self, request: axum::http::request::Builder, body: Body) -> axum::response::Response {
        let mut request = request;
        if !self.cookies.is_empty() {
            let header = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
            request = request.header(COOKIE, header);
        }
        for (name, value) in &self.extra_headers {
            request = request.header(*name, value);
        }
        let response = self.router.clone().oneshot(request.body(body).unwrap()).await.unwrap();
        for set in response.headers().get_all(SET_COOKIE) {
            let set = set.to_str().unwrap();
            let (pair, attributes) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        response
    }

    pub async fn get(&mut self, path: &str) -> Page {
        self.send(Request::get(path), Body::empty()).await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let body = serde_urlencoded::to_string(form).unwrap();
        let request = Request::post(path).header(CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send(request, Body::from(body)).await
    }

    pub async fn log_in(&mut self, username: &str, password: &str) -> Page {
        let form = self.get("/admin/login").await;
        let csrf = form.csrf();
        self.post("/admin/login", &[("csrf", &csrf), ("username", username), ("password", password)]).await
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    pub fn forget_cookies(&mut self) {
        self.cookies.clear();
    }
}

/// A console with one moderator, `sam`, already signed in.
pub async fn signed_in(store: &Store) -> Browser {
    admin::moderators::add_or_reset(store, "sam", PASSWORD).await.unwrap();
    let mut browser = Browser::console(store, campaigns(None), AdminConfig::default());
    let page = browser.log_in("sam", PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    browser
}
