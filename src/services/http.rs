//! One HTTP request with the browser's `fetch`, answered as status, `Retry-After` and body text.
//! Status 0 means no answer at all, so callers decide what each answer means without exceptions.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

/// What came back: status 0 means no answer at all (offline, or the collector unreachable).
pub struct Reply {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: String,
}

pub const NO_REPLY: Reply = Reply { status: 0, retry_after: None, body: String::new() };

pub async fn fetch(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> Reply {
    send(method, url, headers, body, false).await
}

/// A small POST that must reach the collector even if the person leaves the page straight after
/// (`keepalive`: the browser finishes sending it after the page is gone).
pub async fn post_keepalive(url: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    send("POST", url, headers, Some(body), true).await
}

async fn send(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>, keepalive: bool) -> Reply {
    let init = RequestInit::new();
    init.set_method(method);
    if keepalive {
        // Not in web-sys's RequestInit: set on the plain object fetch reads.
        let _ = js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE);
    }
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
