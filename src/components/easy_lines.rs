use story_core::locale::lines;
use yew::prelude::*;

/// Easy-read text, one paragraph per line: one idea per line.
pub fn easy_lines(text: &'static str, class: Option<&'static str>) -> Html {
    lines(text).map(|line| html! { <p class={classes!("easy-line", class)}>{ line }</p> }).collect()
}
