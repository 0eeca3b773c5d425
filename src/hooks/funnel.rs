//! The campaign's funnel: each step this page load reaches, and each suggestion taken or turned
//! down, is reported once (services::funnel), unless the browser asks not to be tracked.

use crate::services::funnel;
use std::collections::BTreeSet;
use story_core::flow::Flow;
use story_core::locale::Lang;
use story_core::step::Step;
use story_core::submission::SendState;
use yew::prelude::*;

/// `known` is whether the collector has answered with the campaign's settings: until then (and for
/// a campaign it does not know) nothing is reported, and what was reached is reported once it has.
#[hook]
pub fn use_funnel(flow: &Flow, campaign: &str, known: bool) {
    // What this page load has reported already: each step once, however often it is reached.
    let reported = use_mut_ref(BTreeSet::<String>::new);
    let question = match flow.step {
        Step::Question(n) => flow.prompts().get(n.saturating_sub(1)).map(|p| p.id),
        _ => None,
    };
    let sent = flow.story.submission.state == SendState::Sent;
    let mut steps = story_core::funnel::reached(flow.step, question, sent, flow.is_easy_read(), flow.lang == Lang::Cy);
    steps.extend(flow.suggestion_events.iter().cloned());
    let campaign = campaign.to_owned();
    use_effect_with((steps, known), move |(steps, known)| {
        if !known || funnel::asks_not_to_be_counted() {
            return;
        }
        for step in steps {
            if reported.borrow_mut().insert(step.clone()) {
                let (campaign, step) = (campaign.clone(), step.clone());
                yew::platform::spawn_local(async move { funnel::report(&campaign, &step).await });
            }
        }
    });
}
