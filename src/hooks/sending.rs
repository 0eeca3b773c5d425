//! Sending the story to the collector, and trying again.

use crate::app::FlowState;
use crate::services::{collector, ids, network};
use story_core::flow::Action;
use story_core::step::Step;
use story_core::submission::{SendState, backoff_seconds, outcome};
use yew::prelude::*;

/// Sends a story marked for sending, once per attempt, and tries a waiting one again after a
/// growing pause or as soon as the browser is back online. The state lives in the draft, so a
/// story queued before a reload is sent after it, with the same idempotency key.
/// `on_answer_shown` runs when the collector's answer arrives while the sent page is showing.
#[hook]
pub fn use_sending(flow: &UseReducerHandle<FlowState>, on_answer_shown: Callback<()>) {
    let submission = &flow.0.story.submission;
    let attempt = (submission.state, submission.attempts);
    {
        let flow = flow.clone();
        use_effect_with(attempt, move |(state, _)| {
            if *state == SendState::Sending {
                let f = &flow.0;
                let submission = &f.story.submission;
                let key = submission.idempotency_key.clone().unwrap_or_else(ids::new_idempotency_key);
                // A story queued by an older version of the widget has no payload kept.
                let json = submission.payload.clone().unwrap_or_else(|| f.outgoing_json());
                let campaign = f.campaign.clone();
                yew::platform::spawn_local(async move {
                    let reply = collector::send_story(&campaign, &json, &key).await;
                    if flow.0.step == Step::Sent {
                        on_answer_shown.emit(());
                    }
                    flow.dispatch(Action::Delivered(outcome(reply.status, reply.retry_after.as_deref(), &reply.body)));
                });
            }
        });
    }
    let flow = flow.clone();
    use_effect_with(attempt, move |(state, attempts)| {
        let waiting = *state == SendState::Waiting;
        let retry = move || flow.dispatch(Action::Retry);
        let timer = waiting.then(|| {
            let retry = retry.clone();
            gloo_timers::callback::Timeout::new(backoff_seconds(*attempts) * 1000, retry)
        });
        let online = waiting.then(|| network::on_online(retry));
        move || drop((timer, online))
    });
}
