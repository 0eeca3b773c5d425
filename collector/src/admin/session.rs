//! Moderator sessions: a random token in an HttpOnly, SameSite=Strict cookie (Secure over HTTPS),
//! of which the database keeps only a SHA-256; and the CSRF token tied to each session.

use super::AdminState;
use crate::clock::now_ms;
use crate::tokens::{random_hex, same_secret, sha256_hex};
use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, LOCATION};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

pub const SESSION_COOKIE: &str = "sb_admin_session";
/// The login form's CSRF token, before there is a session to tie it to (double-submit cookie).
pub const LOGIN_CSRF_COOKIE: &str = "sb_admin_login";
/// A working day: long enough for a moderation shift, short enough that a forgotten tab expires.
pub const SESSION_MS: i64 = 8 * 60 * 60 * 1000;

/// A signed-in moderator, taken from the session cookie. Handlers that take one are private.
#[derive(Clone, Debug)]
pub struct Moderator {
    pub username: String,
    pub csrf: String,
    pub token_hash: String,
    pub scope: Scope,
    pub admin: bool,
}

/// The campaigns a moderator may see: their stories, queue rows, exports and search results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    Only(Vec<String>),
}

impl Scope {
    /// As stored in `moderators.campaigns`: `*`, or ids separated by commas.
    pub fn parse(stored: &str) -> Scope {
        match stored.trim() {
            "*" => Scope::All,
            list => Scope::Only(list.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect()),
        }
    }

    pub fn stored(&self) -> String {
        match self {
            Scope::All => "*".into(),
            Scope::Only(campaigns) => campaigns.join(","),
        }
    }

    pub fn sees(&self, campaign: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(campaigns) => campaigns.iter().any(|c| c == campaign),
        }
    }

    /// None for every campaign.
    pub fn campaigns(&self) -> Option<&[String]> {
        match self {
            Scope::All => None,
            Scope::Only(campaigns) => Some(campaigns),
        }
    }
}

impl Moderator {
    /// Every POST from the console carries the session's CSRF token; anything else is refused
    /// with `csrf_refused()`.
    pub fn csrf_matches(&self, submitted: &str) -> bool {
        same_secret(&self.csrf, submitted)
    }
}

pub fn csrf_refused() -> Response {
    let page = super::pages::message_page(
        "This form has expired",
        "The form was sent without the right security token, so nothing was changed. \
         Go back, reload the page and try again.",
    );
    (StatusCode::FORBIDDEN, page).into_response()
}

pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value for the console: HttpOnly and SameSite=Strict always. Over HTTPS it is
/// Secure and named `__Host-…`, which browsers keep only when set Secure by this very host for
/// Path=/, so neither a sibling subdomain nor a plain-HTTP page can plant or overwrite it.
pub fn cookie(name: &str, value: &str, max_age_seconds: i64, secure: bool) -> String {
    if secure {
        format!("__Host-{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_seconds}; Secure")
    } else {
        format!("{name}={value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age={max_age_seconds}")
    }
}

/// The console cookie `name` as `cookie` sets it for a request like this one: over HTTPS only
/// the `__Host-` one counts, so a planted plain one is never read.
pub fn read_cookie<'a>(headers: &'a HeaderMap, name: &str, secure: bool) -> Option<&'a str> {
    if secure { cookie_value(headers, &format!("__Host-{name}")) } else { cookie_value(headers, name) }
}

/// Starts a session; returns the token for the cookie. Only its hash is stored.
pub async fn open(state: &AdminState, username: &str) -> Result<String, sqlx::Error> {
    let token = random_hex(32);
    let now = now_ms();
    sqlx::query(
        "INSERT INTO admin_sessions (token_hash, username, csrf_token, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(sha256_hex(token.as_bytes()))
    .bind(username)
    .bind(random_hex(32))
    .bind(now)
    .bind(now + SESSION_MS)
    .execute(state.store().pool())
    .await?;
    Ok(token)
}

pub async fn close(state: &AdminState, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM admin_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(state.store().pool())
        .await?;
    Ok(())
}

/// Drops sessions past their end, so the table does not grow without bound.
pub async fn purge_expired(store: &crate::store::Store, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM admin_sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(store.pool())
        .await?
        .rows_affected())
}

impl FromRequestParts<AdminState> for Moderator {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AdminState) -> Result<Self, Self::Rejection> {
        let secure = state.secure_request(&parts.headers);
        let Some(token) = read_cookie(&parts.headers, SESSION_COOKIE, secure) else { return Err(to_login()) };
        let token_hash = sha256_hex(token.as_bytes());
        // Joined with the moderator, so one removed is signed out at their next request.
        let row: Option<(String, String, String, String)> = sqlx::query_as(
            "SELECT s.username, s.csrf_token, m.campaigns, m.role FROM admin_sessions s \
             JOIN moderators m ON m.username = s.username WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(&token_hash)
        .bind(now_ms())
        .fetch_optional(state.store().pool())
        .await
        .map_err(|e| super::pages::server_error(&e))?;
        match row {
            Some((username, csrf, campaigns, role)) => {
                Ok(Moderator { username, csrf, token_hash, scope: Scope::parse(&campaigns), admin: role == "admin" })
            }
            None => Err(to_login()),
        }
    }
}

fn to_login() -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, "/admin/login")]).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn cookies_are_http_only_strict_and_secure_when_asked() {
        let plain = cookie(SESSION_COOKIE, "t", 60, false);
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Strict") && !plain.contains("Secure"));
        let secure = cookie(SESSION_COOKIE, "t", 60, true);
        assert!(secure.starts_with("__Host-sb_admin_session=t; Path=/;") && secure.ends_with("; Secure"), "{secure}");
    }

    #[test]
    fn over_https_only_the_host_prefixed_cookie_is_read() {
        let mut headers = HeaderMap::new();
        headers.append(COOKIE, HeaderValue::from_static("sb_admin_session=planted"));
        assert_eq!(read_cookie(&headers, SESSION_COOKIE, true), None);
        assert_eq!(read_cookie(&headers, SESSION_COOKIE, false), Some("planted"));
        headers.append(COOKIE, HeaderValue::from_static("__Host-sb_admin_session=real"));
        assert_eq!(read_cookie(&headers, SESSION_COOKIE, true), Some("real"));
    }

    #[test]
    fn finds_a_cookie_among_several() {
        let mut headers = HeaderMap::new();
        headers.append(COOKIE, HeaderValue::from_static("a=1; sb_admin_session=abc"));
        assert_eq!(cookie_value(&headers, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie_value(&headers, "b"), None);
    }
}
