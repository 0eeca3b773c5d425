//! Finds where the lexicon's patterns (and a campaign's own phrases) occur in the words of a text, and
//! picks among overlapping matches.

use super::conditions::Verdict;
use super::lexicon::{Form, single, starting_with};
use super::text::Words;
use super::words::folded_words;

#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// Index into `RULES`; `None` for a campaign's own phrase.
    pub rule: Option<u16>,
    pub first: usize,
    pub last: usize,
    pub form: Form,
    pub verdict: Verdict,
    /// Switched off by the campaign: its words are fine, and so are the shorter matches inside them.
    pub allowed: bool,
}

pub(crate) fn candidates(words: &Words, deny: &[String]) -> Vec<Candidate> {
    let mut found = Vec::new();
    for at in 0..words.len() {
        let word = &words.list[at];
        let single = single(words.folded_bytes(at), word.hash);
        let longer = match words.list.get(at + 1) {
            Some(next) if !next.clause_break => {
                starting_with(words.folded_bytes(at), words.folded_bytes(at + 1), word.hash, next.hash)
            }
            _ => &[],
        };
        for pattern in single.into_iter().chain(longer) {
            let end = at + pattern.words.len();
            let matches = end <= words.len()
                && (2..pattern.words.len()).all(|i| {
                    !words.list[at + i].clause_break && words.folded_bytes(at + i) == pattern.words[i].as_bytes()
                })
                && (pattern.cased.is_empty()
                    || pattern.cased.iter().enumerate().all(|(i, w)| words.written(at + i) == *w));
            if matches {
                found.push(Candidate {
                    rule: Some(pattern.rule),
                    first: at,
                    last: end - 1,
                    form: pattern.form,
                    verdict: Verdict::Flag,
                    allowed: false,
                });
            }
        }
    }
    for phrase in deny {
        let phrase = folded_words(phrase);
        let phrase: Vec<&str> = phrase.iter().map(String::as_str).collect();
        if phrase.is_empty() {
            continue;
        }
        for at in 0..words.len() {
            if words.reads(at, &phrase) {
                let last = at + phrase.len() - 1;
                let quoted = (at..=last).all(|i| words.list[i].quoted);
                let verdict = if quoted { Verdict::Soften } else { Verdict::Flag };
                found.push(Candidate { rule: None, first: at, last, form: Form::Base, verdict, allowed: false });
            }
        }
    }
    found
}

/// The matches to report: longest first, then leftmost, none overlapping another, in text order.
///
/// A match that a condition finds fine drops out before the choice, so a shorter match of another
/// rule inside it still counts ("the vulnerable children" is not the collective "the vulnerable", but
/// "vulnerable" still is); a shorter match of the same rule does not ("I was in crisis" is fine, so
/// its "crisis" is too). A phrase the campaign switched off shields every shorter match inside it, so
/// allowing "the-elderly" doesn't turn up "elderly" in its place.
pub(crate) fn longest_first(words: &Words, mut found: Vec<Candidate>) -> Vec<Candidate> {
    let span = |c: &Candidate| words.list[c.last].end - words.list[c.first].start;
    found.sort_by(|a, b| {
        (b.last - b.first).cmp(&(a.last - a.first)).then(span(b).cmp(&span(a))).then(a.first.cmp(&b.first))
    });
    let mut taken = vec![false; words.len()];
    // Per word: no shield, a shield against one rule (`Some(rule)`), or against all (`Some(u16::MAX)`).
    let mut shielded: Vec<Option<u16>> = vec![None; words.len()];
    let mut chosen = Vec::new();
    for candidate in found {
        let range = candidate.first..=candidate.last;
        let rule = candidate.rule.unwrap_or(u16::MAX - 1);
        let shields = |s: &Option<u16>| *s == Some(u16::MAX) || *s == Some(rule);
        if taken[range.clone()].iter().any(|&t| t) || shielded[range.clone()].iter().all(shields) {
            continue;
        }
        if candidate.allowed || candidate.verdict == Verdict::Fine {
            let shield = if candidate.allowed { u16::MAX } else { rule };
            shielded[range].iter_mut().filter(|s| **s != Some(u16::MAX)).for_each(|s| *s = Some(shield));
        } else {
            taken[range].iter_mut().for_each(|t| *t = true);
            chosen.push(candidate);
        }
    }
    chosen.sort_by_key(|c| c.first);
    chosen
}
