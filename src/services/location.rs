//! The page's URL: which step it names, and moving between steps with browser history,
//! so that Back, Forward and reload all land where the person expects.
//!
//! Inside a partner's iframe (embed/embed.js) the campaign comes in the query, where the collector
//! sees it and lets only that campaign's partners frame the page; the other options come in the
//! hash (`#lang=cy&view=wall&host=https://partner.org`), so they never reach a server log. The hash
//! is read once, at start: the skip link and the steps' URLs change it afterwards.

use gloo_events::EventListener;
use story_core::locale::Lang;
use story_core::step::Step;
use web_sys::UrlSearchParams;

const STEP_PARAM: &str = "step";
const LANG_PARAM: &str = "lang";

fn params() -> Option<UrlSearchParams> {
    let search = web_sys::window()?.location().search().ok()?;
    UrlSearchParams::new_with_str(&search).ok()
}

thread_local! {
    /// The hash the page was opened with (without `#`), before any step changed the URL.
    static FIRST_HASH: String = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default();
}

/// An option the page was opened with in its hash (from the embed loader).
pub fn hash_param(name: &str) -> Option<String> {
    let hash = FIRST_HASH.with(Clone::clone);
    if !hash.contains('=') {
        return None;
    }
    UrlSearchParams::new_with_str(&hash).ok()?.get(name).filter(|v| !v.is_empty())
}

/// Where the page was served from (`https://host:port`): the collector, for links to its pages.
pub fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// The campaign the page is for, from the query only: the collector chose who may frame this page
/// by the campaign in its query, so a campaign named in the hash must not override it.
pub fn campaign() -> Option<String> {
    params().and_then(|p| p.get("campaign")).filter(|c| !c.is_empty())
}

/// A parameter of the page's URL (e.g. `lang`): the query's, else the hash's it was opened with.
pub fn param(name: &str) -> Option<String> {
    // The hash is read first, so it is caught before the first step's URL replaces it.
    let from_hash = hash_param(name);
    params().and_then(|p| p.get(name)).or(from_hash)
}

/// The loader's options kept in every URL of the widget, so a reload inside the iframe keeps them.
fn kept_hash() -> String {
    let hash = FIRST_HASH.with(Clone::clone);
    if hash.contains('=') { format!("#{hash}") } else { String::new() }
}

/// The step the URL names, if it names a valid one.
pub fn current_step(questions: usize) -> Option<Step> {
    Step::parse(&param(STEP_PARAM)?, questions)
}

/// The language the URL names, if it names one we have.
pub fn current_lang() -> Option<Lang> {
    Lang::from_code(&param(LANG_PARAM)?)
}

fn with_param(name: &str, value: &str) -> String {
    let params = params().unwrap_or_else(|| UrlSearchParams::new().expect("URLSearchParams exists"));
    params.set(name, value);
    format!("?{}", String::from(params.to_string()))
}

/// The link to a step, keeping the URL's other parameters (campaign, language).
pub fn href(step: Step) -> String {
    with_param(STEP_PARAM, &step.to_string())
}

/// The link from the wall to the story builder, keeping the campaign and language. It names the
/// builder's view, which outranks a `view=wall` kept in the hash from the embed loader.
pub fn href_builder() -> String {
    let params = UrlSearchParams::new().expect("URLSearchParams exists");
    params.set("view", "builder");
    if let Some(campaign) = campaign() {
        params.set("campaign", &campaign);
    }
    if let Some(lang) = param(LANG_PARAM) {
        params.set(LANG_PARAM, &lang);
    }
    format!("/?{}{}", String::from(params.to_string()), kept_hash())
}

/// Goes to the page at `path` (relative to this one) with this page's query and hash, leaving
/// no history entry behind.
pub fn replace_path(path: &str) {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return };
    let search = location.search().unwrap_or_default();
    let hash = FIRST_HASH.with(Clone::clone);
    let hash = if hash.is_empty() { String::new() } else { format!("#{hash}") };
    let _ = location.replace(&format!("{path}{search}{hash}"));
}

/// The link to this page in another language.
pub fn href_lang(lang: Lang) -> String {
    with_param(LANG_PARAM, lang.code())
}

/// Adds a history entry for `step` in `lang` unless the URL already names them. A URL that names
/// no step (the first arrival) is replaced instead, so Back leaves the widget rather than stalling.
pub fn push(step: Step, lang: Lang, questions: usize) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else { return };
    let url_step = current_step(questions);
    if url_step == Some(step) && current_lang().unwrap_or_default() == lang {
        return;
    }
    let url = {
        let params = params().unwrap_or_else(|| UrlSearchParams::new().expect("URLSearchParams exists"));
        params.set(STEP_PARAM, &step.to_string());
        params.set(LANG_PARAM, lang.code());
        format!("?{}{}", String::from(params.to_string()), kept_hash())
    };
    let null = wasm_bindgen::JsValue::NULL;
    let _ = match url_step {
        Some(_) => history.push_state_with_url(&null, "", Some(&url)),
        None => history.replace_state_with_url(&null, "", Some(&url)),
    };
}

/// Calls `on_change` when the person uses the browser's Back or Forward button.
pub fn on_history_change(on_change: impl Fn() + 'static) -> EventListener {
    let window = web_sys::window().expect("a window");
    EventListener::new(&window, "popstate", move |_| on_change())
}
