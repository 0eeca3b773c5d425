//! The moderation console at /admin: server-rendered HTML that works without JavaScript and
//! without the widget. Moderators sign in, work the queue of new stories (with the reframing
//! engine's findings marked), approve, reject or redact them, and export what they filter.

mod charts;
pub mod cli;
mod dashboard;
mod erasure;
mod highlight;
pub mod lockout;
mod login;
pub mod moderation;
pub mod moderators;
mod moderators_page;
mod pages;
pub mod password_check;
mod queue;
pub mod session;
mod story;

use crate::abuse::{PeerAddr, client_ip};
use crate::app::AppState;
use crate::campaigns::Campaigns;
use crate::store::Store;
use axum::Router;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_FRAME_OPTIONS};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use tokio::sync::OnceCell;

/// How the console decides that a request came over HTTPS, for the cookies' Secure flag,
/// and where it came from, for lockout.
#[derive(Clone, Debug, Default)]
pub struct AdminConfig {
    /// Always mark cookies Secure (`--secure-cookies`): for deployments that are HTTPS-only.
    pub secure_cookies: bool,
    /// Believe `X-Forwarded-Proto` and `X-Forwarded-For` (`--trust-proxy`): only behind a proxy
    /// that sets them, since anyone can send them otherwise.
    pub trust_proxy: bool,
}

#[derive(Clone)]
pub struct AdminState(Arc<Inner>);

struct Inner {
    store: Store,
    campaigns: Arc<Campaigns>,
    config: AdminConfig,
    /// Read from the database at the first login attempt, so building the state needs no I/O.
    client_secret: OnceCell<String>,
    password_checks: password_check::PasswordChecks,
}

impl AdminState {
    /// The console for the collector's state. Cookies are always Secure when the environment
    /// says `COLLECTOR_SECURE_COOKIES=1` or the `--public-url` is HTTPS; otherwise when a trusted
    /// proxy (`--trust-forwarded-for`) says the request came over HTTPS.
    pub fn from_app(state: &AppState) -> AdminState {
        let https = state.settings.public_origin.as_deref().is_some_and(|origin| origin.starts_with("https://"));
        let config = AdminConfig {
            secure_cookies: https || std::env::var("COLLECTOR_SECURE_COOKIES").is_ok_and(|v| v == "1" || v == "true"),
            trust_proxy: state.settings.trust_forwarded_for,
        };
        AdminState::new(state.store.clone(), state.campaigns.clone(), config)
    }

    pub fn new(store: Store, campaigns: Arc<Campaigns>, config: AdminConfig) -> Self {
        AdminState(Arc::new(Inner {
            store,
            campaigns,
            config,
            client_secret: OnceCell::new(),
            password_checks: password_check::PasswordChecks::default(),
        }))
    }

    pub fn store(&self) -> &Store {
        &self.0.store
    }

    pub fn campaigns(&self) -> &Campaigns {
        &self.0.campaigns
    }

    /// The key lockout hashes client addresses with: created by the first instance, shared by all.
    async fn client_secret(&self) -> Result<&str, sqlx::Error> {
        self.0.client_secret.get_or_try_init(|| lockout::client_hash_secret(&self.0.store)).await.map(String::as_str)
    }

    fn password_checks(&self) -> &password_check::PasswordChecks {
        &self.0.password_checks
    }

    /// How many passwords this console has checked since it started (the lockout's tests count them).
    pub fn passwords_checked(&self) -> u64 {
        self.0.password_checks.checked()
    }

    /// True when cookies set in answer to this request should be Secure.
    pub fn secure_request(&self, headers: &HeaderMap) -> bool {
        let config = &self.0.config;
        config.secure_cookies || (config.trust_proxy && crate::web::forwarded_over_https(headers))
    }
}

/// Where a request came from, for the per-address lockout: read as the rate limiter reads it
/// (`abuse::client_ip`), and an IPv6 address as its /64, since one household or phone is given a
/// whole /64 and could otherwise step past the lock one address at a time.
pub struct ClientAddress(pub String);

impl FromRequestParts<AdminState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AdminState) -> Result<Self, Infallible> {
        let peer = PeerAddr(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0));
        Ok(ClientAddress(address_group(client_ip(peer, &parts.headers, state.0.config.trust_proxy))))
    }
}

fn address_group(ip: IpAddr) -> String {
    match ip {
        IpAddr::V6(v6) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        IpAddr::V6(v6) => v6.to_canonical().to_string(),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

/// Deletes what the console no longer needs at `now`: expired sessions, and login failures older
/// than the lockout window whose lock (if any) has ended. Run hourly by `workers`.
pub async fn tidy(store: &Store, now: i64) -> Result<(), sqlx::Error> {
    session::purge_expired(store, now).await?;
    lockout::forget_old_failures(store, now).await
}

/// Every console route, with `state` applied, ready to merge into the collector's router.
pub fn router<S: Clone + Send + Sync + 'static>(state: AdminState) -> Router<S> {
    Router::new()
        .route("/admin", get(queue::show))
        .route("/admin/", get(queue::show))
        .route("/admin/admin.css", get(stylesheet))
        .route("/admin/login", get(login::show).post(login::submit))
        .route("/admin/logout", post(login::logout))
        .route("/admin/erase", get(erasure::show).post(erasure::erase))
        .route("/admin/erase/confirm", get(erasure::confirm))
        .route("/admin/campaigns/{id}", get(dashboard::show))
        .route("/admin/moderators", get(moderators_page::show))
        .route("/admin/moderators/remove", post(moderators_page::remove))
        .route("/admin/stories/{id}", get(story::show))
        .route("/admin/stories/{id}/approve", post(story::approve))
        .route("/admin/stories/{id}/reject", post(story::reject))
        .route("/admin/stories/{id}/redact", post(story::redact))
        .route("/admin/stories/{id}/themes", post(story::set_themes))
        .route("/admin/export", get(queue::export))
        .route("/admin/export.csv", get(queue::export_csv))
        .route("/admin/export.jsonl", get(queue::export_jsonl))
        .layer(axum::middleware::map_response(private_headers))
        .with_state(state)
}

/// Console pages hold personal data: never cached, never framed, no scripts at all.
async fn private_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    response
}

async fn stylesheet() -> Response {
    ([(CONTENT_TYPE, "text/css; charset=utf-8")], pages::CSS).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_grouped_as_the_lockout_counts_them() {
        let group = |text: &str| address_group(text.parse().unwrap());
        assert_eq!(group("2001:db8:1:2:aaaa::1"), group("2001:db8:1:2:bbbb::9"));
        assert_eq!(group("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_ne!(group("2001:db8:1:3::1"), group("2001:db8:1:2::1"));
        assert_eq!(group("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(group("192.0.2.7"), "192.0.2.7");
    }
}
