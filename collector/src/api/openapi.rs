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

#[cfg(test)]
mod tests {
    use super::DOCUMENT;

    #[test]
    fn the_walls_themes_are_the_prompts() {
        let document: serde_json::Value = serde_json::from_str(DOCUMENT).unwrap();
        let parameters = document["paths"]["/api/v1/campaigns/{id}/stories"]["get"]["parameters"].as_array().unwrap();
        let prompt = parameters.iter().find(|p| p["name"] == "prompt").unwrap();
        let documented: Vec<&str> =
            prompt["schema"]["enum"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
        let mut known = vec![""];
        known.extend(story_core::locale::Lang::En.locale().prompts.iter().map(|p| p.id));
        assert_eq!(documented, known);
    }
}
