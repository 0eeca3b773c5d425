//! Copying, sharing and downloading the story, with what happened said in the status region.

use crate::services::share::{self, Shared};
use crate::services::{clipboard, download, embed};
use yew::prelude::*;

/// The story as text to share with the share sheet: its title, the text, and the campaign's link.
#[derive(Clone, PartialEq)]
pub struct SharedText {
    pub title: String,
    pub text: String,
    pub link: String,
}

/// What a page may ask for; each callback does its work and reports in the status region.
#[derive(Clone, PartialEq)]
pub struct Sharing {
    /// Copies the text and says whether it worked.
    pub copy: Callback<String>,
    /// Opens the browser's share sheet; only a failure is said (closing the sheet is not one).
    pub share: Callback<SharedText>,
    /// Saves the text as `my-story.txt`.
    pub download: Callback<String>,
}

/// A partner's page hears of each copy and share that worked (services::embed).
#[hook]
pub fn use_sharing(status: &UseStateHandle<Option<&'static str>>, lang: story_core::locale::Lang) -> Sharing {
    let ui = &lang.locale().ui;
    let copy = {
        let status = status.clone();
        let (copied, failed) = (ui.finish_copied, ui.finish_copy_failed);
        Callback::from(move |text: String| {
            let status = status.clone();
            yew::platform::spawn_local(async move {
                let done = clipboard::copy(&text).await;
                if done {
                    embed::post("shared", &[("method", "copy")]);
                }
                status.set(Some(if done { copied } else { failed }));
            });
        })
    };
    let share = {
        let (status, failed) = (status.clone(), ui.share_failed);
        Callback::from(move |shared: SharedText| {
            let status = status.clone();
            yew::platform::spawn_local(async move {
                match share::share_text(&shared.title, &shared.text, &shared.link).await {
                    Shared::Done => embed::post("shared", &[("method", "share")]),
                    Shared::Failed => status.set(Some(failed)),
                    Shared::Cancelled => {}
                }
            });
        })
    };
    let download = Callback::from(|text: String| {
        download::save_text("my-story.txt", &text);
    });
    Sharing { copy, share, download }
}
