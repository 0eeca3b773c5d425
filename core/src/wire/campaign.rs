//! A campaign's settings on the wire (`GET /api/v1/campaigns/{id}`): [`Settings`] is what the
//! collector writes, [`CampaignInfo::from_json`] how the widget reads it. The widget's reader is
//! forgiving on purpose: a field it lacks keeps the movement's default, so an older or smaller
//! collector still gives a working widget.

use crate::campaign::{CampaignInfo, CampaignLogo, Helpline, Theme, theme_is_usable};
use crate::campaign_words::{CampaignQuestions, ConsentTexts, Localised};
use crate::consent::{AREA_MAX_CHARS, EMAIL_MAX_CHARS, NAME_MAX_CHARS};
use crate::proof_of_work::MAX_DIFFICULTY;
use crate::share::ShareTarget;
use crate::validate::{ANSWER_MAX_CHARS, ANSWER_MAX_WORDS, STORY_MAX_CHARS, STORY_MAX_WORDS, TITLE_MAX_CHARS};
use miniserde::json::{self, Number, Value};
use serde::Serialize;

/// A campaign's settings as the collector sends them. The campaign's own words (`consent`,
/// `prompts`) and its `theme` are the collector's campaign file as written; the widget reads them
/// in `campaign_words`.
#[derive(Clone, Debug, Serialize)]
pub struct Settings {
    pub id: String,
    pub name: String,
    pub hashtags: Vec<String>,
    pub link: Option<String>,
    /// The share services offered, in order; all of them when absent.
    pub share_targets: Option<Vec<String>>,
    pub privacy_url: Option<String>,
    pub consent: serde_json::Value,
    /// `primary`, `background`, and `logo` as a path on the collector (never the file's own path).
    pub theme: serde_json::Value,
    pub min_seconds: u64,
    pub retention_days: u32,
    pub retention_applies_to: serde_json::Value,
    pub prompts: serde_json::Value,
    pub steps: Option<Vec<String>>,
    /// Changes whenever the questions' words do; every story records the one it answers.
    pub prompts_version: String,
    /// Whom a person at risk can call, named on the consent page.
    pub helpline: Option<Helpline>,
    pub proof_of_work: u32,
    pub easy_read: bool,
    /// What its stories are about, as moderators tag them: the wall can show one theme's stories.
    pub themes: Vec<String>,
    pub endpoints: Endpoints,
    pub limits: Limits,
}

/// Where the widget sends a story, fetches a proof-of-work challenge, and reads the wall.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Endpoints {
    pub stories: String,
    pub challenge: String,
    pub wall: String,
}

impl Endpoints {
    /// This collector's own paths for the campaign `id`.
    pub fn here(id: &str) -> Endpoints {
        Endpoints {
            stories: "/api/v1/stories".into(),
            challenge: format!("/api/v1/campaigns/{id}/challenge"),
            wall: format!("/api/v1/campaigns/{id}/stories"),
        }
    }
}

/// The limits every story is checked against, by the widget and the collector alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Limits {
    pub title_max_chars: usize,
    pub answer_max_words: usize,
    pub answer_max_chars: usize,
    pub story_max_words: usize,
    pub story_max_chars: usize,
    pub name_max_chars: usize,
    pub email_max_chars: usize,
    pub area_max_chars: usize,
}

impl Limits {
    pub const CORE: Limits = Limits {
        title_max_chars: TITLE_MAX_CHARS,
        answer_max_words: ANSWER_MAX_WORDS,
        answer_max_chars: ANSWER_MAX_CHARS,
        story_max_words: STORY_MAX_WORDS,
        story_max_chars: STORY_MAX_CHARS,
        name_max_chars: NAME_MAX_CHARS,
        email_max_chars: EMAIL_MAX_CHARS,
        area_max_chars: AREA_MAX_CHARS,
    };
}

impl CampaignInfo {
    /// Reads `GET /api/v1/campaigns/{id}`; fields it lacks keep the movement's defaults.
    pub fn from_json(body: &str) -> Option<CampaignInfo> {
        let Ok(Value::Object(fields)) = json::from_str::<Value>(body) else { return None };
        let text = |key: &str| match fields.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            _ => None,
        };
        let mut info = CampaignInfo::default();
        if let Some(name) = text("name") {
            info.share.campaign_name = name;
        }
        if let Some(link) = text("link").filter(|l| is_web_address(l)) {
            info.share.link = link;
        }
        if let Some(Value::Array(tags)) = fields.get("hashtags") {
            let tags: Vec<String> = tags
                .iter()
                .filter_map(|t| match t {
                    Value::String(s) => Some(s.trim().trim_start_matches('#').to_owned()).filter(|s| !s.is_empty()),
                    _ => None,
                })
                .collect();
            if !tags.is_empty() {
                info.share.hashtags = tags;
            }
        }
        if let Some(Value::Array(codes)) = fields.get("share_targets") {
            let codes = codes.iter().filter_map(|c| if let Value::String(c) = c { Some(c.as_str()) } else { None });
            info.share.targets = codes.filter_map(ShareTarget::from_code).collect();
        }
        info.privacy_url = text("privacy_url").filter(|l| is_web_address(l));
        if let Some(Value::Object(theme)) = fields.get("theme") {
            let colour = |key: &str| match theme.get(key) {
                Some(Value::String(s)) => Some(s.trim().to_owned()),
                _ => None,
            };
            // Only from the collector itself: the page's policy allows no other images, and a logo
            // elsewhere would tell another site who visits.
            if let Some(Value::String(src)) = theme.get("logo")
                && src.starts_with('/')
                && !src.starts_with("//")
            {
                let alt = Localised::from_json(theme.get("logo_alt"));
                info.logo = Some(CampaignLogo { src: src.clone(), alt });
            }
            let theme = Theme { primary: colour("primary"), background: colour("background") };
            // The collector refuses such a theme already; an older one might not.
            if theme_is_usable(&theme) {
                info.theme = theme;
            }
        }
        if let Some(Value::Object(endpoints)) = fields.get("endpoints")
            && let Some(Value::String(stories)) = endpoints.get("stories")
            && (stories.starts_with('/') && !stories.starts_with("//") || stories.starts_with("https://"))
        {
            info.stories_endpoint = Some(stories.trim_end_matches('/').to_owned());
        }
        if let Some(Value::Number(Number::U64(bits))) = fields.get("proof_of_work") {
            info.proof_of_work = (*bits).min(u64::from(MAX_DIFFICULTY)) as u32;
        }
        if let Some(Value::Object(consent)) = fields.get("consent") {
            info.consent = ConsentTexts::from_json(consent);
        }
        info.questions = CampaignQuestions::from_json(&fields);
        info.easy_read = matches!(fields.get("easy_read"), Some(Value::Bool(true)));
        info.prompts_version = text("prompts_version");
        if let Some(Value::Array(themes)) = fields.get("themes") {
            info.themes = themes
                .iter()
                .filter_map(|t| if let Value::String(t) = t { Some(t.trim().to_owned()) } else { None })
                .filter(|t| !t.is_empty())
                .collect();
        }
        if let Some(Value::Object(helpline)) = fields.get("helpline") {
            let part = |key: &str| match helpline.get(key) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                _ => None,
            };
            if let (Some(name), Some(phone)) = (part("name"), part("phone")) {
                info.helpline = Some(Helpline { name, phone });
            }
        }
        Some(info)
    }
}

/// Only http(s) links are followed: a campaign file must not be able to plant `javascript:` links.
fn is_web_address(link: &str) -> bool {
    link.starts_with("https://") || link.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::ShareSettings;

    #[test]
    fn what_the_collector_writes_the_widget_reads() {
        let sent = Settings {
            id: "carefair".into(),
            name: "Care Fair".into(),
            hashtags: vec!["carefair".into()],
            link: Some("https://carefair.example/".into()),
            share_targets: Some(vec!["email".into()]),
            privacy_url: Some("https://carefair.example/privacy".into()),
            consent: serde_json::json!({"publish": {"en": "On our wall"}}),
            theme: serde_json::json!({"primary": "#5a2a82", "logo": "/api/v1/campaigns/carefair/logo", "logo_alt": "Care Fair"}),
            min_seconds: 20,
            retention_days: 90,
            retention_applies_to: "rejected".into(),
            prompts: serde_json::json!([{"id": "good-day", "question": "What makes a good day?"}]),
            steps: Some(vec!["good-day".into()]),
            prompts_version: "q-0123456789ab".into(),
            helpline: Some(Helpline { name: "Samaritans".into(), phone: "116 123".into() }),
            proof_of_work: 12,
            easy_read: true,
            themes: vec!["Home".into(), "Direct payments".into()],
            endpoints: Endpoints::here("carefair"),
            limits: Limits::CORE,
        };
        let info = CampaignInfo::from_json(&serde_json::to_string(&sent).unwrap()).unwrap();
        assert_eq!(info.share.campaign_name, "Care Fair");
        assert_eq!(info.share.hashtags, ["carefair"]);
        assert_eq!(info.share.link, "https://carefair.example/");
        assert_eq!(info.share.targets, [ShareTarget::Email]);
        assert_eq!(info.privacy_url.as_deref(), Some("https://carefair.example/privacy"));
        assert_eq!(info.consent.publish.get(crate::locale::Lang::En), Some("On our wall"));
        assert_eq!(info.theme.primary.as_deref(), Some("#5a2a82"));
        assert_eq!(info.logo.map(|l| l.src).as_deref(), Some("/api/v1/campaigns/carefair/logo"));
        assert_eq!(info.questions.steps.as_deref(), Some(&["good-day".to_owned()][..]));
        assert_eq!(info.questions.words.len(), 1, "{:?}", info.questions);
        assert_eq!(info.stories_endpoint.as_deref(), Some("/api/v1/stories"));
        assert_eq!((info.proof_of_work, info.easy_read), (12, true));
        assert_eq!(info.prompts_version.as_deref(), Some("q-0123456789ab"));
        assert_eq!(info.themes, ["Home", "Direct payments"]);
        let helpline = info.helpline.unwrap();
        assert_eq!((helpline.name.as_str(), helpline.tel_href()), ("Samaritans", "tel:116123".to_owned()));
    }

    #[test]
    fn the_stories_endpoint_is_a_path_here_or_an_https_address() {
        let endpoint = |json: &str| CampaignInfo::from_json(json).unwrap().stories_endpoint;
        assert_eq!(endpoint(r#"{"endpoints":{"stories":"/api/v1/stories"}}"#).as_deref(), Some("/api/v1/stories"));
        assert_eq!(
            endpoint(r#"{"endpoints":{"stories":"https://collect.example.org/api/v1/stories/"}}"#).as_deref(),
            Some("https://collect.example.org/api/v1/stories")
        );
        assert_eq!(endpoint("{}"), None, "the collector that served the widget");
        for refused in ["//evil.example/x", "http://plain.example/x", "javascript:alert(1)"] {
            assert_eq!(endpoint(&format!(r#"{{"endpoints":{{"stories":"{refused}"}}}}"#)), None, "{refused}");
        }
    }

    #[test]
    fn proof_of_work_is_off_unless_asked_for_and_never_beyond_the_maximum() {
        let bits = |json: &str| CampaignInfo::from_json(json).unwrap().proof_of_work;
        assert_eq!(bits(r#"{"id":"x","proof_of_work":16}"#), 16);
        assert_eq!(bits(r#"{"id":"x","proof_of_work":99}"#), MAX_DIFFICULTY);
        assert_eq!(bits(r#"{"id":"x"}"#), 0);
    }

    #[test]
    fn reads_what_the_collector_says_and_keeps_defaults_for_the_rest() {
        let info = CampaignInfo::from_json(
            r##"{"id":"x","name":"Care Fair","hashtags":["#carefair","more"],"privacy_url":"https://example.org/p","theme":{}}"##,
        )
        .unwrap();
        assert_eq!(info.share.campaign_name, "Care Fair");
        assert_eq!(info.share.hashtags, ["carefair", "more"]);
        assert_eq!(info.share.link, ShareSettings::default().link);
        assert_eq!(info.privacy_url.as_deref(), Some("https://example.org/p"));
        assert_eq!(info.share.targets, ShareTarget::ALL, "every service unless the campaign chooses");
    }

    #[test]
    fn a_logo_comes_only_from_the_collector() {
        let logo = |json: &str| CampaignInfo::from_json(json).unwrap().logo;
        let served =
            logo(r#"{"theme":{"logo":"/api/v1/campaigns/x/logo","logo_alt":{"en":"The club","cy":"Y clwb"}}}"#);
        let served = served.unwrap();
        assert_eq!(
            (served.src.as_str(), served.alt.get(crate::locale::Lang::Cy)),
            ("/api/v1/campaigns/x/logo", Some("Y clwb"))
        );
        for elsewhere in ["https://tracker.example/l.png", "//tracker.example/l.png", "javascript:alert(1)"] {
            assert_eq!(logo(&format!(r#"{{"theme":{{"logo":"{elsewhere}"}}}}"#)), None, "{elsewhere}");
        }
    }

    #[test]
    fn a_campaign_chooses_its_share_services_in_its_order() {
        let targets = |json: &str| CampaignInfo::from_json(json).unwrap().share.targets;
        assert_eq!(
            targets(r#"{"share_targets":["email","WhatsApp","myspace"]}"#),
            [ShareTarget::Email, ShareTarget::WhatsApp]
        );
        assert_eq!(targets(r#"{"share_targets":[]}"#), [], "no links at all");
    }

    #[test]
    fn refuses_links_that_are_not_web_addresses() {
        let info =
            CampaignInfo::from_json(r#"{"link":"javascript:alert(1)","privacy_url":"data:text/html,x"}"#).unwrap();
        assert_eq!(info.share.link, ShareSettings::default().link);
        assert_eq!(info.privacy_url, None);
    }

    #[test]
    fn a_readable_theme_is_kept_an_unreadable_one_refused() {
        let info = CampaignInfo::from_json(r##"{"theme":{"primary":"#5a2a82","background":"#fff"}}"##).unwrap();
        assert_eq!(info.theme.primary.as_deref(), Some("#5a2a82"));
        let info = CampaignInfo::from_json(r##"{"theme":{"primary":"#ffdd00"}}"##).unwrap();
        assert_eq!(info.theme, Theme::default(), "yellow buttons with white text cannot be read");
        let info = CampaignInfo::from_json(r##"{"theme":{"primary":"red; x: y"}}"##).unwrap();
        assert_eq!(info.theme, Theme::default());
    }

    #[test]
    fn reads_the_campaigns_own_words() {
        let info = CampaignInfo::from_json(
            r#"{"consent":{"publish":{"en":"Put it on our wall","cy":"Rhowch hi ar ein wal"}},"steps":["community"]}"#,
        )
        .unwrap();
        assert_eq!(info.consent.publish.get(crate::locale::Lang::Cy), Some("Rhowch hi ar ein wal"));
        assert_eq!(info.questions.steps.as_deref(), Some(&["community".to_owned()][..]));
    }

    #[test]
    fn easy_read_is_off_unless_the_campaign_says_true() {
        let easy = |json: &str| CampaignInfo::from_json(json).unwrap().easy_read;
        assert!(easy(r#"{"easy_read":true}"#));
        assert!(!easy(r#"{"easy_read":false}"#));
        assert!(!easy(r#"{"easy_read":"yes"}"#));
        assert!(!easy("{}"));
    }

    #[test]
    fn not_json_is_not_a_campaign() {
        assert_eq!(CampaignInfo::from_json("<html>"), None);
    }
}
