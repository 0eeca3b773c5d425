//! What a partner's page hears from the story builder in its iframe (services::embed).

use crate::services::embed;
use story_core::flow::Flow;
use story_core::submission::SendState;
use yew::prelude::*;

/// Ready and the height, each step, a story sent, and a campaign the collector does not know.
#[hook]
pub fn use_embed_events(flow: &Flow, campaign_unknown: bool) {
    use_effect_with((), |_| {
        let watcher = embed::start("builder");
        move || drop(watcher)
    });
    use_effect_with(flow.step, |step| embed::post("step", &[("step", &step.to_string())]));
    let was = use_mut_ref(|| flow.story.submission.state);
    use_effect_with(flow.story.submission.state, move |state| {
        if *state == SendState::Sent && *was.borrow() != SendState::Sent {
            embed::post("submitted", &[]);
        }
        *was.borrow_mut() = *state;
    });
    use_effect_with(campaign_unknown, |unknown| {
        if *unknown {
            embed::post("error", &[("code", "unknown-campaign")]);
        }
    });
}
