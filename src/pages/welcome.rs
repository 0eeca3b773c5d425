use crate::app::StoryContext;
use story_core::flow::Action;
use yew::prelude::*;

/// The vision, what will happen, and the way in (or back into a story in progress).
pub fn welcome(context: &StoryContext) -> Html {
    let flow = context.flow();
    let (lang, ui) = (flow.lang, &flow.lang.locale().ui);
    let send = |action: Action| {
        let send = context.send.clone();
        Callback::from(move |_: MouseEvent| send.emit(action.clone()))
    };
    let questions = flow.prompts().len() as u64;

    let set_aside = flow.set_aside.map(|_| {
        html! { <div class="notice" role="status"><p>{ ui.draft_set_aside }</p></div> }
    });
    let start = if flow.confirming_restart {
        html! {
            <div class="panel panel-warning">
                <p id="restart-question">{ ui.welcome_start_again_confirm }</p>
                <div class="button-group">
                    <button type="button" class="button button-warning" onclick={send(Action::ConfirmRestart)}>
                        { ui.welcome_start_again_yes }
                    </button>
                    <button type="button" class="button button-secondary" onclick={send(Action::CancelRestart)}>
                        { ui.welcome_start_again_no }
                    </button>
                </div>
            </div>
        }
    } else if flow.has_story_in_progress() {
        html! {
            <div class="panel">
                <h2>{ ui.welcome_resume_heading }</h2>
                <p>{ ui.welcome_resume_body }</p>
                <div class="button-group">
                    <button type="button" class="button" onclick={send(Action::Start)}>
                        { ui.welcome_resume_continue }
                    </button>
                    <button type="button" class="button button-secondary" onclick={send(Action::AskRestart)}>
                        { ui.welcome_start_again }
                    </button>
                </div>
            </div>
        }
    } else {
        html! {
            <button type="button" class="button button-start" onclick={send(Action::Start)}>
                { ui.welcome_start }
            </button>
        }
    };

    html! {
        <>
            { for set_aside }
            <h1 tabindex="-1">{ ui.welcome_heading }</h1>
            <p class="lead">{ ui.welcome_lead }</p>
            <blockquote class="vision">
                <p>{ ui.vision }</p>
                <footer>{ ui.vision_tagline }</footer>
            </blockquote>
            <h2>{ ui.welcome_how_heading }</h2>
            <ul class="list">
                <li>{ ui.welcome_how_questions.format(lang, questions, &[]) }</li>
                <li>{ ui.welcome_how_skip }</li>
                <li>{ ui.welcome_how_time }</li>
                <li>{ ui.welcome_how_private }</li>
            </ul>
            { start }
        </>
    }
}
