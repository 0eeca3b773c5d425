//! A story as it arrives at the collector (`POST /api/v1/stories`): read from JSON and checked with
//! the very rules the widget applied before sending it, so both always agree on every limit.
//!
//! Reading and checking are pure (the clock and the campaign's rules are passed in), so every
//! refusal and its sentence is tested here, natively, without a server.

use crate::consent::{AREA_MAX_CHARS, Consent, NameDisplay};
use crate::locale::Lang;
use crate::story::char_count;
use crate::text_hygiene;
use crate::validate::{check_answer, check_story};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The longest role ("family", "support worker", ...) kept; free text, so it has a limit too.
pub const ROLE_MAX_CHARS: usize = AREA_MAX_CHARS;
/// Campaign ids are short slugs; anything longer is not one of ours.
pub const CAMPAIGN_ID_MAX_CHARS: usize = 64;

/// A story as the person sent it, read but not yet checked against the limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncomingStory {
    pub campaign: String,
    pub lang: Lang,
    pub title: String,
    pub body: String,
    pub answers: BTreeMap<String, String>,
    pub share_with_campaign: bool,
    pub publish: bool,
    pub contact: bool,
    pub name_display: NameDisplay,
    pub name: Option<String>,
    pub email: Option<String>,
    pub area: Option<String>,
    pub role: Option<String>,
    /// The honeypot: people never see this field, so anything in it was typed by a bot.
    pub website: String,
    /// When the person started, in milliseconds since 1970, by their device's clock.
    pub started_at: u64,
}

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
    fn malformed(field: Option<&str>, detail: impl Into<String>) -> Refusal {
        Refusal { kind: RefusalKind::Malformed, field: field.map(str::to_owned), detail: detail.into() }
    }

    fn invalid(field: &str, detail: impl Into<String>) -> Refusal {
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

/// Reads the request body. Only the shape is checked here; the limits are `IncomingStory::check`'s.
pub fn parse(body: &[u8]) -> Result<IncomingStory, Refusal> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        let place = format!("line {}, column {}", e.line(), e.column());
        let detail = match e.classify() {
            serde_json::error::Category::Eof => {
                format!("The story was cut off before its end ({place}). Please send it again.")
            }
            _ => format!("The story could not be read: it is not valid JSON at {place}."),
        };
        Refusal::malformed(None, detail)
    })?;
    let Value::Object(mut fields) = value else {
        return Err(Refusal::malformed(None, "The story must be sent as a JSON object."));
    };
    let campaign = required_text(&mut fields, "campaign")?;
    let lang_code = required_text(&mut fields, "lang")?;
    let lang = Lang::from_code(&lang_code).ok_or_else(|| {
        let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        Refusal::invalid(
            "lang",
            format!("The language “{lang_code}” is not one we know: use one of {}.", known.join(", ")),
        )
    })?;
    let title = required_text(&mut fields, "title")?;
    let body = required_text(&mut fields, "body")?;
    let answers = match fields.remove("answers") {
        None | Some(Value::Null) => BTreeMap::new(),
        Some(Value::Object(answers)) => answers
            .into_iter()
            .map(|(id, value)| match value {
                Value::String(text) => tidy(&format!("answers.{id}"), text).map(|text| (id, text)),
                _ => Err(Refusal::malformed(Some(&format!("answers.{id}")), "Each answer must be text.")),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(Refusal::malformed(Some("answers"), "The answers must be a JSON object of texts.")),
    };
    let mut consent = match fields.remove("consent") {
        Some(Value::Object(consent)) => consent,
        None | Some(Value::Null) => {
            return Err(Refusal::malformed(Some("consent"), "The story arrived without the consent choices."));
        }
        Some(_) => return Err(Refusal::malformed(Some("consent"), "The consent choices must be a JSON object.")),
    };
    let share_with_campaign = flag(&mut consent, "share_with_campaign")?;
    let publish = flag(&mut consent, "publish")?;
    let contact = flag(&mut consent, "contact")?;
    let display = required_text(&mut fields, "name_display")?;
    let name_display = NameDisplay::from_code(&display).ok_or_else(|| {
        Refusal::invalid("name_display", "Choose how your name should be shown: full, first, or anonymous.")
    })?;
    Ok(IncomingStory {
        campaign,
        lang,
        title,
        body,
        answers,
        share_with_campaign,
        publish,
        contact,
        name_display,
        name: optional_text(&mut fields, "name")?,
        email: optional_text(&mut fields, "email")?,
        area: optional_text(&mut fields, "area")?,
        role: optional_text(&mut fields, "role")?,
        website: optional_text(&mut fields, "website")?.unwrap_or_default(),
        started_at: match fields.remove("started_at") {
            Some(Value::Number(n)) if n.as_u64() != Some(0) => n.as_u64().ok_or_else(|| {
                Refusal::malformed(Some("started_at"), "started_at must be a whole number of milliseconds since 1970.")
            })?,
            // Without it (or at 0, 1970), `min_seconds` could not be judged: a bot would leave it out.
            None | Some(Value::Null) | Some(Value::Number(_)) => {
                return Err(Refusal::malformed(
                    Some("started_at"),
                    "The story arrived without started_at, the time the person began writing it.",
                ));
            }
            Some(_) => {
                return Err(Refusal::malformed(
                    Some("started_at"),
                    "started_at must be a whole number of milliseconds since 1970.",
                ));
            }
        },
    })
}

/// Every text of the story passes through here: see `text_hygiene` for what is refused or removed.
fn tidy(key: &str, text: String) -> Result<String, Refusal> {
    let what = match key {
        "body" => "story",
        "email" => "email address",
        _ if key.starts_with("answers.") => "answer",
        _ => key,
    };
    let changed = text_hygiene::tidy(&text).map(|tidied| match tidied {
        Cow::Owned(tidied) => Some(tidied),
        Cow::Borrowed(_) => None,
    });
    match changed {
        Ok(changed) => Ok(changed.unwrap_or(text)),
        Err(refused) => Err(Refusal::invalid(key, text_hygiene::refusal_detail(what, refused))),
    }
}

fn required_text(fields: &mut Map<String, Value>, key: &str) -> Result<String, Refusal> {
    match fields.remove(key) {
        Some(Value::String(text)) => tidy(key, text),
        None | Some(Value::Null) => Err(Refusal::malformed(Some(key), format!("The story arrived without its {key}."))),
        Some(_) => Err(Refusal::malformed(Some(key), format!("The story's {key} must be text."))),
    }
}

/// Missing, null and blank all mean "not given".
fn optional_text(fields: &mut Map<String, Value>, key: &str) -> Result<Option<String>, Refusal> {
    match fields.remove(key) {
        Some(Value::String(text)) => Ok(Some(tidy(key, text)?.trim().to_owned()).filter(|t| !t.is_empty())),
        None | Some(Value::Null) => Ok(None),
        Some(_) => Err(Refusal::malformed(Some(key), format!("The story's {key} must be text or null."))),
    }
}

fn flag(consent: &mut Map<String, Value>, key: &str) -> Result<bool, Refusal> {
    match consent.remove(key) {
        Some(Value::Bool(b)) => Ok(b),
        None | Some(Value::Null) => Ok(false),
        Some(_) => {
            Err(Refusal::malformed(Some(&format!("consent.{key}")), format!("consent.{key} must be true or false.")))
        }
    }
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
    fn broken_json_says_where() {
        let refusal = parse(b"{\"title\": ").unwrap_err();
        assert_eq!(refusal.kind, RefusalKind::Malformed);
        assert!(refusal.detail.contains("line 1, column 10"), "{}", refusal.detail);
        let refusal = parse(b"[1, 2]").unwrap_err();
        assert_eq!(refusal.detail, "The story must be sent as a JSON object.");
    }

    #[test]
    fn a_wrong_type_names_its_field() {
        let mut value = story_json();
        value["title"] = serde_json::json!(5);
        let refusal = check(&value).unwrap_err();
        assert_eq!((refusal.kind, refusal.field.as_deref()), (RefusalKind::Malformed, Some("title")));
        value = story_json();
        value["consent"]["publish"] = serde_json::json!("yes");
        assert_eq!(check(&value).unwrap_err().field.as_deref(), Some("consent.publish"));
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
    fn the_honeypot_and_unknown_languages() {
        let mut value = story_json();
        value["website"] = serde_json::json!("http://spam.example");
        assert!(check(&value).unwrap().is_honeypot());
        value["lang"] = serde_json::json!("xx");
        assert_eq!(check(&value).unwrap_err().field.as_deref(), Some("lang"));
    }
}
