//! Telling the collector a page load reached a step of the campaign's funnel, or took or turned down
//! a suggestion (story_core::funnel):
//! no cookie, no identifier, nothing about the person; and nothing at all from a browser that asks
//! not to be tracked (Do Not Track or Global Privacy Control).

use crate::services::http::post_keepalive;
use wasm_bindgen::JsValue;

/// Whether the browser asks not to be tracked: `navigator.doNotTrack == "1"` or
/// `navigator.globalPrivacyControl == true`.
pub fn asks_not_to_be_counted() -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return true };
    let field = |name: &str| js_sys::Reflect::get(&navigator, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    field("doNotTrack").as_string().as_deref() == Some("1") || field("globalPrivacyControl").as_bool() == Some(true)
}

/// Counts one event; whether it was counted does not matter to the person, so the answer is ignored.
/// Sent with `keepalive`, so a step reached just before the person moves on or leaves still counts.
pub async fn report(campaign: &str, event: &str) {
    let url = format!("/api/v1/campaigns/{}/events", js_sys::encode_uri_component(campaign));
    let body = story_core::funnel::report_body(event);
    post_keepalive(&url, &[("Content-Type", "application/json")], &body).await;
}
