//! The work that runs beside the server on every instance: webhook delivery, and each hour
//! retention and the console's tidying. Safe to run on several instances at once (see
//! `webhooks` and `retention`: every step is one statement that any instance may repeat).

use crate::app::AppState;
use crate::clock::now_ms;
use crate::retention::{self, Policy, Purged};
use crate::store::Store;
use crate::webhooks::{self, Directory, Settings};
use std::time::Duration;

/// Retention runs hourly: periods are counted in days, so an hour late is never noticeable.
const RETENTION_EVERY: Duration = Duration::from_secs(60 * 60);

/// Registers the webhook insert hook (before any story is taken) and starts the workers.
pub fn start(state: &AppState) {
    let directory = Directory::from_campaigns(&state.campaigns);
    state.store.set_insert_hook(webhooks::insert_hook(directory.clone()));
    tokio::spawn(webhooks::run(state.store.clone(), directory, Settings::default()));
    tokio::spawn(hourly(state.store.clone(), Policy::from_campaigns(&state.campaigns), RETENTION_EVERY));
}

/// Purges every `every` for as long as the collector runs; errors are reported and retried next time.
async fn hourly(store: Store, policy: Policy, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    loop {
        ticker.tick().await;
        let now = now_ms();
        match retention::purge(&store, &policy, now).await {
            Ok(Purged { rejected: 0, withdrawn: 0, expired: 0 }) => {}
            Ok(purged) => tracing::info!(
                rejected = purged.rejected,
                withdrawn = purged.withdrawn,
                expired = purged.expired,
                "retention: deleted stories past their time"
            ),
            Err(error) => tracing::error!(%error, "retention: could not purge old stories, will retry"),
        }
        if let Err(error) = crate::admin::tidy(&store, now).await {
            tracing::error!(%error, "console: could not remove expired sessions and old login failures, will retry");
        }
    }
}
