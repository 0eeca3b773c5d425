//! The layers around every response: security headers, CORS per campaign, and metrics; and the
//! widget's files.

mod cors;
pub mod embed;
mod headers;
pub mod metrics_access;
pub mod story_status;
pub mod widget_files;

pub use cors::{cors, origin_allowed};
pub use headers::{ContentSecurityPolicy, forwarded_over_https, over_https, security_headers};

use crate::app::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

pub async fn record_metrics(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.response(response.status().as_u16(), started.elapsed());
    response
}
