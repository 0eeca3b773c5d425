//! The reframing engine: finds service-centred, deficit, crisis, ableist and ageist words and jargon in
//! a person's story, and offers the words the #socialcarefuture movement's research found work better
//! (`/work/shared/domain/reframing-guide.md`).
//!
//! Suggestions are gentle: nothing is rewritten unless the person picks a suggestion (`apply`), and
//! "keep my words" (`Options::kept`) silences a finding for good. The rules are data
//! (`core/lexicon/rules.toml`), compiled at build time into one text and a byte per rule, so the widget
//! ships no parser and no tables; the engine lays them out in hash tables the first time it runs.

mod conditions;
mod lexicon;
mod matcher;
pub(crate) mod text;
pub(crate) mod words;

#[cfg(feature = "bundled-lexicon")]
pub use lexicon::lexicon_text;
pub use lexicon::{LEXICON_FILE, NotThisLexicon, RuleInfo, Theme, install, is_ready, is_rule_id, rules};

use conditions::Verdict;
use lexicon::{RULE_COUNT, Rule};
use text::Words;
use words::fold;

/// How strongly a finding is put to the writer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; shown quietly, never counted as a problem.
    Note,
    /// Other words would tell the story better.
    Suggest,
    /// Words most people who draw on support find hurtful.
    Strong,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Suggest => "suggest",
            Severity::Strong => "strong",
        }
    }

    pub fn parse(code: &str) -> Option<Severity> {
        match code {
            "note" => Some(Severity::Note),
            "suggest" => Some(Severity::Suggest),
            "strong" => Some(Severity::Strong),
            _ => None,
        }
    }
}

/// Words in the text that other words might say better.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's id, e.g. "service-user"; `CAMPAIGN_RULE` for a campaign's own phrases.
    pub rule: &'static str,
    /// Byte offsets into the analysed text.
    pub start: usize,
    pub end: usize,
    /// UTF-16 offsets, what a browser textarea's selection uses.
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// The words as written.
    pub text: String,
    /// Other words, in the case the writer used ("Service user" -> "Person who draws on support").
    pub suggestions: Vec<String>,
    pub why: &'static str,
    /// The guide's source key.
    pub source: &'static str,
    pub severity: Severity,
}

/// The rule id of a campaign's own phrases (`Options::deny`).
pub const CAMPAIGN_RULE: &str = "campaign";
const CAMPAIGN_WHY: &str = "Your campaign asks writers to use other words for this.";

/// Per campaign and per person.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Rule ids the campaign switched off.
    pub allow: Vec<String>,
    /// The campaign's own phrases to flag (severity suggest, no suggestion).
    pub deny: Vec<String>,
    /// "Keep my words": (rule id, matched text; compared regardless of case and of the kind of
    /// apostrophe). Keyed by the words, not the position, so a dismissal survives edits elsewhere.
    pub kept: Vec<(String, String)>,
    /// Leave out findings below this.
    pub min_severity: Option<Severity>,
}

/// The findings in `text` with the default options: sorted by start, never overlapping.
pub fn analyse(text: &str) -> Vec<Finding> {
    analyse_with(text, &Options::default())
}

/// The findings in `text`: sorted by start, never overlapping; where matches overlap the longest wins.
pub fn analyse_with(text: &str, options: &Options) -> Vec<Finding> {
    let words = Words::new(text);
    let mut matches = matcher::candidates(&words, &options.deny);
    for candidate in &mut matches {
        if let Some(rule) = candidate.rule {
            let rule = Rule(rule);
            candidate.allowed = options.allow.iter().any(|id| id == rule.id());
            candidate.verdict = conditions::verdict(rule, &words, candidate.first, candidate.last);
        }
    }
    let chosen = matcher::longest_first(&words, matches);
    let mut findings: Vec<Finding> = chosen
        .into_iter()
        .filter_map(|m| {
            let (start, end) = (words.list[m.first].start, words.list[m.last].end);
            let written = &text[start..end];
            let finding = match m.rule {
                Some(index) => {
                    let rule = Rule(index);
                    let exact = rule.exact();
                    Finding {
                        rule: rule.id(),
                        start,
                        end,
                        start_utf16: 0,
                        end_utf16: 0,
                        text: written.to_owned(),
                        suggestions: rule
                            .suggestions(m.form)
                            .map(|s| if exact { s.to_owned() } else { match_case(written, s) })
                            .collect(),
                        why: rule.why(),
                        source: rule.source(),
                        severity: if m.verdict == Verdict::Soften { Severity::Note } else { rule.severity() },
                    }
                }
                None => Finding {
                    rule: CAMPAIGN_RULE,
                    start,
                    end,
                    start_utf16: 0,
                    end_utf16: 0,
                    text: written.to_owned(),
                    suggestions: Vec::new(),
                    why: CAMPAIGN_WHY,
                    source: "campaign",
                    severity: if m.verdict == Verdict::Soften { Severity::Note } else { Severity::Suggest },
                },
            };
            let kept =
                options.kept.iter().any(|(rule, words)| rule == finding.rule && fold(words) == fold(&finding.text));
            let enough = options.min_severity.is_none_or(|min| finding.severity >= min);
            (!kept && enough).then_some(finding)
        })
        .collect();
    fill_utf16(text, &mut findings);
    findings
}

/// `text` with the finding's words replaced by `suggestion`, everything around them byte for byte as it
/// was. If the text changed since the analysis and the span no longer holds the finding's words, the
/// text comes back unchanged.
pub fn apply(text: &str, finding: &Finding, suggestion: &str) -> String {
    match text.get(finding.start..finding.end) {
        Some(span) if span == finding.text => {
            let mut out = String::with_capacity(text.len() + suggestion.len());
            out.push_str(&text[..finding.start]);
            out.push_str(suggestion);
            out.push_str(&text[finding.end..]);
            out
        }
        _ => text.to_owned(),
    }
}

/// How many rules the lexicon has.
pub fn rule_count() -> usize {
    RULE_COUNT
}

/// `suggestion` in the case of `written`: capitals for capitals ("CARE PACKAGE"), a capital first
/// letter for one ("Service user"), else as the lexicon writes it (which keeps "BSL" and names).
/// Suggestions are plain ASCII English, so ASCII case conversion is enough, and keeps Unicode's case
/// tables out of the widget.
fn match_case(written: &str, suggestion: &str) -> String {
    // Capitals are told by folding (ASCII and Latin), which keeps Unicode's Uppercase table out too.
    let is_capital = |c: char| words::lower_latin(c.to_ascii_lowercase()) != c;
    let mut letters = written.chars().filter(|c| c.is_alphabetic());
    let first = letters.next();
    let shouting = letters.clone().next().is_some() && letters.all(is_capital);
    match first {
        Some(first) if is_capital(first) && shouting => suggestion.to_ascii_uppercase(),
        Some(first) if is_capital(first) => {
            let mut out = suggestion.to_owned();
            if let Some(head) = out.get_mut(..1) {
                head.make_ascii_uppercase();
            }
            out
        }
        _ => suggestion.to_owned(),
    }
}

/// Fills in UTF-16 offsets in one pass over the text (findings are sorted and don't overlap).
fn fill_utf16(text: &str, findings: &mut [Finding]) {
    let (mut byte, mut unit) = (0, 0);
    for finding in findings {
        unit += utf16_len(&text.as_bytes()[byte..finding.start]);
        finding.start_utf16 = unit;
        unit += utf16_len(&text.as_bytes()[finding.start..finding.end]);
        finding.end_utf16 = unit;
        byte = finding.end;
    }
}

/// UTF-16 code units in valid UTF-8, counted on bytes: one per character (every byte but the
/// continuation bytes 0b10xxxxxx), and one more for each four-byte character (a surrogate pair, lead
/// byte 0b11110xxx). Eight bytes at a time: bit 7 of each byte of `x << n` is bit 7 - n of that byte.
fn utf16_len(utf8: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = utf8.chunks_exact(8);
    let (mut continuation, mut four_byte) = (0, 0);
    for chunk in &mut chunks {
        let x = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        continuation += (x & !(x << 1) & HIGH).count_ones() as usize;
        four_byte += (x & x << 1 & x << 2 & x << 3 & HIGH).count_ones() as usize;
    }
    let rest = chunks.remainder();
    continuation += rest.iter().filter(|&&b| (b as i8) < -0x40).count();
    four_byte += rest.iter().filter(|&&b| b >= 0xF0).count();
    utf8.len() - continuation + four_byte
}

#[cfg(test)]
mod tests;
