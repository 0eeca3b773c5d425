//! Counters for `GET /metrics`, in Prometheus' text format. Lock-free atomics: recording costs a
//! few nanoseconds on the hot path, and there is no metrics dependency to keep up to date.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

/// Why a story was not stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    Malformed,
    TooLarge,
    UnsupportedType,
    Invalid,
    TooFast,
    Honeypot,
    UnknownCampaign,
    RateLimited,
    Origin,
    StoreFailed,
    ProofOfWork,
    KeyReused,
}

impl Rejection {
    const ALL: [Rejection; 12] = [
        Rejection::Malformed,
        Rejection::TooLarge,
        Rejection::UnsupportedType,
        Rejection::Invalid,
        Rejection::TooFast,
        Rejection::Honeypot,
        Rejection::UnknownCampaign,
        Rejection::RateLimited,
        Rejection::Origin,
        Rejection::StoreFailed,
        Rejection::ProofOfWork,
        Rejection::KeyReused,
    ];

    fn label(self) -> &'static str {
        match self {
            Rejection::Malformed => "malformed",
            Rejection::TooLarge => "too_large",
            Rejection::UnsupportedType => "unsupported_type",
            Rejection::Invalid => "invalid",
            Rejection::TooFast => "too_fast",
            Rejection::Honeypot => "honeypot",
            Rejection::UnknownCampaign => "unknown_campaign",
            Rejection::RateLimited => "rate_limited",
            Rejection::Origin => "origin",
            Rejection::StoreFailed => "store_failed",
            Rejection::ProofOfWork => "proof_of_work",
            Rejection::KeyReused => "idempotency_key_reused",
        }
    }
}

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

pub struct Metrics {
    received: AtomicU64,
    stored: AtomicU64,
    replayed: AtomicU64,
    withdrawn: AtomicU64,
    rejected: [AtomicU64; Rejection::ALL.len()],
    /// By status code, 100 to 599.
    responses: Box<[AtomicU64; 500]>,
    latency_buckets: [AtomicU64; BUCKETS.len()],
    latency_count: AtomicU64,
    latency_sum_micros: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            received: AtomicU64::new(0),
            stored: AtomicU64::new(0),
            replayed: AtomicU64::new(0),
            withdrawn: AtomicU64::new(0),
            rejected: std::array::from_fn(|_| AtomicU64::new(0)),
            responses: Box::new(std::array::from_fn(|_| AtomicU64::new(0))),
            latency_buckets: std::array::from_fn(|_| AtomicU64::new(0)),
            latency_count: AtomicU64::new(0),
            latency_sum_micros: AtomicU64::new(0),
        }
    }
}

impl Metrics {
    pub fn received(&self) {
        self.received.fetch_add(1, Relaxed);
    }

    pub fn stored(&self) {
        self.stored.fetch_add(1, Relaxed);
    }

    pub fn replayed(&self) {
        self.replayed.fetch_add(1, Relaxed);
    }

    pub fn withdrawn(&self) {
        self.withdrawn.fetch_add(1, Relaxed);
    }

    pub fn rejected(&self, why: Rejection) {
        let index = Rejection::ALL.iter().position(|r| *r == why).expect("every rejection is listed");
        self.rejected[index].fetch_add(1, Relaxed);
    }

    pub fn response(&self, status: u16, took: Duration) {
        if let Some(counter) = self.responses.get(usize::from(status).wrapping_sub(100)) {
            counter.fetch_add(1, Relaxed);
        }
        let seconds = took.as_secs_f64();
        if let Some(bucket) = BUCKETS.iter().position(|upper| seconds <= *upper) {
            self.latency_buckets[bucket].fetch_add(1, Relaxed);
        }
        self.latency_count.fetch_add(1, Relaxed);
        self.latency_sum_micros.fetch_add(took.as_micros() as u64, Relaxed);
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(4096);
        let counter = |out: &mut String, name: &str, help: &str, value: u64| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}");
        };
        counter(&mut out, "stories_received_total", "Story submissions received.", self.received.load(Relaxed));
        counter(&mut out, "stories_stored_total", "New stories durably stored.", self.stored.load(Relaxed));
        counter(
            &mut out,
            "stories_replayed_total",
            "Submissions answered from an earlier one with the same Idempotency-Key.",
            self.replayed.load(Relaxed),
        );
        counter(
            &mut out,
            "stories_withdrawn_total",
            "Stories withdrawn by their authors.",
            self.withdrawn.load(Relaxed),
        );
        out.push_str("# HELP stories_rejected_total Story submissions not stored, by reason.\n");
        out.push_str("# TYPE stories_rejected_total counter\n");
        for (why, count) in Rejection::ALL.iter().zip(&self.rejected) {
            let _ = writeln!(out, "stories_rejected_total{{reason=\"{}\"}} {}", why.label(), count.load(Relaxed));
        }
        out.push_str("# HELP http_responses_total HTTP responses, by status code.\n");
        out.push_str("# TYPE http_responses_total counter\n");
        for (offset, count) in self.responses.iter().enumerate() {
            let count = count.load(Relaxed);
            if count > 0 {
                let _ = writeln!(out, "http_responses_total{{status=\"{}\"}} {count}", offset + 100);
            }
        }
        out.push_str("# HELP http_request_duration_seconds Time from request to response headers.\n");
        out.push_str("# TYPE http_request_duration_seconds histogram\n");
        let mut cumulative = 0;
        for (upper, count) in BUCKETS.iter().zip(&self.latency_buckets) {
            cumulative += count.load(Relaxed);
            let _ = writeln!(out, "http_request_duration_seconds_bucket{{le=\"{upper}\"}} {cumulative}");
        }
        let total = self.latency_count.load(Relaxed);
        let _ = writeln!(out, "http_request_duration_seconds_bucket{{le=\"+Inf\"}} {total}");
        let sum = self.latency_sum_micros.load(Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "http_request_duration_seconds_sum {sum}\nhttp_request_duration_seconds_count {total}");
        out
    }
}
