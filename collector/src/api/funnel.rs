//! `POST /api/v1/campaigns/{id}/events`: the widget says a page load reached a step of the funnel,
//! or took or turned down a suggestion (story_core::funnel). One count per campaign, day and event
//! is kept, nothing about the visitor:
//! no cookie is read or set, and the address is used only for the rate limit, in memory. A
//! browser that sends Do Not Track or Global Privacy Control is not counted at all.

use crate::abuse::{PeerAddr, client_ip};
use crate::app::AppState;
use crate::problem::Problem;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use story_core::funnel;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Reached {
    event: String,
}

pub async fn reached(
    State(state): State<AppState>,
    Path(id): Path<String>,
    peer: PeerAddr,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, Problem> {
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Problem::too_large(super::BODY_LIMIT),
        _ => Problem::malformed("The event could not be read."),
    })?;
    let campaign = state.campaigns.get(&id).ok_or_else(|| Problem::unknown_campaign(&id))?;
    if asks_not_to_be_counted(&headers) {
        return Ok(StatusCode::NO_CONTENT);
    }
    let Reached { event } = serde_json::from_slice(&body).map_err(|_| {
        Problem::malformed("Send one event as JSON: {\"event\": \"started\"}.").with_field(Some("event".into()))
    })?;
    let prompt_ids = campaign.prompt_ids();
    if !funnel::is_event(&event, &prompt_ids) {
        let questions: Vec<String> = prompt_ids.iter().map(|id| format!("{}{id}", funnel::QUESTION)).collect();
        let detail = format!(
            "event must be one of: {}, {}, or {}RULE or {}RULE for a rule of the reframing lexicon.",
            funnel::STEPS.join(", "),
            questions.join(", "),
            funnel::CHANGED,
            funnel::KEPT
        );
        return Err(Problem::malformed(detail).with_field(Some("event".into())));
    }
    let ip = client_ip(peer, &headers, state.settings.trust_forwarded_for);
    state
        .step_limiter
        .check(state.client_keys.key_for(ip))
        .map_err(|wait| Problem::slow_down(wait.as_secs().max(1)))?;
    state.store.count_step(&id, &event).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DNT: 1` or `Sec-GPC: 1`.
fn asks_not_to_be_counted(headers: &HeaderMap) -> bool {
    ["dnt", "sec-gpc"].iter().any(|name| headers.get(*name).is_some_and(|value| value.as_bytes().trim_ascii() == b"1"))
}
