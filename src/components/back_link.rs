use crate::app::StoryContext;
use crate::services::location;
use story_core::flow::Action;
use story_core::step::Step;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BackLinkProps {
    pub to: Step,
}

/// A real link (it works with a middle click too) that moves within the widget when clicked.
#[component]
pub fn BackLink(props: &BackLinkProps) -> Html {
    let context = use_context::<StoryContext>().expect("inside the app");
    let to = props.to;
    let onclick = {
        let send = context.send.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            send.emit(Action::GoTo(to));
        })
    };
    html! {
        <a class="back-link" href={location::href(to)} {onclick}>{ context.flow().lang.locale().ui.back }</a>
    }
}
