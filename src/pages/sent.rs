//! The sent page: where the sent story stands.

use crate::app::StoryContext;
use crate::services::location;
use story_core::flow::Action;
use story_core::step::Step;
use story_core::submission::SendState;
use story_core::wire::status::page_link;
use yew::prelude::*;

/// Where the sent story stands: sending, waiting on this device, sent (with the reference and a
/// way to withdraw it), refused (with the campaign's reason), or withdrawn.
pub fn sent(context: &StoryContext) -> Html {
    let flow = context.flow();
    let (lang, ui) = (flow.lang, &flow.lang.locale().ui);
    let submission = &flow.story.submission;
    let send = context.send.clone();
    let go = |step: Step| send.reform(move |_: MouseEvent| Action::GoTo(step));
    let retry = send.reform(|_: MouseEvent| Action::Retry);
    let status = html! { <p class="status" role="status">{ context.status.unwrap_or_default() }</p> };
    let on_copy = {
        let text = flow.story.to_plain_text(flow.prompts());
        context.sharing.copy.reform(move |_: MouseEvent| text.clone())
    };

    match submission.state {
        SendState::NotSent | SendState::Sending => html! {
            <>
                <h1 tabindex="-1">{ ui.sent_sending_heading }</h1>
                <p role="status">{ ui.sent_sending }</p>
            </>
        },
        SendState::Waiting => html! {
            <>
                <h1 tabindex="-1">{ ui.sent_waiting_heading }</h1>
                <div class="notice" role="status"><p>{ ui.sent_waiting }</p></div>
                { status }
                <div class="button-group">
                    <button type="button" class="button" onclick={retry}>{ ui.sent_try_now }</button>
                    <button type="button" class="button button-secondary" onclick={on_copy}>{ ui.finish_copy }</button>
                </div>
            </>
        },
        SendState::Refused => {
            let reason = match (&submission.problem, submission.retry_after) {
                (_, Some(seconds)) => ui.sent_slow_down.format(lang, u64::from(seconds), &[]),
                (Some(problem), None) => problem.clone(),
                (None, None) => ui.sent_refused_heading.to_owned(),
            };
            html! {
                <>
                    <div class="error-summary" tabindex="-1" aria-labelledby="sent-refused-title">
                        <div role="alert">
                            <h1 class="error-summary-title" id="sent-refused-title" tabindex="-1">
                                { ui.sent_refused_heading }
                            </h1>
                            <p>{ reason }</p>
                        </div>
                    </div>
                    <div class="button-group">
                        <button type="button" class="button" onclick={retry}>{ ui.sent_try_again }</button>
                        <button type="button" class="button button-secondary" onclick={on_copy}>{ ui.finish_copy }</button>
                    </div>
                    { status }
                    <ul class="list links">
                        <li><button type="button" class="link-button" onclick={go(Step::Check)}>{ ui.sent_change_story }</button></li>
                        <li><button type="button" class="link-button" onclick={go(Step::Consent)}>{ ui.sent_change_choices }</button></li>
                    </ul>
                </>
            }
        }
        SendState::Sent => {
            let reference = submission.receipt.as_ref().map(|r| r.id.clone()).unwrap_or_default();
            let on_withdraw = context.withdraw.reform(|_: MouseEvent| ());
            let on_check = context.check.reform(|_: MouseEvent| ());
            let status_page = submission.receipt.as_ref().map(|r| {
                let here = location::origin();
                page_link(context.campaign.stories_endpoint.as_deref(), &here, &r.id, &r.delete_token, lang.code())
            });
            html! {
                <>
                    <div class="panel panel-confirmation">
                        <h1 tabindex="-1">{ ui.sent_heading }</h1>
                        <p>{ ui.sent_reference }<br /><strong class="reference">{ reference }</strong></p>
                    </div>
                    <h2>{ ui.sent_next_heading }</h2>
                    <p>{ ui.sent_next }</p>
                    <h2>{ ui.sent_status_heading }</h2>
                    <p>{ ui.sent_status_body }</p>
                    if let Some(href) = status_page {
                        <p><a href={href} target="_blank" rel="noopener">{ ui.sent_status_link }</a></p>
                    }
                    <button type="button" class="button button-secondary" onclick={on_check}>{ ui.sent_status_check }</button>
                    <h2>{ ui.sent_withdraw_heading }</h2>
                    <p>{ ui.sent_withdraw_body }</p>
                    { status }
                    <button type="button" class="button button-warning" onclick={on_withdraw}>{ ui.sent_withdraw }</button>
                    <ul class="list links">
                        <li><button type="button" class="link-button" onclick={go(Step::Finish)}>{ ui.sent_back_to_story }</button></li>
                    </ul>
                </>
            }
        }
        SendState::Withdrawn => html! {
            <>
                <h1 tabindex="-1">{ ui.sent_withdrawn_heading }</h1>
                <p>{ ui.sent_withdrawn }</p>
                <ul class="list links">
                    <li><button type="button" class="link-button" onclick={go(Step::Finish)}>{ ui.sent_back_to_story }</button></li>
                </ul>
            </>
        },
    }
}
