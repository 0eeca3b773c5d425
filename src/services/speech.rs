//! Read aloud with the browser's speech synthesis, where it has one. Looked up at run time, not
//! through web-sys bindings: a browser without it gets no Read aloud button at all, never a dead one.

use js_sys::{Array, Function, Reflect};
use story_core::locale::Lang;
use story_core::speech::{best_voice, speech_tag};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// A property of the window, unless it is missing (or was removed, as a privacy setting may do).
pub(crate) fn global(name: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    Reflect::get(&window, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// `target[key]`, or `undefined` if reading it throws.
pub(crate) fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Calls `target.method(...args)`; `None` if there is no such method or it throws.
pub(crate) fn call(target: &JsValue, method: &str, args: &[&JsValue]) -> Option<JsValue> {
    let function = get(target, method).dyn_into::<Function>().ok()?;
    let list: Array = args.iter().copied().collect();
    function.apply(target, &list).ok()
}

pub(crate) fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn synthesis() -> Option<JsValue> {
    global("speechSynthesis")
}

pub fn can_speak() -> bool {
    synthesis().is_some() && global("SpeechSynthesisUtterance").is_some_and(|c| c.is_function())
}

/// Speaks `text` in `lang` (with that language's voice where the browser has one), after stopping
/// anything already speaking. `on_done` runs once, when it ends, fails or is stopped.
pub fn speak(text: &str, lang: Lang, on_done: impl FnOnce() + 'static) -> bool {
    let (Some(synthesis), Some(constructor)) = (synthesis(), global("SpeechSynthesisUtterance")) else {
        return false;
    };
    stop();
    let Ok(utterance) =
        Reflect::construct(constructor.unchecked_ref::<Function>(), &Array::of1(&JsValue::from_str(text)))
    else {
        return false;
    };
    set(&utterance, "lang", &JsValue::from_str(speech_tag(lang)));
    if let Some(voices) = call(&synthesis, "getVoices", &[]).filter(Array::is_array).map(|v| Array::from(&v)) {
        let tags: Vec<String> = voices.iter().map(|v| get(&v, "lang").as_string().unwrap_or_default()).collect();
        if let Some(i) = best_voice(tags.iter().map(String::as_str), lang) {
            set(&utterance, "voice", &voices.get(i as u32));
        }
    }
    // `end` or `error`, whichever comes first, and only once.
    let mut once = Some(on_done);
    let done = Closure::<dyn FnMut()>::new(move || {
        if let Some(on_done) = once.take() {
            on_done();
        }
    })
    .into_js_value();
    set(&utterance, "onend", &done);
    set(&utterance, "onerror", &done);
    call(&synthesis, "speak", &[&utterance]).is_some()
}

pub fn pause() {
    if let Some(synthesis) = synthesis() {
        call(&synthesis, "pause", &[]);
    }
}

pub fn resume() {
    if let Some(synthesis) = synthesis() {
        call(&synthesis, "resume", &[]);
    }
}

/// Stops speaking and forgets anything queued.
pub fn stop() {
    if let Some(synthesis) = synthesis() {
        call(&synthesis, "cancel", &[]);
    }
}
