use story_core::locale::Lang;
use story_core::validate::{WordAllowance, word_allowance};
use yew::prelude::*;

/// "You have 12 words remaining" under a text box, turning into an error style when over.
/// The box points at it with aria-describedby, so screen readers hear it with the field.
pub fn word_count(id: &'static str, text: &str, max: usize, lang: Lang) -> Html {
    let ui = &lang.locale().ui;
    let (message, over) = match word_allowance(text, max) {
        WordAllowance::Remaining(n) => (ui.words_remaining.format(lang, n as u64, &[]), false),
        WordAllowance::Over(n) => (ui.words_too_many.format(lang, n as u64, &[]), true),
    };
    html! {
        <div {id} class={classes!("hint", "word-count", over.then_some("word-count-over"))}>{ message }</div>
    }
}
