//! The reframing engine's findings, marked in a story's text for the moderator.

use maud::{Markup, html};

/// One stretch of text the reframing engine flagged, by byte offsets into the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
    pub rule: String,
    pub why: String,
    pub suggestions: Vec<String>,
}

/// The one place the console asks the reframing engine about a text.
pub fn findings(text: &str) -> Vec<Highlight> {
    story_core::reframe::analyse(text)
        .into_iter()
        .map(|finding| Highlight {
            start: finding.start,
            end: finding.end,
            rule: finding.rule.to_owned(),
            why: finding.why.to_owned(),
            suggestions: finding.suggestions,
        })
        .collect()
}

/// The text with each finding wrapped in `<mark>` and followed by why it was flagged, all escaped.
/// Overlapping findings and offsets that are not on character boundaries are skipped, not trusted.
pub fn marked(text: &str, highlights: &[Highlight]) -> Markup {
    let mut sorted: Vec<&Highlight> = highlights.iter().collect();
    sorted.sort_by_key(|h| (h.start, h.end));
    let mut pieces: Vec<(&str, Option<&Highlight>)> = Vec::new();
    let mut at = 0;
    for highlight in sorted {
        let fits = highlight.start >= at
            && highlight.start < highlight.end
            && highlight.end <= text.len()
            && text.is_char_boundary(highlight.start)
            && text.is_char_boundary(highlight.end);
        if !fits {
            continue;
        }
        pieces.push((&text[at..highlight.start], None));
        pieces.push((&text[highlight.start..highlight.end], Some(highlight)));
        at = highlight.end;
    }
    pieces.push((&text[at..], None));
    html! {
        @for (piece, highlight) in pieces {
            @match highlight {
                Some(h) => { mark { (piece) } " " span.finding-why { "[" (h.why) "]" } }
                None => { (piece) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(start: usize, end: usize, why: &str) -> Highlight {
        Highlight { start, end, rule: "r".into(), why: why.into(), suggestions: vec![] }
    }

    #[test]
    fn marks_findings_and_escapes_everything() {
        let text = "I <script>x</script> suffer from it";
        let start = text.find("suffer").unwrap();
        let html = marked(text, &[finding(start, start + 6, "<b>deficit</b>")]).into_string();
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<mark>suffer</mark>"), "{html}");
        assert!(html.contains("[&lt;b&gt;deficit&lt;/b&gt;]"), "{html}");
    }

    #[test]
    fn the_reframing_engine_is_asked() {
        let text = "She is a service user who suffers from dementia.";
        let found = findings(text);
        assert!(!found.is_empty(), "the lexicon flags deficit wording");
        assert!(marked(text, &found).into_string().contains("<mark>"));
    }

    #[test]
    fn bad_offsets_are_ignored() {
        let text = "café";
        let html = marked(text, &[finding(0, 4, "x"), finding(3, 2, "y"), finding(0, 99, "z")]).into_string();
        assert_eq!(html, "café");
    }
}
