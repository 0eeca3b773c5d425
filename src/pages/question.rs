use crate::app::StoryContext;
use crate::components::{
    Dictate, ReadAloud, back_link, easy_lines, error_message, error_summary, field_errors, picture, suggestions,
    word_count,
};
use crate::services::events::input_value;
use story_core::flow::Action;
use story_core::locale::fill;
use story_core::speech::question_to_read;
use story_core::validate::{ANSWER_MAX_WORDS, Field};
use yew::prelude::*;

/// One question per page: the question is the page's heading and the label of its box.
pub fn question(context: &StoryContext, number: usize) -> Html {
    let flow = context.flow();
    let (lang, ui) = (flow.lang, &flow.lang.locale().ui);
    let Some(prompt) = flow.current_prompt() else { return Html::default() };
    let answer = flow.story.answer(prompt.id).to_owned();
    let error = flow.errors.first().map(|e| e.message(lang));

    let oninput = {
        let (send, prompt_id) = (context.send.clone(), prompt.id);
        Callback::from(move |e: InputEvent| {
            send.emit(Action::Answer { prompt_id: prompt_id.to_owned(), text: input_value(&e) });
        })
    };
    let onsubmit = {
        let send = context.send.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send.emit(Action::Continue);
        })
    };
    let onskip = {
        let send = context.send.clone();
        Callback::from(move |_: MouseEvent| send.emit(Action::Skip))
    };
    let total = flow.prompts().len().to_string();
    let progress = fill(ui.question_progress, &[("current", &number.to_string()), ("total", &total)]);
    let easy = flow.is_easy_read();
    let wording = prompt.wording(easy);
    let (hint, example) = if easy {
        (easy_lines(wording.hint, None), easy_lines(wording.example, None))
    } else {
        (html! { wording.hint }, html! { wording.example })
    };
    let on_words = {
        let (send, prompt_id) = (context.send.clone(), prompt.id);
        Callback::from(move |text: String| send.emit(Action::AppendToAnswer { prompt_id: prompt_id.to_owned(), text }))
    };
    let to_read = AttrValue::from(question_to_read(wording.question, wording.hint));
    let described_by =
        if error.is_some() { "answer-hint answer-error answer-count" } else { "answer-hint answer-count" };

    html! {
        <>
            { back_link(context, flow.step.previous(flow.prompts().len())) }
            if !flow.errors.is_empty() {
                { error_summary(field_errors(&flow.errors, lang), lang) }
            }
            <form class="question" novalidate=true {onsubmit}>
                <div class={classes!("form-group", error.is_some().then_some("form-group-error"))}>
                    <span class="caption">{ progress }</span>
                    <div class="prompt">
                        if easy {
                            { picture(prompt.id, prompt.picture) }
                        }
                        <h1 class="label-heading" tabindex="-1">
                            <label for="answer">{ wording.question }</label>
                        </h1>
                    </div>
                    <div id="answer-hint" class="hint">{ hint }</div>
                    <ReadAloud text={to_read} {lang} label={ui.read_aloud} />
                    <details class="details">
                        <summary>{ ui.question_example_summary }</summary>
                        <div class="details-text">{ example }</div>
                    </details>
                    // Before the box, so the notice is read before dictating, and Continue still follows the box.
                    <Dictate {lang} {on_words} />
                    { error_message("answer", &error, lang) }
                    <textarea id="answer" name="answer" class="textarea" rows="8" spellcheck="true" dir="auto"
                        aria-describedby={described_by} aria-invalid={error.is_some().then_some("true")}
                        value={answer.clone()} {oninput} />
                    { word_count("answer-count", &answer, ANSWER_MAX_WORDS, lang) }
                    { suggestions(context, Field::Answer(prompt.id.to_owned()), &answer) }
                    if context.save_failed {
                        <p class="hint">{ ui.draft_not_saved }</p>
                    }
                </div>
                <div class="button-group">
                    <button type="submit" class="button">{ ui.continue_button }</button>
                    <button type="button" class="button button-secondary" onclick={onskip}>{ ui.skip_question }</button>
                </div>
            </form>
        </>
    }
}
