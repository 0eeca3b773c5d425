//! Stories out to where campaigners work: CSV that opens correctly in Excel, and JSON Lines.
//! Both carry the same fields; what a person did not agree to share is left out.

use crate::clock::iso as iso_time;
use crate::store::StoredStory;

/// The columns of both formats, in order. `title`, `story` and `answers` are the story as the wall
/// would show it: a moderator's redaction (`redacted_by` says whose) applies to every copy given
/// out, so what was taken out never travels in a spreadsheet. `published_name` and
/// `published_area` are what the wall shows beside the story, after the person's choice and any
/// change (empty: nothing shown). `prompts_version` is the version of the questions the story
/// answers, so stories can be compared across a change of the questions' words.
pub const COLUMNS: [&str; 22] = [
    "id",
    "campaign",
    "received_at",
    "language",
    "status",
    "title",
    "story",
    "published_name",
    "published_area",
    "answers",
    "share_with_campaign",
    "may_publish",
    "may_contact",
    "name_display",
    "name",
    "email",
    "area",
    "role",
    "moderated_by",
    "moderated_at",
    "redacted_by",
    "prompts_version",
];

/// A story's export row. The email is included only if they agreed to be contacted.
fn row(story: &StoredStory) -> Vec<String> {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let flag = |value: bool| if value { "yes" } else { "no" }.to_owned();
    let email = if story.sent.contact { text(&story.sent.email) } else { String::new() };
    vec![
        story.id.clone(),
        story.sent.campaign.clone(),
        iso_time(story.created_at),
        story.sent.lang.clone(),
        story.status.as_str().to_owned(),
        story.shown_title().to_owned(),
        story.shown_body().to_owned(),
        text(&story.shown_name()),
        text(&story.shown_area()),
        serde_json::to_string(&story.shown_answers()).unwrap_or_default(),
        flag(story.sent.share_with_campaign),
        flag(story.sent.publish),
        flag(story.sent.contact),
        story.sent.name_display.clone(),
        text(&story.sent.name),
        email,
        text(&story.sent.area),
        text(&story.sent.role),
        text(&story.moderated_by),
        story.moderated_at.map(iso_time).unwrap_or_default(),
        text(&story.redacted_by),
        text(&story.sent.prompts_version),
    ]
}

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a leading tab or carriage
/// return) gets a leading apostrophe, so it shows as the text it is and never runs.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}").into() } else { cell.into() }
}

/// UTF-8 with a byte-order mark (so Excel does not guess another encoding), CRLF line ends,
/// every cell quoted where needed and neutralised.
pub fn csv(stories: &[StoredStory]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        // Writing into memory cannot fail, so the results are ignored deliberately.
        let _ = writer.write_record(COLUMNS);
        for story in stories {
            let _ = writer.write_record(row(story).iter().map(|cell| neutralise(cell).into_owned()));
        }
        let _ = writer.flush();
    }
    out
}

/// One JSON object per line, keys as in `COLUMNS`; `answers` is an object, not a string.
pub fn json_lines(stories: &[StoredStory]) -> Vec<u8> {
    let mut out = Vec::new();
    for story in stories {
        let mut object = serde_json::Map::new();
        for (key, value) in COLUMNS.iter().zip(row(story)) {
            let value = match *key {
                "answers" => serde_json::from_str(&value).unwrap_or(serde_json::Value::String(value)),
                _ if value.is_empty() => serde_json::Value::Null,
                _ => serde_json::Value::String(value),
            };
            object.insert((*key).to_owned(), value);
        }
        out.extend(serde_json::to_vec(&object).unwrap_or_default());
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SentStory;

    fn story(title: &str, body: &str) -> StoredStory {
        StoredStory {
            id: "s1".into(),
            created_at: 0,
            sent: SentStory {
                campaign: "c".into(),
                lang: "en".into(),
                title: title.into(),
                body: body.into(),
                answers: [("home".to_owned(), "=1+1".to_owned())].into(),
                share_with_campaign: true,
                publish: true,
                contact: false,
                name_display: "anonymous".into(),
                name: None,
                email: Some("hidden@example.org".into()),
                area: None,
                role: None,
                prompts_version: None,
            },
            status: crate::store::Status::New,
            published_title: None,
            published_name: None,
            published_area: None,
            published_body: None,
            redacted_by: None,
            redacted_at: None,
            moderated_by: None,
            moderated_at: None,
            safeguarding: Vec::new(),
        }
    }

    #[test]
    fn csv_has_a_bom_and_neutralises_formulas() {
        let out = csv(&[story("=HYPERLINK(\"http://x\")", "-2+3\nsecond line")]);
        assert!(out.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(out[3..].to_vec()).unwrap();
        assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
        assert!(text.contains("\"'-2+3\nsecond line\""), "{text}");
        assert!(!text.contains("hidden@example.org"), "no email without consent to contact");
    }

    #[test]
    fn the_name_and_area_published_are_what_the_wall_shows() {
        let column = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
        let mut chosen = story("t", "b");
        (chosen.sent.name_display, chosen.sent.name, chosen.sent.area) =
            ("first".into(), Some("Sam Jones".into()), Some("Leeds".into()));
        let mut changed = chosen.clone();
        (changed.published_name, changed.published_area) = (Some("A neighbour".into()), Some(String::new()));
        let (chosen, changed) = (row(&chosen), row(&changed));
        assert_eq!(
            (chosen[column("published_name")].as_str(), chosen[column("published_area")].as_str()),
            ("Sam", "Leeds")
        );
        assert_eq!(
            (changed[column("published_name")].as_str(), changed[column("published_area")].as_str()),
            ("A neighbour", "")
        );
        assert_eq!((changed[column("name")].as_str(), changed[column("area")].as_str()), ("Sam Jones", "Leeds"));
    }

    #[test]
    fn a_redaction_applies_to_the_title_story_and_answers_given_out() {
        let mut redacted = story("Home at 4 Elm Road", "=1+1\n\nI live at 4 Elm Road.");
        redacted.sent.answers.insert("people".into(), "I live at 4 Elm Road.".into());
        (redacted.published_title, redacted.published_body) = (Some("Home".into()), Some("=1+1".into()));
        redacted.redacted_by = Some("sam".into());
        for out in [csv(std::slice::from_ref(&redacted)), json_lines(std::slice::from_ref(&redacted))] {
            let text = String::from_utf8(out).unwrap();
            assert!(!text.contains("Elm Road"), "{text}");
            assert!(text.contains("=1+1") && text.contains("sam"), "{text}");
        }
    }

    #[test]
    fn neutralises_every_trigger() {
        for cell in ["=1", "+1", "-1", "@x", "\tx", "\rx"] {
            assert!(neutralise(cell).starts_with('\''), "{cell:?}");
        }
        assert_eq!(neutralise("plain"), "plain");
    }

    #[test]
    fn json_lines_are_one_object_per_line_with_answers_as_an_object() {
        let out = String::from_utf8(json_lines(&[story("<script>", "=1+1"), story("t", "b")])).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(first["title"], "<script>");
        assert_eq!(first["answers"]["home"], "=1+1");
        assert_eq!(first["email"], serde_json::Value::Null);
    }
}
