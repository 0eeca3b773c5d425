//! The rules, compiled from `core/lexicon/rules.toml` by the build script (see `core/lexicon/compile.rs`).

use super::Severity;
use super::words::{SLOTS, hash};

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

#[derive(Debug)]
pub(crate) struct Condition {
    pub context: Context,
    pub effect: Effect,
    pub phrases: &'static [&'static [&'static str]],
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
    pub id: &'static str,
    pub why: &'static str,
    pub source: &'static str,
    pub theme: Theme,
    pub severity: Severity,
    /// What happens when the writer uses the words about themselves ("I am a carer").
    pub self_description: Option<Effect>,
    pub conditions: &'static [Condition],
    /// Acronyms that only count in capitals; their suggestions keep the lexicon's case.
    pub exact: bool,
    /// Suggestions for each `Form`.
    pub suggestions: [&'static [&'static str]; 4],
}

#[derive(Debug)]
pub(crate) struct Pattern {
    /// Folded (lower-case) words.
    pub words: &'static [&'static str],
    /// The words as written, for acronyms that only count in capitals ("LA", not "la"); else empty.
    pub cased: &'static [&'static str],
    pub rule: u16,
    pub form: Form,
}

include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));

/// The patterns that start with `word` (folded).
pub(crate) fn patterns_starting_with(word: &str) -> &'static [Pattern] {
    let mut slot = hash(word) as usize & (SLOTS - 1);
    loop {
        let index = FIRST_WORD_SLOTS[slot];
        if index == u16::MAX {
            return &[];
        }
        let (first, start, end) = FIRST_WORDS[index as usize];
        if first == word {
            return &PATTERNS[start as usize..end as usize];
        }
        slot = (slot + 1) & (SLOTS - 1);
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
    pub suggestions: &'static [&'static str],
    /// Every form the engine looks for, inflections included, words joined by spaces.
    pub patterns: Vec<String>,
}

/// Every rule of the lexicon, in file order.
pub fn rules() -> Vec<RuleInfo> {
    RULES
        .iter()
        .enumerate()
        .map(|(index, rule)| RuleInfo {
            id: rule.id,
            theme: rule.theme,
            severity: rule.severity,
            why: rule.why,
            source: rule.source,
            suggestions: rule.suggestions[0],
            patterns: PATTERNS.iter().filter(|p| p.rule as usize == index).map(pattern_text).collect(),
        })
        .collect()
}

fn pattern_text(pattern: &Pattern) -> String {
    let words = if pattern.cased.is_empty() { pattern.words } else { pattern.cased };
    words.join(" ")
}
