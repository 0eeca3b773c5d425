//! Errors as `application/problem+json` (RFC 9457), each with a `detail` written for the person:
//! the widget shows it to them as it is.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

pub const CONTENT_TYPE: &str = "application/problem+json";

#[derive(Clone, Debug, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Seconds, sent as the `Retry-After` header too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

/// A store failure is logged here, once, inside the request's span (which names the request), and the
/// person is told plainly that nothing they wrote is lost. Handlers just use `?`.
impl From<sqlx::Error> for Problem {
    fn from(error: sqlx::Error) -> Problem {
        tracing::error!(%error, "the store could not answer");
        Problem::unavailable()
    }
}

impl Problem {
    pub fn new(status: StatusCode, slug: &str, title: &'static str, detail: impl Into<String>) -> Problem {
        Problem {
            kind: format!("urn:story-builder:problem:{slug}"),
            title,
            status: status.as_u16(),
            detail: detail.into(),
            field: None,
            retry_after: None,
        }
    }

    pub fn with_field(mut self, field: Option<String>) -> Problem {
        self.field = field;
        self
    }

    pub fn malformed(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, "malformed", "The request could not be read", detail)
    }

    pub fn invalid(field: Option<String>, detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-field", "Something in the story needs changing", detail)
            .with_field(field)
    }

    /// The Idempotency-Key came before with a different story (the IETF Idempotency-Key draft's 422).
    pub fn key_reused() -> Problem {
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency-key-reused",
            "This key was used for another story",
            "We already have a different story sent with this Idempotency-Key, so this one was not stored. \
             Send it again with a new key.",
        )
        .with_field(Some("Idempotency-Key".into()))
    }

    pub fn too_large(limit_bytes: usize) -> Problem {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "The story is too large",
            format!(
                "Your story is longer than we can receive in one go ({} KB at most). Please shorten it and send it again.",
                limit_bytes / 1024
            ),
        )
    }

    pub fn unsupported_type() -> Problem {
        Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Stories must be sent as JSON",
            "The story must be sent with Content-Type: application/json.",
        )
    }

    pub fn not_found(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "not-found", "Not found", detail)
    }

    pub fn unknown_campaign(id: &str) -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            "unknown-campaign",
            "Unknown campaign",
            format!("There is no campaign called “{id}” here. Please check the link you followed."),
        )
        .with_field(Some("campaign".into()))
    }

    pub fn slow_down(retry_after: u64) -> Problem {
        let mut problem = Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            "Too many stories from here just now",
            format!(
                "Many stories have been sent from your connection in a short time. Your story is safe on this \
                 device: please wait {} and send it again.",
                human_seconds(retry_after)
            ),
        );
        problem.retry_after = Some(retry_after);
        problem
    }

    pub fn forbidden(slug: &str, detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::FORBIDDEN, slug, "Not allowed", detail)
    }

    pub fn unavailable() -> Problem {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "The campaign cannot receive stories just now",
            "We could not save your story just now. It is safe on this device; please try again in a few minutes.",
        )
    }

    /// The collector is answering as many requests as it can at once.
    pub fn busy() -> Problem {
        let mut problem = Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "Too many people are sending at this moment",
            "We could not take your request just now because many people are sending at once. \
             Anything you wrote is safe on this device: please try again in a few seconds.",
        );
        problem.retry_after = Some(5);
        problem
    }

    /// The request took longer than any answer may.
    pub fn too_slow() -> Problem {
        let mut problem = Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timed-out",
            "That took too long",
            "We could not finish your request in time. Anything you wrote is safe on this device: \
             please try again in a few seconds (a story sent again is never stored twice).",
        );
        problem.retry_after = Some(5);
        problem
    }

    /// The request's body did not arrive in time (a very slow or stalled connection).
    pub fn body_too_slow() -> Problem {
        Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "body-timed-out",
            "The story took too long to arrive",
            "Your story did not reach us in time, perhaps because the connection is slow. It is safe on \
             this device: please send it again.",
        )
    }

    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

fn human_seconds(seconds: u64) -> String {
    match seconds {
        0..=1 => "a second".into(),
        2..=59 => format!("{seconds} seconds"),
        60..=119 => "a minute".into(),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self).expect("a problem serialises");
        let mut response = (self.status(), body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
