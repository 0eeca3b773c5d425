//! The Read aloud button, with Pause, Resume and Stop while it speaks. Absent where the browser
//! cannot speak. A component because it keeps what it is doing; it stops speaking when its page
//! goes (the page is keyed by step) or its words change (another language or mode).

use crate::services::{document, speech};
use story_core::locale::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReadAloudProps {
    /// What to read.
    pub text: AttrValue,
    pub lang: Lang,
    /// The button's words ("Read aloud", "Read your story aloud").
    pub label: &'static str,
}

#[derive(Clone, Copy, PartialEq)]
enum Reading {
    Idle,
    Speaking,
    Paused,
}

const MAIN_ID: &str = "read-aloud";
const STOP_ID: &str = "read-aloud-stop";

#[component]
pub fn ReadAloud(props: &ReadAloudProps) -> Html {
    let state = use_state(|| Reading::Idle);
    // Which reading is current: the end of one stopped earlier must not end the next.
    let reading = use_mut_ref(|| 0u32);
    {
        let (state, reading) = (state.clone(), reading.clone());
        use_effect_with((props.text.clone(), props.lang), move |_| {
            move || {
                *reading.borrow_mut() += 1;
                speech::stop();
                state.set(Reading::Idle);
            }
        });
    }
    if !speech::can_speak() {
        return Html::default();
    }
    let ui = &props.lang.locale().ui;
    let on_main = {
        let (state, reading, text, lang) = (state.clone(), reading.clone(), props.text.clone(), props.lang);
        Callback::from(move |_: MouseEvent| match *state {
            Reading::Idle => {
                *reading.borrow_mut() += 1;
                let (this, reading, done) = (*reading.borrow(), reading.clone(), state.clone());
                let started = speech::speak(&text, lang, move || {
                    if *reading.borrow() == this {
                        done.set(Reading::Idle);
                        // The Stop button goes with the speech: focus must not go with it.
                        if document::has_focus(STOP_ID) {
                            document::focus(&format!("#{MAIN_ID}"));
                        }
                    }
                });
                if started {
                    state.set(Reading::Speaking);
                }
            }
            Reading::Speaking => {
                speech::pause();
                state.set(Reading::Paused);
            }
            Reading::Paused => {
                speech::resume();
                state.set(Reading::Speaking);
            }
        })
    };
    let on_stop = {
        let (state, reading) = (state.clone(), reading.clone());
        Callback::from(move |_: MouseEvent| {
            *reading.borrow_mut() += 1;
            speech::stop();
            state.set(Reading::Idle);
            document::focus(&format!("#{MAIN_ID}"));
        })
    };
    let main_label = match *state {
        Reading::Idle => props.label,
        Reading::Speaking => ui.speech_pause,
        Reading::Paused => ui.speech_resume,
    };
    html! {
        <div class="button-group read-aloud">
            <button type="button" id={MAIN_ID} class="button button-secondary button-small" onclick={on_main}>
                { main_label }
            </button>
            if *state != Reading::Idle {
                <button type="button" id={STOP_ID} class="button button-secondary button-small" onclick={on_stop}>
                    { ui.speech_stop }
                </button>
            }
        </div>
    }
}
