//! Signing in and out, with lockout after repeated failures.

use super::lockout;
use super::pages::{self, LoginView};
use super::session::{self, LOGIN_CSRF_COOKIE, Moderator, SESSION_COOKIE, SESSION_MS, cookie, read_cookie};
use super::{AdminState, ClientAddress, moderators};
use crate::clock::now_ms;
use crate::tokens::{random_hex, same_secret};
use axum::Form;
use axum::extract::State;
use axum::http::header::{LOCATION, RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};

#[derive(serde::Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

/// The login form, with a fresh CSRF token in both a cookie and the form (there is no session yet).
pub async fn show(State(state): State<AdminState>, headers: HeaderMap) -> Response {
    login_page(&state, &headers, "", None, StatusCode::OK)
}

fn login_page(
    state: &AdminState,
    headers: &HeaderMap,
    username: &str,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let csrf = random_hex(32);
    let set_cookie = cookie(LOGIN_CSRF_COOKIE, &csrf, 3600, state.secure_request(headers));
    (status, [(SET_COOKIE, set_cookie)], pages::login(&LoginView { username, csrf: &csrf, error })).into_response()
}

pub async fn submit(
    State(state): State<AdminState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let expected = read_cookie(&headers, LOGIN_CSRF_COOKIE, state.secure_request(&headers)).unwrap_or_default();
    if expected.is_empty() || !same_secret(expected, &form.csrf) {
        return session::csrf_refused();
    }
    let username = form.username.trim();
    if username.is_empty() || form.password.is_empty() {
        let error = "Enter your username and password".to_owned();
        return login_page(&state, &headers, username, Some(error), StatusCode::UNPROCESSABLE_ENTITY);
    }
    match attempt(&state, username, &form.password, &client).await {
        Ok(Outcome::SignedIn(token)) => {
            let secure = state.secure_request(&headers);
            let session_cookie = cookie(SESSION_COOKIE, &token, SESSION_MS / 1000, secure);
            let spent_csrf = cookie(LOGIN_CSRF_COOKIE, "", 0, secure);
            // AppendHeaders: two Set-Cookie headers, where an array would keep only the last.
            let headers = AppendHeaders([
                (LOCATION, "/admin".to_owned()),
                (SET_COOKIE, session_cookie),
                (SET_COOKIE, spent_csrf),
            ]);
            (StatusCode::SEE_OTHER, headers).into_response()
        }
        Ok(Outcome::Wrong) => {
            let error = "The username or password is not right. After 5 wrong tries in 15 minutes, \
                         signing in is locked for 15 minutes."
                .to_owned();
            login_page(&state, &headers, username, Some(error), StatusCode::UNAUTHORIZED)
        }
        Ok(Outcome::Locked(until)) => {
            let minutes = ((until - now_ms() + 59_999) / 60_000).max(1);
            let error = format!(
                "Signing in is locked after too many wrong passwords. Try again in {minutes} minute{}.",
                if minutes == 1 { "" } else { "s" }
            );
            login_page(&state, &headers, username, Some(error), StatusCode::TOO_MANY_REQUESTS)
        }
        Ok(Outcome::Busy) => {
            let error = "Too many people are signing in at this moment. Wait a few seconds and try again; \
                         this try was not counted."
                .to_owned();
            let mut page = login_page(&state, &headers, username, Some(error), StatusCode::TOO_MANY_REQUESTS);
            page.headers_mut().insert(RETRY_AFTER, HeaderValue::from(super::password_check::WAIT.as_secs()));
            page
        }
        Err(error) => pages::server_error(&error),
    }
}

enum Outcome {
    SignedIn(String),
    Wrong,
    Locked(i64),
    /// Too many passwords are being checked at once: try again in a moment, nothing counted.
    Busy,
}

/// Counts the attempt against the username and the client before the password is checked, so a
/// locked account, or one at its limit, does not get its password tried however many attempts
/// arrive at once; and checks it only in one of the few turns `password_check` gives.
async fn attempt(state: &AdminState, username: &str, password: &str, client: &str) -> Result<Outcome, sqlx::Error> {
    let store = state.store();
    let user_key = lockout::user_key(username);
    let client_key = lockout::client_key(state.client_secret().await?, client);
    let keys = [user_key.as_str(), client_key.as_str()];
    let now = now_ms();
    let mut claims = Vec::with_capacity(keys.len());
    for key in keys {
        claims.push(lockout::claim(store, key, now).await?);
    }
    let locked = claims.iter().filter_map(|claim| match claim {
        lockout::Claim::Locked(until) => Some(*until),
        lockout::Claim::Allowed(_) => None,
    });
    if let Some(until) = locked.max() {
        return Ok(Outcome::Locked(until));
    }
    let Some(right) = moderators::check_password(store, state.password_checks(), username, password).await? else {
        for key in keys {
            lockout::forgive(store, key).await?;
        }
        return Ok(Outcome::Busy);
    };
    if right {
        lockout::clear(store, &[&user_key]).await?;
        lockout::forgive(store, &client_key).await?;
        return Ok(Outcome::SignedIn(session::open(state, username).await?));
    }
    // The failure that reached the limit says so at once, rather than on the next try.
    let mut until = None;
    for (key, claim) in keys.iter().zip(&claims) {
        if matches!(claim, lockout::Claim::Allowed(n) if *n >= lockout::MAX_FAILURES) {
            until = until.max(Some(lockout::lock(store, key, now).await?));
        }
    }
    Ok(until.map_or(Outcome::Wrong, Outcome::Locked))
}

#[derive(serde::Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

pub async fn logout(
    State(state): State<AdminState>,
    moderator: Moderator,
    headers: HeaderMap,
    Form(form): Form<LogoutForm>,
) -> Response {
    if !moderator.csrf_matches(&form.csrf) {
        return session::csrf_refused();
    }
    if let Err(error) = session::close(&state, &moderator.token_hash).await {
        return pages::server_error(&error);
    }
    let expired = cookie(SESSION_COOKIE, "", 0, state.secure_request(&headers));
    (StatusCode::SEE_OTHER, [(LOCATION, "/admin/login".to_owned()), (SET_COOKIE, expired)]).into_response()
}
