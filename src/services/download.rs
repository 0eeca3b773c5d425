//! Offers text to the person as a file download.

use wasm_bindgen::JsCast;

/// Offers whatever `url` points at (a blob or data URL) as a file called `file_name`.
pub fn save_url(file_name: &str, url: &str) -> bool {
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    match link {
        Some(link) => {
            link.set_href(url);
            link.set_download(file_name);
            link.click();
            true
        }
        None => false,
    }
}

pub fn save_text(file_name: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let saved = save_url(file_name, &url);
    // Revoking at once can cancel the download before the browser has read the blob.
    gloo_timers::callback::Timeout::new(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    saved
}
