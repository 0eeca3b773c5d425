//! Fresh random identifiers.

/// A fresh random key (a UUID from the browser's cryptographic generator).
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{:x}-{:x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e15) as u64))
}
