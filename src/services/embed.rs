//! The bridge to a partner's page when the widget runs in their iframe (embed/embed.js).
//!
//! One versioned message format, `{ type: "story-builder", version: 1, event, detail }`, posted
//! only to the host origin the loader named in the hash (`host=`), so no other page can read it.
//! The widget listens to nothing from the host. Events: `ready`, `height`, `step`, `shared`,
//! `submitted`, `error`. Outside an iframe, or without a host, nothing is posted.

use crate::services::location;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;

pub const MESSAGE_TYPE: &str = "story-builder";
pub const MESSAGE_VERSION: u32 = 1;

/// The partner page's origin, when the widget is embedded by the loader.
pub fn host() -> Option<String> {
    let host = location::hash_param("host")?;
    let rest = host.strip_prefix("https://").or_else(|| host.strip_prefix("http://"))?;
    (!rest.is_empty() && !rest.contains('/')).then_some(host)
}

pub fn is_embedded() -> bool {
    host().is_some()
}

/// Posts `event` with its details (text values) to the host page, if there is one.
pub fn post(event: &str, detail: &[(&str, &str)]) {
    let fields: Vec<(&str, JsValue)> = detail.iter().map(|(k, v)| (*k, JsValue::from_str(v))).collect();
    post_values(event, &fields);
}

fn post_values(event: &str, detail: &[(&str, JsValue)]) {
    let Some(host) = host() else { return };
    let Some(window) = web_sys::window() else { return };
    let Some(parent) = window.parent().ok().flatten() else { return };
    if parent == window {
        return;
    }
    let details = Object::new();
    for (key, value) in detail {
        let _ = Reflect::set(&details, &JsValue::from_str(key), value);
    }
    let message = Object::new();
    for (key, value) in [
        ("type", JsValue::from_str(MESSAGE_TYPE)),
        ("version", JsValue::from(MESSAGE_VERSION)),
        ("event", JsValue::from_str(event)),
        ("detail", details.into()),
    ] {
        let _ = Reflect::set(&message, &JsValue::from_str(key), &value);
    }
    let _ = parent.post_message(&message, &host);
}

/// Tells the host the widget is ready and, from then on, its height whenever it changes.
/// Dropping the watcher stops it.
pub struct HeightWatcher {
    observer: web_sys::ResizeObserver,
    _on_resize: Closure<dyn FnMut()>,
}

impl Drop for HeightWatcher {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// The height of the content itself: the root element's box, never the viewport's (which would
/// only ever grow with the iframe).
fn content_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .map_or(0.0, |root| root.get_bounding_client_rect().height().ceil())
}

pub fn start(view: &str) -> Option<HeightWatcher> {
    if !is_embedded() {
        return None;
    }
    post("ready", &[("view", view)]);
    let mut last = 0.0;
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let height = content_height();
        if height > 0.0 && height != last {
            last = height;
            post_values("height", &[("height", JsValue::from_f64(height))]);
        }
    });
    let observer = web_sys::ResizeObserver::new(wasm_bindgen::JsCast::unchecked_ref(on_resize.as_ref())).ok()?;
    let root = web_sys::window()?.document()?.document_element()?;
    observer.observe(&root);
    Some(HeightWatcher { observer, _on_resize: on_resize })
}
