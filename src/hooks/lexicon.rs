//! Fetches the reframing engine's lexicon (services::lexicon) once the person leaves the welcome
//! page, and says when it has arrived so the suggestions can be shown.

use crate::services::lexicon;
use yew::prelude::*;

#[hook]
pub fn use_lexicon(needed: bool, on_ready: Callback<()>) {
    use_effect_with(needed, move |needed| {
        if *needed && !story_core::reframe::is_ready() {
            yew::platform::spawn_local(async move {
                if lexicon::load().await {
                    on_ready.emit(());
                }
            });
        }
    });
}
