//! The Web Share API, where the browser has it. Looked up at run time: browsers without it
//! get no Share button at all, never a dead one.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn navigator_function(name: &str) -> Option<(JsValue, Function)> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let function = Reflect::get(&navigator, &JsValue::from_str(name)).ok()?.dyn_into::<Function>().ok()?;
    Some((navigator, function))
}

pub fn can_share() -> bool {
    navigator_function("share").is_some()
}

/// Whether the browser can share files (the story card) as well as text.
pub fn can_share_files(file: &web_sys::File) -> bool {
    let Some((navigator, can_share)) = navigator_function("canShare") else { return false };
    can_share.call1(&navigator, &files_data(file)).is_ok_and(|answer| answer.is_truthy())
}

fn files_data(file: &web_sys::File) -> Object {
    let data = Object::new();
    let _ = Reflect::set(&data, &"files".into(), &Array::of1(file));
    data
}

pub enum Shared {
    Done,
    /// The person closed the share sheet: not a failure to report.
    Cancelled,
    Failed,
}

async fn share(data: Object) -> Shared {
    let Some((navigator, share)) = navigator_function("share") else { return Shared::Failed };
    let Ok(promise) = share.call1(&navigator, &data) else { return Shared::Failed };
    match JsFuture::from(js_sys::Promise::from(promise)).await {
        Ok(_) => Shared::Done,
        Err(error) => {
            let name = Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") { Shared::Cancelled } else { Shared::Failed }
        }
    }
}

pub async fn share_text(title: &str, text: &str, url: &str) -> Shared {
    let data = Object::new();
    let _ = Reflect::set(&data, &"title".into(), &title.into());
    let _ = Reflect::set(&data, &"text".into(), &text.into());
    let _ = Reflect::set(&data, &"url".into(), &url.into());
    share(data).await
}

pub async fn share_file(file: &web_sys::File, title: &str) -> Shared {
    let data = files_data(file);
    let _ = Reflect::set(&data, &"title".into(), &title.into());
    share(data).await
}
