use crate::app::StoryContext;
use crate::components::{StoryCard, share_links};
use crate::hooks::sharing::SharedText;
use crate::services::{location, share};
use story_core::flow::Action;
use story_core::share::post_text;
use story_core::step::Step;
use story_core::submission::SendState;
use yew::prelude::*;

/// The finished story: to copy, download, share, or make into a picture.
pub fn finish(context: &StoryContext) -> Html {
    let flow = context.flow();
    let (lang, ui) = (flow.lang, &flow.lang.locale().ui);
    let prompts = flow.prompts();
    let text = flow.story.to_plain_text(prompts);
    let title = flow.story.title.trim().to_owned();
    let settings = &context.campaign.share;
    let status = context.status.clone();
    let announce = Callback::from(move |message: &'static str| status.set(Some(message)));

    let on_copy = {
        let text = text.clone();
        context.sharing.copy.reform(move |_: MouseEvent| text.clone())
    };
    let on_download = {
        let text = text.clone();
        context.sharing.download.reform(move |_: MouseEvent| text.clone())
    };
    let on_share = {
        let shared = SharedText {
            title: title.clone(),
            text: format!("{text}\n{}", post_text(&title, settings)),
            link: settings.link.clone(),
        };
        context.sharing.share.reform(move |_: MouseEvent| shared.clone())
    };
    let send = context.send.clone();
    // A story already on its way is followed up, not sent twice.
    let (send_step, send_label) = match flow.story.submission.state {
        SendState::NotSent | SendState::Withdrawn => (Step::Consent, ui.finish_send),
        _ => (Step::Sent, ui.finish_sent_view),
    };
    let on_send = send.reform(move |e: MouseEvent| {
        e.prevent_default();
        Action::GoTo(send_step)
    });
    let on_edit = send.reform(|_: MouseEvent| Action::GoTo(Step::Check));
    let on_excerpt = send.reform(Action::SetCardExcerpt);
    let on_new = Callback::from(move |_: MouseEvent| {
        send.emit(Action::GoTo(Step::Welcome));
        send.emit(Action::AskRestart);
    });
    let body = flow.story.body(prompts);
    let paragraphs = body.split("\n\n").filter(|p| !p.trim().is_empty()).enumerate().map(|(i, paragraph)| {
        html! { <p key={i} dir="auto">{ paragraph.to_owned() }</p> }
    });

    html! {
        <>
            <h1 tabindex="-1">{ ui.finish_heading }</h1>
            <p class="lead">{ ui.finish_lead }</p>
            <article class="story" aria-labelledby="story-heading">
                <h2 id="story-heading" class="story-title" dir="auto">{ title.clone() }</h2>
                { for paragraphs }
            </article>
            <p class="status" role="status">{ context.status.unwrap_or_default() }</p>
            <div class="button-group">
                <button type="button" class="button" onclick={on_copy}>{ ui.finish_copy }</button>
                <button type="button" class="button button-secondary" onclick={on_download}>{ ui.finish_download }</button>
            </div>
            <section aria-labelledby="share-heading">
                <h2 id="share-heading">{ ui.finish_share_heading }</h2>
                <p>{ ui.finish_share_lead }</p>
                if share::can_share() {
                    <button type="button" class="button" onclick={on_share}>{ ui.finish_share }</button>
                }
                { share_links(&title, &body, settings, lang) }
            </section>
            <StoryCard title={title.clone()} excerpt={flow.story.card_excerpt(prompts)}
                campaign={settings.campaign_name.clone()} {lang} {on_excerpt} {announce} />
            <section aria-labelledby="send-heading">
                <h2 id="send-heading">{ ui.finish_send_heading }</h2>
                <p>{ ui.finish_send_lead }</p>
                <a class="button" href={location::href(send_step)} onclick={on_send}>{ send_label }</a>
            </section>
            <ul class="list links">
                <li><button type="button" class="link-button" onclick={on_edit}>{ ui.finish_edit }</button></li>
                <li><button type="button" class="link-button" onclick={on_new}>{ ui.finish_new }</button></li>
            </ul>
        </>
    }
}
