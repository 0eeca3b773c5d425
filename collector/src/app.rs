//! The one process: the API, the widget's files, health and metrics, behind the layers every
//! response passes through (a log span, metrics, security headers, CORS).

use crate::abuse::{ClientKeys, PeerAddr, RateLimit, RateLimiter, SharedRateLimit};
use crate::campaigns::Campaigns;
use crate::metrics::Metrics;
use crate::problem::Problem;
use crate::store::{Backend, Store};
use crate::{api, web};
use axum::BoxError;
use axum::Router;
use axum::error_handling::HandleErrorLayer;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceBuilder;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// What the collector is told at start-up, beyond the store and the campaigns.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The built widget, served at `/`. None serves no files (tests, API-only instances).
    pub widget_dir: Option<PathBuf>,
    pub rate_limit: RateLimit,
    /// Take the client's address from `X-Forwarded-For` (only behind a reverse proxy you run).
    pub trust_forwarded_for: bool,
    /// The origin people reach the collector at (`https://stories.example.org`), when a proxy in
    /// front means the `Host` it is asked for is another: pages from there are its own.
    pub public_origin: Option<String>,
    /// `COLLECTOR_METRICS_TOKEN`: lets `/metrics` be read from elsewhere with this bearer token.
    pub metrics_token: Option<String>,
    pub limits: Limits,
}

/// What one request may take, so slow or stalled clients cannot hold the collector's capacity.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// For the whole body to arrive once the headers have (a story is at most 64 KB).
    pub body: Duration,
    /// For an answer, from when the request gets its turn.
    pub answer: Duration,
    /// Requests served at once; more are answered 503 at once rather than queued.
    pub concurrent: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { body: Duration::from_secs(20), answer: Duration::from_secs(30), concurrent: 1024 }
    }
}

/// Shared by every handler: cheap to clone (everything behind an `Arc` or a pool).
/// Funnel steps a client may report: 300 at once, then ten a second (a care home or a workshop
/// behind one address may have many people writing at once, each page load reporting about ten).
pub const STEP_LIMIT: RateLimit = RateLimit { per_minute: 600, burst: 300 };

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub campaigns: Arc<Campaigns>,
    pub settings: Arc<Settings>,
    pub metrics: Arc<Metrics>,
    pub limiter: Arc<RateLimiter>,
    /// On PostgreSQL, the limit every instance shares (`limiter` is then unused).
    pub shared_limiter: Option<Arc<SharedRateLimit>>,
    pub client_keys: Arc<ClientKeys>,
    /// Funnel steps per client: a page load reports about ten, so a generous limit of its own
    /// (kept per instance), apart from the stories' one.
    pub step_limiter: Arc<RateLimiter>,
    pub csp: Arc<web::ContentSecurityPolicy>,
    pub proof_of_work: Arc<crate::proof_of_work::ProofOfWork>,
}

impl AppState {
    pub fn new(store: Store, campaigns: Campaigns, settings: Settings) -> AppState {
        let csp = web::ContentSecurityPolicy::new(settings.widget_dir.as_deref(), &campaigns);
        let shared_limiter = (store.backend() == Backend::Postgres)
            .then(|| Arc::new(SharedRateLimit::new(settings.rate_limit, store.clone())));
        AppState {
            proof_of_work: Arc::new(crate::proof_of_work::ProofOfWork::new(store.clone())),
            store,
            campaigns: Arc::new(campaigns),
            limiter: Arc::new(RateLimiter::new(settings.rate_limit)),
            shared_limiter,
            settings: Arc::new(settings),
            metrics: Arc::new(Metrics::default()),
            client_keys: Arc::new(ClientKeys::default()),
            step_limiter: Arc::new(RateLimiter::new(STEP_LIMIT)),
            csp: Arc::new(csp),
        }
    }
}

/// Every route, with its layers.
pub fn router(state: AppState) -> Router {
    let mut app =
        Router::new().merge(api::router()).route("/healthz", get(|| async { "ok" })).route("/metrics", get(metrics));
    app = app.merge(crate::admin::router(crate::admin::AdminState::from_app(&state)));
    app = app.merge(web::embed::router()).merge(web::story_status::router());
    if let Some(dir) = &state.settings.widget_dir {
        // Compressed here only: the API's small JSON answers are not worth the CPU.
        app = app.fallback_service(web::widget_files::service(dir));
    }
    let limits = state.settings.limits;
    let capacity = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(overloaded_or_slow))
        .load_shed()
        .layer(GlobalConcurrencyLimitLayer::new(limits.concurrent))
        .timeout(limits.answer)
        .layer(RequestBodyTimeoutLayer::new(limits.body));
    app.layer(capacity)
        .layer(axum::middleware::from_fn_with_state(state.clone(), web::cors))
        .layer(axum::middleware::from_fn_with_state(state.clone(), web::security_headers))
        .layer(axum::middleware::from_fn_with_state(state.clone(), web::record_metrics))
        .layer(request_log())
        .with_state(state)
}

type RequestLog = TraceLayer<
    tower_http::classify::SharedClassifier<tower_http::classify::ServerErrorsAsFailures>,
    fn(&axum::http::Request<axum::body::Body>) -> tracing::Span,
    (),
    DefaultOnResponse,
    (),
    (),
    (),
>;

/// One span per request, naming only its method and path: a query string can hold what a moderator
/// searched for (an email address, say), and the client's address is never logged. Each answer is
/// logged once with its status and time; a failure was already logged where it happened.
fn request_log() -> RequestLog {
    TraceLayer::new_for_http()
        .make_span_with(request_span as fn(&axum::http::Request<axum::body::Body>) -> tracing::Span)
        .on_request(())
        .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(tower_http::LatencyUnit::Millis))
        .on_body_chunk(())
        .on_eos(())
        .on_failure(())
}

fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
}

async fn overloaded_or_slow(error: BoxError) -> Problem {
    if error.is::<tower::load_shed::error::Overloaded>() {
        Problem::busy()
    } else if error.is::<tower::timeout::error::Elapsed>() {
        Problem::too_slow()
    } else {
        tracing::error!(%error, "a request failed in the server's own layers");
        Problem::unavailable()
    }
}

async fn metrics(State(state): State<AppState>, peer: PeerAddr, headers: HeaderMap) -> Response {
    if !web::metrics_access::allowed(peer, &headers, state.settings.metrics_token.as_deref()) {
        let refusal = "Metrics are served only to this machine, asked directly, or with the metrics token \
                       (COLLECTOR_METRICS_TOKEN, sent as Authorization: Bearer).\n";
        return (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], refusal).into_response();
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics.render()).into_response()
}
