//! Finds where the lexicon's patterns (and a campaign's own phrases) occur in the words of a text, and
//! picks among overlapping matches.

use super::conditions::Verdict;
use super::lexicon::{Form, Lexicon, Rule, lexicon};
use super::text::Words;
use super::words::folded_words;
use std::cmp::Reverse;

#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// Index of the rule; `None` for a campaign's own phrase.
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
    // Before the widget has fetched the lexicon, only the campaign's own phrases are looked for.
    if let Some(lexicon) = lexicon() {
        lexicon_candidates(lexicon, words, &mut found);
    }
    for phrase in deny {
        let phrase = folded_words(phrase);
        if phrase.is_empty() {
            continue;
        }
        let joined = phrase.join(" ");
        for at in 0..words.len() {
            if words.reads(at, &joined) {
                let last = at + phrase.len() - 1;
                let quoted = (at..=last).all(|i| words.list[i].quoted);
                let verdict = if quoted { Verdict::Soften } else { Verdict::Flag };
                found.push(Candidate { rule: None, first: at, last, form: Form::Base, verdict, allowed: false });
            }
        }
    }
    found
}

/// Where the lexicon's patterns occur in `words`.
fn lexicon_candidates(lexicon: &Lexicon, words: &Words, found: &mut Vec<Candidate>) {
    for at in 0..words.len() {
        let word = &words.list[at];
        if !lexicon.may_start(word.hash) {
            continue;
        }
        let single = lexicon.single(words.folded_bytes(at), word.hash);
        let longer = match words.list.get(at + 1) {
            Some(next) if !next.clause_break => {
                Some(lexicon.starting_with(words.folded_bytes(at), words.folded_bytes(at + 1), word.hash, next.hash))
            }
            _ => None,
        };
        for pattern in single.into_iter().chain(longer.into_iter().flatten()) {
            let exact = Rule(pattern.rule).exact();
            // The tables matched the first two words (folded); the rest must follow, unbroken.
            let mut end = at;
            let matches = pattern.words().all(|word| {
                let i = end;
                end += 1;
                i < words.len()
                    && (i < at + 2 || !words.list[i].clause_break && words.folded_bytes(i).eq_ignore_ascii_case(word))
                    && (!exact || words.written(i).as_bytes() == word)
            });
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
}

/// The matches to report: longest first, then leftmost, none overlapping another, in text order.
///
/// A match that a condition finds fine drops out before the choice, so a shorter match of another
/// rule inside it still counts ("the vulnerable children" is not the collective "the vulnerable", but
/// "vulnerable" still is); a shorter match of the same rule does not ("I was in crisis" is fine, so
/// its "crisis" is too). A phrase the campaign switched off shields every shorter match inside it, so
/// allowing "the-elderly" doesn't turn up "elderly" in its place.
pub(crate) fn longest_first(words: &Words, mut found: Vec<Candidate>) -> Vec<Candidate> {
    // A sort on a total key (the rule breaks the last ties) keeps the result deterministic.
    heap_sort(&mut found, |c| {
        let span = words.list[c.last].end - words.list[c.first].start;
        (Reverse(c.last - c.first), Reverse(span), c.first, c.rule)
    });
    let mut taken = vec![false; words.len()];
    // Per word: no shield, a shield against one rule (`Some(rule)`), or against all (`Some(u16::MAX)`).
    let mut shielded: Vec<Option<u16>> = vec![None; words.len()];
    // Chosen matches never overlap, so each starts at a word of its own: indexing by that word puts
    // them in text order without a second sort.
    let mut chosen: Vec<Option<Candidate>> = vec![None; words.len()];
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
            let first = candidate.first;
            chosen[first] = Some(candidate);
        }
    }
    chosen.into_iter().flatten().collect()
}

/// Sorts `items` by `key`: a heapsort, a few hundred bytes of wasm where the standard library's sorts
/// add kilobytes to the widget. Not stable, which a total key makes moot.
fn heap_sort<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let sift = |items: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && key(&items[child]) < key(&items[child + 1]) {
            child += 1;
        }
        if key(&items[root]) >= key(&items[child]) {
            break;
        }
        items.swap(root, child);
        root = child;
    };
    for start in (0..items.len() / 2).rev() {
        sift(items, start, items.len());
    }
    for end in (1..items.len()).rev() {
        items.swap(0, end);
        sift(items, 0, end);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn heap_sort_sorts() {
        for len in 0..40u64 {
            let mut items: Vec<u64> = (0..len).map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15) % 17).collect();
            let mut expected = items.clone();
            expected.sort();
            super::heap_sort(&mut items, |&i| i);
            assert_eq!(items, expected);
        }
    }
}
