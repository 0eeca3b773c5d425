//! The analysed text as the matcher sees it: words with their byte spans, folded for comparison, and
//! what separates each word from the one before (a sentence end, a clause break) or encloses it (quotes).

use super::words::{fold_into, is_apostrophe, is_word_char};

#[derive(Clone, Debug)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    folded_start: u32,
    folded_end: u32,
    /// Counts sentences from 0; words of one sentence share it.
    pub sentence: u32,
    /// A comma, colon, bracket, dash or sentence end comes between this word and the one before.
    pub clause_break: bool,
    pub quoted: bool,
}

pub(crate) struct Words<'t> {
    pub text: &'t str,
    folded: String,
    pub list: Vec<Word>,
}

impl<'t> Words<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut words = Words { text, folded: String::with_capacity(text.len()), list: Vec::new() };
        words.split();
        words.mark_quoted(&quoted_spans(text));
        words
    }

    pub fn folded(&self, index: usize) -> &str {
        let word = &self.list[index];
        &self.folded[word.folded_start as usize..word.folded_end as usize]
    }

    pub fn written(&self, index: usize) -> &'t str {
        let word = &self.list[index];
        &self.text[word.start..word.end]
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether the words from `at` on read `phrase` (folded), within one sentence.
    pub fn reads(&self, at: usize, phrase: &[&str]) -> bool {
        at + phrase.len() <= self.len()
            && phrase.iter().enumerate().all(|(i, w)| self.folded(at + i) == *w)
            && self.list[at + phrase.len() - 1].sentence == self.list[at].sentence
    }

    fn split(&mut self) {
        let text = self.text;
        let (mut sentence, mut clause_break, mut sentence_has_words) = (0u32, true, false);
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !is_word_char(c) {
                if matches!(c, '.' | '!' | '?' | '\n' | '\u{2026}') {
                    sentence += u32::from(sentence_has_words);
                    (clause_break, sentence_has_words) = (true, false);
                } else if !(c.is_whitespace() || c == '-' || is_apostrophe(c)) {
                    clause_break = true;
                }
                continue;
            }
            let folded_start = self.folded.len() as u32;
            fold_into(c, &mut self.folded);
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if is_word_char(c) {
                    fold_into(c, &mut self.folded);
                } else if is_apostrophe(c) && text[i + c.len_utf8()..].chars().next().is_some_and(is_word_char) {
                    self.folded.push('\'');
                } else {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            let folded_end = self.folded.len() as u32;
            self.list.push(Word { start, end, folded_start, folded_end, sentence, clause_break, quoted: false });
            (clause_break, sentence_has_words) = (false, true);
        }
    }

    fn mark_quoted(&mut self, spans: &[(usize, usize)]) {
        for &(open, close) in spans {
            let first = self.list.partition_point(|w| w.start < open);
            for word in self.list[first..].iter_mut().take_while(|w| w.end <= close) {
                word.quoted = true;
            }
        }
    }
}

/// Byte spans between matching quotation marks, straight or curly, double or single. A quote left
/// open at the end of a paragraph is not a quote (most often a typo, or the person is still typing),
/// so it quotes nothing. An apostrophe inside a word ("don’t") or after a plural ("carers’ group") is
/// not a quotation mark.
fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let (mut double, mut single): (Option<usize>, Option<usize>) = (None, None);
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, c)| c);
        let word_before = prev.is_some_and(is_word_char);
        let word_after = next.is_some_and(is_word_char);
        match c {
            '"' if double.is_some() => spans.push((double.take().unwrap_or(i), i)),
            '"' | '\u{201C}' | '\u{201E}' | '\u{00AB}' => double = Some(i),
            '\u{201D}' | '\u{00BB}' => {
                if let Some(open) = double.take() {
                    spans.push((open, i));
                }
            }
            '\'' | '\u{2018}' | '\u{2019}' if word_before && word_after => {}
            '\'' | '\u{2018}' | '\u{2019}' if !word_before && word_after => single = Some(i),
            '\'' | '\u{2019}' if !word_after => {
                if let Some(open) = single.take() {
                    spans.push((open, i));
                }
            }
            '\n' if next == Some('\n') || prev == Some('\n') => (double, single) = (None, None),
            _ => {}
        }
        prev = Some(c);
    }
    spans.sort_unstable();
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted_words(text: &str) -> Vec<&str> {
        let words = Words::new(text);
        (0..words.len()).filter(|&i| words.list[i].quoted).map(|i| words.written(i)).collect()
    }

    #[test]
    fn apostrophes_join_words_and_fold_straight() {
        let words = Words::new("My carer’s Assessment, don't");
        let folded: Vec<_> = (0..words.len()).map(|i| words.folded(i)).collect();
        assert_eq!(folded, ["my", "carer's", "assessment", "don't"]);
        assert_eq!(words.written(1), "carer’s");
    }

    #[test]
    fn hyphens_split_words_without_breaking_clauses() {
        let words = Words::new("wheelchair-bound, she");
        assert_eq!((words.folded(0), words.folded(1)), ("wheelchair", "bound"));
        assert!(!words.list[1].clause_break);
        assert!(words.list[2].clause_break);
    }

    #[test]
    fn sentences_are_counted() {
        let words = Words::new("One two. Three! Four\nfive... six");
        let sentences: Vec<_> = words.list.iter().map(|w| w.sentence).collect();
        assert_eq!(sentences, [0, 0, 1, 2, 3, 4]);
    }

    #[test]
    fn quotes_of_every_kind() {
        assert_eq!(quoted_words(r#"They said "care package" to me"#), ["care", "package"]);
        assert_eq!(quoted_words("They said “care package” to me"), ["care", "package"]);
        assert_eq!(quoted_words("a ‘placement’ they call it"), ["placement"]);
        assert_eq!(quoted_words("a 'placement' they call it"), ["placement"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quoted_words("The carers’ group met at Jo’s house; it’s fine").is_empty());
        assert!(quoted_words("the carers' group and 'tis").is_empty());
    }

    #[test]
    fn an_unclosed_quote_quotes_nothing() {
        assert!(quoted_words("She said \"the beds were full\n\nand then").is_empty());
        assert!(quoted_words("She said “the beds were full").is_empty());
    }
}
