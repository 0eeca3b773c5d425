//! What the widget learns about its campaign from the collector: its name, where stories go,
//! how to share them and where its privacy notice is (read in `wire::campaign`), and the checks
//! that keep a campaign's colours readable.

use crate::campaign_words::{CampaignQuestions, ConsentTexts, Localised};
use crate::share::ShareSettings;

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
    /// The version of its questions, sent with the story.
    pub prompts_version: Option<String>,
    /// Whom a person at risk can call, named on the consent page.
    pub helpline: Option<Helpline>,
    /// What its stories are about, as moderators tag them (the wall's filter offers them).
    pub themes: Vec<String>,
}

/// A phone line for someone at risk: its name and number, as the campaign gives them.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Helpline {
    pub name: String,
    pub phone: String,
}

impl Helpline {
    /// The number as a `tel:` link dials it: digits and a leading `+` only.
    pub fn tel_href(&self) -> String {
        let digits: String = self.phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        format!("tel:{digits}")
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
