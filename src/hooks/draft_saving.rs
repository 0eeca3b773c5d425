//! Keeping the draft on this device.

use crate::services::{document, drafts};
use std::cell::RefCell;
use std::rc::Rc;
use story_core::flow::Flow;
use yew::prelude::*;

const DRAFT_SAVE_DELAY_MS: u32 = 400;

/// Saves the draft a moment after typing pauses, and at once when the page is left.
/// Only a change is written: an untouched page never overwrites what storage holds.
#[hook]
pub fn use_draft_saving(flow: &Flow, save_failed: UseStateSetter<bool>) {
    let latest: Rc<RefCell<Flow>> = use_mut_ref(|| flow.clone());
    let last_saved: Rc<RefCell<Option<String>>> = use_mut_ref(|| flow.draft().map(|d| d.to_json()));
    *latest.borrow_mut() = flow.clone();
    let save = Rc::new(move || {
        let flow = latest.borrow();
        let draft = flow.draft();
        let json = draft.as_ref().map(|d| d.to_json());
        if json == *last_saved.borrow() {
            return true;
        }
        let saved = drafts::save(&flow.campaign, draft.as_ref());
        if saved {
            *last_saved.borrow_mut() = json;
        }
        saved
    });
    {
        let save = save.clone();
        use_effect_with((), move |_| {
            let listener = document::on_page_hide(move || {
                save();
            });
            move || drop(listener)
        });
    }
    use_effect_with((flow.story.clone(), flow.resume_at, flow.easy_read), move |_| {
        let timeout = gloo_timers::callback::Timeout::new(DRAFT_SAVE_DELAY_MS, move || save_failed.set(!save()));
        move || drop(timeout)
    });
}
