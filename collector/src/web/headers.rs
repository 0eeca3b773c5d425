//! Security headers on every response. The widget's pages get a Content Security Policy that
//! allows only our own files, its WebAssembly, and the inline module script trunk writes into each
//! of its pages, index.html and wall.html (allowed by their SHA-256, computed at start-up from
//! the files actually served).

use crate::app::{AppState, Settings};
use crate::campaigns::Campaigns;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use story_core::DEFAULT_CAMPAIGN;

/// For everything that is not a page: nothing may load, nothing may frame it.
const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

pub struct ContentSecurityPolicy {
    /// For a page that names a campaign in its query (the embed loader's frames): only that
    /// campaign's partners may frame it.
    by_campaign: HashMap<String, HeaderValue>,
    /// For a page that names no campaign: the widget shows the default campaign, so its partners.
    default_campaign: HeaderValue,
    /// For a campaign we do not know: the widget only says so (and tells the host page), so any
    /// partner may frame it.
    unknown_campaign: HeaderValue,
}

impl ContentSecurityPolicy {
    pub fn new(widget_dir: Option<&Path>, campaigns: &Campaigns) -> ContentSecurityPolicy {
        let pages = widget_dir.map(widget_pages).unwrap_or_default();
        let hashes: String = pages
            .iter()
            .flat_map(|page| inline_scripts(page))
            .map(|script| format!(" {}", script_hash(script)))
            .collect();
        let policy = |origins: &mut dyn Iterator<Item = &String>| {
            let mut ancestors = String::from("'self'");
            for origin in origins {
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
            HeaderValue::from_str(&page).expect("the policy is plain ASCII")
        };
        let by_campaign: HashMap<String, HeaderValue> =
            campaigns.iter().map(|c| (c.id.clone(), policy(&mut c.allowed_origins.iter()))).collect();
        let default_campaign = by_campaign.get(DEFAULT_CAMPAIGN).cloned().unwrap_or_else(|| policy(&mut [].iter()));
        let unknown_campaign = policy(&mut campaigns.iter().flat_map(|c| &c.allowed_origins));
        ContentSecurityPolicy { by_campaign, default_campaign, unknown_campaign }
    }

    /// The policy for a widget page whose URL has this query string.
    pub fn page(&self, query: Option<&str>) -> &HeaderValue {
        // As the widget reads it: the first `campaign`, and an empty one is none (the default).
        let campaign = query.and_then(|q| {
            let pairs = serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok()?;
            pairs.into_iter().find(|(k, _)| k == "campaign").filter(|(_, id)| !id.is_empty())
        });
        match campaign {
            None => &self.default_campaign,
            Some((_, id)) => self.by_campaign.get(&id).unwrap_or(&self.unknown_campaign),
        }
    }
}

/// The text of every page in the widget's folder (its `.html` files).
fn widget_pages(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut paths: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "html"))
        .collect();
    // The same policy text on every start-up, whatever order the folder lists in.
    paths.sort();
    paths.iter().filter_map(|path| std::fs::read_to_string(path).ok()).collect()
}

/// A script's source as a policy allows it: `'sha256-…'` of exactly its text.
fn script_hash(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
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

/// True when the browser reached us over HTTPS: the public URL says so, or a proxy we trust does.
pub fn over_https(settings: &Settings, headers: &HeaderMap) -> bool {
    settings.public_origin.as_deref().is_some_and(|origin| origin.starts_with("https://"))
        || (settings.trust_forwarded_for && forwarded_over_https(headers))
}

/// What a proxy says with `X-Forwarded-Proto` (to be believed only of a proxy we trust).
pub fn forwarded_over_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
}

/// A year, renewed by every answer; not includeSubDomains, which would bind a campaign's other sites.
const HSTS: &str = "max-age=31536000";

pub async fn security_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let https = over_https(&state.settings, request.headers());
    // Only pages get a policy that depends on the query (and API requests are the many).
    let query = if request.uri().path().starts_with("/api/") { None } else { request.uri().query().map(str::to_owned) };
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
    if https {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    // Pages that set their own policy (the admin console) keep it.
    if !not_modified && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let policy =
            if is_page { state.csp.page(query.as_deref()).clone() } else { HeaderValue::from_static(API_POLICY) };
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_campaign_in_the_query_may_frame_its_pages() {
        let campaigns = Campaigns::parse(
            "[[campaign]]\nid = \"socialcarefuture\"\nname = \"a\"\nallowed_origins = [\"https://a.example\"]\n\
             [[campaign]]\nid = \"other\"\nname = \"b\"\nallowed_origins = [\"https://b.example\"]\n",
            "test",
        )
        .unwrap();
        let csp = ContentSecurityPolicy::new(None, &campaigns);
        let ancestors = |query: Option<&str>| {
            let policy = csp.page(query).to_str().unwrap().to_owned();
            let mut origins: Vec<String> =
                policy.split("frame-ancestors ").nth(1).unwrap().split(' ').map(str::to_owned).collect();
            origins.sort();
            origins.join(" ")
        };
        assert_eq!(ancestors(Some("campaign=other&step=check")), "'self' https://b.example");
        assert_eq!(ancestors(Some("step=check&campaign=socialcarefuture")), "'self' https://a.example");
        // No campaign in the query: the widget shows the default campaign.
        assert_eq!(ancestors(None), "'self' https://a.example");
        assert_eq!(ancestors(Some("lang=cy")), "'self' https://a.example");
        assert_eq!(ancestors(Some("campaign=&lang=cy")), "'self' https://a.example");
        assert_eq!(ancestors(Some("campaign=other&campaign=socialcarefuture")), "'self' https://b.example");
        // A campaign we do not know only says so, to whichever partner frames it.
        assert_eq!(ancestors(Some("campaign=nobody")), "'self' https://a.example https://b.example");
    }

    #[test]
    fn every_page_of_the_widget_may_run_its_own_loader_script() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<script type=\"module\">builder()</script>").unwrap();
        std::fs::write(dir.path().join("wall.html"), "<script type=\"module\">wall()</script>").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "<script>not a page()</script>").unwrap();
        let campaigns = Campaigns::parse("[[campaign]]\nid = \"socialcarefuture\"\nname = \"a\"\n", "test").unwrap();
        let csp = ContentSecurityPolicy::new(Some(dir.path()), &campaigns);
        let policy = csp.page(None).to_str().unwrap().to_owned();
        assert!(policy.contains(&script_hash("builder()")), "{policy}");
        assert!(policy.contains(&script_hash("wall()")), "{policy}");
        assert!(!policy.contains(&script_hash("not a page()")), "{policy}");
    }

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<head><script src="/a.js"></script><script type="module">import x from '/x.js';
x();</script></head>"#;
        let scripts: Vec<&str> = inline_scripts(html).collect();
        assert_eq!(scripts, ["import x from '/x.js';\nx();"]);
    }
}
