//! Dictation with the browser's speech recognition (`SpeechRecognition`, or Chrome and Safari's
//! `webkitSpeechRecognition`), where it has one. Looked up at run time: where it is missing,
//! there is no Dictate button at all.

use super::speech::{call, get, global, set};
use js_sys::Reflect;
use story_core::locale::Lang;
use story_core::speech::{DictationProblem, speech_tag};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

fn constructor() -> Option<JsValue> {
    global("SpeechRecognition").or_else(|| global("webkitSpeechRecognition")).filter(JsValue::is_function)
}

pub fn can_dictate() -> bool {
    constructor().is_some()
}

/// What the person's browser heard, and when it stops.
pub struct Handlers {
    /// Words the recogniser is sure of (final results only: half-heard words are not shown).
    pub on_words: Box<dyn Fn(String)>,
    pub on_problem: Box<dyn Fn(DictationProblem)>,
    pub on_end: Box<dyn Fn()>,
}

/// A recogniser listening. Dropping it stops listening at once, its handlers removed first,
/// so nothing is called after the page that started it has gone.
pub struct Listening {
    recognition: JsValue,
    _closures: [Closure<dyn FnMut(JsValue)>; 3],
}

const EVENTS: [&str; 3] = ["onresult", "onerror", "onend"];

/// Starts listening in `lang`; `None` if the browser refused to start.
pub fn start(lang: Lang, handlers: Handlers) -> Option<Listening> {
    let recognition =
        Reflect::construct(constructor()?.unchecked_ref::<js_sys::Function>(), &js_sys::Array::new()).ok()?;
    set(&recognition, "lang", &JsValue::from_str(speech_tag(lang)));
    set(&recognition, "continuous", &JsValue::TRUE);
    set(&recognition, "interimResults", &JsValue::FALSE);
    let Handlers { on_words, on_problem, on_end } = handlers;
    let on_result = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let words = final_words(&event);
        if !words.trim().is_empty() {
            on_words(words);
        }
    });
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let code = get(&event, "error").as_string().unwrap_or_default();
        if let Some(problem) = DictationProblem::from_code(&code) {
            on_problem(problem);
        }
    });
    let on_end = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| on_end());
    let closures = [on_result, on_error, on_end];
    for (name, closure) in EVENTS.iter().zip(&closures) {
        set(&recognition, name, closure.as_ref());
    }
    call(&recognition, "start", &[])?;
    Some(Listening { recognition, _closures: closures })
}

/// The final results of a `result` event from `resultIndex` on, joined with spaces.
fn final_words(event: &JsValue) -> String {
    let results = get(event, "results");
    let from = get(event, "resultIndex").as_f64().unwrap_or(0.0) as u32;
    let count = get(&results, "length").as_f64().unwrap_or(0.0) as u32;
    let mut words = Vec::new();
    for i in from..count {
        let result = Reflect::get_u32(&results, i).unwrap_or(JsValue::UNDEFINED);
        if get(&result, "isFinal").is_truthy() {
            let best = Reflect::get_u32(&result, 0).unwrap_or(JsValue::UNDEFINED);
            if let Some(text) = get(&best, "transcript").as_string() {
                words.push(text.trim().to_owned());
            }
        }
    }
    words.join(" ")
}

impl Listening {
    /// Stops listening once what was heard so far is recognised (its words still arrive).
    pub fn finish(&self) {
        call(&self.recognition, "stop", &[]);
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        for name in EVENTS {
            set(&self.recognition, name, &JsValue::NULL);
        }
        call(&self.recognition, "abort", &[]);
    }
}
