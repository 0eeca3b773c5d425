//! Withdrawing a sent story.

use crate::app::FlowState;
use crate::services::collector;
use story_core::flow::Action;
use yew::prelude::*;

/// Asks the collector to delete the sent story: says so in the status region while it waits,
/// and either marks the story withdrawn or says it could not be.
#[hook]
pub fn use_withdrawing(
    flow: &UseReducerHandle<FlowState>,
    status: &UseStateHandle<Option<&'static str>>,
    stories_endpoint: Option<String>,
) -> Callback<()> {
    let (flow, status) = (flow.clone(), status.clone());
    Callback::from(move |()| {
        let ui = &flow.0.lang.locale().ui;
        let Some(receipt) = flow.0.story.submission.receipt.clone() else { return };
        let (flow, status, endpoint, failed) =
            (flow.clone(), status.clone(), stories_endpoint.clone(), ui.sent_withdraw_failed);
        status.set(Some(ui.sent_withdrawing));
        yew::platform::spawn_local(async move {
            if collector::withdraw_story(endpoint.as_deref(), &receipt.id, &receipt.delete_token).await {
                status.set(None);
                flow.dispatch(Action::Withdrawn);
            } else {
                status.set(Some(failed));
            }
        });
    })
}
