//! A story on the wire (`POST /api/v1/stories`): [`Outgoing`] is what the widget sends,
//! [`IncomingStory`] what the collector reads from it. The two live here together, with a
//! round-trip test, so every field the collector accepts is one the widget can send.
//!
//! The widget writes with miniserde (small wasm); the collector reads with serde straight into
//! typed fields, and for a story it cannot read, `serde_path_to_error` names the field a wrong
//! value was sent in, so a refusal says `consent.publish`, not just "line 1, column 60".

use crate::consent::{Consent, NameDisplay};
use crate::incoming::Refusal;
use crate::locale::Lang;
use crate::text_hygiene;
use serde::Deserialize;
use serde_path_to_error::Segment;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The body of `POST /api/v1/stories`, as the widget sends it.
#[derive(Debug, miniserde::Serialize)]
pub struct Outgoing {
    pub campaign: String,
    pub lang: String,
    pub title: String,
    pub body: String,
    pub answers: BTreeMap<String, String>,
    pub consent: OutgoingConsent,
    pub name_display: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub area: Option<String>,
    /// How the person knows social care ("family", "support worker"); the widget does not ask yet.
    pub role: Option<String>,
    /// Left empty by people; bots that fill every field give themselves away.
    pub website: String,
    /// When the person started, in milliseconds since 1970: stories typed in a blink are bots.
    pub started_at: u64,
    /// Which version of the campaign's questions the story answers (`wire::campaign::Settings`).
    pub prompts_version: Option<String>,
}

#[derive(Debug, miniserde::Serialize)]
pub struct OutgoingConsent {
    pub share_with_campaign: bool,
    pub publish: bool,
    pub contact: bool,
}

impl Outgoing {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        campaign: &str,
        lang: Lang,
        title: &str,
        body: &str,
        answers: &BTreeMap<String, String>,
        consent: &Consent,
        started_at: u64,
    ) -> Outgoing {
        let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        Outgoing {
            campaign: campaign.to_owned(),
            lang: lang.code().to_owned(),
            title: title.trim().to_owned(),
            body: body.trim().to_owned(),
            answers: answers.clone(),
            consent: OutgoingConsent {
                share_with_campaign: consent.share_with_campaign,
                publish: consent.publish,
                contact: consent.contact,
            },
            name_display: consent.name_display.map_or("anonymous", |d| d.code()).to_owned(),
            name: consent.shown_name(),
            email: if consent.contact { optional(&consent.email) } else { None },
            area: optional(&consent.area),
            role: None,
            website: String::new(),
            started_at,
            prompts_version: None,
        }
    }

    pub fn to_json(&self) -> String {
        miniserde::json::to_string(self)
    }
}

/// A story as the person sent it, read but not yet checked against the limits (see
/// `incoming::IncomingStory::check`).
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
    /// Which version of the campaign's questions the story answers; none from an older widget.
    pub prompts_version: Option<String>,
}

/// The JSON as it arrives: every field may be missing or null, so each absence gets its own
/// sentence below rather than serde's "missing field".
#[derive(Deserialize)]
struct Received {
    campaign: Option<String>,
    lang: Option<String>,
    title: Option<String>,
    body: Option<String>,
    answers: Option<BTreeMap<String, String>>,
    /// A map rather than a struct, which serde would also fill from an array.
    consent: Option<BTreeMap<String, Option<bool>>>,
    name_display: Option<String>,
    name: Option<String>,
    email: Option<String>,
    area: Option<String>,
    role: Option<String>,
    website: Option<String>,
    started_at: Option<u64>,
    prompts_version: Option<String>,
}

/// Reads the request body. Only the shape is checked here; the limits are `IncomingStory::check`'s.
pub fn parse(body: &[u8]) -> Result<IncomingStory, Refusal> {
    // serde fills a struct from an array too (`["socialcarefuture", "en", ...]`): only an object
    // names its fields, so nothing else is read as a story.
    if body.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|&first| first != b'{') {
        return Err(Refusal::malformed(None, "The story must be sent as a JSON object."));
    }
    // Read fast; only a story that cannot be read is read again, slowly, to name where it broke.
    let sent: Received = serde_json::from_slice(body).map_err(|error| unreadable(body, error))?;
    let required = |key: &str, text: Option<String>| match text {
        Some(text) => tidy(key, text),
        None => Err(Refusal::malformed(Some(key), format!("The story arrived without its {key}."))),
    };
    // Missing, null and blank all mean "not given".
    let optional = |key: &str, text: Option<String>| match text {
        Some(text) => Ok(Some(tidy(key, text)?.trim().to_owned()).filter(|t| !t.is_empty())),
        None => Ok(None),
    };
    let campaign = required("campaign", sent.campaign)?;
    let lang_code = required("lang", sent.lang)?;
    let lang = Lang::from_code(&lang_code).ok_or_else(|| {
        let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        Refusal::invalid(
            "lang",
            format!("The language “{lang_code}” is not one we know: use one of {}.", known.join(", ")),
        )
    })?;
    let title = required("title", sent.title)?;
    let body = required("body", sent.body)?;
    let answers = sent
        .answers
        .unwrap_or_default()
        .into_iter()
        .map(|(id, text)| tidy(&format!("answers.{id}"), text).map(|text| (id, text)))
        .collect::<Result<_, _>>()?;
    let Some(mut consent) = sent.consent else {
        return Err(Refusal::malformed(Some("consent"), "The story arrived without the consent choices."));
    };
    let display = required("name_display", sent.name_display)?;
    let name_display = NameDisplay::from_code(&display).ok_or_else(|| {
        Refusal::invalid("name_display", "Choose how your name should be shown: full, first, or anonymous.")
    })?;
    Ok(IncomingStory {
        campaign,
        lang,
        title,
        body,
        answers,
        share_with_campaign: consent.remove("share_with_campaign").flatten().unwrap_or(false),
        publish: consent.remove("publish").flatten().unwrap_or(false),
        contact: consent.remove("contact").flatten().unwrap_or(false),
        name_display,
        name: optional("name", sent.name)?,
        email: optional("email", sent.email)?,
        area: optional("area", sent.area)?,
        role: optional("role", sent.role)?,
        website: optional("website", sent.website)?.unwrap_or_default(),
        prompts_version: optional("prompts_version", sent.prompts_version)?,
        // Without it (or at 0, 1970), `min_seconds` could not be judged: a bot would leave it out.
        started_at: sent.started_at.filter(|&ms| ms != 0).ok_or_else(|| {
            Refusal::malformed(
                Some("started_at"),
                "The story arrived without started_at, the time the person began writing it.",
            )
        })?,
    })
}

/// Why the body could not be read as a story: where the JSON broke, or which field held the
/// wrong kind of value. `first` is the error of the fast first read.
fn unreadable(body: &[u8], first: serde_json::Error) -> Refusal {
    let mut reader = serde_json::Deserializer::from_slice(body);
    let (path, error) = match serde_path_to_error::deserialize::<_, Received>(&mut reader) {
        // The field names leading to the wrong value: struct fields and map keys alike.
        Err(error) => {
            let path = error.path().iter().filter_map(|segment| match segment {
                Segment::Map { key } => Some(key.clone()),
                _ => None,
            });
            (path.collect(), error.into_inner())
        }
        // Only text after the story's end is left; the first read said where.
        Ok(_) => (Vec::new(), reader.end().err().unwrap_or(first)),
    };
    let place = format!("line {}, column {}", error.line(), error.column());
    let (field, detail) = match (error.classify(), path.as_slice()) {
        (serde_json::error::Category::Eof, _) => {
            (None, format!("The story was cut off before its end ({place}). Please send it again."))
        }
        // serde's "duplicate field `title`": a second copy must not quietly win over the first.
        (serde_json::error::Category::Data, []) if error.to_string().starts_with("duplicate field") => {
            let key = error.to_string().split('`').nth(1).unwrap_or_default().to_owned();
            let detail = format!("The story's {key} was sent twice: send it once.");
            (Some(key), detail)
        }
        (serde_json::error::Category::Data, [key]) => (Some(key.clone()), wrong_type(key)),
        (serde_json::error::Category::Data, [group, key]) => {
            let field = format!("{group}.{key}");
            let detail = match group.as_str() {
                "answers" => "Each answer must be text.".to_owned(),
                _ => format!("{field} must be true or false."),
            };
            (Some(field), detail)
        }
        _ => (None, format!("The story could not be read: it is not valid JSON at {place}.")),
    };
    Refusal::malformed(field.as_deref(), detail)
}

/// The sentence for a top-level field that holds the wrong kind of value (or appears twice).
fn wrong_type(key: &str) -> String {
    match key {
        "answers" => "The answers must be a JSON object of texts.".to_owned(),
        "consent" => "The consent choices must be a JSON object.".to_owned(),
        "started_at" => "started_at must be a whole number of milliseconds since 1970.".to_owned(),
        "name" | "email" | "area" | "role" | "website" | "prompts_version" => {
            format!("The story's {key} must be text or null.")
        }
        _ => format!("The story's {key} must be text."),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incoming::RefusalKind;

    fn consent() -> Consent {
        Consent {
            share_with_campaign: true,
            publish: true,
            contact: true,
            name_display: Some(NameDisplay::Full),
            name: "Siân Jones".into(),
            email: "sian@example.org".into(),
            area: "Cardiff".into(),
        }
    }

    #[test]
    fn what_the_widget_sends_the_collector_reads_field_for_field() {
        let answers = BTreeMap::from([("good-day".to_owned(), "Tea.".to_owned())]);
        let mut sent =
            Outgoing::new("socialcarefuture", Lang::Cy, " Bore ", " Tea. ", &answers, &consent(), 1_700_000_000_000);
        sent.role = Some("family".into());
        sent.prompts_version = Some("q-0123456789ab".into());
        let read = parse(sent.to_json().as_bytes()).unwrap();
        let expected = IncomingStory {
            campaign: "socialcarefuture".into(),
            lang: Lang::Cy,
            title: "Bore".into(),
            body: "Tea.".into(),
            answers,
            share_with_campaign: true,
            publish: true,
            contact: true,
            name_display: NameDisplay::Full,
            name: Some("Siân Jones".into()),
            email: Some("sian@example.org".into()),
            area: Some("Cardiff".into()),
            role: Some("family".into()),
            website: String::new(),
            started_at: 1_700_000_000_000,
            prompts_version: Some("q-0123456789ab".into()),
        };
        assert_eq!(read, expected);
    }

    #[test]
    fn the_payload_sends_only_what_the_person_chose() {
        let consent = Consent {
            publish: false,
            contact: false,
            name_display: Some(NameDisplay::First),
            area: "  ".into(),
            ..consent()
        };
        let answers = BTreeMap::from([("good-day".to_owned(), "Tea.".to_owned())]);
        let json =
            Outgoing::new("socialcarefuture", Lang::Cy, " Bore ", " Tea. ", &answers, &consent, 1_700_000_000_000)
                .to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["name"], "Siân");
        assert_eq!(value["email"], serde_json::Value::Null, "no email is sent without asking to be contacted");
        assert_eq!(value["area"], serde_json::Value::Null);
        assert_eq!(value["role"], serde_json::Value::Null);
        assert_eq!(value["lang"], "cy");
        assert_eq!(value["title"], "Bore");
        assert_eq!(value["consent"]["publish"], false);
        assert_eq!(value["website"], "");
        assert_eq!(value["answers"]["good-day"], "Tea.");
    }

    fn refusal(json: &str) -> (RefusalKind, Option<String>, String) {
        let refusal = parse(json.as_bytes()).unwrap_err();
        (refusal.kind, refusal.field, refusal.detail)
    }

    const STORY: &str =
        r#"{"campaign":"c","lang":"en","title":"t","body":"b","consent":{},"name_display":"anonymous","started_at":1}"#;

    /// The small story above with `path` (`title`, `consent.publish`) set to the JSON `value`.
    fn with(path: &str, value: &str) -> String {
        let mut story: serde_json::Value = serde_json::from_str(STORY).unwrap();
        let place = path.split('.').fold(&mut story, |object, key| &mut object[key]);
        *place = serde_json::from_str(value).unwrap();
        story.to_string()
    }

    #[test]
    fn each_wrong_value_is_named_by_its_field() {
        let cases = [
            (with("title", "5"), "title", "The story's title must be text."),
            (with("email", "[]"), "email", "The story's email must be text or null."),
            (with("answers", r#""x""#), "answers", "The answers must be a JSON object of texts."),
            (with("answers", r#"{"good-day":null}"#), "answers.good-day", "Each answer must be text."),
            (with("consent", "[]"), "consent", "The consent choices must be a JSON object."),
            (with("consent.publish", r#""yes""#), "consent.publish", "consent.publish must be true or false."),
            (with("started_at", "-5"), "started_at", "started_at must be a whole number of milliseconds since 1970."),
            (with("started_at", "1.5"), "started_at", "started_at must be a whole number of milliseconds since 1970."),
        ];
        for (json, field, detail) in cases {
            assert_eq!(refusal(&json), (RefusalKind::Malformed, Some(field.to_owned()), detail.to_owned()), "{json}");
        }
    }

    #[test]
    fn what_is_missing_or_null_is_named_too() {
        let (_, field, detail) = refusal(&STORY.replace(r#""title":"t","#, ""));
        assert_eq!((field.as_deref(), detail.as_str()), (Some("title"), "The story arrived without its title."));
        let (_, field, detail) = refusal(&STORY.replace(r#""body":"b""#, r#""body":null"#));
        assert_eq!((field.as_deref(), detail.as_str()), (Some("body"), "The story arrived without its body."));
        let (_, field, _) = refusal(&STORY.replace(r#""consent":{},"#, ""));
        assert_eq!(field.as_deref(), Some("consent"));
        let (_, field, _) = refusal(&STORY.replace(r#""started_at":1"#, r#""started_at":0"#));
        assert_eq!(field.as_deref(), Some("started_at"));
        let mut story: serde_json::Value = serde_json::from_str(STORY).unwrap();
        story["answers"] = serde_json::Value::Null;
        story["consent"]["publish"] = serde_json::Value::Null;
        story["role"] = "  ".into();
        story["extra"] = serde_json::json!({"x": [1]});
        let story = parse(story.to_string().as_bytes()).unwrap();
        assert_eq!((story.answers.len(), story.publish, story.role), (0, false, None), "null and blank are not given");
    }

    #[test]
    fn broken_json_says_where() {
        let (kind, field, detail) = refusal("{\"title\": ");
        assert_eq!((kind, field), (RefusalKind::Malformed, None));
        assert!(detail.contains("line 1, column 10") && detail.contains("cut off"), "{detail}");
        assert_eq!(refusal("[1, 2]").2, "The story must be sent as a JSON object.");
        assert_eq!(refusal(" \"story\"").2, "The story must be sent as a JSON object.");
        assert_eq!(refusal(&with("consent", "[true, true, false]")).2, "The consent choices must be a JSON object.");
        let (_, _, detail) = refusal(&format!("{STORY} trailing"));
        assert!(detail.starts_with("The story could not be read: it is not valid JSON at line 1"), "{detail}");
        let (_, field, detail) = refusal(&STORY.replace(r#""started_at""#, r#""title":"again","started_at""#));
        assert_eq!(
            (field.as_deref(), detail.as_str()),
            (Some("title"), "The story's title was sent twice: send it once.")
        );
        let (_, _, detail) = refusal("{\"title\" 5}");
        assert!(detail.starts_with("The story could not be read"), "{detail}");
    }
}
