//! The story wall: one page of published stories from `GET /api/v1/campaigns/{id}/stories`.

use miniserde::json::{self, Number, Value};

/// One published story, as the person chose to be named.
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
