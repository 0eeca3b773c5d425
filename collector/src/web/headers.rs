//! Security headers on every response. The widget's pages get a Content Security Policy that
//! allows only our own files, its WebAssembly, and the one inline module script trunk writes into
//! index.html (allowed by its SHA-256, computed at start-up from the file actually served).

use crate::app::AppState;
use crate::campaigns::Campaigns;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::path::Path;

/// For everything that is not a page: nothing may load, nothing may frame it.
const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

pub struct ContentSecurityPolicy {
    page: HeaderValue,
}

impl ContentSecurityPolicy {
    pub fn new(widget_dir: Option<&Path>, campaigns: &Campaigns) -> ContentSecurityPolicy {
        let index = widget_dir.and_then(|dir| std::fs::read_to_string(dir.join("index.html")).ok()).unwrap_or_default();
        let hashes: String = inline_scripts(&index)
            .map(|script| {
                let digest = Sha256::digest(script.as_bytes());
                format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
            })
            .collect();
        // Partners embed the widget in their pages, so the campaigns' origins may frame it.
        let mut ancestors = String::from("'self'");
        for origin in campaigns.iter().flat_map(|c| &c.allowed_origins) {
            if !ancestors.split(' ').any(|o| o == origin) {
                ancestors.push(' ');
                ancestors.push_str(origin);
            }
        }
        // style-src-attr: the widget sets a few style attributes (the off-screen copy box);
        // inline style attributes cannot run code, unlike inline scripts.
        let page = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
             style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; \
             media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; \
             frame-ancestors {ancestors}"
        );
        ContentSecurityPolicy { page: HeaderValue::from_str(&page).expect("the policy is plain ASCII") }
    }

    pub fn page(&self) -> &HeaderValue {
        &self.page
    }
}

/// The bodies of the `<script>` elements without a `src`, exactly as the browser hashes them.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<script").filter_map(move |(at, _)| {
        let rest = &html[at..];
        let open_end = rest.find('>')?;
        let tag = &rest[..open_end];
        if tag.contains(" src=") || tag.contains(" src ") {
            return None;
        }
        let body = &rest[open_end + 1..];
        Some(&body[..body.find("</script>")?])
    })
}

pub async fn security_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    // A 304 has no content type to tell a page by, and the browser would lay its policy over the
    // cached page's: it gets none, and the cached page keeps its own.
    let not_modified = response.status() == StatusCode::NOT_MODIFIED;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    // Pages that set their own policy (the admin console) keep it.
    if !not_modified && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let policy = if is_page { state.csp.page().clone() } else { HeaderValue::from_static(API_POLICY) };
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<head><script src="/a.js"></script><script type="module">import x from '/x.js';
x();</script></head>"#;
        let scripts: Vec<&str> = inline_scripts(html).collect();
        assert_eq!(scripts, ["import x from '/x.js';\nx();"]);
    }
}
