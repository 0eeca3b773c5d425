//! The story wall on the wire (`GET /api/v1/campaigns/{id}/stories`): [`Page`] and
//! [`PublishedStory`] are what the collector writes, [`WallPage`] what the widget reads from it.

use miniserde::json::{self, Number, Value};
use serde::Serialize;

/// One page of the wall, as the collector sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Page {
    pub campaign: String,
    /// The one question the stories answer, when the wall was asked for only those.
    pub prompt: Option<String>,
    /// The campaign's theme a moderator tagged the stories with, when the wall was asked for only those.
    pub theme: Option<String>,
    pub page: u32,
    pub per_page: u32,
    pub next_page: Option<u32>,
    pub stories: Vec<PublishedStory>,
}

/// A story as the public wall shows it, as published: no email or role, and the name as the person
/// chose (unless a moderator changed it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PublishedStory {
    pub id: String,
    pub created_at: i64,
    pub lang: String,
    pub title: String,
    pub body: String,
    pub name: Option<String>,
    /// Where they live, as they wrote it; only ever asked for beside the publication choice.
    pub area: Option<String>,
}

/// One published story as the widget shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WallStory {
    pub id: String,
    pub title: String,
    pub body: String,
    /// None when the person chose no name.
    pub name: Option<String>,
    /// Where they live, if they said and the collector publishes it.
    pub area: Option<String>,
    pub lang: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WallPage {
    pub page: u32,
    pub next_page: Option<u32>,
    pub stories: Vec<WallStory>,
}

fn text(fields: &json::Object, key: &str) -> Option<String> {
    match fields.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

fn number(fields: &json::Object, key: &str) -> Option<u32> {
    match fields.get(key) {
        Some(Value::Number(Number::U64(n))) => u32::try_from(*n).ok(),
        Some(Value::Number(Number::I64(n))) => u32::try_from(*n).ok(),
        _ => None,
    }
}

impl WallPage {
    /// Reads the wall's JSON; stories without a title or words are left out.
    pub fn from_json(body: &str) -> Option<WallPage> {
        let Ok(Value::Object(fields)) = json::from_str::<Value>(body) else { return None };
        let Some(Value::Array(items)) = fields.get("stories") else { return None };
        let stories = items
            .iter()
            .filter_map(|item| {
                let Value::Object(story) = item else { return None };
                Some(WallStory {
                    id: text(story, "id")?,
                    title: text(story, "title")?,
                    body: text(story, "body")?,
                    name: text(story, "name"),
                    area: text(story, "area"),
                    lang: text(story, "lang").unwrap_or_else(|| "en".into()),
                })
            })
            .collect();
        Some(WallPage { page: number(&fields, "page").unwrap_or(1), next_page: number(&fields, "next_page"), stories })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_collector_writes_the_widget_reads() {
        let story = |id: &str, name: Option<&str>| PublishedStory {
            id: id.into(),
            created_at: 1_700_000_000_000,
            lang: "cy".into(),
            title: format!("Title {id}"),
            body: format!("Body {id}"),
            name: name.map(str::to_owned),
            area: Some("Leeds".into()),
        };
        let sent = Page {
            campaign: "socialcarefuture".into(),
            prompt: Some("good-day".into()),
            theme: Some("Home".into()),
            page: 2,
            per_page: 2,
            next_page: Some(3),
            stories: vec![story("a", Some("Sam")), story("b", None)],
        };
        let read = WallPage::from_json(&serde_json::to_string(&sent).unwrap()).unwrap();
        let shown = |s: &PublishedStory| WallStory {
            id: s.id.clone(),
            title: s.title.clone(),
            body: s.body.clone(),
            name: s.name.clone(),
            area: s.area.clone(),
            lang: s.lang.clone(),
        };
        let expected = WallPage { page: 2, next_page: Some(3), stories: sent.stories.iter().map(shown).collect() };
        assert_eq!(read, expected);
    }

    #[test]
    fn reads_a_page_of_stories() {
        let page = WallPage::from_json(
            r#"{"campaign":"x","page":2,"per_page":1,"next_page":3,"stories":[
                {"id":"a","created_at":1,"lang":"cy","title":"Dydd Iau","body":"Te.","name":"Sam","area":"Leeds"},
                {"id":"b","title":"","body":"no title"}]}"#,
        )
        .unwrap();
        assert_eq!((page.page, page.next_page), (2, Some(3)));
        assert_eq!(page.stories.len(), 1);
        let story = &page.stories[0];
        assert_eq!(
            (story.name.as_deref(), story.area.as_deref(), story.lang.as_str()),
            (Some("Sam"), Some("Leeds"), "cy")
        );
    }

    #[test]
    fn the_last_page_has_no_next_and_names_may_be_absent() {
        let page = WallPage::from_json(
            r#"{"page":1,"next_page":null,"stories":[{"id":"a","title":"T","body":"B","name":null}]}"#,
        )
        .unwrap();
        assert_eq!(page.next_page, None);
        assert_eq!(page.stories[0].name, None);
        assert_eq!(WallPage::from_json("<html>"), None);
    }
}
