//! `GET /api/v1/openapi.json`: the API's description, hand-written next to the code it describes
//! (and checked against the running collector by schemathesis in `cargo xtask test`).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

const DOCUMENT: &str = include_str!("openapi.json");

pub async fn document() -> Response {
    let mut response = DOCUMENT.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
