//! The reframing engine's lexicon, fetched from the widget's own files when a person starts
//! writing: the first page does not need it, so it is not part of every visitor's first download.

use crate::services::http::fetch;
use story_core::reframe;

/// Fetches and installs the lexicon; true once the engine has it. A failed fetch (offline, say)
/// only means no suggestions: the person can write and send all the same.
pub async fn load() -> bool {
    if reframe::is_ready() {
        return true;
    }
    let reply = fetch("GET", &format!("/{}", reframe::LEXICON_FILE), &[], None).await;
    reply.status == 200 && reframe::install(&reply.body).is_ok()
}
