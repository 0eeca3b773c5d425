//! The analysed text as the matcher sees it: words with their byte spans, folded for comparison, and
//! what separates each word from the one before (a sentence end, a clause break) or encloses it (quotes).

use super::words::{fold_into, hash, is_apostrophe, is_word_char};

#[derive(Clone, Debug)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    folded_start: u32,
    folded_end: u32,
    /// The word is already folded as written (lower-case ASCII, straight apostrophes): `folded_*` are
    /// offsets into the text, which spares a copy of most words. Else they are offsets into `folded`.
    as_written: bool,
    /// `words::hash` of the folded word.
    pub hash: u32,
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
        let mut words = Words { text, folded: String::new(), list: Vec::with_capacity(text.len() / 5 + 1) };
        let quoted = words.split();
        words.mark_quoted(&quoted);
        words
    }

    pub fn folded(&self, index: usize) -> &str {
        let word = &self.list[index];
        let range = word.folded_start as usize..word.folded_end as usize;
        if word.as_written { &self.text[range] } else { &self.folded[range] }
    }

    /// The folded word as bytes: what the matcher compares, without re-checking character boundaries.
    pub fn folded_bytes(&self, index: usize) -> &[u8] {
        let word = &self.list[index];
        let range = word.folded_start as usize..word.folded_end as usize;
        if word.as_written { &self.text.as_bytes()[range] } else { &self.folded.as_bytes()[range] }
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

    /// Splits the text into words in one pass, and returns the quoted spans met on the way.
    fn split(&mut self) -> Vec<(usize, usize)> {
        let text = self.text;
        let (mut sentence, mut clause_break, mut sentence_has_words) = (0u32, true, false);
        let mut quotes = Quotes::default();
        let (mut at, mut prev) = (0, None);
        let bytes = text.as_bytes();
        while let Some((c, len)) = char_at(text, at) {
            if c == ' ' {
                (prev, at) = (Some(c), at + 1);
                continue;
            }
            if !is_word_char(c) {
                if matches!(c, '.' | '!' | '?' | '\n' | '\u{2026}') {
                    sentence += u32::from(sentence_has_words);
                    (clause_break, sentence_has_words) = (true, false);
                } else if !(c.is_whitespace()
                    || c == '-'
                    || is_apostrophe(c)
                    || is_joining_dash(c, prev, text, at + len))
                {
                    clause_break = true;
                }
                if matches!(c, '"' | '\'' | '\n' | '\u{00AB}' | '\u{00BB}' | '\u{2018}'..='\u{201E}') {
                    let next = char_at(text, at + len).map(|(c, _)| c);
                    quotes.meet(at, c, prev, next);
                }
                (prev, at) = (Some(c), at + len);
                continue;
            }
            let start = at;
            let mut as_written = true;
            loop {
                while let Some(&byte) = bytes.get(at) {
                    if byte.is_ascii_lowercase() || byte.is_ascii_digit() {
                        at += 1;
                    } else if byte.is_ascii_uppercase() {
                        (as_written, at) = (false, at + 1);
                    } else if byte.is_ascii() {
                        break;
                    } else {
                        match char_at(text, at) {
                            Some((c, len)) if is_word_char(c) => (as_written, at) = (false, at + len),
                            _ => break,
                        }
                    }
                }
                match char_at(text, at) {
                    Some((c, len))
                        if is_apostrophe(c) && char_at(text, at + len).is_some_and(|(n, _)| is_word_char(n)) =>
                    {
                        as_written &= c == '\'';
                        at += len;
                    }
                    _ => break,
                }
            }
            let (folded_start, folded_end) = if as_written {
                (start, at)
            } else {
                let from = self.folded.len();
                text[start..at].chars().for_each(|c| fold_into(c, &mut self.folded));
                (from, self.folded.len())
            };
            let hash = hash(if as_written { &bytes[start..at] } else { &self.folded.as_bytes()[folded_start..] });
            prev = match bytes[at - 1] {
                last if last.is_ascii() => Some(char::from(last)),
                _ => text[..at].chars().next_back(),
            };
            self.list.push(Word {
                start,
                end: at,
                folded_start: folded_start as u32,
                folded_end: folded_end as u32,
                as_written,
                hash,
                sentence,
                clause_break,
                quoted: false,
            });
            (clause_break, sentence_has_words) = (false, true);
        }
        quotes.spans.sort_unstable();
        quotes.spans
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

/// Hyphens other than '-' (and the en dash, which some keyboards put in "wheelchair–bound") join
/// words when they sit right between two of them; with spaces around they are dashes, between clauses.
fn is_joining_dash(c: char, prev: Option<char>, text: &str, next_at: usize) -> bool {
    matches!(c, '\u{2010}' | '\u{2011}' | '\u{2013}')
        && prev.is_some_and(is_word_char)
        && char_at(text, next_at).is_some_and(|(next, _)| is_word_char(next))
}

/// The character at byte `at` and its length, with a shortcut for ASCII, which most text is.
#[inline]
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() { Some((char::from(byte), 1)) } else { text[at..].chars().next().map(|c| (c, c.len_utf8())) }
}

/// Byte spans between matching quotation marks, straight or curly, double or single. A quote left
/// open at the end of a paragraph is not a quote (most often a typo, or the person is still typing),
/// so it quotes nothing. An apostrophe inside a word ("don’t") or after a plural ("carers’ group") is
/// not a quotation mark.
#[derive(Default)]
struct Quotes {
    double: Option<usize>,
    single: Option<usize>,
    spans: Vec<(usize, usize)>,
}

impl Quotes {
    fn meet(&mut self, at: usize, c: char, prev: Option<char>, next: Option<char>) {
        let word_before = prev.is_some_and(is_word_char);
        let word_after = next.is_some_and(is_word_char);
        match c {
            '"' if self.double.is_some() => self.spans.push((self.double.take().unwrap_or(at), at)),
            '"' | '\u{201C}' | '\u{201E}' | '\u{00AB}' => self.double = Some(at),
            '\u{201D}' | '\u{00BB}' => {
                if let Some(open) = self.double.take() {
                    self.spans.push((open, at));
                }
            }
            '\'' | '\u{2018}' | '\u{2019}' if word_before && word_after => {}
            '\'' | '\u{2018}' | '\u{2019}' if !word_before && word_after => self.single = Some(at),
            '\'' | '\u{2019}' if !word_after => {
                if let Some(open) = self.single.take() {
                    self.spans.push((open, at));
                }
            }
            '\n' if next == Some('\n') || prev == Some('\n') => (self.double, self.single) = (None, None),
            _ => {}
        }
    }
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
