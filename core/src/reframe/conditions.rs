//! The lexicon's conditions, evaluated against the words around a match: neighbouring words, the
//! sentence, quotation marks and self-description.

use super::lexicon::{Condition, Context, Effect, Rule};
use super::text::Words;

/// Subjects that make the sentence about the writer.
const FIRST_PERSON: [&str; 14] =
    ["i", "i'm", "i've", "i'd", "i'll", "im", "ive", "we", "we're", "we've", "we'd", "myself", "ourselves", "me"];

/// Words that may stand between "I" and the words that describe them without changing whose words
/// they are: "I am a service user", "I've been her carer", "I still suffer from", "I felt so
/// vulnerable", "I was at breaking point". Anything else
/// ("I support service users", "I care for mum who suffers from") means the words describe
/// someone else.
const LINKING: [&str; 61] = [
    "am",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "a",
    "an",
    "the",
    "also",
    "still",
    "now",
    "just",
    "my",
    "her",
    "his",
    "their",
    "our",
    "your",
    "mum's",
    "dad's",
    "main",
    "only",
    "full",
    "time",
    "unpaid",
    "family",
    "always",
    "sometimes",
    "often",
    "do",
    "did",
    "really",
    "too",
    "called",
    "officially",
    "not",
    "to",
    "proud",
    "glad",
    "become",
    "became",
    "becoming",
    "at",
    "felt",
    "feel",
    "feeling",
    "so",
    "very",
    "quite",
    "bit",
    "little",
    "incredibly",
    "extremely",
    "totally",
    "completely",
    "never",
];

/// How a match fares in its context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The words are fine here.
    Fine,
    /// Shown only as a note.
    Soften,
    /// Shown at the rule's severity.
    Flag,
}

pub(crate) fn verdict(rule: Rule, words: &Words, first: usize, last: usize) -> Verdict {
    let mut soften = false;
    for condition in rule.conditions() {
        if holds(condition, words, first, last) {
            match condition.effect {
                Effect::Skip => return Verdict::Fine,
                Effect::Note => soften = true,
            }
        }
    }
    if let Some(effect) = rule.self_description()
        && is_self_description(words, first, last)
    {
        match effect {
            Effect::Skip => return Verdict::Fine,
            Effect::Note => soften = true,
        }
    }
    // A quoted phrase is reported speech or a word held at arm's length ("they call it a
    // 'placement'"): the writer has already chosen it on purpose, so it is only noted.
    soften |= (first..=last).all(|i| words.list[i].quoted);
    if soften { Verdict::Soften } else { Verdict::Flag }
}

fn holds(condition: &Condition, words: &Words, first: usize, last: usize) -> bool {
    let sentence = words.list[first].sentence;
    match condition.context {
        Context::Before => condition.phrases.iter().any(|p| {
            // Compare the word before the match with the phrase's last word before anything else.
            first >= p.len
                && words.folded(first - 1) == p.last
                && words.reads(first - p.len, p.text)
                && words.list[first - p.len].sentence == sentence
        }),
        Context::After => condition.phrases.iter().any(|p| {
            last + 1 < words.len()
                && words.folded(last + 1) == p.first
                && words.reads(last + 1, p.text)
                && words.list[last + 1].sentence == words.list[last].sentence
        }),
        Context::Sentence => {
            // Each phrase against the hashes of the sentence's words, then the words themselves.
            let start = (0..first).rev().take_while(|&i| words.list[i].sentence == sentence).last().unwrap_or(first);
            let end = (last + 1..words.len())
                .take_while(|&i| words.list[i].sentence == sentence)
                .last()
                .map_or(last + 1, |i| i + 1);
            let others = (start..first).chain(last + 1..end);
            condition
                .phrases
                .iter()
                .any(|p| others.clone().any(|i| words.list[i].hash == p.first_hash && words.reads(i, p.text)))
        }
    }
}

/// "I am a service user", "I've suffered from", "As an autistic person, I…": the guide says a
/// person's words for themselves win.
pub(crate) fn is_self_description(words: &Words, first: usize, last: usize) -> bool {
    let mut i = first;
    while i > 0 && !words.list[i].clause_break && first - i < 6 {
        i -= 1;
        let word = words.folded(i);
        if FIRST_PERSON.contains(&word) {
            return true;
        }
        if !LINKING.contains(&word) {
            break;
        }
    }
    // "As a carer, I …" / "As a service user, my …"
    let as_a = first >= 2
        && words.folded(first - 2) == "as"
        && matches!(words.folded(first - 1), "a" | "an" | "someone")
        && !words.list[first - 1].clause_break;
    let sentence = words.list[first].sentence;
    as_a && (last + 1..words.len())
        .take_while(|&j| words.list[j].sentence == sentence && j <= last + 6)
        .any(|j| FIRST_PERSON.contains(&words.folded(j)) || words.folded(j) == "my")
}
