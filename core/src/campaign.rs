//! What the widget learns about its campaign from the collector: its name, where stories go,
//! how to share them and where its privacy notice is.

use crate::share::ShareSettings;
use miniserde::json::{self, Value};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CampaignInfo {
    pub share: ShareSettings,
    pub privacy_url: Option<String>,
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
        info.privacy_url = text("privacy_url").filter(|l| is_web_address(l));
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
    fn reads_what_the_collector_says_and_keeps_defaults_for_the_rest() {
        let info = CampaignInfo::from_json(
            r##"{"id":"x","name":"Care Fair","hashtags":["#carefair","more"],"privacy_url":"https://example.org/p","theme":{}}"##,
        )
        .unwrap();
        assert_eq!(info.share.campaign_name, "Care Fair");
        assert_eq!(info.share.hashtags, ["carefair", "more"]);
        assert_eq!(info.share.link, ShareSettings::default().link);
        assert_eq!(info.privacy_url.as_deref(), Some("https://example.org/p"));
    }

    #[test]
    fn refuses_links_that_are_not_web_addresses() {
        let info =
            CampaignInfo::from_json(r#"{"link":"javascript:alert(1)","privacy_url":"data:text/html,x"}"#).unwrap();
        assert_eq!(info.share.link, ShareSettings::default().link);
        assert_eq!(info.privacy_url, None);
    }

    #[test]
    fn not_json_is_not_a_campaign() {
        assert_eq!(CampaignInfo::from_json("<html>"), None);
    }
}
