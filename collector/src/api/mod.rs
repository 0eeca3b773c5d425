//! The public API under `/api/v1`, described by the OpenAPI document it serves.

mod campaigns;
mod funnel;
mod openapi;
pub(crate) mod stories;

use crate::app::AppState;
use crate::problem::Problem;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{Method, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{any, delete, get, post};

/// The largest request body: a story at every limit is about 40 KB of JSON.
pub const BODY_LIMIT: usize = 64 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/stories", post(stories::submit))
        .route("/api/v1/stories/{id}", delete(stories::withdraw).get(stories::state))
        .route("/api/v1/campaigns/{id}", get(campaigns::show))
        .route("/api/v1/campaigns/{id}/stories", get(campaigns::wall))
        .route("/api/v1/campaigns/{id}/challenge", get(campaigns::challenge))
        .route("/api/v1/campaigns/{id}/events", post(funnel::reached))
        .route("/api/v1/campaigns/{id}/logo", get(campaigns::logo))
        .route("/api/v1/openapi.json", get(openapi::document))
        .route("/api/{*rest}", any(not_found))
        .route("/api", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

async fn not_found() -> Problem {
    Problem::not_found("There is nothing at this address. The API is described at /api/v1/openapi.json.")
}

async fn method_not_allowed(method: Method) -> impl IntoResponse {
    Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        "Method not allowed",
        format!("{method} is not used at this address. The API is described at /api/v1/openapi.json."),
    )
}
