//! The story a person composes: answers by prompt, assembled into one first-person story.

use crate::consent::Consent;
use crate::locale::PromptText;
use crate::submission::Submission;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What the person has written so far.
#[derive(Clone, Debug, Default, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Story {
    /// Answers by prompt id. Kept exactly as typed (apart from line endings), even when too long.
    pub answers: BTreeMap<String, String>,
    pub title: String,
    /// The story as the person edited it on the check page, if they did.
    pub edited: Option<EditedBody>,
    /// The lines the person picked for their story card, if they changed the suggested ones.
    pub card_excerpt: Option<String>,
    /// When the person started, in milliseconds since 1970 (0 until they do).
    pub started_at: u64,
    /// What they agreed to before sending.
    pub consent: Consent,
    /// Whether, and how far, the story has been sent to the campaign.
    pub submission: Submission,
    /// Words the person chose to keep when the reframing engine suggested others.
    pub kept_words: Vec<KeptWords>,
}

/// "Keep my words": this rule stays quiet about these words, wherever they appear.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct KeptWords {
    pub rule: String,
    /// Lower-cased as the matcher folds case (`reframe::words::lower_case`), so "Service user" and
    /// "service user" are kept together.
    pub words: String,
}

/// A story body the person changed by hand, and a fingerprint of the answers it was made from,
/// so that later changes to the answers can be pointed out instead of silently lost.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct EditedBody {
    pub text: String,
    pub from_answers: u64,
}

impl Story {
    pub fn answer(&self, prompt_id: &str) -> &str {
        self.answers.get(prompt_id).map_or("", String::as_str)
    }

    pub fn set_answer(&mut self, prompt_id: &str, text: &str) {
        let text = normalise_newlines(text);
        if text.trim().is_empty() {
            self.answers.remove(prompt_id);
        } else {
            self.answers.insert(prompt_id.to_owned(), text.into_owned());
        }
    }

    /// Adds words (dictated, say) after what is there, a space apart unless the answer ends in one.
    pub fn append_to_answer(&mut self, prompt_id: &str, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let mut answer = self.answer(prompt_id).to_owned();
        if !answer.is_empty() && !answer.ends_with(char::is_whitespace) {
            answer.push(' ');
        }
        answer.push_str(text);
        self.set_answer(prompt_id, &answer);
    }

    pub fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.title.trim().is_empty() && self.edited.is_none()
    }

    /// The story body: the person's own edit if there is one, otherwise the assembled answers.
    pub fn body(&self, prompts: &[PromptText]) -> Cow<'_, str> {
        match &self.edited {
            Some(edited) => Cow::Borrowed(&edited.text),
            None => Cow::Owned(assemble(prompts, &self.answers)),
        }
    }

    /// Keeps a hand edit of the body; an edit back to exactly the assembled answers is no edit.
    pub fn edit_body(&mut self, prompts: &[PromptText], text: &str) {
        let text = normalise_newlines(text);
        let assembled = assemble(prompts, &self.answers);
        self.edited =
            (text != assembled).then(|| EditedBody { text: text.into_owned(), from_answers: fingerprint(&assembled) });
    }

    /// True when the body was edited by hand and the answers have changed since.
    pub fn answers_changed_since_edit(&self, prompts: &[PromptText]) -> bool {
        self.edited.as_ref().is_some_and(|e| e.from_answers != fingerprint(&assemble(prompts, &self.answers)))
    }

    /// The lines for the story card: the person's pick, or the story's first sentences.
    pub fn card_excerpt(&self, prompts: &[PromptText]) -> String {
        match &self.card_excerpt {
            Some(picked) => picked.clone(),
            None => crate::share::default_excerpt(&self.body(prompts), CARD_EXCERPT_CHARS),
        }
    }

    /// The whole story as plain text: the title, a blank line, then the body.
    pub fn to_plain_text(&self, prompts: &[PromptText]) -> String {
        let body = self.body(prompts);
        match self.title.trim() {
            "" => body.into_owned(),
            title => format!("{title}\n\n{body}\n"),
        }
    }
}

/// How much of the story the card suggests, before the person picks their own lines.
pub const CARD_EXCERPT_CHARS: usize = 180;

/// Joins the answers in the prompts' narrative order into paragraphs of one flowing story.
pub fn assemble(prompts: &[PromptText], answers: &BTreeMap<String, String>) -> String {
    let mut body = String::new();
    for prompt in prompts {
        if let Some(answer) = answers.get(prompt.id).map(|a| a.trim()).filter(|a| !a.is_empty()) {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(answer);
        }
    }
    body
}

/// The answers still in the story as sent: each trimmed, non-empty answer whose words appear
/// unchanged in `body`. An answer the person edited away on the check page, or a moderator took
/// out, is not given out beside the body that no longer holds it.
pub fn answers_within(body: &str, answers: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    answers
        .iter()
        .map(|(id, answer)| (id, answer.trim()))
        .filter(|(_, answer)| !answer.is_empty() && body.contains(answer))
        .map(|(id, answer)| (id.clone(), answer.to_owned()))
        .collect()
}

/// Words as a person would count them: runs of non-space characters in any script.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Characters as stored (Unicode scalar values).
pub fn char_count(text: &str) -> usize {
    text.chars().count()
}

fn normalise_newlines(text: &str) -> Cow<'_, str> {
    if text.contains('\r') { Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n")) } else { Cow::Borrowed(text) }
}

/// FNV-1a: a small, stable fingerprint (the same on every platform and in every release).
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;

    fn prompts() -> &'static [PromptText] {
        Lang::En.locale().prompts
    }

    #[test]
    fn assembly_follows_prompt_order_and_skips_blank_answers() {
        let p = prompts();
        let mut story = Story::default();
        story.set_answer(p[2].id, "  I sing in the choir.  ");
        story.set_answer(p[0].id, "Tea first.");
        story.set_answer(p[1].id, "   \n ");
        assert_eq!(story.body(p), "Tea first.\n\nI sing in the choir.");
        assert!(!story.answers.contains_key(p[1].id), "a blank answer is no answer");
    }

    #[test]
    fn plain_text_has_title_then_body() {
        let p = prompts();
        let mut story = Story { title: " Sundays ".into(), ..Story::default() };
        story.set_answer(p[0].id, "Tea.\r\nThen the allotment.");
        assert_eq!(story.to_plain_text(p), "Sundays\n\nTea.\nThen the allotment.\n");
    }

    #[test]
    fn a_hand_edit_is_kept_and_later_answer_changes_are_noticed() {
        let p = prompts();
        let mut story = Story::default();
        story.set_answer(p[0].id, "Tea first.");
        story.edit_body(p, "Tea first, always.");
        assert_eq!(story.body(p), "Tea first, always.");
        assert!(!story.answers_changed_since_edit(p));
        story.set_answer(p[1].id, "My flat.");
        assert!(story.answers_changed_since_edit(p));
        assert_eq!(story.body(p), "Tea first, always.", "the edit is never silently replaced");
        story.edit_body(p, "Tea first.\n\nMy flat.");
        assert_eq!(story.edited, None, "editing back to the assembled text is no edit");
    }

    #[test]
    fn words_are_counted_in_any_script_and_emoji_are_safe() {
        assert_eq!(word_count("  a good   day\n\nwith tea "), 5);
        assert_eq!(word_count("مرحبا بالعالم"), 2);
        assert_eq!(word_count("👨‍👩‍👧 family"), 2);
        assert_eq!(word_count(""), 0);
        assert_eq!(char_count("e\u{301}"), 2);
    }

    #[test]
    fn only_answers_still_in_the_body_are_given_out() {
        let answers: BTreeMap<String, String> = [
            ("home", "I live with Sam at 4 Elm Road"),
            ("people", "  My sister visits on Sundays. "),
            ("blank", "   "),
        ]
        .into_iter()
        .map(|(id, text)| (id.to_owned(), text.to_owned()))
        .collect();
        let kept = answers_within("I live with a friend.\n\nMy sister visits on Sundays.", &answers);
        assert_eq!(kept.len(), 1, "the edited and the blank answers go: {kept:?}");
        assert_eq!(kept["people"], "My sister visits on Sundays.");
    }
}
