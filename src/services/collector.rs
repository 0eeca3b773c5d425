//! Talks to the collector: reads the campaign, sends a story, withdraws one.
//! What each answer means is decided in core.

use story_core::campaign::CampaignInfo;
use story_core::proof_of_work::{challenge_from_json, header_value, meets};
use story_core::wire::wall::WallPage;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

/// The collector's API. The widget is served by the collector (also inside a partner's iframe),
/// so it is the same origin.
const API: &str = "/api/v1";
/// Where stories go unless the campaign's settings name another place.
const STORIES: &str = "/api/v1/stories";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CampaignProblem {
    /// The collector does not know this campaign.
    Unknown,
    /// No collector answered (offline, or the widget is served without one).
    Unreachable,
}

/// What came back: status 0 means no answer at all (offline, or the collector unreachable).
pub struct Reply {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: String,
}

const NO_REPLY: Reply = Reply { status: 0, retry_after: None, body: String::new() };

async fn fetch(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> Reply {
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    let Ok(request) = Request::new_with_str_and_init(url, &init) else { return NO_REPLY };
    for (name, value) in headers {
        let _ = request.headers().set(name, value);
    }
    let Some(window) = web_sys::window() else { return NO_REPLY };
    let Ok(response) = JsFuture::from(window.fetch_with_request(&request)).await else { return NO_REPLY };
    let Ok(response) = response.dyn_into::<Response>() else { return NO_REPLY };
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    Reply { status: response.status(), retry_after, body: text }
}

/// The campaign's public settings, or why there are none.
pub async fn load_campaign(campaign: &str) -> Result<CampaignInfo, CampaignProblem> {
    let url = format!("{API}/campaigns/{}", js_sys::encode_uri_component(campaign));
    let reply = fetch("GET", &url, &[("Accept", "application/json")], None).await;
    match reply.status {
        200 => CampaignInfo::from_json(&reply.body).ok_or(CampaignProblem::Unreachable),
        404 => Err(CampaignProblem::Unknown),
        _ => Err(CampaignProblem::Unreachable),
    }
}

/// The campaign's colours as the widget's CSS custom properties (assets/style.css). Core has
/// checked them for contrast already; a theme that failed is empty and changes nothing.
pub fn apply_theme(theme: &story_core::campaign::Theme) {
    let mut properties = Vec::new();
    if let Some(primary) = &theme.primary {
        properties.extend([("--brand", primary.as_str()), ("--link", primary), ("--button", primary)]);
    }
    if let Some(background) = &theme.background {
        properties.push(("--background", background.as_str()));
    }
    crate::services::document::set_css_properties(&properties);
}

/// One page of the campaign's published stories: all of them, or those answering one prompt.
pub async fn load_wall(campaign: &str, prompt: Option<&str>, page: u32) -> Result<WallPage, CampaignProblem> {
    let url = format!(
        "{API}/campaigns/{}/stories?page={page}&per_page={WALL_PER_PAGE}&prompt={}",
        js_sys::encode_uri_component(campaign),
        js_sys::encode_uri_component(prompt.unwrap_or_default())
    );
    let reply = fetch("GET", &url, &[("Accept", "application/json")], None).await;
    match reply.status {
        200 => WallPage::from_json(&reply.body).ok_or(CampaignProblem::Unreachable),
        404 => Err(CampaignProblem::Unknown),
        _ => Err(CampaignProblem::Unreachable),
    }
}

/// Stories on one page of the wall: enough to read, few enough to find the way to the next page.
pub const WALL_PER_PAGE: u32 = 10;

/// Sends a story. A campaign that asks for a proof of work gets one first: a fresh challenge is
/// fetched for every attempt (so a retry after the challenge expired still works) and solved here.
pub async fn send_story(campaign: &str, json: &str, idempotency_key: &str) -> Reply {
    // Fresh settings for every attempt: where stories go, and whether a proof of work is asked for.
    let settings = load_campaign(campaign).await.unwrap_or_default();
    let mut headers = vec![("Content-Type", "application/json"), ("Idempotency-Key", idempotency_key)];
    let proof;
    if settings.proof_of_work > 0 {
        let url = format!("{API}/campaigns/{}/challenge", js_sys::encode_uri_component(campaign));
        let reply = fetch("GET", &url, &[("Accept", "application/json")], None).await;
        let Some((challenge, difficulty)) = (reply.status == 200).then(|| challenge_from_json(&reply.body)).flatten()
        else {
            return reply;
        };
        let Some(solved) = solve(&challenge, difficulty).await else { return NO_REPLY };
        proof = solved;
        headers.push((story_core::proof_of_work::HEADER, &proof));
    }
    fetch("POST", settings.stories_endpoint.as_deref().unwrap_or(STORIES), &headers, Some(json)).await
}

/// Finds `challenge:nonce` whose SHA-256 (the browser's SubtleCrypto) starts with `difficulty`
/// zero bits: digests in parallel batches, giving the page back to the browser between batches so
/// it stays responsive.
async fn solve(challenge: &str, difficulty: u32) -> Option<String> {
    const BATCH: u64 = 256;
    let window = web_sys::window()?;
    let subtle = window.crypto().ok()?.subtle();
    let mut start = 0u64;
    loop {
        let promises = js_sys::Array::new();
        for nonce in start..start + BATCH {
            let data = header_value(challenge, nonce);
            let digest = subtle.digest_with_str_and_u8_array("SHA-256", data.as_bytes()).ok()?;
            promises.push(&digest);
        }
        let digests: js_sys::Array = JsFuture::from(js_sys::Promise::all(&promises)).await.ok()?.dyn_into().ok()?;
        for (nonce, digest) in (start..).zip(digests.iter()) {
            let mut first = [0u8; 4];
            js_sys::Uint8Array::new_with_byte_offset_and_length(&digest, 0, 4).copy_to(&mut first);
            if meets(&first, difficulty) {
                return Some(header_value(challenge, nonce));
            }
        }
        start += BATCH;
        // A macrotask, not a microtask: input and painting get their turn.
        let pause = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window.set_timeout_with_callback(&resolve);
        });
        let _ = JsFuture::from(pause).await;
    }
}

/// Asks the collector to delete a story; true once it is gone.
pub async fn withdraw_story(endpoint: Option<&str>, id: &str, delete_token: &str) -> bool {
    let url = format!("{}/{}", endpoint.unwrap_or(STORIES), js_sys::encode_uri_component(id));
    let authorization = format!("Bearer {delete_token}");
    let reply = fetch("DELETE", &url, &[("Authorization", &authorization)], None).await;
    matches!(reply.status, 200 | 204 | 404 | 410)
}

/// A fresh random key (a UUID from the browser's cryptographic generator).
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{:x}-{:x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e15) as u64))
}

/// Calls `on_online` when the browser gets its network connection back.
pub fn on_online(on_online: impl Fn() + 'static) -> gloo_events::EventListener {
    let window = web_sys::window().expect("a window");
    gloo_events::EventListener::new(&window, "online", move |_| on_online())
}

pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}
