//! The device's clock.

/// Milliseconds since 1970, by the device's clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}
