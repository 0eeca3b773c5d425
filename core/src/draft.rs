//! The draft kept on the person's device while they write, with a version, so that a draft from
//! an older release, a corrupt one or another app's data is set aside instead of crashing.

use crate::locale::Lang;
use crate::step::Step;
use crate::story::Story;
use serde::{Deserialize, Serialize};

/// Marks our drafts apart from anything else a site keeps in the same storage.
pub const DRAFT_KIND: &str = "story-builder/draft";
pub const DRAFT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub kind: String,
    pub version: u32,
    pub campaign: String,
    pub lang: Lang,
    pub step: Step,
    pub story: Story,
}

/// What was found where a draft is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Restored {
    Nothing,
    Draft(Draft),
    /// Something is there that we cannot use; it should be kept aside, not deleted or trusted.
    SetAside(SetAsideReason),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetAsideReason {
    Unreadable,
    NotADraft,
    OtherVersion(u32),
    OtherCampaign,
}

impl Draft {
    pub fn new(campaign: &str, lang: Lang, step: Step, story: Story) -> Draft {
        Draft { kind: DRAFT_KIND.to_owned(), version: DRAFT_VERSION, campaign: campaign.to_owned(), lang, step, story }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a draft always serialises")
    }

    /// Reads what storage held for `campaign`.
    pub fn restore(stored: Option<&str>, campaign: &str) -> Restored {
        let Some(stored) = stored.filter(|s| !s.trim().is_empty()) else { return Restored::Nothing };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(stored) else {
            return Restored::SetAside(SetAsideReason::Unreadable);
        };
        if value.get("kind").and_then(|k| k.as_str()) != Some(DRAFT_KIND) {
            return Restored::SetAside(SetAsideReason::NotADraft);
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(DRAFT_VERSION) => {}
            Some(v) => return Restored::SetAside(SetAsideReason::OtherVersion(u32::try_from(v).unwrap_or(u32::MAX))),
            None => return Restored::SetAside(SetAsideReason::Unreadable),
        }
        match serde_json::from_value::<Draft>(value) {
            Ok(draft) if draft.campaign == campaign => Restored::Draft(draft),
            Ok(_) => Restored::SetAside(SetAsideReason::OtherCampaign),
            Err(_) => Restored::SetAside(SetAsideReason::Unreadable),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Draft {
        let mut story = Story { title: "Sundays 🌱".into(), ..Story::default() };
        story.set_answer("good-day", "Tea first. مرحبا e\u{301}");
        Draft::new("socialcarefuture", Lang::En, Step::Question(2), story)
    }

    #[test]
    fn a_draft_round_trips_through_json() {
        let draft = sample();
        assert_eq!(Draft::restore(Some(&draft.to_json()), "socialcarefuture"), Restored::Draft(draft));
    }

    #[test]
    fn nothing_stored_is_nothing() {
        assert_eq!(Draft::restore(None, "x"), Restored::Nothing);
        assert_eq!(Draft::restore(Some(""), "x"), Restored::Nothing);
    }

    #[test]
    fn corrupt_foreign_and_other_version_drafts_are_set_aside() {
        let c = "socialcarefuture";
        assert_eq!(Draft::restore(Some("{not json"), c), Restored::SetAside(SetAsideReason::Unreadable));
        assert_eq!(Draft::restore(Some("[1,2]"), c), Restored::SetAside(SetAsideReason::NotADraft));
        assert_eq!(Draft::restore(Some(r#"{"theme":"dark"}"#), c), Restored::SetAside(SetAsideReason::NotADraft));
        let mut old = serde_json::to_value(sample()).unwrap();
        old["version"] = 0.into();
        assert_eq!(Draft::restore(Some(&old.to_string()), c), Restored::SetAside(SetAsideReason::OtherVersion(0)));
        let mut broken = serde_json::to_value(sample()).unwrap();
        broken["step"] = "question-x".into();
        assert_eq!(Draft::restore(Some(&broken.to_string()), c), Restored::SetAside(SetAsideReason::Unreadable));
        assert_eq!(
            Draft::restore(Some(&sample().to_json()), "other"),
            Restored::SetAside(SetAsideReason::OtherCampaign)
        );
    }
}
