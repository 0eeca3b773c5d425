//! The Dictate button by an answer: what the person says is added to the end of their answer.
//! Absent where the browser cannot recognise speech. The notice that their voice may go to the
//! browser's provider is shown before they start, beside the button.

use crate::services::dictation::{self, Handlers, Listening};
use std::cell::Cell;
use std::rc::Rc;
use story_core::locale::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DictateProps {
    pub lang: Lang,
    /// Words heard, to add to the answer.
    pub on_words: Callback<String>,
}

#[component]
pub fn Dictate(props: &DictateProps) -> Html {
    let listening = use_state(|| false);
    let message = use_state(|| None::<&'static str>);
    let recogniser = use_mut_ref(|| None::<Listening>);
    {
        // Leaving the page, or changing language, stops listening.
        let (recogniser, listening) = (recogniser.clone(), listening.clone());
        use_effect_with(props.lang, move |_| {
            move || {
                recogniser.borrow_mut().take();
                listening.set(false);
            }
        });
    }
    if !dictation::can_dictate() {
        return Html::default();
    }
    let ui = &props.lang.locale().ui;
    let onclick = {
        let (listening, message, recogniser) = (listening.clone(), message.clone(), recogniser.clone());
        let (lang, on_words) = (props.lang, props.on_words.clone());
        Callback::from(move |_: MouseEvent| {
            if *listening {
                if let Some(active) = recogniser.borrow().as_ref() {
                    active.finish();
                }
                return;
            }
            let ui = &lang.locale().ui;
            // A problem told stays on screen after listening ends; "Listening" does not.
            let told_problem = Rc::new(Cell::new(false));
            let handlers = Handlers {
                on_words: Box::new({
                    let on_words = on_words.clone();
                    move |words| on_words.emit(words)
                }),
                on_problem: Box::new({
                    let (message, told_problem) = (message.clone(), told_problem.clone());
                    move |problem| {
                        told_problem.set(true);
                        message.set(Some(problem.message(lang)));
                    }
                }),
                on_end: Box::new({
                    let (listening, message) = (listening.clone(), message.clone());
                    move || {
                        listening.set(false);
                        if !told_problem.get() {
                            message.set(None);
                        }
                    }
                }),
            };
            // The one before (if any) goes first: its handlers are removed with it.
            recogniser.borrow_mut().take();
            match dictation::start(lang, handlers) {
                Some(active) => {
                    *recogniser.borrow_mut() = Some(active);
                    listening.set(true);
                    message.set(Some(ui.dictate_listening));
                }
                None => message.set(Some(ui.dictate_failed)),
            }
        })
    };
    html! {
        <div class="dictate">
            <p id="dictate-notice" class="hint dictate-notice">{ ui.dictate_notice }</p>
            <button type="button" class="button button-secondary button-small" aria-describedby="dictate-notice" {onclick}>
                { if *listening { ui.dictate_stop } else { ui.dictate } }
            </button>
            <p class="dictate-status" role="status">{ for *message }</p>
        </div>
    }
}
