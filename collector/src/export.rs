//! Stories out to where campaigners work: CSV that opens correctly in Excel, and JSON Lines.
//! Both carry the same fields; what a person did not agree to share is left out, and an
//! anonymised export leaves out every name, email address and area as well.
//!
//! An export is streamed a batch at a time ([`stream`]), so its memory stays the same whether a
//! campaign has a hundred stories or a hundred thousand.

use crate::clock::iso as iso_time;
use crate::store::{Store, StoredStory, StoryFilter};
use axum::body::Bytes;
use futures_util::Stream;

/// The columns of both formats, in order. `title`, `story` and `answers` are the story as the wall
/// would show it: a moderator's redaction (`redacted_by` says whose) applies to every copy given
/// out, so what was taken out never travels in a spreadsheet. `published_name` and
/// `published_area` are what the wall shows beside the story, after the person's choice and any
/// change (empty: nothing shown). `prompts_version` is the version of the questions the story
/// answers, so stories can be compared across a change of the questions' words. `themes` are the
/// campaign's themes a moderator tagged it with (CSV: separated by "; "), and `reframing_findings`
/// how many wordings in the story the reframing engine would suggest others for.
pub const COLUMNS: [&str; 24] = [
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
    "themes",
    "reframing_findings",
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
        story.themes.join("; "),
        story_core::reframe::analyse(story.shown_body()).len().to_string(),
    ]
}

/// The columns an anonymised export leaves out: who the person is and where they live.
pub const IDENTIFYING: [&str; 5] = ["published_name", "published_area", "name", "email", "area"];

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a leading tab or carriage
/// return) gets a leading apostrophe, so it shows as the text it is and never runs.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}").into() } else { cell.into() }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// UTF-8 with a byte-order mark (so Excel does not guess another encoding), CRLF line ends,
    /// every cell quoted where needed and neutralised.
    Csv,
    /// One JSON object per line, keys as in the columns; `answers` is an object, not a string.
    JsonLines,
}

/// How an export is written: its format, and whether it is anonymised.
#[derive(Clone, Copy, Debug)]
pub struct Encoder {
    pub format: Format,
    pub anonymised: bool,
}

impl Encoder {
    /// Which of [`COLUMNS`] this export has.
    fn kept(&self) -> impl Iterator<Item = (usize, &'static str)> + '_ {
        COLUMNS.into_iter().enumerate().filter(|(_, name)| !(self.anonymised && IDENTIFYING.contains(name)))
    }

    pub fn columns(&self) -> Vec<&'static str> {
        self.kept().map(|(_, name)| name).collect()
    }

    /// What comes before the first story: for CSV, the byte-order mark and the header row.
    pub fn start(&self) -> Vec<u8> {
        match self.format {
            Format::Csv => {
                let mut out = b"\xEF\xBB\xBF".to_vec();
                self.csv_record(&mut out, self.columns());
                out
            }
            Format::JsonLines => Vec::new(),
        }
    }

    /// The stories' rows.
    pub fn rows(&self, stories: &[StoredStory]) -> Vec<u8> {
        let mut out = Vec::new();
        for story in stories {
            let cells = row(story);
            let kept = self.kept().map(|(at, name)| (name, &cells[at]));
            match self.format {
                Format::Csv => self.csv_record(&mut out, kept.map(|(_, cell)| neutralise(cell).into_owned())),
                Format::JsonLines => {
                    let object: serde_json::Map<String, serde_json::Value> = kept
                        .map(|(name, cell)| {
                            let value = match name {
                                "answers" => serde_json::json!(story.shown_answers()),
                                "themes" => serde_json::json!(story.themes),
                                "reframing_findings" => cell.parse().map_or(serde_json::Value::Null, |n: u64| n.into()),
                                _ if cell.is_empty() => serde_json::Value::Null,
                                _ => serde_json::Value::String(cell.clone()),
                            };
                            (name.to_owned(), value)
                        })
                        .collect();
                    out.extend(serde_json::to_vec(&object).unwrap_or_default());
                    out.push(b'\n');
                }
            }
        }
        out
    }

    fn csv_record<T: AsRef<[u8]>>(&self, out: &mut Vec<u8>, record: impl IntoIterator<Item = T>) {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
        // Writing into memory cannot fail, so the results are ignored deliberately.
        let _ = writer.write_record(record);
        let _ = writer.flush();
    }

    /// A whole export of these stories at once (for a handful; a campaign's stories are [`stream`]ed).
    pub fn all(&self, stories: &[StoredStory]) -> Vec<u8> {
        let mut out = self.start();
        out.extend(self.rows(stories));
        out
    }
}

/// The whole CSV export of these stories, not anonymised.
pub fn csv(stories: &[StoredStory]) -> Vec<u8> {
    Encoder { format: Format::Csv, anonymised: false }.all(stories)
}

/// The whole JSON Lines export of these stories, not anonymised.
pub fn json_lines(stories: &[StoredStory]) -> Vec<u8> {
    Encoder { format: Format::JsonLines, anonymised: false }.all(stories)
}

/// Stories fetched and written per step of a stream: small enough that memory stays flat.
pub const BATCH: u32 = 500;

/// Every story matching the filter (not just a page of it), oldest first, written `BATCH` stories at
/// a time as they are read. Only stories received before the export began are in it, so what it
/// holds does not depend on how fast it is read. A database failure part-way ends the stream with
/// an error, so the download is cut short rather than looking complete.
pub fn stream(
    store: Store,
    filter: StoryFilter,
    encoder: Encoder,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let began = crate::clock::now_ms() + 1;
    let filter = StoryFilter { to_ms: Some(filter.to_ms.map_or(began, |to| to.min(began))), ..filter };
    let first = Some(Bytes::from(encoder.start()));
    let state = (store, filter, first, None::<(i64, String)>, false);
    futures_util::stream::try_unfold(state, move |(store, filter, first, after, done)| async move {
        if let Some(first) = first {
            return Ok(Some((first, (store, filter, None, after, done))));
        }
        if done {
            return Ok(None);
        }
        let batch = store.stories_after(&filter, after.as_ref(), BATCH).await.map_err(|error| {
            tracing::error!(%error, "an export could not read the next stories: the download was cut short");
            std::io::Error::other("the stories could not be read")
        })?;
        let Some(last) = batch.last() else { return Ok(None) };
        let after = Some((last.created_at, last.id.clone()));
        let done = batch.len() < BATCH as usize;
        Ok(Some((Bytes::from(encoder.rows(&batch)), (store, filter, None, after, done))))
    })
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
            themes: Vec::new(),
            published_email_at: None,
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
