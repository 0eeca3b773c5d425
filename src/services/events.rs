//! Reading what the person typed out of DOM events.

use wasm_bindgen::JsCast;

/// The current value of the `<textarea>`, `<select>` or `<input>` an event came from.
pub fn input_value(event: &web_sys::Event) -> String {
    let target = event.target();
    if let Some(area) = target.as_ref().and_then(|t| t.dyn_ref::<web_sys::HtmlTextAreaElement>()) {
        return area.value();
    }
    if let Some(select) = target.as_ref().and_then(|t| t.dyn_ref::<web_sys::HtmlSelectElement>()) {
        return select.value();
    }
    target.and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default()
}

/// Whether the checkbox an event came from is now ticked.
pub fn is_checked(event: &web_sys::Event) -> bool {
    event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked())
}
