//! What the widget learns about its campaign from the collector: its name, where stories go,
//! how to share them and where its privacy notice is.

use crate::campaign_words::{CampaignQuestions, ConsentTexts, Localised};
use crate::proof_of_work::MAX_DIFFICULTY;
use crate::share::{ShareSettings, ShareTarget};
use miniserde::json::{self, Number, Value};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CampaignInfo {
    pub share: ShareSettings,
    pub privacy_url: Option<String>,
    /// The campaign's colours, only if they pass [`theme_problems`].
    pub theme: Theme,
    /// Where stories are sent (`endpoints.stories`); the collector that served the widget if absent.
    pub stories_endpoint: Option<String>,
    /// Leading zero bits a proof of work must have before a story is accepted; 0 for none.
    pub proof_of_work: u32,
    /// Start in easy read (the person can still switch).
    pub easy_read: bool,
    /// Its words beside the consent choices and about keeping stories safe.
    pub consent: ConsentTexts,
    /// The questions it asks, in its words.
    pub questions: CampaignQuestions,
    /// Its logo, served by the collector, with words for people who cannot see it.
    pub logo: Option<CampaignLogo>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CampaignLogo {
    /// A path on the collector that served the widget.
    pub src: String,
    pub alt: Localised,
}

impl CampaignLogo {
    /// Its words in `lang`, else in English (the campaign's own words beat none), else its name.
    pub fn alt<'a>(&'a self, lang: crate::locale::Lang, name: &'a str) -> &'a str {
        self.alt.get(lang).or_else(|| self.alt.get(crate::locale::Lang::En)).unwrap_or(name)
    }
}

/// A campaign's colours (`#rrggbb` or `#rgb`). `primary` is used for the brand stripe, links and
/// buttons (with white text on them); `background` behind the page's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Theme {
    pub primary: Option<String>,
    pub background: Option<String>,
}

/// The widget's own colours that a theme is checked against (assets/style.css).
pub const TEXT_COLOUR: &str = "#0b0c0c";
pub const BUTTON_TEXT_COLOUR: &str = "#ffffff";
pub const DEFAULT_BACKGROUND: &str = "#ffffff";
/// WCAG 2.2 AA, success criterion 1.4.3: text needs at least 4.5:1 against what is behind it.
pub const AA_TEXT_CONTRAST: f64 = 4.5;

/// Red, green and blue (0 to 255) of `#rrggbb` or `#rgb`.
pub fn parse_colour(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize, width: usize| u8::from_str_radix(&hex[i * width..i * width + width], 16).ok();
    match hex.len() {
        6 => Some([digit(0, 2)?, digit(1, 2)?, digit(2, 2)?]),
        3 => Some([digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17]),
        _ => None,
    }
}

/// WCAG's relative luminance.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG's contrast ratio between two colours, from 1 to 21.
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// One reason a theme cannot be used.
enum ThemeProblem<'a> {
    NotAColour { key: &'static str, value: &'a str },
    LowContrast { what: &'static str, against: &'static str, ratio: f64 },
}

/// Checks a theme, telling `problem` each reason it cannot be used. The widget only asks whether
/// there is one ([`theme_is_usable`]), so the words (and the float formatting they need) are not
/// in its wasm.
fn check_theme<'a>(theme: &'a Theme, mut problem: impl FnMut(ThemeProblem<'a>)) {
    let mut colour = |key: &'static str, value: &'a Option<String>, default: &str| match value {
        None => parse_colour(default),
        Some(value) => {
            let parsed = parse_colour(value);
            if parsed.is_none() {
                problem(ThemeProblem::NotAColour { key, value });
            }
            parsed
        }
    };
    let background = colour("background", &theme.background, DEFAULT_BACKGROUND);
    let primary = colour("primary", &theme.primary, "#1d70b8");
    let (Some(background), Some(primary)) = (background, primary) else { return };
    let pairs = [
        ("the page's text", TEXT_COLOUR, "theme.background", background),
        ("links (theme.primary)", "", "theme.background", background),
        ("white text on buttons", BUTTON_TEXT_COLOUR, "theme.primary", primary),
    ];
    for (what, fixed, against, other) in pairs {
        let front = if fixed.is_empty() { primary } else { parse_colour(fixed).expect("our colours are valid") };
        let ratio = contrast_ratio(front, other);
        if ratio < AA_TEXT_CONTRAST {
            problem(ThemeProblem::LowContrast { what, against, ratio });
        }
    }
}

/// Why a theme cannot be used, in words for whoever edits the campaigns file; empty if it can.
pub fn theme_problems(theme: &Theme) -> Vec<String> {
    let mut problems = Vec::new();
    check_theme(theme, |problem| {
        problems.push(match problem {
            ThemeProblem::NotAColour { key, value } => format!("theme.{key} `{value}` is not a colour like #1d70b8"),
            ThemeProblem::LowContrast { what, against, ratio } => format!(
                "{what} on {against} would have a contrast of {ratio:.2}:1; WCAG AA needs at least {AA_TEXT_CONTRAST}:1"
            ),
        })
    });
    problems
}

/// Whether [`theme_problems`] would be empty, without writing its words.
pub fn theme_is_usable(theme: &Theme) -> bool {
    let mut usable = true;
    check_theme(theme, |_| usable = false);
    usable
}

impl CampaignInfo {
    /// Reads `GET /api/v1/campaigns/{id}`. Fields it lacks keep the movement's defaults, so an
    /// older or smaller collector still gives a working widget.
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
    fn contrast_is_measured_as_wcag_does() {
        let ratio = contrast_ratio(parse_colour("#000").unwrap(), parse_colour("#ffffff").unwrap());
        assert!((ratio - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(parse_colour("#1d70b8").unwrap(), [255; 3]) - 5.17).abs() < 0.01);
        let dark = Theme { primary: None, background: Some("#333333".into()) };
        let problems = theme_problems(&dark);
        assert!(problems.iter().any(|p| p.starts_with("the page's text on theme.background")), "{problems:?}");
        assert!(!theme_is_usable(&dark));
        let unparsable = Theme { primary: Some("red".into()), background: None };
        assert!(!theme_is_usable(&unparsable) && !theme_problems(&unparsable).is_empty());
        assert!(theme_problems(&Theme::default()).is_empty());
        assert!(theme_is_usable(&Theme::default()));
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
