//! CORS from each campaign's `allowed_origins`. The collector's own origin is always allowed and
//! needs no CORS at all. Preflights for a path that names a campaign are answered from that
//! campaign's list; others (`POST /api/v1/stories`, whose campaign is in the body) from every
//! campaign's, and the story handler then checks the named campaign's own list.

use crate::app::AppState;
use crate::campaigns::Campaign;
use crate::problem::Problem;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

const ALLOW_METHODS: &str = "GET, POST, DELETE";
/// `proof-of-work` too: a partner site's widget sends it for a campaign that asks for one.
const ALLOW_HEADERS: &str = "content-type, idempotency-key, proof-of-work, authorization";
const EXPOSE_HEADERS: &str = "retry-after, idempotent-replayed";

/// Whether a request's `Origin` is the collector itself (same-origin requests carry it too): the
/// `Host` it was asked for, or behind a proxy (which asks for another) its `--public-url`.
fn same_origin(origin: &str, headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    if public_origin.is_some_and(|public| public.eq_ignore_ascii_case(origin)) {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    matches!((origin_host, host), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
}

/// For handlers: may a request with these headers act on this campaign? No `Origin` (curl, a
/// server) or our own origin is always fine; a browser on another site needs the campaign's leave.
pub fn origin_allowed(headers: &HeaderMap, campaign: &Campaign, public_origin: Option<&str>) -> bool {
    match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        None => true,
        Some(origin) => same_origin(origin, headers, public_origin) || campaign.allows_origin(origin),
    }
}

fn campaign_in_path(path: &str) -> Option<&str> {
    path.strip_prefix("/api/v1/campaigns/").map(|rest| rest.split('/').next().unwrap_or(rest))
}

pub async fn cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let origin = request.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()).map(str::to_owned);
    let public_origin = state.settings.public_origin.as_deref();
    let ours = origin.as_deref().is_some_and(|o| same_origin(o, request.headers(), public_origin));
    let Some(origin) = origin.filter(|_| path.starts_with("/api/") && !ours) else {
        return next.run(request).await;
    };
    let allowed = match campaign_in_path(path) {
        Some(id) => state.campaigns.get(id).is_some_and(|c| c.allows_origin(&origin)),
        None => state.campaigns.any_allows(&origin),
    };
    let preflight =
        request.method() == Method::OPTIONS && request.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if preflight {
        if !allowed {
            return Problem::forbidden(
                "origin-not-allowed",
                "This website is not allowed to send stories to this campaign.",
            )
            .into_response();
        }
        let mut response = axum::http::StatusCode::NO_CONTENT.into_response();
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static(ALLOW_METHODS));
        headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static(ALLOW_HEADERS));
        headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        response
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    if allowed && let Ok(value) = HeaderValue::from_str(&origin) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(EXPOSE_HEADERS));
    }
    response
}
