//! The rules, compiled from `core/lexicon/rules.toml` by the build script (see `core/lexicon/compile.rs`).

use super::Severity;
use super::words::{PAIR_SLOTS, SINGLE_SLOTS, pair_hash, slot};

/// Which of the guide's themes a rule belongs to (section 3, A to E).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Service-centred and institutional language.
    Service,
    /// Deficit and pity framing.
    Deficit,
    /// Crisis and fatalism.
    Crisis,
    /// Ableist and ageist terms.
    Identity,
    /// Jargon and acronyms.
    Jargon,
}

impl Theme {
    pub fn code(self) -> &'static str {
        match self {
            Theme::Service => "service",
            Theme::Deficit => "deficit",
            Theme::Crisis => "crisis",
            Theme::Identity => "identity",
            Theme::Jargon => "jargon",
        }
    }
}

/// What a condition does to a match when it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Effect {
    /// The words are fine here: no finding.
    Skip,
    /// Still shown, but only as a quiet note.
    Note,
}

/// Where a condition looks for its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Context {
    /// One of the phrases ends right before the match.
    Before,
    /// One of the phrases starts right after the match.
    After,
    /// One of the words is anywhere in the same sentence.
    Sentence,
}

/// A string of the lexicon: an offset and a length into `TEXT`, packed in a `u32` (offset << 12 |
/// length). Handles instead of `&str` halve the tables in wasm, and the one string compresses well.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Text(u32);

impl Text {
    pub fn get(self) -> &'static str {
        let at = (self.0 >> 12) as usize;
        &TEXT[at..at + (self.0 & 0xfff) as usize]
    }
}

#[derive(Debug)]
pub(crate) struct Condition {
    pub context: Context,
    pub effect: Effect,
    /// Folded phrases, separated by `|`; the words of a phrase by single spaces.
    pub phrases: Text,
}

impl Condition {
    pub fn phrases(&self) -> impl Iterator<Item = &'static str> {
        self.phrases.get().split('|')
    }
}

/// Which inflection of a pattern matched, so the suggestion can agree with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    Base = 0,
    /// Plural noun or third-person verb.
    S = 1,
    Ed = 2,
    Ing = 3,
}

#[derive(Debug)]
pub(crate) struct Rule {
    pub id: Text,
    pub why: Text,
    pub source: Text,
    pub theme: Theme,
    pub severity: Severity,
    /// What happens when the writer uses the words about themselves ("I am a carer").
    pub self_description: Option<Effect>,
    /// Acronyms that only count in capitals; their suggestions keep the lexicon's case.
    pub exact: bool,
    /// The rule's conditions: a start and a count in `CONDITIONS`.
    pub conditions: (u16, u8),
    /// Suggestions for each `Form`, separated by `|`.
    pub suggestions: [Text; 4],
}

impl Rule {
    pub fn conditions(&self) -> &'static [Condition] {
        let (start, count) = (usize::from(self.conditions.0), usize::from(self.conditions.1));
        &CONDITIONS[start..start + count]
    }

    pub fn suggestions(&self, form: Form) -> impl Iterator<Item = &'static str> {
        self.suggestions[form as usize].get().split('|')
    }
}

#[derive(Debug)]
pub(crate) struct Pattern {
    /// The words, joined by single spaces: folded, or as written for acronyms that only count in
    /// capitals ("LA", not "la").
    pub words: Text,
    pub rule: u16,
    pub form: Form,
}

impl Pattern {
    pub fn words(&self) -> impl Iterator<Item = &'static str> {
        self.words.get().split(' ')
    }
}

include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));

/// Whether `text` (words joined by single spaces) starts with the words `first` and `second`,
/// ignoring ASCII case (acronym patterns keep their capitals).
fn starts_with_words(text: &[u8], first: &[u8], second: &[u8]) -> bool {
    let rest = match text.get(..first.len()) {
        Some(head) if head.eq_ignore_ascii_case(first) => &text[first.len()..],
        _ => return false,
    };
    match rest.split_first() {
        Some((b' ', rest)) => {
            rest.get(..second.len()).is_some_and(|head| head.eq_ignore_ascii_case(second))
                && matches!(rest.get(second.len()), None | Some(b' '))
        }
        _ => false,
    }
}

/// The one-word pattern `word` (folded, with its `hash`), if there is one.
pub(crate) fn single(word: &[u8], hash: u32) -> Option<&'static Pattern> {
    let mut slot = slot(hash, SINGLE_SLOTS);
    loop {
        let pattern = PATTERNS.get(usize::from(SINGLE_TABLE[slot]))?;
        if pattern.words.get().as_bytes().eq_ignore_ascii_case(word) {
            return Some(pattern);
        }
        slot = (slot + 1) & (SINGLE_SLOTS - 1);
    }
}

/// The patterns of two words or more that start with `first` and `second` (folded, with their hashes).
pub(crate) fn starting_with(first: &[u8], second: &[u8], first_hash: u32, second_hash: u32) -> &'static [Pattern] {
    let mut slot = slot(pair_hash(first_hash, second_hash), PAIR_SLOTS);
    loop {
        let Some(start) = PATTERNS.get(usize::from(PAIR_TABLE[slot])) else { return &[] };
        if starts_with_words(start.words.get().as_bytes(), first, second) {
            // The patterns that share these two words follow the first one in PATTERNS.
            let from = usize::from(PAIR_TABLE[slot]);
            let count = PATTERNS[from..]
                .iter()
                .take_while(|p| starts_with_words(p.words.get().as_bytes(), first, second))
                .count();
            return &PATTERNS[from..from + count];
        }
        slot = (slot + 1) & (PAIR_SLOTS - 1);
    }
}

/// A rule as the widget, the moderation console or a campaign's settings page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: &'static str,
    pub theme: Theme,
    pub severity: Severity,
    pub why: &'static str,
    pub source: &'static str,
    pub suggestions: Vec<&'static str>,
    /// Every form the engine looks for, inflections included, words joined by spaces.
    pub patterns: Vec<String>,
}

/// Every rule of the lexicon, in file order.
pub fn rules() -> Vec<RuleInfo> {
    RULES
        .iter()
        .enumerate()
        .map(|(index, rule)| RuleInfo {
            id: rule.id.get(),
            theme: rule.theme,
            severity: rule.severity,
            why: rule.why.get(),
            source: rule.source.get(),
            suggestions: rule.suggestions(Form::Base).collect(),
            patterns: PATTERNS.iter().filter(|p| p.rule as usize == index).map(|p| p.words.get().to_owned()).collect(),
        })
        .collect()
}
