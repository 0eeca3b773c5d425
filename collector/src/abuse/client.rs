//! Who is asking, as far as rate limits need to know: an HMAC of the client's IP address under a
//! key made fresh in each process, so nothing kept in memory (or logged) can be turned back into
//! an address, even by us after a restart.

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

pub struct ClientKeys {
    key: [u8; 32],
}

impl Default for ClientKeys {
    fn default() -> Self {
        ClientKeys { key: crate::tokens::random_bytes() }
    }
}

impl ClientKeys {
    /// Keys that every instance holding `secret` computes alike (the shared limit on PostgreSQL).
    pub fn from_secret(secret: &[u8]) -> ClientKeys {
        use sha2::Digest;
        ClientKeys { key: Sha256::digest(secret).into() }
    }

    /// IPv6 clients are keyed by their /64: one household or phone is given a whole /64.
    pub fn key_for(&self, ip: IpAddr) -> [u8; 16] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        match ip {
            IpAddr::V4(v4) => mac.update(&v4.octets()),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => mac.update(&v4.octets()),
                None => mac.update(&v6.octets()[..8]),
            },
        }
        let mut out = [0u8; 16];
        out.copy_from_slice(&mac.finalize().into_bytes()[..16]);
        out
    }
}

/// The client's address: the peer, or behind a trusted reverse proxy the last hop it added to
/// `X-Forwarded-For` (the only entry a client cannot forge).
pub fn client_ip(peer: PeerAddr, headers: &HeaderMap, trust_forwarded_for: bool) -> IpAddr {
    if trust_forwarded_for
        && let Some(ip) = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse::<IpAddr>().ok())
            .next_back()
    {
        return ip;
    }
    peer.0.map_or(IpAddr::from([127, 0, 0, 1]), |addr| addr.ip())
}

/// The connection's peer address, when the server records it (tests that call the router
/// directly have none). Reads just that one extension instead of cloning them all.
#[derive(Clone, Copy, Debug)]
pub struct PeerAddr(pub Option<SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for PeerAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<PeerAddr, Infallible> {
        Ok(PeerAddr(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| *addr)))
    }
}
