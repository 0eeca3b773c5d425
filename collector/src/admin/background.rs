//! The console's work that runs beside the server on every instance: webhook delivery and
//! retention. Safe to run on several instances at once (see `webhooks` and `retention`).

use super::{AdminConfig, AdminState};
use crate::app::AppState;
use crate::retention::{self, Policy};
use crate::webhooks::{self, Directory, Settings};
use std::time::Duration;

/// Retention runs hourly: periods are counted in days, so an hour late is never noticeable.
const RETENTION_EVERY: Duration = Duration::from_secs(60 * 60);

/// Registers the webhook insert hook (before any story is taken) and starts the workers.
pub fn start(state: &AppState) {
    let directory = Directory::from_campaigns(&state.campaigns);
    state.store.set_insert_hook(webhooks::insert_hook(directory.clone()));
    tokio::spawn(webhooks::run(state.store.clone(), directory, Settings::default()));
    tokio::spawn(retention::run(state.store.clone(), Policy::from_campaigns(&state.campaigns), RETENTION_EVERY));
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
}
