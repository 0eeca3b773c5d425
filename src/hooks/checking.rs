//! Checking what became of a sent story, with its receipt.

use crate::app::FlowState;
use crate::services::collector;
use story_core::wire::status::StoryState;
use yew::prelude::*;

/// Asks the collector what became of the sent story, and says it in the status region.
#[hook]
pub fn use_checking(
    flow: &UseReducerHandle<FlowState>,
    status: &UseStateHandle<Option<&'static str>>,
    stories_endpoint: Option<String>,
) -> Callback<()> {
    let (flow, status) = (flow.clone(), status.clone());
    Callback::from(move |()| {
        let ui = &flow.0.lang.locale().ui;
        let Some(receipt) = flow.0.story.submission.receipt.clone() else { return };
        let (status, endpoint) = (status.clone(), stories_endpoint.clone());
        status.set(Some(ui.sent_status_checking));
        yew::platform::spawn_local(async move {
            let said = match collector::story_state(endpoint.as_deref(), &receipt.id, &receipt.delete_token).await {
                Some(StoryState::Waiting) => ui.sent_state_waiting,
                Some(StoryState::Published) => ui.sent_state_published,
                Some(StoryState::NotPublished) => ui.sent_state_not_published,
                Some(StoryState::Withdrawn) => ui.sent_state_withdrawn,
                None => ui.sent_state_failed,
            };
            status.set(Some(said));
        });
    })
}
