use crate::app::StoryContext;
use crate::components::{ReadAloud, error_message, error_summary, field_errors, field_id, suggestions, word_count};
use crate::services::events::input_value;
use crate::services::location;
use story_core::flow::Action;
use story_core::step::Step;
use story_core::validate::{Field, STORY_MAX_WORDS};
use yew::prelude::*;

/// The answers put together as one story with a title, editable in place.
pub fn check(context: &StoryContext) -> Html {
    let flow = context.flow();
    let (lang, ui) = (flow.lang, &flow.lang.locale().ui);
    let prompts = flow.prompts();
    let body = flow.story.body(prompts).into_owned();
    let error_for = |field: Field| flow.errors.iter().find(|e| e.field == field).map(|e| e.message(lang));
    let (title_error, body_error) = (error_for(Field::Title), error_for(Field::Body));

    let send = context.send.clone();
    let on_title = send.reform(|e: InputEvent| Action::SetTitle(input_value(&e)));
    let on_body = send.reform(|e: InputEvent| Action::EditBody(input_value(&e)));
    let use_answers = send.reform(|_: MouseEvent| Action::UseAnswers);
    let onsubmit = send.reform(|e: SubmitEvent| {
        e.prevent_default();
        Action::Continue
    });
    let described = |id: &str, error: &Option<String>, extra: &str| match error {
        Some(_) => format!("{id}-hint {id}-error{extra}"),
        None => format!("{id}-hint{extra}"),
    };
    let group = |error: &Option<String>| classes!("form-group", error.is_some().then_some("form-group-error"));

    let changes = prompts.iter().enumerate().map(|(i, prompt)| {
        let step = Step::Question(i + 1);
        let onclick = send.reform(move |e: MouseEvent| {
            e.prevent_default();
            Action::GoTo(step)
        });
        let answered = !flow.story.answer(prompt.id).is_empty();
        html! {
            <div class="summary-row" key={prompt.id}>
                <dt class="summary-key">{ prompt.label }</dt>
                <dd class="summary-value">{ if answered { "" } else { ui.check_unanswered } }</dd>
                <dd class="summary-action">
                    <a href={location::href(step)} {onclick}>
                        { ui.check_change }<span class="visually-hidden">{" "}{ prompt.label }</span>
                    </a>
                </dd>
            </div>
        }
    });

    let to_read = AttrValue::from(format!("{}\n{body}", flow.story.title).trim().to_owned());
    html! {
        <>
            if !flow.errors.is_empty() {
                { error_summary(field_errors(&flow.errors, lang), lang) }
            }
            <h1 tabindex="-1">{ ui.check_heading }</h1>
            <p class="lead">{ ui.check_lead }</p>
            if !to_read.is_empty() {
                <ReadAloud text={to_read} {lang} label={ui.read_aloud_story} />
            }
            <form class="check" novalidate=true {onsubmit}>
                <div class={group(&title_error)}>
                    <label class="label" for={field_id(&Field::Title)}>{ ui.check_title_label }</label>
                    <div id="story-title-hint" class="hint">{ ui.check_title_hint }</div>
                    { error_message("story-title", &title_error, lang) }
                    <input id="story-title" name="title" type="text" class="input" autocomplete="off" dir="auto"
                        aria-describedby={described("story-title", &title_error, "")}
                        aria-invalid={title_error.is_some().then_some("true")}
                        value={flow.story.title.clone()} oninput={on_title} />
                </div>
                if flow.story.answers_changed_since_edit(prompts) {
                    <div class="notice" role="status">
                        <p>{ ui.check_answers_changed }</p>
                        <button type="button" class="button button-secondary" onclick={use_answers}>
                            { ui.check_use_answers }
                        </button>
                    </div>
                }
                <div class={group(&body_error)}>
                    <label class="label" for={field_id(&Field::Body)}>{ ui.check_story_label }</label>
                    <div id="story-body-hint" class="hint">
                        { ui.check_story_hint.format(lang, STORY_MAX_WORDS as u64, &[]) }
                    </div>
                    { error_message("story-body", &body_error, lang) }
                    <textarea id="story-body" name="story" class="textarea" rows="16" spellcheck="true" dir="auto"
                        aria-describedby={described("story-body", &body_error, " story-body-count")}
                        aria-invalid={body_error.is_some().then_some("true")}
                        value={body.clone()} oninput={on_body} />
                    { word_count("story-body-count", &body, STORY_MAX_WORDS, lang) }
                    { suggestions(context, Field::Body, &body) }
                </div>
                <h2>{ ui.check_change_answers_heading }</h2>
                <dl class="summary-list">{ for changes }</dl>
                <button type="submit" class="button">{ ui.check_continue }</button>
            </form>
        </>
    }
}
