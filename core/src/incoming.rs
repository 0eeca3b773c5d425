//! A story as it arrives at the collector (`POST /api/v1/stories`), once read from JSON (see
//! `wire::story`): checked with the very rules the widget applied before sending it, so both always
//! agree on every limit.
//!
//! Checking is pure (the clock and the campaign's rules are passed in), so every
//! refusal and its sentence is tested here, natively, without a server.

use crate::consent::{AREA_MAX_CHARS, Consent};
use crate::story::char_count;
use crate::validate::{check_answer, check_story};
use crate::wire::story::IncomingStory;

/// The longest role ("family", "support worker", ...) kept; free text, so it has a limit too.
pub const ROLE_MAX_CHARS: usize = AREA_MAX_CHARS;
/// A version of the questions is a short label (`q-` and 12 hex digits, as the collector makes them).
pub const PROMPTS_VERSION_MAX_CHARS: usize = 40;

fn is_prompts_version(version: &str) -> bool {
    version.len() <= PROMPTS_VERSION_MAX_CHARS
        && version.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// Campaign ids are short slugs; anything longer is not one of ours.
pub const CAMPAIGN_ID_MAX_CHARS: usize = 64;

/// Why a story was refused, in words the person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub kind: RefusalKind,
    /// The JSON field the refusal is about (`title`, `consent.publish`, `answers.good-day`).
    pub field: Option<String>,
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusalKind {
    /// Not JSON, or not the shape of a story (HTTP 400).
    Malformed,
    /// A story, but a field breaks a rule (HTTP 422).
    Invalid,
    /// Sent faster than a person can write (HTTP 422, and counted apart from honest mistakes).
    TooFast,
}

impl Refusal {
    pub(crate) fn malformed(field: Option<&str>, detail: impl Into<String>) -> Refusal {
        Refusal { kind: RefusalKind::Malformed, field: field.map(str::to_owned), detail: detail.into() }
    }

    pub(crate) fn invalid(field: &str, detail: impl Into<String>) -> Refusal {
        Refusal { kind: RefusalKind::Invalid, field: Some(field.to_owned()), detail: detail.into() }
    }
}

/// What the campaign asks of a story beyond core's fixed limits.
#[derive(Clone, Debug)]
pub struct Rules<'a> {
    /// The prompt ids answers may be given for.
    pub prompt_ids: &'a [&'a str],
    /// No person writes a story faster than this.
    pub min_seconds: u64,
    /// The collector's clock, in milliseconds since 1970.
    pub now_ms: u64,
}

impl IncomingStory {
    /// Whether a bot filled in the field people never see.
    pub fn is_honeypot(&self) -> bool {
        !self.website.trim().is_empty()
    }

    /// The consent choices as the widget models them, so the collector checks them with the same code.
    pub fn consent(&self) -> Consent {
        Consent {
            share_with_campaign: self.share_with_campaign,
            publish: self.publish,
            contact: self.contact,
            name_display: Some(self.name_display),
            name: self.name.clone().unwrap_or_default(),
            email: self.email.clone().unwrap_or_default(),
            area: self.area.clone().unwrap_or_default(),
        }
    }

    /// The first rule the story breaks, with the sentence the person reads, in their language.
    pub fn check(&self, rules: &Rules) -> Result<(), Refusal> {
        let lang = self.lang;
        if self.campaign.is_empty() || char_count(&self.campaign) > CAMPAIGN_ID_MAX_CHARS {
            return Err(Refusal::invalid("campaign", "The story does not name a campaign we know."));
        }
        if let Some(error) = check_story(&self.title, &self.body).first() {
            let field = match error.field {
                crate::validate::Field::Title => "title",
                _ => "body",
            };
            return Err(Refusal::invalid(field, error.message(lang)));
        }
        for (id, text) in &self.answers {
            if !rules.prompt_ids.contains(&id.as_str()) {
                return Err(Refusal::invalid(
                    &format!("answers.{id}"),
                    format!("The answer “{id}” is not for a question this campaign asks."),
                ));
            }
            if let Some(error) = check_answer(id, text) {
                return Err(Refusal::invalid(&format!("answers.{id}"), error.message(lang)));
            }
        }
        if let Some(error) = self.consent().check().first() {
            use crate::consent::ConsentField as F;
            let field = match error.field {
                F::ShareWithCampaign => "consent.share_with_campaign",
                F::NameDisplay => "name_display",
                F::Name => "name",
                F::Email => "email",
                F::Area => "area",
            };
            return Err(Refusal::invalid(field, error.message(lang)));
        }
        if self.prompts_version.as_deref().is_some_and(|v| !is_prompts_version(v)) {
            return Err(Refusal::invalid(
                "prompts_version",
                format!(
                    "prompts_version must be the version the campaign's settings give: up to \
                     {PROMPTS_VERSION_MAX_CHARS} letters, digits, hyphens or dots."
                ),
            ));
        }
        if self.role.as_deref().is_some_and(|role| char_count(role) > ROLE_MAX_CHARS) {
            return Err(Refusal::invalid("role", format!("Your role must be {ROLE_MAX_CHARS} characters or fewer")));
        }
        // Only a start in the past is judged: a device whose clock runs ahead must not refuse a person.
        let elapsed_ms = rules.now_ms.checked_sub(self.started_at);
        if elapsed_ms.is_some_and(|ms| ms < rules.min_seconds * 1000) {
            return Err(Refusal {
                kind: RefusalKind::TooFast,
                field: Some("started_at".into()),
                detail: lang.locale().ui.sent_too_fast.to_owned(),
            });
        }
        Ok(())
    }

    /// The name as it may be shown, following the person's choice.
    pub fn shown_name(&self) -> Option<String> {
        self.consent().shown_name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;
    use crate::wire::story::parse;
    use serde_json::Value;

    const PROMPTS: &[&str] = &["good-day", "home-and-people"];

    fn rules() -> Rules<'static> {
        Rules { prompt_ids: PROMPTS, min_seconds: 20, now_ms: 1_732_612_345_678 + 60_000 }
    }

    fn story_json() -> Value {
        serde_json::json!({
            "campaign": "socialcarefuture", "lang": "en", "title": "My good day", "body": "Tea first.",
            "answers": {"good-day": "Tea first."},
            "consent": {"share_with_campaign": true, "publish": false, "contact": false},
            "name_display": "anonymous", "name": null, "email": null, "area": null,
            "website": "", "started_at": 1_732_612_345_678u64
        })
    }

    fn check(value: &Value) -> Result<IncomingStory, Refusal> {
        let story = parse(value.to_string().as_bytes())?;
        story.check(&rules()).map(|()| story)
    }

    #[test]
    fn the_widgets_story_is_accepted() {
        let story = check(&story_json()).unwrap();
        assert_eq!(story.lang, Lang::En);
        assert_eq!(story.role, None);
        assert!(!story.is_honeypot());
    }

    #[test]
    fn limits_come_from_core_with_its_sentences() {
        let mut value = story_json();
        value["title"] = serde_json::json!("x".repeat(101));
        let refusal = check(&value).unwrap_err();
        assert_eq!(refusal.field.as_deref(), Some("title"));
        assert_eq!(refusal.detail, "The title must be 100 characters or fewer");
        value = story_json();
        value["answers"]["good-day"] = serde_json::json!("word ".repeat(502));
        let refusal = check(&value).unwrap_err();
        assert_eq!(refusal.field.as_deref(), Some("answers.good-day"));
        assert!(refusal.detail.starts_with("Your answer must be 500 words or fewer"));
    }

    #[test]
    fn answers_must_be_for_the_campaigns_questions() {
        let mut value = story_json();
        value["answers"]["favourite-colour"] = serde_json::json!("blue");
        assert_eq!(check(&value).unwrap_err().field.as_deref(), Some("answers.favourite-colour"));
    }

    #[test]
    fn consent_is_checked_by_cores_rules() {
        let mut value = story_json();
        value["consent"]["share_with_campaign"] = serde_json::json!(false);
        assert_eq!(check(&value).unwrap_err().field.as_deref(), Some("consent.share_with_campaign"));
        value = story_json();
        value["consent"]["contact"] = serde_json::json!(true);
        let refusal = check(&value).unwrap_err();
        assert_eq!(refusal.field.as_deref(), Some("email"));
        value["email"] = serde_json::json!("sam.example.org");
        let refusal = check(&value).unwrap_err();
        assert_eq!(refusal.detail, "Enter an email address in the correct format, like name@example.com");
        value["email"] = serde_json::json!("sam@example.org");
        assert!(check(&value).is_ok());
        value["name_display"] = serde_json::json!("first");
        assert_eq!(check(&value).unwrap_err().field.as_deref(), Some("name"));
        value["name"] = serde_json::json!("Sam Jones");
        assert_eq!(check(&value).unwrap().shown_name().as_deref(), Some("Sam"));
    }

    #[test]
    fn a_story_written_in_a_blink_is_refused_but_a_clock_ahead_is_forgiven() {
        let mut value = story_json();
        value["started_at"] = serde_json::json!(rules().now_ms - 5_000);
        let refusal = check(&value).unwrap_err();
        assert_eq!(refusal.kind, RefusalKind::TooFast);
        assert!(refusal.detail.starts_with("That was quicker"), "{}", refusal.detail);
        value["lang"] = serde_json::json!("cy");
        assert!(check(&value).unwrap_err().detail.starts_with("Roedd hynny'n gyflymach"), "in their language");
        value["lang"] = serde_json::json!("en");
        value["started_at"] = serde_json::json!(rules().now_ms + 90_000);
        assert!(check(&value).is_ok());
    }

    #[test]
    fn a_story_without_its_start_is_refused_not_waved_through() {
        for start in [None, Some(serde_json::Value::Null), Some(serde_json::json!(0))] {
            let mut value = story_json();
            match start {
                Some(start) => value["started_at"] = start,
                None => drop(value.as_object_mut().unwrap().remove("started_at")),
            }
            let refusal = check(&value).unwrap_err();
            assert_eq!((refusal.kind, refusal.field.as_deref()), (RefusalKind::Malformed, Some("started_at")));
            assert!(refusal.detail.contains("without started_at"), "{}", refusal.detail);
        }
    }

    #[test]
    fn the_questions_version_is_a_short_label() {
        let mut value = story_json();
        value["prompts_version"] = serde_json::json!("q-0123456789ab");
        assert_eq!(check(&value).unwrap().prompts_version.as_deref(), Some("q-0123456789ab"));
        for wrong in ["<script>", &"a".repeat(41)] {
            value["prompts_version"] = serde_json::json!(wrong);
            assert_eq!(check(&value).unwrap_err().field.as_deref(), Some("prompts_version"), "{wrong}");
        }
    }

    #[test]
    fn the_honeypot_and_unknown_languages() {
        let mut value = story_json();
        value["website"] = serde_json::json!("http://spam.example");
        assert!(check(&value).unwrap().is_honeypot());
        value["lang"] = serde_json::json!("xx");
        assert_eq!(check(&value).unwrap_err().field.as_deref(), Some("lang"));
    }
}
