use crate::app::{CopyStatus, StoryContext};
use crate::services::{clipboard, download};
use story_core::flow::Action;
use story_core::step::Step;
use yew::prelude::*;

/// The finished story, to copy or download.
pub fn finish(context: &StoryContext) -> Html {
    let copy_status = context.copy_status.clone();
    let flow = context.flow();
    let ui = &flow.lang.locale().ui;
    let prompts = flow.prompts();
    let text = flow.story.to_plain_text(prompts);

    let on_copy = {
        let (text, copy_status) = (text.clone(), copy_status.clone());
        Callback::from(move |_: MouseEvent| {
            let (text, copy_status) = (text.clone(), copy_status.clone());
            yew::platform::spawn_local(async move {
                let copied = clipboard::copy(&text).await;
                copy_status.set(if copied { CopyStatus::Copied } else { CopyStatus::Failed });
            });
        })
    };
    let on_download = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            download::save_text("my-story.txt", &text);
        })
    };
    let send = context.send.clone();
    let on_edit = send.reform(|_: MouseEvent| Action::GoTo(Step::Check));
    let on_new = Callback::from(move |_: MouseEvent| {
        send.emit(Action::GoTo(Step::Welcome));
        send.emit(Action::AskRestart);
    });
    let status = match *copy_status {
        CopyStatus::Idle => "",
        CopyStatus::Copied => ui.finish_copied,
        CopyStatus::Failed => ui.finish_copy_failed,
    };
    let body = flow.story.body(prompts);
    let paragraphs = body.split("\n\n").filter(|p| !p.trim().is_empty()).enumerate().map(|(i, paragraph)| {
        html! { <p key={i}>{ paragraph.to_owned() }</p> }
    });

    html! {
        <>
            <h1 tabindex="-1">{ ui.finish_heading }</h1>
            <p class="lead">{ ui.finish_lead }</p>
            <article class="story" aria-labelledby="story-heading">
                <h2 id="story-heading" class="story-title">{ flow.story.title.trim().to_owned() }</h2>
                { for paragraphs }
            </article>
            <div class="button-group">
                <button type="button" class="button" onclick={on_copy}>{ ui.finish_copy }</button>
                <button type="button" class="button button-secondary" onclick={on_download}>{ ui.finish_download }</button>
            </div>
            <p class="status" role="status">{ status }</p>
            <ul class="list links">
                <li><button type="button" class="link-button" onclick={on_edit}>{ ui.finish_edit }</button></li>
                <li><button type="button" class="link-button" onclick={on_new}>{ ui.finish_new }</button></li>
            </ul>
        </>
    }
}
