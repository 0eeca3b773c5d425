//! The campaigns this collector serves, read once at start-up from a TOML file.
//!
//! Every key is known: a misspelt one stops the collector with the file, line and key, because a
//! silently ignored `retention_days` or `allowed_origins` would be worse than not starting.

use crate::campaign_logo::Logo;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The default campaign file, built in so the one binary works from any directory.
pub const EMBEDDED: &str = include_str!("../../campaigns.toml");
/// Read from the working directory when no `--campaigns` file is named.
pub const DEFAULT_FILE: &str = "campaigns.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CampaignFile {
    #[serde(default)]
    campaign: Vec<Campaign>,
}

/// `[campaign.email]`: how the campaign sends its one email to a storyteller on publication.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EmailSettings {
    /// `smtps://user:password@host:465`, `smtp://host:587?tls=required`, or `smtp://host:25` (no TLS).
    pub smtp_url: String,
    /// Who the email is from: `"#socialcarefuture <stories@example.org>"`.
    pub from: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    #[serde(default)]
    pub hashtags: Vec<String>,
    pub link: Option<String>,
    /// The services the widget offers share links to, in this order; all of them when absent.
    pub share_targets: Option<Vec<String>>,
    pub privacy_url: Option<String>,
    #[serde(default)]
    pub consent: ConsentTexts,
    #[serde(default = "default_retention_days")]
    pub retention_days: u32,
    /// Which stories `retention_days` deletes: rejected ones (the default), or every story.
    #[serde(default)]
    pub retention_applies_to: RetentionScope,
    #[serde(default = "default_min_seconds")]
    pub min_seconds: u64,
    #[serde(default)]
    pub theme: Theme,
    #[serde(default)]
    pub prompts: Vec<PromptOverride>,
    /// The ids of the questions asked, when not all of them; they are always asked in the tested order.
    pub steps: Option<Vec<String>>,
    /// 0 (off), or how many leading zero bits the widget's proof of work must find before a story is taken.
    #[serde(default)]
    pub proof_of_work: u32,
    /// The widget starts in easy read (short sentences, larger text, pictures); people can still switch.
    #[serde(default)]
    pub easy_read: bool,
    /// What stories are about ("Home", "Direct payments"), for moderators to tag them with.
    #[serde(default, skip_serializing)]
    pub themes: Vec<String>,
    /// The campaign's own SMTP server, for the one email to a storyteller when their story is published.
    #[serde(default, skip_serializing)]
    pub email: Option<EmailSettings>,
    /// Who is told of a story that may disclose harm, and the campaign's own words to look for.
    #[serde(default, skip_serializing)]
    pub safeguarding: Safeguarding,
    /// Read by the webhook outbox; never sent to the widget (the secrets are in here).
    #[serde(default, skip_serializing)]
    pub webhooks: Vec<Webhook>,
    /// The image named by `theme.logo`, read at start-up.
    #[serde(skip)]
    pub logo: Option<Logo>,
    /// Made from every word of the questions asked (see [`Campaign::questions_version`]).
    #[serde(skip)]
    pub prompts_version: String,
}

/// `[campaign.safeguarding]`: a story holding one of core's phrases (story_core::safeguarding) or
/// one of `phrases` needs a person to look first.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Safeguarding {
    /// Words to look for beside the built-in ones (in any language the campaign hears).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Who moderators tell, as they should be named ("Sam Patel, safeguarding lead, 0113 496 0000").
    /// A webhook with `events = ["safeguarding"]` reaches them with each such story.
    pub contact: Option<String>,
    /// The phone line the consent page gives a person at risk (`{ name = "Samaritans", phone = "116 123" }`).
    pub helpline: Option<Helpline>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Helpline {
    pub name: String,
    pub phone: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RetentionScope {
    /// Rejected stories go `retention_days` after the decision; others stay until withdrawn.
    #[default]
    Rejected,
    /// Every story goes `retention_days` after it was sent, whatever became of it.
    All,
}

/// A campaign id: 1 to 64 ASCII letters, digits or hyphens (it is in URLs and the database).
pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn default_retention_days() -> u32 {
    90
}

fn default_min_seconds() -> u64 {
    20
}

/// The campaign's own words next to each consent choice; the widget's defaults where absent.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentTexts {
    pub share_with_campaign: Option<Text>,
    pub publish: Option<Text>,
    pub contact: Option<Text>,
    pub privacy: Option<Text>,
}

/// A campaign's text: a plain string is English; a table gives it per language
/// (`{ en = "...", cy = "..." }`). The widget uses its own words in a language the campaign left out.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Text {
    English(String),
    ByLanguage(BTreeMap<String, String>),
}

impl Text {
    fn check(&self, key: &str) -> Result<(), String> {
        let texts: Vec<(&str, &str)> = match self {
            Text::English(text) => vec![("en", text)],
            Text::ByLanguage(texts) => texts.iter().map(|(lang, text)| (lang.as_str(), text.as_str())).collect(),
        };
        for (lang, text) in texts {
            if story_core::locale::Lang::from_code(lang).is_none() {
                let known: Vec<_> = story_core::locale::Lang::ALL.iter().map(|l| l.code()).collect();
                return Err(format!("{key}: `{lang}` is not a language we know; use {}", known.join(" or ")));
            }
            let length = text.trim().chars().count();
            if length == 0 || length > story_core::campaign_words::TEXT_MAX_CHARS {
                return Err(format!(
                    "{key}: the {lang} text must have 1 to {} characters",
                    story_core::campaign_words::TEXT_MAX_CHARS
                ));
            }
        }
        Ok(())
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub primary: Option<String>,
    pub background: Option<String>,
    /// An image file beside the campaigns file; served at `/api/v1/campaigns/{id}/logo`, never by path.
    #[serde(skip_serializing)]
    pub logo: Option<String>,
    /// What the logo says, for people who cannot see it (required with a logo).
    pub logo_alt: Option<Text>,
}

impl Theme {
    /// Why people could not read the widget in these colours (WCAG AA contrast); empty if they can.
    pub fn problems(&self) -> Vec<String> {
        story_core::campaign::theme_problems(&story_core::campaign::Theme {
            primary: self.primary.clone(),
            background: self.background.clone(),
        })
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PromptOverride {
    pub id: String,
    pub label: Option<Text>,
    pub question: Option<Text>,
    pub hint: Option<Text>,
    pub example: Option<Text>,
    /// The same for easy read: short sentences, one idea per line (lines split by `\n`).
    pub easy_question: Option<Text>,
    pub easy_hint: Option<Text>,
    pub easy_example: Option<Text>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Webhook {
    pub url: String,
    pub secret: String,
    #[serde(default = "default_events")]
    pub events: Vec<WebhookEvent>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WebhookEvent {
    New,
    Approved,
    Updated,
    /// A new story that needs a person to look first: for the safeguarding contact's endpoint.
    Safeguarding,
}

/// `story.withdrawn` is not a choice: every endpoint hears of it.
fn default_events() -> Vec<WebhookEvent> {
    vec![WebhookEvent::New, WebhookEvent::Approved, WebhookEvent::Updated]
}

/// Every campaign, by id.
#[derive(Clone, Debug, Default)]
pub struct Campaigns {
    by_id: BTreeMap<String, Campaign>,
    /// What was refused but did not stop the collector (a theme people could not read), for the log.
    warnings: Vec<String>,
}

impl Campaigns {
    /// Reads `path` if given; else `campaigns.toml` in the working directory if there is one;
    /// else the built-in file. Returns where it read from too, for the start-up message.
    pub fn load(path: Option<&Path>) -> Result<(Campaigns, String), String> {
        let chosen = path.map(Path::to_path_buf).or_else(|| {
            let default = Path::new(DEFAULT_FILE);
            default.is_file().then(|| default.to_path_buf())
        });
        match chosen {
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read the campaigns file {}: {e}", path.display()))?;
                let name = path.display().to_string();
                let folder = path.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p });
                Ok((Campaigns::parse_beside(&text, &name, folder)?, name))
            }
            None => Ok((Campaigns::parse(EMBEDDED, "the built-in campaigns.toml")?, "built-in".into())),
        }
    }

    /// Parses and checks a campaigns file; `source` names it in error messages.
    pub fn parse(text: &str, source: &str) -> Result<Campaigns, String> {
        Campaigns::parse_beside(text, source, None)
    }

    /// As [`Campaigns::parse`], reading logos from `folder` (where the campaigns file is).
    pub fn parse_beside(text: &str, source: &str, folder: Option<&Path>) -> Result<Campaigns, String> {
        // toml's message already names the line, the column and the unknown key.
        let file: CampaignFile = toml::from_str(text).map_err(|e| format!("{source}: {e}"))?;
        let mut by_id = BTreeMap::new();
        let mut warnings = Vec::new();
        for mut campaign in file.campaign {
            campaign.check().map_err(|e| format!("{source}: campaign `{}`: {e}", campaign.id))?;
            campaign.prompts_version = campaign.questions_version();
            if let Some(file) = &campaign.theme.logo {
                let logo =
                    Logo::load(file, folder).map_err(|e| format!("{source}: campaign `{}`: {e}", campaign.id))?;
                campaign.logo = Some(logo);
            }
            let problems = campaign.theme.problems();
            if !problems.is_empty() {
                warnings.push(format!(
                    "{source}: campaign `{}`: its theme is refused and the widget keeps its own colours, because {}",
                    campaign.id,
                    problems.join("; ")
                ));
                // Only the colours are refused; the logo stays.
                campaign.theme.primary = None;
                campaign.theme.background = None;
            }
            let id = campaign.id.clone();
            if by_id.insert(id.clone(), campaign).is_some() {
                return Err(format!("{source}: two campaigns have the id `{id}`"));
            }
        }
        if by_id.is_empty() {
            return Err(format!("{source}: no [[campaign]] is configured"));
        }
        Ok(Campaigns { by_id, warnings })
    }

    /// Settings refused at start-up, each a sentence for the log.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn get(&self, id: &str) -> Option<&Campaign> {
        self.by_id.get(id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Campaign> {
        self.by_id.values()
    }

    /// Whether any campaign allows `origin`: preflights for paths that name no campaign use this.
    pub fn any_allows(&self, origin: &str) -> bool {
        self.iter().any(|c| c.allows_origin(origin))
    }
}

impl Campaign {
    pub fn allows_origin(&self, origin: &str) -> bool {
        self.allowed_origins.iter().any(|allowed| allowed == "*" || allowed.eq_ignore_ascii_case(origin))
    }

    /// The prompt ids this campaign's answers may use: core's prompts (every language has the same ids).
    /// A short label for the questions as this campaign asks them: the built-in words of every
    /// language, the campaign's own words and which questions it asks. Rewording any of them
    /// makes a new version, so stories can be compared across a change of questions.
    fn questions_version(&self) -> String {
        let own = serde_json::to_string(&(&self.prompts, &self.steps)).unwrap_or_default();
        let words = format!("{}\u{1d}{own}", story_core::campaign_words::builtin_prompt_words());
        format!("q-{}", &crate::tokens::sha256_hex(words.as_bytes())[..12])
    }

    pub fn prompt_ids(&self) -> Vec<&'static str> {
        story_core::locale::Lang::En.locale().prompts.iter().map(|p| p.id).collect()
    }

    fn check(&self) -> Result<(), String> {
        if !valid_id(&self.id) {
            return Err("the id must be 1 to 64 letters, digits or hyphens".into());
        }
        if let Some(line) = &self.safeguarding.helpline {
            let digits = line.phone.chars().filter(char::is_ascii_digit).count();
            let dialable = line.phone.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '+');
            if line.name.trim().is_empty()
                || line.name.chars().count() > 100
                || !dialable
                || !(3..=15).contains(&digits)
            {
                return Err(
                    "safeguarding.helpline: give its name (up to 100 characters) and a phone number of 3 to 15 \
                            digits, with spaces or a leading + if you like"
                        .into(),
                );
            }
        }
        if let Some(email) = &self.email {
            if !(email.smtp_url.starts_with("smtp://") || email.smtp_url.starts_with("smtps://")) {
                return Err(
                    "email.smtp_url: give the SMTP server as smtps://host:465 or smtp://host:587?tls=required".into()
                );
            }
            if email.from.parse::<lettre::message::Mailbox>().is_err() {
                return Err(format!(
                    "email.from: `{}` is not an email address, like \"Campaign <stories@example.org>\"",
                    email.from
                ));
            }
        }
        for (at, theme) in self.themes.iter().enumerate() {
            let bad = theme.trim() != theme
                || theme.is_empty()
                || theme.chars().count() > THEME_MAX_CHARS
                || theme.chars().any(|c| c.is_control() || c == '"' || c == '\\');
            if bad {
                return Err(format!(
                    "themes: `{theme}` must be 1 to {THEME_MAX_CHARS} characters, with no quotation marks or \
                     spaces at either end"
                ));
            }
            if self.themes[..at].iter().any(|other| same_theme(other, theme)) {
                return Err(format!("themes: `{theme}` is named twice"));
            }
        }
        if let Some(phrase) = self.safeguarding.phrases.iter().find(|p| p.trim().is_empty() || p.chars().count() > 100)
        {
            return Err(format!("safeguarding.phrases: `{phrase}` must be 1 to 100 characters"));
        }
        for origin in &self.allowed_origins {
            let ok = origin == "*"
                || ((origin.starts_with("https://") || origin.starts_with("http://"))
                    && !origin.trim_end_matches('/').split_once("://").is_some_and(|(_, rest)| rest.contains('/'))
                    && !origin.ends_with('/'));
            if !ok {
                return Err(format!(
                    "allowed_origins: `{origin}` is not an origin; write it like https://example.org (no path, no slash at the end)"
                ));
            }
        }
        for (key, url) in [("link", &self.link), ("privacy_url", &self.privacy_url)] {
            if let Some(url) = url
                && !(url.starts_with("https://") || url.starts_with("http://"))
            {
                return Err(format!("{key}: `{url}` must start with https:// or http://"));
            }
        }
        if self.proof_of_work > story_core::proof_of_work::MAX_DIFFICULTY {
            return Err(format!(
                "proof_of_work: {} is too hard for phones; use 0 (off) or 1 to {} (16 to 20 suits most campaigns)",
                self.proof_of_work,
                story_core::proof_of_work::MAX_DIFFICULTY
            ));
        }
        for (key, colour) in [("theme.primary", &self.theme.primary), ("theme.background", &self.theme.background)] {
            if let Some(colour) = colour {
                let hex = colour.strip_prefix('#').unwrap_or("");
                if !matches!(hex.len(), 3 | 6) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(format!("{key}: `{colour}` must be a colour like #1d70b8"));
                }
            }
        }
        let known = self.prompt_ids();
        for prompt in &self.prompts {
            if !known.contains(&prompt.id.as_str()) {
                return Err(format!("prompts: `{}` is not a prompt id; the ids are {}", prompt.id, known.join(", ")));
            }
            let texts = [
                ("label", &prompt.label),
                ("question", &prompt.question),
                ("hint", &prompt.hint),
                ("example", &prompt.example),
                ("easy_question", &prompt.easy_question),
                ("easy_hint", &prompt.easy_hint),
                ("easy_example", &prompt.easy_example),
            ];
            for (key, text) in texts {
                if let Some(text) = text {
                    text.check(&format!("prompts.{}.{key}", prompt.id))?;
                }
            }
        }
        for code in self.share_targets.iter().flatten() {
            if story_core::share::ShareTarget::from_code(code).is_none() {
                let known: Vec<_> = story_core::share::ShareTarget::ALL.iter().map(|t| t.code()).collect();
                return Err(format!("share_targets: `{code}` is not a service we link to; use {}", known.join(", ")));
            }
        }
        match (&self.theme.logo, &self.theme.logo_alt) {
            (Some(_), None) => {
                return Err("theme.logo_alt: say what the logo shows, for people who cannot see it".into());
            }
            (_, Some(alt)) => alt.check("theme.logo_alt")?,
            (None, None) => {}
        }
        if let Some(steps) = &self.steps {
            if steps.is_empty() {
                return Err("steps: name at least one question, or leave steps out to ask them all".into());
            }
            for (i, id) in steps.iter().enumerate() {
                if !known.contains(&id.as_str()) {
                    return Err(format!("steps: `{id}` is not a prompt id; the ids are {}", known.join(", ")));
                }
                if steps[..i].contains(id) {
                    return Err(format!("steps: `{id}` is named twice"));
                }
            }
        }
        let consent = [
            ("consent.share_with_campaign", &self.consent.share_with_campaign),
            ("consent.publish", &self.consent.publish),
            ("consent.contact", &self.consent.contact),
            ("consent.privacy", &self.consent.privacy),
        ];
        for (key, text) in consent {
            if let Some(text) = text {
                text.check(key)?;
            }
        }
        for hook in &self.webhooks {
            let host = crate::webhooks::host_of(&hook.url);
            if let Some(problem) = crate::webhooks::address_problem(&hook.url) {
                return Err(format!("webhooks: the address for {host} {problem}"));
            }
            if hook.secret.len() < 16 {
                return Err(format!("webhooks: the secret for {host} must be at least 16 characters"));
            }
        }
        Ok(())
    }
}

/// A theme's longest name.
pub const THEME_MAX_CHARS: usize = 40;

impl Campaign {
    /// The campaign's theme named `name` (any case), as campaigns.toml spells it.
    pub fn theme_named(&self, name: &str) -> Option<&str> {
        theme_named(&self.themes, name)
    }
}

/// The theme among `themes` named `name` (any case, spaces around it ignored), as it is spelt there.
pub fn theme_named<'t>(themes: &'t [String], name: &str) -> Option<&'t str> {
    themes.iter().find(|theme| same_theme(theme, name)).map(String::as_str)
}

/// Whether two theme names are the same theme: any case (not only ASCII), spaces around ignored.
pub fn same_theme(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_are_short_names_each_given_once() {
        let parse = |themes: &str| {
            Campaigns::parse(&format!("[[campaign]]\nid = \"x\"\nname = \"X\"\nthemes = {themes}\n"), "t")
        };
        let campaigns = parse(r#"["Home", "Direct payments"]"#).unwrap();
        assert_eq!(campaigns.get("x").unwrap().theme_named(" direct PAYMENTS"), Some("Direct payments"));
        for wrong in [
            r#"["Home", "home"]"#,
            r#"[""]"#,
            r#"["say \"hi\""]"#,
            r#"[" Home"]"#,
            &format!("[\"{}\"]", "x".repeat(41)),
        ] {
            assert!(parse(wrong).unwrap_err().contains("themes: `"), "{wrong}");
        }
    }

    #[test]
    fn a_helpline_needs_a_name_and_a_number_that_dials() {
        let parse = |line: &str| {
            Campaigns::parse(&format!("[[campaign]]\nid = \"x\"\nname = \"X\"\n[campaign.safeguarding]\n{line}\n"), "t")
        };
        assert!(parse(r#"helpline = { name = "Samaritans", phone = "116 123" }"#).is_ok());
        assert!(parse(r#"helpline = { name = "Line", phone = "+44 808 808 8141" }"#).is_ok());
        for wrong in
            [r#"helpline = { name = "", phone = "116 123" }"#, r#"helpline = { name = "X", phone = "call us" }"#]
        {
            assert!(parse(wrong).unwrap_err().contains("safeguarding.helpline"), "{wrong}");
        }
        assert!(parse(r#"phrases = [" "]"#).unwrap_err().contains("safeguarding.phrases"));
    }

    #[test]
    fn rewording_or_choosing_other_questions_makes_a_new_version() {
        let version = |extra: &str| {
            let text = format!("[[campaign]]\nid = \"x\"\nname = \"X\"\n{extra}");
            Campaigns::parse(&text, "test").unwrap().get("x").unwrap().prompts_version.clone()
        };
        let built_in = version("");
        assert_eq!(built_in, version(""), "the same questions, the same version");
        assert!(built_in.starts_with("q-") && built_in.len() == 14, "{built_in}");
        let reworded = version("[[campaign.prompts]]\nid = \"community\"\nquestion = \"Who do you see each week?\"\n");
        let fewer = version("steps = [\"good-day\", \"community\"]\n");
        assert!(built_in != reworded && built_in != fewer && reworded != fewer, "{built_in} {reworded} {fewer}");
    }

    #[test]
    fn the_built_in_file_is_valid() {
        let campaigns = Campaigns::parse(EMBEDDED, "built-in").unwrap();
        let campaign = campaigns.get(story_core::DEFAULT_CAMPAIGN).unwrap();
        assert_eq!(campaign.min_seconds, 20);
        assert!(campaign.allows_origin("https://socialcarefuture.org.uk"));
        assert!(!campaign.allows_origin("https://evil.example"));
    }

    #[test]
    fn a_plain_http_webhook_elsewhere_is_refused_naming_only_its_host() {
        let file = |url: &str| {
            format!(
                "[[campaign]]\nid = \"x\"\nname = \"X\"\n[[campaign.webhooks]]\nurl = \"{url}\"\nsecret = \"0123456789abcdef\"\n"
            )
        };
        let error = Campaigns::parse(&file("http://hooks.example.org/in?token=abc123"), "test.toml").unwrap_err();
        assert!(error.contains("hooks.example.org") && error.contains("use https://"), "{error}");
        assert!(!error.contains("abc123"), "the path and query are not told: {error}");
        assert!(Campaigns::parse(&file("http://127.0.0.1:9000/hook"), "test.toml").is_ok(), "loopback may be http");
        assert!(Campaigns::parse(&file("https://hooks.example.org/in"), "test.toml").is_ok());
    }

    #[test]
    fn a_theme_people_cannot_read_is_refused_with_the_reason() {
        let text = "[[campaign]]\nid = \"x\"\nname = \"X\"\n[campaign.theme]\nprimary = \"#ffdd00\"\n";
        let campaigns = Campaigns::parse(text, "test.toml").unwrap();
        assert!(campaigns.get("x").unwrap().theme.primary.is_none(), "the theme is not served");
        let warning = &campaigns.warnings()[0];
        assert!(warning.contains("campaign `x`") && warning.contains("white text on buttons"), "{warning}");
        assert!(warning.contains("WCAG AA needs at least 4.5:1"), "{warning}");
        assert!(Campaigns::parse(EMBEDDED, "built-in").unwrap().warnings().is_empty());
    }

    #[test]
    fn an_unknown_key_names_the_file_line_and_key() {
        let text = "[[campaign]]\nid = \"x\"\nname = \"X\"\nretention_dayz = 3\n";
        let error = Campaigns::parse(text, "campaigns.toml").unwrap_err();
        assert!(error.starts_with("campaigns.toml: "), "{error}");
        assert!(error.contains("line 4") && error.contains("retention_dayz"), "{error}");
    }

    #[test]
    fn bad_values_are_explained() {
        let error = Campaigns::parse(
            "[[campaign]]\nid = \"x\"\nname = \"X\"\nallowed_origins = [\"https://a.org/path\"]\n",
            "f",
        )
        .unwrap_err();
        assert!(error.contains("allowed_origins"), "{error}");
        let twice = "[[campaign]]\nid = \"x\"\nname = \"X\"\n[[campaign]]\nid = \"x\"\nname = \"Y\"\n";
        assert!(Campaigns::parse(twice, "f").unwrap_err().contains("two campaigns"));
    }

    #[test]
    fn a_logo_is_read_beside_the_file_and_needs_words_for_who_cannot_see_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("club.png"), b"\x89PNG").unwrap();
        let file = dir.path().join("campaigns.toml");
        let text = "[[campaign]]\nid = \"x\"\nname = \"X\"\n[campaign.theme]\nlogo = \"club.png\"\nlogo_alt = \"The lunch club\"\nprimary = \"#ffdd00\"\n";
        std::fs::write(&file, text).unwrap();
        let (campaigns, _) = Campaigns::load(Some(&file)).unwrap();
        let campaign = campaigns.get("x").unwrap();
        assert_eq!(campaign.logo.as_ref().unwrap().bytes.as_ref(), b"\x89PNG");
        assert_eq!(campaign.theme.primary, None, "an unreadable colour is refused, the logo kept");
        let served = serde_json::to_value(campaign).unwrap();
        assert!(served["theme"].get("logo").is_none(), "the file's path is not served");
        assert!(Campaigns::parse(text, "f").unwrap_err().contains("campaigns file on disk"));
        let without_alt = text.replace("logo_alt = \"The lunch club\"\n", "");
        assert!(Campaigns::parse_beside(&without_alt, "f", Some(dir.path())).unwrap_err().contains("logo_alt"));
    }

    #[test]
    fn a_campaigns_own_words_may_be_per_language_and_are_checked() {
        let base = "[[campaign]]\nid = \"x\"\nname = \"X\"\n";
        let good = format!(
            "{base}steps = [\"good-day\", \"community\"]\n[campaign.consent]\npublish = \"Put it on our wall\"\n\
             contact = {{ en = \"Ring me\", cy = \"Ffoniwch fi\" }}\n[[campaign.prompts]]\nid = \"community\"\n\
             label = {{ cy = \"Fy nghlwb\" }}\n"
        );
        let campaigns = Campaigns::parse(&good, "f").unwrap();
        let served = serde_json::to_value(campaigns.get("x").unwrap()).unwrap();
        assert_eq!(served["consent"]["publish"], "Put it on our wall", "a plain string is served as written");
        assert_eq!(served["consent"]["contact"]["cy"], "Ffoniwch fi");
        assert_eq!(served["prompts"][0]["label"]["cy"], "Fy nghlwb");
        assert_eq!(served["steps"][1], "community");
        for (bad, says) in [
            ("steps = []\n", "at least one question"),
            ("steps = [\"good-day\", \"good-day\"]\n", "named twice"),
            ("steps = [\"bingo\"]\n", "`bingo` is not a prompt id"),
            ("share_targets = [\"myspace\"]\n", "`myspace` is not a service"),
            ("[campaign.consent]\npublish = { fr = \"Oui\" }\n", "`fr` is not a language"),
            ("[campaign.consent]\npublish = \"  \"\n", "consent.publish: the en text must have 1 to"),
        ] {
            let error = Campaigns::parse(&format!("{base}{bad}"), "f").unwrap_err();
            assert!(error.contains(says), "{bad}: {error}");
        }
    }
}
