use crate::app::StoryContext;
use crate::components::easy_lines;
use story_core::flow::Action;
use story_core::locale::lines;
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

    let forget = if flow.confirming_forget {
        Some(html! {
            <div class="panel panel-warning">
                <p id="forget-question">{ ui.welcome_forget_confirm }</p>
                <div class="button-group">
                    <button type="button" class="button button-warning" onclick={send(Action::ConfirmForget)}>
                        { ui.welcome_forget_yes }
                    </button>
                    <button type="button" class="button button-secondary" onclick={send(Action::CancelForget)}>
                        { ui.welcome_forget_no }
                    </button>
                </div>
            </div>
        })
    } else {
        flow.keeps_anything().then(|| {
            html! {
                <div class="panel">
                    <h2>{ ui.welcome_forget_heading }</h2>
                    <p>{ ui.welcome_forget_body }</p>
                    <button type="button" class="button button-secondary" onclick={send(Action::AskForget)}>
                        { ui.welcome_forget }
                    </button>
                </div>
            }
        })
    };
    let forgotten = flow.forgotten.then(|| {
        html! { <div class="notice" role="status"><p>{ ui.welcome_forgotten }</p></div> }
    });

    let easy = flow.is_easy_read();
    // The GOV.UK radios pattern: the choice takes effect at once, and the start button follows.
    let mode = |on: bool, id: &'static str, label: &'static str, hint: Option<&'static str>| {
        let onchange = send_on(context, Action::SetEasyRead(on));
        let hint_id = hint.map(|_| format!("{id}-hint"));
        html! {
            <div class="radio-item">
                <div class="radio">
                    <input class="radio-input" type="radio" name="mode" {id} checked={easy == on}
                        aria-describedby={hint_id.clone()} {onchange} />
                    <label class="radio-label" for={id}>{ label }</label>
                </div>
                if let Some(hint) = hint {
                    <div id={hint_id} class="hint radio-hint">{ hint }</div>
                }
            </div>
        }
    };
    let (lead, vision, how) = if easy {
        let how = ui.easy_welcome_how.format(lang, questions, &[]);
        let how = lines(&how).map(|line| html! { <li>{ line.to_owned() }</li> }).collect::<Html>();
        (easy_lines(ui.easy_welcome_lead, Some("lead")), easy_lines(ui.easy_vision, None), how)
    } else {
        let how = html! {
            <>
                <li>{ ui.welcome_how_questions.format(lang, questions, &[]) }</li>
                <li>{ ui.welcome_how_skip }</li>
                <li>{ ui.welcome_how_time }</li>
                <li>{ ui.welcome_how_private }</li>
            </>
        };
        (html! { <p class="lead">{ ui.welcome_lead }</p> }, html! { <p>{ ui.vision }</p> }, how)
    };

    html! {
        <>
            { for set_aside }
            { for forgotten }
            <h1 tabindex="-1">{ ui.welcome_heading }</h1>
            { lead }
            <blockquote class="vision">
                { vision }
                <footer>{ ui.vision_tagline }</footer>
            </blockquote>
            <h2>{ ui.welcome_how_heading }</h2>
            <ul class="list">{ how }</ul>
            <div class="form-group">
                <fieldset class="fieldset">
                    <legend class="legend">{ ui.mode_legend }</legend>
                    { mode(false, "mode-standard", ui.mode_standard, None) }
                    { mode(true, "mode-easy", ui.mode_easy, Some(ui.mode_easy_hint)) }
                </fieldset>
            </div>
            { start }
            { for forget }
        </>
    }
}

fn send_on(context: &StoryContext, action: Action) -> Callback<Event> {
    context.send.reform(move |_: Event| action.clone())
}
