//! What became of a sent story (`GET /api/v1/stories/{id}` with its withdraw token): what the
//! collector writes and the widget reads. Only the state: never a moderator's note or name.

use miniserde::json::{self, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryState {
    /// Not yet read by the campaign team.
    Waiting,
    /// On the campaign's story wall.
    Published,
    /// Read, and kept for the campaign, but not on the wall (not approved for it, or the person
    /// did not agree to publication).
    NotPublished,
    /// The person withdrew it, and it was deleted.
    Withdrawn,
}

impl StoryState {
    pub const ALL: [StoryState; 4] =
        [StoryState::Waiting, StoryState::Published, StoryState::NotPublished, StoryState::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            StoryState::Waiting => "waiting",
            StoryState::Published => "published",
            StoryState::NotPublished => "not_published",
            StoryState::Withdrawn => "withdrawn",
        }
    }

    /// Reads the answer's `state`.
    pub fn from_json(body: &str) -> Option<StoryState> {
        let Ok(Value::Object(fields)) = json::from_str::<Value>(body) else { return None };
        let Some(Value::String(state)) = fields.get("state") else { return None };
        StoryState::ALL.into_iter().find(|s| s.as_str() == state)
    }
}

/// The address of the page a person keeps to check on their story: on the collector that took it
/// (`stories_endpoint`, when the campaign names one elsewhere, or `here`, the origin the widget
/// was served from), in their language.
pub fn page_link(stories_endpoint: Option<&str>, here: &str, id: &str, token: &str, lang: &str) -> String {
    let origin = stories_endpoint.and_then(|endpoint| endpoint.strip_prefix("https://")).map_or_else(
        || here.trim_end_matches('/').to_owned(),
        |rest| format!("https://{}", rest.split('/').next().unwrap_or(rest)),
    );
    // Ids and tokens are letters, digits and `_`; anything else is dropped, not trusted.
    let safe =
        |text: &str| text.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect::<String>();
    format!("{origin}/my-story?id={}&token={}&lang={}", safe(id), safe(token), safe(lang))
}

/// The answer as the collector writes it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StatusAnswer {
    pub id: String,
    pub state: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_collector_writes_the_widget_reads() {
        for state in StoryState::ALL {
            let sent = StatusAnswer { id: "st_1".into(), state: state.as_str() };
            assert_eq!(StoryState::from_json(&serde_json::to_string(&sent).unwrap()), Some(state));
        }
        assert_eq!(StoryState::from_json(r#"{"state":"approved"}"#), None);
    }

    #[test]
    fn the_page_to_keep_is_on_the_collector_that_took_the_story() {
        let here = "http://127.0.0.1:8080";
        assert_eq!(
            page_link(None, here, "st_1", "ab12", "cy"),
            "http://127.0.0.1:8080/my-story?id=st_1&token=ab12&lang=cy"
        );
        assert_eq!(
            page_link(Some("https://stories.example/api/v1/stories"), here, "st_1", "ab\"<12", "en"),
            "https://stories.example/my-story?id=st_1&token=ab12&lang=en"
        );
        assert_eq!(
            page_link(Some("/api/v1/stories"), here, "st_1", "t", "en"),
            "http://127.0.0.1:8080/my-story?id=st_1&token=t&lang=en"
        );
    }
}
