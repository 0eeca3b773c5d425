//! A flood of wrong passwords for one moderator, all at once and each from its own address:
//! the lockout counts every attempt before its password is checked, so only the few allowed
//! in a window are ever checked, and the argon2 checks that do run take turns, so memory stays low.
//! Its own test binary, so the peak memory it reads is this test's alone.

mod support;

use axum::http::StatusCode;
use collector::admin::{AdminConfig, AdminState, moderators};
use support::console::{Browser, PASSWORD, campaigns};
use support::databases;

const ATTEMPTS: usize = 300;

/// Starts the peak-memory reading afresh from what the process holds now (Linux's clear_refs).
fn reset_peak_resident() {
    std::fs::write("/proc/self/clear_refs", "5").expect("Linux /proc lets a process reset its peak");
}

/// The most this process has held in memory since the last reset, in MiB (Linux's VmHWM).
fn peak_resident_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    let line = status.lines().find(|line| line.starts_with("VmHWM:")).expect("a VmHWM line");
    let kib: u64 = line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number of kB");
    kib / 1024
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_hundred_wrong_passwords_at_once_check_at_most_five() {
    for db in databases().await {
        moderators::add_or_reset(&db.store, "sam", PASSWORD).await.unwrap();
        let config = AdminConfig { trust_proxy: true, ..AdminConfig::default() };
        let state = AdminState::new(db.store.clone(), campaigns(None), config);
        reset_peak_resident();
        let attempts: Vec<_> = (0..ATTEMPTS)
            .map(|n| {
                let mut browser = Browser::new(state.clone());
                browser.extra_headers.push(("x-forwarded-for", format!("198.51.{}.{}", n / 250, n % 250 + 1)));
                tokio::spawn(async move { browser.log_in("sam", &format!("guess number {n}")).await.status })
            })
            .collect();
        let mut statuses = Vec::with_capacity(ATTEMPTS);
        for attempt in attempts {
            statuses.push(attempt.await.unwrap());
        }

        let wrong = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
        let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
        assert_eq!(wrong + refused, ATTEMPTS, "{}: every answer is wrong or try later: {statuses:?}", db.label);
        assert!(wrong <= 5, "{}: {wrong} were told only 'wrong password'", db.label);
        let checked = state.passwords_checked();
        let peak = peak_resident_mib();
        assert!(peak < 200, "{}: the process held {peak} MiB at its peak during the flood", db.label);
        assert!(checked <= 5, "{}: {checked} passwords were checked past the lock", db.label);

        let mut owner = Browser::new(state.clone());
        let page = owner.log_in("sam", PASSWORD).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{}: the account is locked after the flood", db.label);
    }
}
