//! The rules, compiled from `core/lexicon/rules.toml` by the build script (see `core/lexicon/compile.rs`).

use super::Severity;
use super::words::{PAIR_SLOTS, SINGLE_SLOTS, pair_hash};

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

/// The one-word pattern `word` (folded, with its `hash`), if there is one.
pub(crate) fn single(word: &[u8], hash: u32) -> Option<&'static Pattern> {
    let mut slot = hash as usize & (SINGLE_SLOTS - 1);
    loop {
        let pattern = PATTERNS.get(usize::from(SINGLE_TABLE[slot]))?;
        if pattern.words[0].as_bytes() == word {
            return Some(pattern);
        }
        slot = (slot + 1) & (SINGLE_SLOTS - 1);
    }
}

/// The patterns of two words or more that start with `first` and `second` (folded, with their hashes).
pub(crate) fn starting_with(first: &[u8], second: &[u8], first_hash: u32, second_hash: u32) -> &'static [Pattern] {
    let mut slot = pair_hash(first_hash, second_hash) as usize & (PAIR_SLOTS - 1);
    loop {
        let Some(&(start, end)) = PAIRS.get(usize::from(PAIR_TABLE[slot])) else { return &[] };
        let patterns = &PATTERNS[usize::from(start)..usize::from(end)];
        if patterns[0].words[0].as_bytes() == first && patterns[0].words[1].as_bytes() == second {
            return patterns;
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
