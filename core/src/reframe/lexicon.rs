//! The rules, compiled from `core/lexicon/rules.toml` by the build script (see `core/lexicon/compile.rs`).

use super::Severity;
use super::words::{PAIR_SLOTS, SINGLE_SLOTS, hash, pair_hash, slot};
use std::borrow::Cow;
use std::sync::OnceLock;

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

/// A condition of a rule (a line of its record: `Context` and `Effect` by their first letters, then
/// the folded phrases separated by `|`, the words of a phrase by single spaces).
pub(crate) struct Condition {
    pub context: Context,
    pub effect: Effect,
    pub phrases: Vec<Phrase>,
}

/// A phrase of a condition, split once when the lexicon is laid out.
pub(crate) struct Phrase {
    /// Folded words joined by single spaces.
    pub text: &'static str,
    /// How many words.
    pub len: usize,
    pub first: &'static str,
    pub last: &'static str,
    /// `words::hash` of the first word.
    pub first_hash: u32,
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

/// A rule of the lexicon, by its index. Its texts are one record of lines in `RULE_TEXT` (id, why,
/// source, the suggestions for each `Form` separated by `|` (empty: the same as the base form's), its
/// patterns, then its conditions), split once into `RuleTexts`; its theme, severity,
/// self-description and case in one byte of `RULE_FLAGS`.
#[derive(Clone, Copy)]
pub(crate) struct Rule(pub u16);

/// A rule's record, split.
pub(crate) struct RuleTexts {
    id: &'static str,
    why: &'static str,
    source: &'static str,
    suggestions: [&'static str; 4],
    conditions: Vec<Condition>,
}

impl RuleTexts {
    fn new(record: &'static str) -> RuleTexts {
        let mut lines = record.split('\n');
        let mut line = || lines.next().unwrap_or_default();
        let (id, why, source) = (line(), line(), line());
        let base = line();
        let mut suggestions = [base; 4];
        for list in &mut suggestions[1..] {
            *list = Some(line()).filter(|l| !l.is_empty()).unwrap_or(base);
        }
        let _patterns = line();
        let conditions = lines
            .map(|line| {
                let (head, phrases) = line.split_at(2);
                let context = match head.as_bytes()[0] {
                    b'B' => Context::Before,
                    b'A' => Context::After,
                    _ => Context::Sentence,
                };
                let effect = if head.as_bytes()[1] == b'S' { Effect::Skip } else { Effect::Note };
                Condition { context, effect, phrases: Phrase::split(phrases) }
            })
            .collect();
        RuleTexts { id, why, source, suggestions, conditions }
    }
}

impl Phrase {
    /// The phrases of a condition's line, in one pass over its bytes (the lexicon's whole layout
    /// must stay well under a keystroke's budget).
    fn split(line: &'static str) -> Vec<Phrase> {
        let mut phrases = Vec::new();
        let (mut start, mut first_end, mut last_start, mut len) = (0, None, 0, 1);
        for (at, byte) in line.bytes().chain([b'|']).enumerate() {
            match byte {
                b'|' => {
                    let first = &line[start..first_end.unwrap_or(at)];
                    let (text, last) = (&line[start..at], &line[last_start..at]);
                    phrases.push(Phrase { text, len, first, last, first_hash: hash(first.as_bytes()) });
                    (start, first_end, last_start, len) = (at + 1, None, at + 1, 1);
                }
                b' ' => {
                    first_end.get_or_insert(at);
                    (last_start, len) = (at + 1, len + 1);
                }
                _ => {}
            }
        }
        phrases
    }
}

impl Rule {
    fn texts(self) -> &'static RuleTexts {
        // Split when the rule is first met, which keeps the lexicon's layout short.
        let (record, texts) = &laid_out().rules[usize::from(self.0)];
        texts.get_or_init(|| RuleTexts::new(record))
    }

    fn flags(self) -> u8 {
        RULE_FLAGS[usize::from(self.0)]
    }

    pub fn id(self) -> &'static str {
        self.texts().id
    }

    pub fn why(self) -> &'static str {
        self.texts().why
    }

    pub fn source(self) -> &'static str {
        self.texts().source
    }

    pub fn theme(self) -> Theme {
        match self.flags() & 7 {
            0 => Theme::Service,
            1 => Theme::Deficit,
            2 => Theme::Crisis,
            3 => Theme::Identity,
            _ => Theme::Jargon,
        }
    }

    pub fn severity(self) -> Severity {
        match self.flags() >> 3 & 3 {
            0 => Severity::Note,
            1 => Severity::Suggest,
            _ => Severity::Strong,
        }
    }

    /// What happens when the writer uses the words about themselves ("I am a carer").
    pub fn self_description(self) -> Option<Effect> {
        match self.flags() >> 5 & 3 {
            0 => None,
            1 => Some(Effect::Skip),
            _ => Some(Effect::Note),
        }
    }

    /// Acronyms that only count in capitals; their suggestions keep the lexicon's case.
    pub fn exact(self) -> bool {
        self.flags() & 0x80 != 0
    }

    pub fn conditions(self) -> &'static [Condition] {
        &self.texts().conditions
    }

    pub fn suggestions(self, form: Form) -> impl Iterator<Item = &'static str> {
        self.texts().suggestions[form as usize].split('|')
    }

    /// Every form of every pattern, with its `Form`.
    fn patterns(self) -> impl Iterator<Item = (Form, &'static str)> {
        patterns_of(laid_out().rules[usize::from(self.0)].0)
    }
}

/// The patterns of a rule's record: its eighth line.
fn patterns_of(record: &'static str) -> impl Iterator<Item = (Form, &'static str)> {
    record.split('\n').nth(7).unwrap_or_default().split('|').map(|pattern| {
        let (form, words) = pattern.split_at(1);
        let form = match form {
            "0" => Form::Base,
            "1" => Form::S,
            "2" => Form::Ed,
            _ => Form::Ing,
        };
        (form, words)
    })
}

/// A pattern, as the hash tables hold it.
pub(crate) struct Pattern {
    /// The words, joined by single spaces: folded, or as written for acronyms that only count in
    /// capitals ("LA", not "la").
    pub words: &'static [u8],
    pub rule: u16,
    pub form: Form,
    /// The next pattern with the same first two words (an index in `patterns`), or `NONE`.
    next: u16,
}

const NONE: u16 = u16::MAX;

impl Pattern {
    pub fn words(&self) -> impl Iterator<Item = &'static [u8]> {
        self.words.split(|&b| b == b' ')
    }
}

/// The lexicon laid out for lookup, once, when the engine first runs: a few microseconds, and the
/// widget downloads no tables.
pub(crate) struct Lexicon {
    /// Each rule's record, and its texts once split.
    rules: Vec<(&'static str, OnceLock<RuleTexts>)>,
    patterns: Vec<Pattern>,
    /// One-word patterns by their word, and longer ones by their first two words: open addressing
    /// with linear probing, indices into `patterns` (`NONE` is an empty slot). A pair's slot holds the
    /// first of the patterns that share the two words; `Pattern::next` chains the rest.
    singles: Vec<u16>,
    pairs: Vec<u16>,
    /// A bit for each first word of a pattern, by its hash: most words of a text start none, and
    /// one test spares them both tables.
    firsts: Vec<u64>,
}

/// Bits in `Lexicon::firsts`.
const FIRST_BITS: usize = 8192;

/// The lexicon's text, fetched at run time (`install`) where it is not built in: the widget, whose
/// first page does not need it, so every visitor's first download is that much smaller.
#[cfg(not(feature = "bundled-lexicon"))]
static INSTALLED: OnceLock<&'static str> = OnceLock::new();

/// The lexicon's text: built in, or installed; None until it is.
fn rule_text() -> Option<&'static str> {
    #[cfg(feature = "bundled-lexicon")]
    return Some(RULE_TEXT);
    #[cfg(not(feature = "bundled-lexicon"))]
    INSTALLED.get().copied()
}

/// The lexicon's text as `LEXICON_FILE` holds it (what xtask writes next to the widget).
#[cfg(feature = "bundled-lexicon")]
pub fn lexicon_text() -> &'static str {
    RULE_TEXT
}

/// Why a fetched lexicon was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotThisLexicon;

/// Takes the lexicon's text, fetched from `LEXICON_FILE`, if it is exactly the text this build was
/// made with (an older file left in a cache could name rules this build does not have). Until
/// then the engine finds nothing. With the text built in, a matching text changes nothing.
pub fn install(text: &str) -> Result<(), NotThisLexicon> {
    if super::words::text_digest(text) != RULE_TEXT_DIGEST {
        return Err(NotThisLexicon);
    }
    #[cfg(not(feature = "bundled-lexicon"))]
    if INSTALLED.get().is_none() {
        let _ = INSTALLED.set(Box::leak(text.to_owned().into_boxed_str()));
    }
    Ok(())
}

/// Whether the engine has its lexicon (built in, or installed).
pub fn is_ready() -> bool {
    rule_text().is_some()
}

/// The lexicon laid out, once its text is there.
pub(crate) fn lexicon() -> Option<&'static Lexicon> {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    if let Some(lexicon) = LEXICON.get() {
        return Some(lexicon);
    }
    let text = rule_text()?;
    Some(LEXICON.get_or_init(|| {
        let rules: Vec<_> = text.split('\u{1e}').map(|record| (record, OnceLock::new())).collect();
        let mut lexicon = Lexicon {
            patterns: Vec::new(),
            singles: vec![NONE; SINGLE_SLOTS],
            pairs: vec![NONE; PAIR_SLOTS],
            firsts: vec![0; FIRST_BITS / 64],
            rules,
        };
        for index in 0..lexicon.rules.len() {
            let rule = index as u16;
            for (form, words) in patterns_of(lexicon.rules[index].0) {
                let at = lexicon.patterns.len() as u16;
                let words = words.as_bytes();
                lexicon.patterns.push(Pattern { words, rule, form, next: NONE });
                // Tables are keyed by folded words; only acronyms' patterns keep capitals (ASCII).
                let folded =
                    if Rule(rule).exact() { Cow::Owned(words.to_ascii_lowercase()) } else { Cow::Borrowed(words) };
                let mut split = folded.split(|&b| b == b' ');
                let first = split.next().unwrap_or_default();
                let bit = slot(hash(first), FIRST_BITS);
                lexicon.firsts[bit / 64] |= 1 << (bit % 64);
                match split.next() {
                    None => {
                        let mut slot = slot(hash(first), SINGLE_SLOTS);
                        while lexicon.singles[slot] != NONE {
                            slot = (slot + 1) & (SINGLE_SLOTS - 1);
                        }
                        lexicon.singles[slot] = at;
                    }
                    Some(second) => {
                        let mut slot = slot(pair_hash(hash(first), hash(second)), PAIR_SLOTS);
                        loop {
                            let head = lexicon.pairs[slot];
                            if head == NONE {
                                lexicon.pairs[slot] = at;
                                break;
                            }
                            if starts_with_words(lexicon.patterns[usize::from(head)].words, first, second) {
                                let head = &mut lexicon.patterns[usize::from(head)];
                                let next = core::mem::replace(&mut head.next, at);
                                lexicon.patterns[usize::from(at)].next = next;
                                break;
                            }
                            slot = (slot + 1) & (PAIR_SLOTS - 1);
                        }
                    }
                }
            }
        }
        lexicon
    }))
}

/// The lexicon, for a rule that was found in it or listed from it (so it is there).
fn laid_out() -> &'static Lexicon {
    lexicon().expect("a rule comes from the lexicon, so it is there")
}

/// How many rules the lexicon has.
pub(crate) const RULE_COUNT: usize = RULE_FLAGS.len();

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

impl Lexicon {
    /// Whether a pattern may start with the word of this hash (if not, none does).
    #[inline]
    pub fn may_start(&self, hash: u32) -> bool {
        let bit = slot(hash, FIRST_BITS);
        self.firsts[bit / 64] & 1 << (bit % 64) != 0
    }

    /// The one-word pattern `word` (folded, with its `hash`), if there is one.
    pub fn single(&self, word: &[u8], hash: u32) -> Option<&Pattern> {
        let mut slot = slot(hash, SINGLE_SLOTS);
        loop {
            let pattern = self.patterns.get(usize::from(self.singles[slot]))?;
            if pattern.words.eq_ignore_ascii_case(word) {
                return Some(pattern);
            }
            slot = (slot + 1) & (SINGLE_SLOTS - 1);
        }
    }

    /// The patterns of two words or more that start with `first` and `second` (folded, with their
    /// hashes).
    pub fn starting_with<'a>(
        &'a self,
        first: &'a [u8],
        second: &'a [u8],
        first_hash: u32,
        second_hash: u32,
    ) -> impl Iterator<Item = &'a Pattern> {
        let mut slot = slot(pair_hash(first_hash, second_hash), PAIR_SLOTS);
        let head = loop {
            match self.patterns.get(usize::from(self.pairs[slot])) {
                Some(pattern) if !starts_with_words(pattern.words, first, second) => {
                    slot = (slot + 1) & (PAIR_SLOTS - 1)
                }
                found => break found,
            }
        };
        core::iter::successors(head, |p| self.patterns.get(usize::from(p.next)))
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

/// Whether `id` names one of the lexicon's rules.
pub fn is_rule_id(id: &str) -> bool {
    (0..RULE_COUNT).any(|index| Rule(index as u16).id() == id)
}

/// Every rule of the lexicon, in file order. (Only the CLI and the collector list them: nothing that
/// `analyse` calls leads here, so the widget's wasm leaves it out.)
pub fn rules() -> Vec<RuleInfo> {
    (0..RULE_COUNT)
        .map(|index| {
            let rule = Rule(index as u16);
            RuleInfo {
                id: rule.id(),
                theme: rule.theme(),
                severity: rule.severity(),
                why: rule.why(),
                source: rule.source(),
                suggestions: rule.suggestions(Form::Base).collect(),
                patterns: rule.patterns().map(|(_, words)| words.to_owned()).collect(),
            }
        })
        .collect()
}
