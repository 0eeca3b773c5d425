//! Retention: rejected stories are deleted once their campaign's retention period has passed
//! (every story, for a campaign with `retention_applies_to = "all"`), and any withdrawn story the API did not manage to purge at once is deleted too. Their
//! redaction history and undelivered webhook events go with them (ON DELETE CASCADE).
//! Also removes what abuse prevention and webhooks no longer need: spent proofs, idle rate
//! limits and delivered events. (The console tidies its own tables: `admin::tidy`.)

use crate::campaigns::{Campaigns, RetentionScope};
use crate::clock::DAY_MS;
use crate::store::{Backend, Store};
use std::collections::{HashMap, HashSet};
/// Delivered webhook events are kept a week, to answer "did it go?" questions.
const DELIVERED_KEEP_MS: i64 = 7 * DAY_MS;

/// How long each campaign keeps rejected stories; campaigns not listed keep them `default_days`.
#[derive(Clone, Debug)]
pub struct Policy {
    pub retention_days: HashMap<String, u32>,
    pub default_days: u32,
    /// Campaigns whose retention covers every story, not only rejected ones.
    pub all_stories: HashSet<String>,
}

impl Policy {
    /// Each campaign's `retention_days`; removed campaigns fall back to the longest period configured
    /// (30 days if none), so removing a campaign never shortens what was promised.
    pub fn from_campaigns(campaigns: &Campaigns) -> Self {
        let retention_days: HashMap<String, u32> = campaigns.iter().map(|c| (c.id.clone(), c.retention_days)).collect();
        let default_days = retention_days.values().copied().max().unwrap_or(30);
        let all_stories =
            campaigns.iter().filter(|c| c.retention_applies_to == RetentionScope::All).map(|c| c.id.clone()).collect();
        Policy { retention_days, default_days, all_stories }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub rejected: u64,
    pub withdrawn: u64,
    /// Stories of any other status, from campaigns whose retention covers them all.
    pub expired: u64,
}

/// Deletes what has outlived its retention at `now` (unix ms).
pub async fn purge(store: &Store, policy: &Policy, now: i64) -> Result<Purged, sqlx::Error> {
    let mut purged = Purged::default();
    let listed: Vec<&String> = policy.retention_days.keys().collect();
    for (campaign, days) in &policy.retention_days {
        let cutoff = now - i64::from(*days) * DAY_MS;
        purged.rejected += sqlx::query(
            "DELETE FROM stories WHERE campaign = $1 AND status = 'rejected' AND COALESCE(moderated_at, created_at) < $2",
        )
        .bind(campaign)
        .bind(cutoff)
        .execute(store.pool())
        .await?
        .rows_affected();
        if policy.all_stories.contains(campaign) {
            // The deletion trigger tells every webhook receiver, as for a withdrawal.
            purged.expired += sqlx::query("DELETE FROM stories WHERE campaign = $1 AND created_at < $2")
                .bind(campaign)
                .bind(cutoff)
                .execute(store.pool())
                .await?
                .rows_affected();
        }
    }
    // Campaigns since removed from the file still have their rejected stories purged.
    let cutoff = now - i64::from(policy.default_days) * DAY_MS;
    let rejected: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, campaign FROM stories WHERE status = 'rejected' AND COALESCE(moderated_at, created_at) < $1",
    )
    .bind(cutoff)
    .fetch_all(store.pool())
    .await?;
    for (id, _) in rejected.iter().filter(|(_, campaign)| !listed.contains(&campaign)) {
        purged.rejected +=
            sqlx::query("DELETE FROM stories WHERE id = $1").bind(id).execute(store.pool()).await?.rows_affected();
    }
    purged.withdrawn =
        sqlx::query("DELETE FROM stories WHERE status = 'withdrawn'").execute(store.pool()).await?.rows_affected();
    if store.backend() == Backend::Postgres {
        sqlx::query("DELETE FROM spent_challenges WHERE expires_at < $1").bind(now).execute(store.pool()).await?;
        sqlx::query("DELETE FROM rate_limits WHERE tat < $1").bind(now).execute(store.pool()).await?;
    }
    sqlx::query("DELETE FROM webhook_outbox WHERE delivered_at IS NOT NULL AND delivered_at < $1")
        .bind(now - DELIVERED_KEEP_MS)
        .execute(store.pool())
        .await?;
    Ok(purged)
}
