use story_core::locale::Lang;
use story_core::validate::{WordAllowance, word_allowance};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WordCountProps {
    pub id: AttrValue,
    pub text: AttrValue,
    pub max: usize,
    pub lang: Lang,
}

/// "You have 12 words remaining" under a text box, turning into an error style when over.
/// The box points at it with aria-describedby, so screen readers hear it with the field.
#[component]
pub fn WordCount(props: &WordCountProps) -> Html {
    let ui = &props.lang.locale().ui;
    let (message, over) = match word_allowance(&props.text, props.max) {
        WordAllowance::Remaining(n) => (ui.words_remaining.format(props.lang, n as u64, &[]), false),
        WordAllowance::Over(n) => (ui.words_too_many.format(props.lang, n as u64, &[]), true),
    };
    html! {
        <div id={props.id.clone()} class={classes!("hint", "word-count", over.then_some("word-count-over"))}>
            { message }
        </div>
    }
}
