//! Keeps the draft in localStorage, one per campaign, and sets aside anything unreadable.

use story_core::draft::{Draft, Restored};

/// Every key this widget writes starts so, whatever the campaign.
const PREFIX: &str = "story-builder:";

fn key(campaign: &str) -> String {
    format!("{PREFIX}draft:{campaign}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the stored draft. Something unreadable is moved to a set-aside key, never deleted:
/// it may be someone's words that a later release can read.
pub fn load(campaign: &str) -> Restored {
    let Some(storage) = storage() else { return Restored::Nothing };
    let raw = storage.get_item(&key(campaign)).ok().flatten();
    let restored = Draft::restore(raw.as_deref(), campaign);
    if let (Restored::SetAside(_), Some(raw)) = (&restored, raw) {
        let aside = format!("{PREFIX}set-aside:{campaign}:{}", js_sys::Date::now() as u64);
        if storage.set_item(&aside, &raw).is_ok() {
            let _ = storage.remove_item(&key(campaign));
        }
    }
    restored
}

/// Saves (or, with nothing worth keeping, removes) the draft. Returns false when the browser refuses.
pub fn save(campaign: &str, draft: Option<&Draft>) -> bool {
    let Some(storage) = storage() else { return false };
    match draft {
        Some(draft) => storage.set_item(&key(campaign), &draft.to_json()).is_ok(),
        None => storage.remove_item(&key(campaign)).is_ok(),
    }
}

/// "Delete everything on this device": every draft and every set-aside story, of every campaign.
/// (A browser that refuses storage altogether kept nothing to delete.)
pub fn forget_everything() {
    let Some(storage) = storage() else { return };
    let count = storage.length().unwrap_or(0);
    let ours: Vec<String> =
        (0..count).filter_map(|i| storage.key(i).ok().flatten()).filter(|key| key.starts_with(PREFIX)).collect();
    for key in ours {
        let _ = storage.remove_item(&key);
    }
}
