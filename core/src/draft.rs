//! The draft kept on the person's device while they write, with a version, so that a draft from
//! an older release, a corrupt one or another app's data is set aside instead of crashing.
//!
//! Its JSON goes through miniserde rather than serde_json: the codec ships in the widget's wasm,
//! and miniserde's code is a fraction of the size.

use crate::locale::Lang;
use crate::step::Step;
use crate::story::Story;
use miniserde::json::{self, Value};

/// Marks our drafts apart from anything else a site keeps in the same storage.
pub const DRAFT_KIND: &str = "story-builder/draft";
pub const DRAFT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub campaign: String,
    pub lang: Lang,
    /// Where "continue your story" leads.
    pub step: Step,
    pub story: Story,
    /// Easy read or standard text, if the person chose.
    pub easy_read: Option<bool>,
}

/// The stored form: the step as its URL name, and a kind and version to recognise it by.
#[derive(miniserde::Serialize, miniserde::Deserialize)]
struct Stored {
    kind: String,
    version: u32,
    campaign: String,
    lang: Lang,
    step: String,
    story: Story,
    /// Absent in drafts kept before easy read existed: read as "not chosen".
    easy_read: Option<bool>,
}

/// What was found where a draft is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Restored {
    Nothing,
    Draft(Box<Draft>),
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
        Draft { campaign: campaign.to_owned(), lang, step, story, easy_read: None }
    }

    pub fn to_json(&self) -> String {
        json::to_string(&Stored {
            kind: DRAFT_KIND.to_owned(),
            version: DRAFT_VERSION,
            campaign: self.campaign.clone(),
            lang: self.lang,
            step: self.step.to_string(),
            story: self.story.clone(),
            easy_read: self.easy_read,
        })
    }

    /// Reads what storage held for `campaign`.
    pub fn restore(stored: Option<&str>, campaign: &str) -> Restored {
        let Some(stored) = stored.filter(|s| !s.trim().is_empty()) else { return Restored::Nothing };
        let Ok(Value::Object(fields)) = json::from_str::<Value>(stored) else {
            let reason = if json::from_str::<Value>(stored).is_ok() {
                SetAsideReason::NotADraft
            } else {
                SetAsideReason::Unreadable
            };
            return Restored::SetAside(reason);
        };
        if !matches!(fields.get("kind"), Some(Value::String(kind)) if kind == DRAFT_KIND) {
            return Restored::SetAside(SetAsideReason::NotADraft);
        }
        match fields.get("version") {
            Some(Value::Number(json::Number::U64(v))) if *v == u64::from(DRAFT_VERSION) => {}
            Some(Value::Number(json::Number::U64(v))) => {
                return Restored::SetAside(SetAsideReason::OtherVersion(u32::try_from(*v).unwrap_or(u32::MAX)));
            }
            _ => return Restored::SetAside(SetAsideReason::Unreadable),
        }
        let Ok(stored) = json::from_str::<Stored>(stored) else {
            return Restored::SetAside(SetAsideReason::Unreadable);
        };
        let Some(step) = Step::parse(&stored.step, usize::MAX) else {
            return Restored::SetAside(SetAsideReason::Unreadable);
        };
        if stored.campaign != campaign {
            return Restored::SetAside(SetAsideReason::OtherCampaign);
        }
        Restored::Draft(Box::new(Draft {
            campaign: stored.campaign,
            lang: stored.lang,
            step,
            story: stored.story,
            easy_read: stored.easy_read,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Draft {
        let mut story = Story { title: "Sundays 🌱 \"quoted\"".into(), ..Story::default() };
        story.set_answer("good-day", "Tea first.\nمرحبا e\u{301} \u{1F468}\u{200D}\u{1F469}");
        story.edit_body(crate::locale::Lang::En.locale().prompts, "My own words.");
        Draft::new("socialcarefuture", Lang::En, Step::Question(2), story)
    }

    fn with(field: &str, value: serde_json::Value) -> String {
        let mut stored: serde_json::Value = serde_json::from_str(&sample().to_json()).unwrap();
        stored[field] = value;
        stored.to_string()
    }

    #[test]
    fn a_draft_round_trips_through_json() {
        let draft = sample();
        assert_eq!(Draft::restore(Some(&draft.to_json()), "socialcarefuture"), Restored::Draft(Box::new(draft)));
    }

    #[test]
    fn the_stored_form_is_plain_json_with_kind_and_version() {
        let stored: serde_json::Value = serde_json::from_str(&sample().to_json()).unwrap();
        assert_eq!(stored["kind"], DRAFT_KIND);
        assert_eq!(stored["version"], DRAFT_VERSION);
        assert_eq!(stored["step"], "question-2");
        assert_eq!(stored["lang"], "en");
    }

    #[test]
    fn the_easy_read_choice_round_trips_and_a_draft_from_before_it_reads_as_unchosen() {
        let draft = Draft { easy_read: Some(true), ..sample() };
        assert_eq!(Draft::restore(Some(&draft.to_json()), "socialcarefuture"), Restored::Draft(Box::new(draft)));
        let mut older: serde_json::Value = serde_json::from_str(&sample().to_json()).unwrap();
        older.as_object_mut().unwrap().remove("easy_read");
        let Restored::Draft(restored) = Draft::restore(Some(&older.to_string()), "socialcarefuture") else {
            panic!("an older draft still restores")
        };
        assert_eq!(restored.easy_read, None);
        assert_eq!(aside_reason(&with("easy_read", "yes".into())), Some(SetAsideReason::Unreadable));
    }

    fn aside_reason(stored: &str) -> Option<SetAsideReason> {
        match Draft::restore(Some(stored), "socialcarefuture") {
            Restored::SetAside(reason) => Some(reason),
            _ => None,
        }
    }

    #[test]
    fn nothing_stored_is_nothing() {
        assert_eq!(Draft::restore(None, "x"), Restored::Nothing);
        assert_eq!(Draft::restore(Some(""), "x"), Restored::Nothing);
    }

    #[test]
    fn corrupt_foreign_and_other_version_drafts_are_set_aside() {
        use SetAsideReason::*;
        let c = "socialcarefuture";
        let aside = |s: &str| match Draft::restore(Some(s), c) {
            Restored::SetAside(reason) => reason,
            other => panic!("{s} was not set aside: {other:?}"),
        };
        assert_eq!(aside("{not json"), Unreadable);
        assert_eq!(aside("[1,2]"), NotADraft);
        assert_eq!(aside(r#"{"theme":"dark"}"#), NotADraft);
        assert_eq!(aside(&with("version", 0.into())), OtherVersion(0));
        assert_eq!(aside(&with("version", 2.into())), OtherVersion(2));
        assert_eq!(aside(&with("version", "1".into())), Unreadable);
        assert_eq!(aside(&with("step", "question-x".into())), Unreadable);
        assert_eq!(aside(&with("lang", "xx".into())), Unreadable);
        assert_eq!(aside(&with("story", serde_json::json!({"answers": 3}))), Unreadable);
        assert_eq!(aside(&with("campaign", "other".into())), OtherCampaign);
    }
}
