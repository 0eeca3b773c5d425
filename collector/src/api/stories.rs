//! `POST /api/v1/stories` (send a story), `GET /api/v1/stories/{id}` (what became of it, asked with
//! its withdraw token) and `DELETE /api/v1/stories/{id}` (withdraw it).

use crate::abuse::{PeerAddr, client_ip};
use crate::app::AppState;
use crate::clock::now_ms;
use crate::metrics::Rejection;
use crate::problem::Problem;
use crate::receipt;
use crate::store::{Inserted, NewStory, SentStory};
use crate::tokens::sha256_hex;
use crate::web::origin_allowed;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use story_core::incoming::{RefusalKind, Rules};
use story_core::safeguarding;
use story_core::wire::status::StatusAnswer;
use story_core::wire::story as wire;

#[derive(Serialize)]
struct Created {
    id: String,
    delete_token: String,
}

pub async fn submit(
    State(state): State<AppState>,
    peer: PeerAddr,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    state.metrics.received();
    match receive(&state, peer, &headers, body).await {
        Ok(response) => response,
        Err(Refused(why, problem)) => {
            state.metrics.rejected(why);
            problem.into_response()
        }
    }
}

/// The body stopped before its end because `Limits::body` ran out (not because it was cut short).
fn timed_out(rejection: &BytesRejection) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(rejection);
    while let Some(error) = cause {
        if error.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = error.source();
    }
    false
}

/// Why a story was refused (counted in the metrics) and what the person is told.
struct Refused(Rejection, Problem);

impl From<sqlx::Error> for Refused {
    fn from(error: sqlx::Error) -> Refused {
        Refused(Rejection::StoreFailed, error.into())
    }
}

async fn receive(
    state: &AppState,
    peer: PeerAddr,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Refused> {
    limit(state, peer, headers).await.map_err(|p| Refused(Rejection::RateLimited, p))?;
    if !is_json(headers) {
        return Err(Refused(Rejection::UnsupportedType, Problem::unsupported_type()));
    }
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Refused(Rejection::TooLarge, Problem::too_large(super::BODY_LIMIT)),
        _ if timed_out(&rejection) => Refused(Rejection::Malformed, Problem::body_too_slow()),
        _ => Refused(Rejection::Malformed, Problem::malformed("The story did not arrive whole. Please send it again.")),
    })?;
    let story = wire::parse(&body).map_err(|refusal| match refusal.kind {
        RefusalKind::Malformed => {
            Refused(Rejection::Malformed, Problem::malformed(refusal.detail).with_field(refusal.field))
        }
        _ => Refused(Rejection::Invalid, Problem::invalid(refusal.field, refusal.detail)),
    })?;
    let campaign = state
        .campaigns
        .get(&story.campaign)
        .ok_or_else(|| Refused(Rejection::UnknownCampaign, Problem::unknown_campaign(&story.campaign)))?;
    if !origin_allowed(headers, campaign, state.settings.public_origin.as_deref()) {
        let problem =
            Problem::forbidden("origin-not-allowed", "This website is not allowed to send stories to this campaign.");
        return Err(Refused(Rejection::Origin, problem));
    }
    let prompt_ids = campaign.prompt_ids();
    let rules = Rules { prompt_ids: &prompt_ids, min_seconds: campaign.min_seconds, now_ms: now_ms() as u64 };
    story.check(&rules).map_err(|refusal| {
        let why = if refusal.kind == RefusalKind::TooFast { Rejection::TooFast } else { Rejection::Invalid };
        Refused(why, Problem::invalid(refusal.field, refusal.detail))
    })?;
    let key = match headers.get("idempotency-key") {
        None => receipt::new_idempotency_key(),
        Some(value) => value
            .to_str()
            .ok()
            .map(|k| k.trim().to_owned())
            .filter(|k| receipt::is_valid_idempotency_key(k))
            .ok_or_else(|| {
                let problem = Problem::malformed(
                    "The Idempotency-Key header must be 16 to 200 letters, digits, hyphens or underscores, like a UUID.",
                )
                .with_field(Some("Idempotency-Key".into()));
                Refused(Rejection::Malformed, problem)
            })?,
    };
    if campaign.proof_of_work > 0 {
        let header = headers.get(story_core::proof_of_work::HEADER).map(|v| v.to_str().unwrap_or(""));
        let idempotency = sha256_hex(key.as_bytes());
        let checked = state
            .proof_of_work
            .check(header, &campaign.id, campaign.proof_of_work, &idempotency, now_ms() as u64)
            .await?;
        if let Err(refusal) = checked {
            let field = Some(story_core::proof_of_work::HEADER.to_owned());
            return Err(Refused(Rejection::ProofOfWork, Problem::invalid(field, refusal.detail())));
        }
    }
    let id = receipt::new_story_id();
    let delete_token = receipt::delete_token(&key, &story.campaign, &id);
    if story.is_honeypot() {
        // Checked last, and answered exactly as a stored story is, so a bot learns nothing from
        // the answer that it could not learn from a real one. Nothing is stored.
        state.metrics.rejected(Rejection::Honeypot);
        return Ok(created(Created { id, delete_token }));
    }
    let sent = SentStory::from(story);
    // The words that may tell of harm are looked for in what is kept: the title and the story
    // (which holds every answer kept).
    let safeguarding = safeguarding::concerns(&[&sent.title, &sent.body], &campaign.safeguarding.phrases);
    let campaign_id = sent.campaign.clone();
    let new = NewStory {
        id,
        created_at: now_ms(),
        sent,
        delete_token_hash: sha256_hex(delete_token.as_bytes()),
        idempotency_key: sha256_hex(key.as_bytes()),
        safeguarding,
    };
    let inserted = state.store.insert_story(new).await?;
    let response = match inserted {
        Inserted::Created(id) => {
            state.metrics.stored();
            created(Created { id, delete_token })
        }
        Inserted::Replayed(id) => {
            state.metrics.replayed();
            let delete_token = receipt::delete_token(&key, &campaign_id, &id);
            let mut response = created(Created { id, delete_token });
            response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
            response
        }
        Inserted::KeyReused => return Err(Refused(Rejection::KeyReused, Problem::key_reused())),
    };
    Ok(response)
}

/// A stored story's receipt, never cached: it holds the token that withdraws the story.
fn created(receipt: Created) -> Response {
    let mut response = (StatusCode::CREATED, Json(receipt)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

pub(crate) async fn limit(state: &AppState, peer: PeerAddr, headers: &HeaderMap) -> Result<(), Problem> {
    let ip = client_ip(peer, headers, state.settings.trust_forwarded_for);
    let allowed = match &state.shared_limiter {
        None => state.limiter.check(state.client_keys.key_for(ip)),
        Some(shared) => shared.check(ip).await.unwrap_or_else(|error| {
            // A story is worth more than a limit: let it through, and say so.
            tracing::error!(%error, "the shared rate limit could not be read; letting the request through");
            Ok(())
        }),
    };
    allowed.map_err(|wait| Problem::slow_down(wait.as_secs().max(1)))
}

/// What became of a story, for the person who sent it: asked with its withdraw token, answered
/// with its state only, never cached.
pub async fn state(
    State(state): State<AppState>,
    Path(id): Path<String>,
    peer: PeerAddr,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    limit(&state, peer, &headers).await?;
    let Some(token) = bearer(&headers) else {
        return Ok(token_missing("To see what became of your story, use the link you were given when you sent it."));
    };
    let Some(found) = state.store.state_by_receipt(&id, &sha256_hex(token.as_bytes())).await? else {
        return Err(Problem::not_found(
            "We could not find that story. The link may be incomplete, or the story may have been deleted: \
             stories that are not published are deleted after a while.",
        ));
    };
    let mut response = Json(StatusAnswer { id, state: found.as_str() }).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

fn token_missing(detail: &str) -> Response {
    let mut response = Problem::new(StatusCode::UNAUTHORIZED, "token-missing", "The withdraw token is missing", detail)
        .into_response();
    response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

pub async fn withdraw(
    State(state): State<AppState>,
    Path(id): Path<String>,
    peer: PeerAddr,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    limit(&state, peer, &headers).await?;
    let Some(token) = bearer(&headers) else {
        return Ok(token_missing("To withdraw a story, use the withdraw link you were given when you sent it."));
    };
    if !state.store.withdraw(&id, &sha256_hex(token.as_bytes())).await? {
        // The same answer for an unknown story and a wrong token: neither reveals that a story exists.
        return Err(Problem::not_found(
            "We could not find that story to withdraw. It may have been withdrawn already, or the link may be incomplete.",
        ));
    }
    state.metrics.withdrawn();
    Ok(StatusCode::NO_CONTENT.into_response())
}
