//! Sharing a finished story: the short text that goes with it, links to the places people post,
//! and the layout of the story card image (drawn by the widget on a canvas).

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

/// What a campaign puts on everything shared from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareSettings {
    pub campaign_name: String,
    /// Without the `#`.
    pub hashtags: Vec<String>,
    pub link: String,
    /// The services offered as links, in this order; none at all is allowed.
    pub targets: Vec<ShareTarget>,
}

impl Default for ShareSettings {
    fn default() -> Self {
        ShareSettings {
            campaign_name: "#socialcarefuture".into(),
            hashtags: vec!["socialcarefuture".into()],
            link: "https://socialcarefuture.org.uk".into(),
            targets: ShareTarget::ALL.to_vec(),
        }
    }
}

/// The places a story can be shared to with a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareTarget {
    X,
    Facebook,
    WhatsApp,
    Bluesky,
    LinkedIn,
    Email,
}

impl ShareTarget {
    pub const ALL: [ShareTarget; 6] = [
        ShareTarget::X,
        ShareTarget::Facebook,
        ShareTarget::WhatsApp,
        ShareTarget::Bluesky,
        ShareTarget::LinkedIn,
        ShareTarget::Email,
    ];

    /// How a campaign names it in its settings (`share_targets`).
    pub fn code(self) -> &'static str {
        match self {
            ShareTarget::X => "x",
            ShareTarget::Facebook => "facebook",
            ShareTarget::WhatsApp => "whatsapp",
            ShareTarget::Bluesky => "bluesky",
            ShareTarget::LinkedIn => "linkedin",
            ShareTarget::Email => "email",
        }
    }

    pub fn from_code(code: &str) -> Option<ShareTarget> {
        ShareTarget::ALL.into_iter().find(|t| t.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The service's own name, the same in every language.
    pub fn name(self) -> &'static str {
        match self {
            ShareTarget::X => "X",
            ShareTarget::Facebook => "Facebook",
            ShareTarget::WhatsApp => "WhatsApp",
            ShareTarget::Bluesky => "Bluesky",
            ShareTarget::LinkedIn => "LinkedIn",
            ShareTarget::Email => "email",
        }
    }
}

/// Posts are short: the title, the hashtags and the link. The story itself travels by copy,
/// Web Share or the card, so nothing is cut mid-sentence by a service's length limit.
pub fn post_text(title: &str, settings: &ShareSettings) -> String {
    let tags: Vec<String> = settings.hashtags.iter().map(|t| format!("#{}", t.trim_start_matches('#'))).collect();
    match title.trim() {
        "" => tags.join(" "),
        title => format!("“{title}” {}", tags.join(" ")).trim_end().to_owned(),
    }
}

/// A link that opens `target` with the post written and the campaign's link attached.
pub fn share_link(target: ShareTarget, title: &str, story: &str, settings: &ShareSettings) -> String {
    let enc = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
    let text = post_text(title, settings);
    let link = &settings.link;
    match target {
        ShareTarget::X => format!("https://x.com/intent/post?text={}&url={}", enc(&text), enc(link)),
        ShareTarget::Facebook => format!("https://www.facebook.com/sharer/sharer.php?u={}", enc(link)),
        ShareTarget::WhatsApp => format!("https://wa.me/?text={}", enc(&format!("{text} {link}"))),
        ShareTarget::Bluesky => format!("https://bsky.app/intent/compose?text={}", enc(&format!("{text} {link}"))),
        ShareTarget::LinkedIn => format!("https://www.linkedin.com/sharing/share-offsite/?url={}", enc(link)),
        ShareTarget::Email => {
            let subject = if title.trim().is_empty() { settings.campaign_name.as_str() } else { title.trim() };
            format!("mailto:?subject={}&body={}", enc(subject), enc(&format!("{story}\n\n{text} {link}")))
        }
    }
}

/// The first lines of a story, for the card when the person has not picked their own:
/// whole sentences up to `max_chars`, or the start of the first sentence, cut at a word.
pub fn default_excerpt(body: &str, max_chars: usize) -> String {
    let first_paragraph = body.trim().split("\n\n").next().unwrap_or("").replace('\n', " ");
    let mut excerpt = String::new();
    for sentence in first_paragraph.split_inclusive(['.', '!', '?']) {
        if excerpt.chars().count() + sentence.chars().count() > max_chars {
            break;
        }
        excerpt.push_str(sentence);
    }
    if excerpt.trim().is_empty() {
        let cut: String = first_paragraph.chars().take(max_chars).collect();
        let at_word = match cut.rfind(' ') {
            Some(space) if cut.chars().count() < first_paragraph.chars().count() => &cut[..space],
            _ => &cut,
        };
        excerpt = at_word.to_owned();
        if excerpt.len() < first_paragraph.len() {
            excerpt.push('…');
        }
    }
    excerpt.trim().to_owned()
}

/// Breaks `text` into lines no wider than `max_width` as measured by `measure` (the canvas's
/// own text metrics in the widget), at spaces where it can and inside a word only where a word
/// alone is too wide, never inside an emoji sequence or before a combining mark. At most
/// `max_lines` lines; anything cut is marked with an ellipsis.
pub fn wrap_lines(text: &str, max_width: f64, max_lines: usize, measure: impl Fn(&str) -> f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut truncated = false;
    'words: for word in text.split_whitespace() {
        let candidate = if current.is_empty() { word.to_owned() } else { format!("{current} {word}") };
        if measure(&candidate) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                truncated = true;
                break 'words;
            }
        }
        // A word too wide for a line on its own is broken between characters.
        for piece in unbreakable_pieces(word) {
            let candidate = format!("{current}{piece}");
            if measure(&candidate) <= max_width || current.is_empty() {
                current = candidate;
            } else {
                lines.push(std::mem::replace(&mut current, piece.to_owned()));
                if lines.len() == max_lines {
                    truncated = true;
                    break 'words;
                }
            }
        }
    }
    if !current.is_empty() && !truncated {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        truncated = true;
    }
    if truncated && let Some(last) = lines.last_mut() {
        while !last.is_empty() && measure(&format!("{last}…")) > max_width {
            last.pop();
        }
        last.push('…');
    }
    lines
}

/// Splits a word into the pieces a line may break between: a character with everything that
/// joins onto it (combining marks, variation selectors, skin tones, zero-width joiners and what
/// they join, the second half of a flag).
fn unbreakable_pieces(word: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    let mut regional_run = 0;
    for (i, c) in word.char_indices() {
        let joins =
            previous.is_some_and(|p| p == '\u{200D}' || joins_previous(c) || (is_regional(c) && regional_run % 2 == 1));
        if i > 0 && !joins {
            pieces.push(&word[start..i]);
            start = i;
        }
        regional_run = if is_regional(c) { regional_run + 1 } else { 0 };
        previous = Some(c);
    }
    if start < word.len() {
        pieces.push(&word[start..]);
    }
    pieces
}

fn is_regional(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn joins_previous(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}' | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}' | '\u{200C}'..='\u{200D}' | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A monospace stand-in for the canvas: every character is 10 units wide.
    fn mono(s: &str) -> f64 {
        s.chars().count() as f64 * 10.0
    }

    #[test]
    fn lines_wrap_at_spaces_within_the_width() {
        let lines = wrap_lines("a good day starts with tea", 100.0, 5, mono);
        assert_eq!(lines, ["a good day", "starts", "with tea"]);
        assert!(lines.iter().all(|l| mono(l) <= 100.0));
    }

    #[test]
    fn a_long_word_breaks_between_characters_but_never_inside_an_emoji_or_accent() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let flag = "\u{1F1EC}\u{1F1E7}";
        let word = format!("abcde\u{301}fgh{family}ij{flag}klmnopq");
        let lines = wrap_lines(&word, 40.0, 20, mono);
        assert_eq!(lines.concat(), word, "nothing is lost or reordered");
        for line in &lines {
            assert!(!line.starts_with('\u{301}') && !line.starts_with('\u{200D}') && !line.starts_with('\u{1F1E7}'));
        }
        assert!(lines.iter().any(|l| l.contains(family)), "the family emoji stays whole: {lines:?}");
    }

    #[test]
    fn too_many_lines_end_with_an_ellipsis_that_fits() {
        let lines = wrap_lines("one two three four five six seven", 100.0, 2, mono);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| mono(l) <= 100.0), "{lines:?}");
    }

    #[test]
    fn empty_text_has_no_lines() {
        assert!(wrap_lines("   ", 100.0, 3, mono).is_empty());
    }

    #[test]
    fn excerpts_take_whole_sentences_or_cut_at_a_word() {
        assert_eq!(
            default_excerpt("Tea first. Then the allotment. Then a long nap.", 32),
            "Tea first. Then the allotment."
        );
        assert_eq!(default_excerpt("A very long first sentence without any stop", 20), "A very long first…");
        assert_eq!(default_excerpt("Short.\n\nSecond paragraph.", 100), "Short.");
    }

    #[test]
    fn share_links_carry_the_hashtags_and_the_link_encoded() {
        let settings = ShareSettings::default();
        assert_eq!(post_text("Sundays & tea", &settings), "“Sundays & tea” #socialcarefuture");
        let x = share_link(ShareTarget::X, "Sundays & tea", "Story", &settings);
        assert!(x.starts_with("https://x.com/intent/post?text="));
        assert!(x.contains("%23socialcarefuture"), "{x}");
        assert!(x.contains("Sundays%20%26%20tea"), "the & cannot break the link: {x}");
        assert!(x.ends_with("&url=https%3A%2F%2Fsocialcarefuture%2Eorg%2Euk"));
        let mail = share_link(ShareTarget::Email, "Sundays", "Tea first.", &settings);
        assert!(mail.starts_with("mailto:?subject=Sundays&body=Tea%20first%2E"));
        for target in ShareTarget::ALL {
            assert!(!share_link(target, "t", "s", &settings).contains(' '), "{target:?}");
        }
    }
}
