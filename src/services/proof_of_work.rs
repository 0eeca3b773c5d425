//! Solving a campaign's proof of work in the browser, without freezing the page.

use story_core::proof_of_work::{header_value, meets};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Finds `challenge:nonce` whose SHA-256 (the browser's SubtleCrypto) starts with `difficulty`
/// zero bits: digests in parallel batches, giving the page back to the browser between batches so
/// it stays responsive.
pub async fn solve(challenge: &str, difficulty: u32) -> Option<String> {
    const BATCH: u64 = 256;
    let window = web_sys::window()?;
    let subtle = window.crypto().ok()?.subtle();
    let mut start = 0u64;
    loop {
        let promises = js_sys::Array::new();
        for nonce in start..start + BATCH {
            let data = header_value(challenge, nonce);
            let digest = subtle.digest_with_str_and_u8_array("SHA-256", data.as_bytes()).ok()?;
            promises.push(&digest);
        }
        let digests: js_sys::Array = JsFuture::from(js_sys::Promise::all(&promises)).await.ok()?.dyn_into().ok()?;
        for (nonce, digest) in (start..).zip(digests.iter()) {
            let mut first = [0u8; 4];
            js_sys::Uint8Array::new_with_byte_offset_and_length(&digest, 0, 4).copy_to(&mut first);
            if meets(&first, difficulty) {
                return Some(header_value(challenge, nonce));
            }
        }
        start += BATCH;
        // A macrotask, not a microtask: input and painting get their turn.
        let pause = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window.set_timeout_with_callback(&resolve);
        });
        let _ = JsFuture::from(pause).await;
    }
}
