//! What partners' pages load from the collector: the loader `/embed.js` (embed/embed.js) and a
//! demo page `/demo` showing the snippet, the builder, the wall and the events they send.
//! Compiled into the binary, so every collector (the `dist` one too) serves the same files.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::compression::CompressionLayer;

const EMBED_JS: &str = include_str!("../../../embed/embed.js");
const DEMO_HTML: &str = include_str!("../../../embed/demo.html");
const DEMO_JS: &str = include_str!("../../../embed/demo.js");

/// The loader's URL is not versioned, so an hour: partners get fixes the same day.
const LOADER_CACHE: &str = "public, max-age=3600";

fn script(body: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(LOADER_CACHE));
    // Loaded by every partner's page, with or without `crossorigin`; it holds nothing private.
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert("cross-origin-resource-policy", HeaderValue::from_static("cross-origin"));
    response
}

pub async fn embed_js() -> Response {
    script(EMBED_JS)
}

async fn demo_js() -> Response {
    script(DEMO_JS)
}

async fn demo() -> Response {
    let mut response = axum::response::Html(DEMO_HTML).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/embed.js", get(embed_js))
        .route("/demo", get(demo))
        .route("/demo.js", get(demo_js))
        .layer(CompressionLayer::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_loader_is_javascript_cached_and_loadable_from_any_site() {
        let response = embed_js().await;
        let headers = response.headers();
        assert_eq!(headers[header::CONTENT_TYPE], "text/javascript; charset=utf-8");
        assert_eq!(headers[header::CACHE_CONTROL], LOADER_CACHE);
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        assert!(EMBED_JS.contains("event.origin !== origin"), "the loader checks where messages come from");
    }

    #[test]
    fn the_demo_page_runs_no_inline_script() {
        // The widget's strict policy applies to /demo too: only files from the collector may run.
        assert!(!DEMO_HTML.contains("<script>") && DEMO_HTML.contains(r#"<script src="/embed.js""#));
    }
}
