//! A deterministic property test: random texts built from lexicon words, quotes, apostrophes,
//! hyphens and multi-byte characters never make `analyse` panic, findings always sit on character
//! boundaries in order, and `apply` never disturbs the text around a finding.

use story_core::reframe::{Options, Severity, analyse, analyse_with, apply};

const PIECES: [&str; 40] = [
    "service",
    "user",
    "users",
    "I",
    "am",
    "a",
    "the",
    "elderly",
    "crisis",
    "mental",
    "health",
    "care",
    "package",
    "suffers",
    "from",
    "wheelchair",
    "bound",
    "carer's",
    "assessment",
    "LA",
    "la",
    "vulnerable",
    "safeguarding",
    "my",
    "bed",
    "beds",
    "Ŵ",
    "é",
    "👩‍🦽",
    "🎉",
    "ﬁ",
    "İ",
    "ß",
    "’",
    "'",
    "\"",
    "“",
    "”",
    "-",
    "\n",
];
const SEPARATORS: [&str; 8] = [" ", " ", " ", "", ", ", ". ", "\u{a0}", "\t"];

/// A small linear congruential generator: the same texts on every run and machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

fn random_text(rng: &mut Lcg) -> String {
    let mut text = String::new();
    for _ in 0..rng.next(40) {
        text.push_str(PIECES[rng.next(PIECES.len())]);
        text.push_str(SEPARATORS[rng.next(SEPARATORS.len())]);
    }
    text
}

#[test]
fn analyse_and_apply_hold_their_promises_on_random_text() {
    let mut rng = Lcg(0x5eed);
    let options = Options {
        deny: vec!["care".into(), "é user".into()],
        kept: vec![("beds".into(), "beds".into())],
        min_severity: Some(Severity::Note),
        ..Options::default()
    };
    let mut total = 0;
    for round in 0..3000 {
        let text = random_text(&mut rng);
        let findings = if round % 2 == 0 { analyse(&text) } else { analyse_with(&text, &options) };
        total += findings.len();
        let mut previous_end = 0;
        for f in &findings {
            assert!(f.start < f.end && f.start >= previous_end, "{text:?}: {f:?}");
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end), "{text:?}: {f:?}");
            assert_eq!(&text[f.start..f.end], f.text);
            assert_eq!(text[..f.start].encode_utf16().count(), f.start_utf16);
            assert_eq!(text[..f.end].encode_utf16().count(), f.end_utf16);
            previous_end = f.end;
            for suggestion in f.suggestions.iter().map(String::as_str).chain(["", "🎉 x"]) {
                let out = apply(&text, f, suggestion);
                assert!(out.starts_with(&text[..f.start]) && out.ends_with(&text[f.end..]));
                assert_eq!(out.len(), text.len() - f.text.len() + suggestion.len());
            }
        }
    }
    assert!(total > 1000, "the generator should produce plenty of findings, got {total}");
}
