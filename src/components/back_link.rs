use crate::app::StoryContext;
use crate::services::location;
use story_core::flow::Action;
use story_core::step::Step;
use yew::prelude::*;

/// A real link (it works with a middle click too) that moves within the widget when clicked.
pub fn back_link(context: &StoryContext, to: Step) -> Html {
    let onclick = context.send.reform(move |e: MouseEvent| {
        e.prevent_default();
        Action::GoTo(to)
    });
    html! {
        <a class="back-link" href={location::href(to)} {onclick}>{ context.flow().lang.locale().ui.back }</a>
    }
}
