//! Who may read `/metrics`: by default only this machine, asking directly (a reverse proxy on the
//! same machine forwards the public's requests from loopback too, so any forwarding header refuses
//! it); with `COLLECTOR_METRICS_TOKEN` set, also anyone who sends `Authorization: Bearer <token>`.

use crate::abuse::PeerAddr;
use crate::tokens::same_secret;
use axum::http::{HeaderMap, header};

/// Headers a proxy adds when it passes on someone else's request.
const FORWARDING_HEADERS: [&str; 4] = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip"];

pub fn allowed(peer: PeerAddr, headers: &HeaderMap, token: Option<&str>) -> bool {
    if let Some(token) = token.filter(|t| !t.is_empty()) {
        let sent =
            headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        if sent.is_some_and(|sent| same_secret(sent.trim(), token)) {
            return true;
        }
    }
    // No peer address: the router was called in-process (the tests), not over a network.
    let local = peer.0.is_none_or(|addr| addr.ip().to_canonical().is_loopback());
    local && !FORWARDING_HEADERS.iter().any(|name| headers.contains_key(*name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use std::net::SocketAddr;

    fn peer(addr: &str) -> PeerAddr {
        PeerAddr(Some(addr.parse::<SocketAddr>().unwrap()))
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (header::HeaderName::from_static(k), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn only_this_machine_asking_directly_by_default() {
        assert!(allowed(peer("127.0.0.1:5000"), &headers(&[]), None));
        assert!(allowed(peer("[::1]:5000"), &headers(&[]), None));
        assert!(allowed(peer("[::ffff:127.0.0.1]:5000"), &headers(&[]), None));
        assert!(!allowed(peer("203.0.113.9:5000"), &headers(&[]), None));
        assert!(!allowed(peer("127.0.0.1:5000"), &headers(&[("x-forwarded-for", "203.0.113.9")]), None));
        assert!(!allowed(peer("127.0.0.1:5000"), &headers(&[("forwarded", "for=203.0.113.9")]), None));
        assert!(!allowed(peer("127.0.0.1:5000"), &headers(&[("x-real-ip", "203.0.113.9")]), None));
    }

    #[test]
    fn or_anyone_with_the_token() {
        let with = headers(&[("authorization", "Bearer s3cret-token"), ("x-forwarded-for", "203.0.113.9")]);
        assert!(allowed(peer("203.0.113.9:5000"), &with, Some("s3cret-token")));
        let wrong = headers(&[("authorization", "Bearer s3cret-tokem")]);
        assert!(!allowed(peer("203.0.113.9:5000"), &wrong, Some("s3cret-token")));
        assert!(!allowed(peer("203.0.113.9:5000"), &headers(&[("authorization", "Bearer ")]), Some("")));
    }
}
