//! The built widget's files: compressed, and cached for as long as their names say they may be.
//!
//! trunk puts a hash of each file's content in its name (`story-builder-<hash>_bg.wasm`), so those
//! files never change under their name and browsers may keep them for a year without asking again.
//! `index.html` keeps its name across builds and names the current files, so browsers must check it
//! each time (`no-cache`, answered with a cheap 304 when it has not changed).
//!
//! `cargo xtask` writes brotli and gzip copies beside each file when it builds the widget
//! (`file.br`, `file.gz`), served as they are to browsers that accept them: compressed once at the
//! highest levels rather than at every request. Files without such copies are compressed on the fly.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::Router;
use std::path::Path;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// A router serving `dir` at `/`, for the collector's fallback.
pub fn service(dir: &Path) -> Router {
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new().fallback_service(files).layer(CompressionLayer::new()).layer(axum::middleware::from_fn(cache_control))
}

async fn cache_control(request: Request, next: Next) -> Response {
    let fingerprinted = is_fingerprinted(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let policy = if fingerprinted { IMMUTABLE } else { REVALIDATE };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Whether the file name carries trunk's content hash: 16 hexadecimal digits after a hyphen,
/// before the extension or wasm-bindgen's `_bg` (`style-0123456789abcdef.css`).
fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.match_indices('-').any(|(at, _)| {
        let rest = &name[at + 1..];
        rest.len() > 16
            && rest.as_bytes()[..16].iter().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            && matches!(rest.as_bytes()[16], b'.' | b'_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    #[test]
    fn knows_trunks_hashed_names() {
        assert!(is_fingerprinted("/story-builder-0123456789abcdef_bg.wasm"));
        assert!(is_fingerprinted("/story-builder-0123456789abcdef.js"));
        assert!(is_fingerprinted("/style-fedcba9876543210.css"));
        assert!(!is_fingerprinted("/"));
        assert!(!is_fingerprinted("/index.html"));
        assert!(!is_fingerprinted("/story-builder.js"));
        assert!(!is_fingerprinted("/style-0123456789abcdeg.css"));
        assert!(!is_fingerprinted("/style-0123456789abcde.css"));
    }

    async fn get(router: &Router, path: &str, accept: &str) -> Response {
        let request = Request::get(path).header(header::ACCEPT_ENCODING, accept).body(Body::empty()).unwrap();
        router.clone().oneshot(request).await.unwrap()
    }

    #[tokio::test]
    async fn serves_the_precompressed_copy_and_caches_by_name() {
        let dir = tempfile::tempdir().unwrap();
        // Large enough for on-the-fly compression (which leaves tiny bodies alone).
        std::fs::write(dir.path().join("index.html"), "<!doctype html><title>Tell your story</title>".repeat(4))
            .unwrap();
        std::fs::write(dir.path().join("app-0123456789abcdef_bg.wasm"), b"\0asm plain").unwrap();
        std::fs::write(dir.path().join("app-0123456789abcdef_bg.wasm.br"), b"brotli bytes").unwrap();
        let router = service(dir.path());

        let wasm = get(&router, "/app-0123456789abcdef_bg.wasm", "gzip, br").await;
        assert_eq!(wasm.status(), StatusCode::OK);
        assert_eq!(wasm.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(wasm.headers()[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(wasm.headers()[header::CACHE_CONTROL], IMMUTABLE);
        let body = axum::body::to_bytes(wasm.into_body(), 1024).await.unwrap();
        assert_eq!(&body[..], b"brotli bytes");

        let page = get(&router, "/", "gzip").await;
        assert_eq!(page.headers()[header::CACHE_CONTROL], REVALIDATE);
        assert_eq!(page.headers()[header::CONTENT_ENCODING], "gzip", "no copy on disk: compressed on the fly");

        let missing = get(&router, "/nothing-0123456789abcdef.js", "br").await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert!(!missing.headers().contains_key(header::CACHE_CONTROL), "a 404 is never cached for a year");
    }
}
