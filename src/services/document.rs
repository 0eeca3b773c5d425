//! The document around the widget: its title, language and where focus goes.

use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

pub fn set_title(title: &str) {
    if let Some(doc) = document() {
        doc.set_title(title);
    }
}

pub fn set_lang(code: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", code);
    }
}

/// Adds or removes a class on the root element (`easy-read` makes every page's text larger).
pub fn set_root_class(class: &str, on: bool) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let classes = root.class_list();
        let _ = if on { classes.add_1(class) } else { classes.remove_1(class) };
    }
}

/// Whether the element with this id has focus.
pub fn has_focus(id: &str) -> bool {
    document().and_then(|d| d.active_element()).is_some_and(|e| e.id() == id)
}

/// Moves focus to the first element matching `selector`, e.g. the new page's heading,
/// so keyboard and screen-reader users start where the page starts.
pub fn focus(selector: &str) {
    let element = document().and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Calls `on_hide` when the page is being left or hidden: the last moment to save.
pub fn on_page_hide(on_hide: impl Fn() + 'static) -> gloo_events::EventListener {
    let window = web_sys::window().expect("a window");
    gloo_events::EventListener::new(&window, "pagehide", move |_| on_hide())
}

/// Focuses a text box and selects part of its text (UTF-16 offsets, as the browser counts),
/// so the person sees exactly which words a suggestion is about.
pub fn select_text(id: &str, start: usize, end: usize) {
    let Some(element) = document().and_then(|d| d.get_element_by_id(id)) else { return };
    let (start, end) = (start as u32, end as u32);
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        let _ = area.focus();
        let _ = area.set_selection_range(start, end);
    } else if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        let _ = input.focus();
        let _ = input.set_selection_range(start, end);
    }
}

/// Sets CSS custom properties on the root element (a campaign's theme: `--brand`, `--button`...).
/// Set through the CSSOM, which the page's policy allows without 'unsafe-inline'.
pub fn set_css_properties(properties: &[(&str, &str)]) {
    let root = document().and_then(|d| d.document_element()).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(root) = root {
        for (name, value) in properties {
            let _ = root.style().set_property(name, value);
        }
    }
}
