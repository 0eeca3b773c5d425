//! `cargo bench -p story-core --bench reframe` (run by `cargo xtask bench reframe`): the reframing
//! engine's precision and recall on the labelled corpus, and its speed on a 1,000-word story.
//!
//! A plain `main` rather than criterion: one median over many timed runs answers the question
//! ("under 100 µs?") without adding criterion's build time to every machine.
//!
//! `--misses` lists every sentence where the engine and the labels disagree.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;
use story_core::reframe::{Severity, analyse};

struct Labelled {
    line: usize,
    expected: Vec<(String, bool)>,
    sentence: String,
}

fn corpus(path: &Path) -> Vec<Labelled> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let (labels, sentence) =
                l.split_once('\t').unwrap_or_else(|| panic!("{}:{}: no tab", path.display(), i + 1));
            let expected = if labels == "-" {
                Vec::new()
            } else {
                labels
                    .split(',')
                    .map(|label| match label.strip_suffix("@note") {
                        Some(rule) => (rule.to_owned(), true),
                        None => (label.to_owned(), false),
                    })
                    .collect()
            };
            Labelled { line: i + 1, expected, sentence: sentence.to_owned() }
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        self.true_positives as f64 / (self.true_positives + self.false_positives).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.true_positives as f64 / (self.true_positives + self.false_negatives).max(1) as f64
    }
}

fn main() {
    let misses = std::env::args().any(|a| a == "--misses");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    println!("reframe: {} rules", story_core::reframe::rule_count());
    for file in ["sentences.tsv", "heldout.tsv"] {
        evaluate(file, &corpus(&dir.join(file)), misses);
    }
    speed(&dir);
}

/// Prints precision and recall over one labelled file.
///
/// Exact: the right rule (and a note where the label says so). Any: a finding where one was expected,
/// whatever its rule: the only measure that also fits a tool with other rule names (alex).
fn evaluate(file: &str, corpus: &[Labelled], misses: bool) {
    let (mut exact, mut any) = (Tally::default(), Tally::default());
    let mut by_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let started = Instant::now();
    for item in corpus {
        let findings = analyse(&item.sentence);
        let mut unmatched: Vec<&(String, bool)> = item.expected.iter().collect();
        let mut wrong = Vec::new();
        for f in &findings {
            let hit =
                unmatched.iter().position(|(rule, note)| rule == f.rule && (!note || f.severity == Severity::Note));
            match hit {
                Some(i) => {
                    unmatched.remove(i);
                    exact.true_positives += 1;
                }
                None => {
                    exact.false_positives += 1;
                    by_rule.entry(f.rule.to_owned()).or_default().0 += 1;
                    wrong.push(format!("{}@{} {:?}", f.rule, f.severity.code(), f.text));
                }
            }
        }
        exact.false_negatives += unmatched.len();
        for (rule, _) in &unmatched {
            by_rule.entry(rule.clone()).or_default().1 += 1;
        }
        let matched = findings.len().min(item.expected.len());
        any.true_positives += matched;
        any.false_positives += findings.len() - matched;
        any.false_negatives += item.expected.len() - matched;
        if misses && (!wrong.is_empty() || !unmatched.is_empty()) {
            let missed: Vec<_> =
                unmatched.iter().map(|(r, n)| if *n { format!("{r}@note") } else { r.clone() }).collect();
            println!("  {file}:{}: unexpected {wrong:?}, missed {missed:?}\n      {}", item.line, item.sentence);
        }
    }
    let elapsed = started.elapsed();
    let expected: usize = corpus.iter().map(|c| c.expected.len()).sum();
    let negatives = corpus.iter().filter(|c| c.expected.is_empty()).count();
    println!(
        "{file}: {} sentences, {expected} expected findings, {negatives} sentences with none; analysed in {:.2} ms",
        corpus.len(),
        elapsed.as_secs_f64() * 1e3
    );
    for (name, tally) in [("exact rule", &exact), ("any finding", &any)] {
        println!(
            "  reframe  {name:<11}  precision {:.3}  recall {:.3}  (tp {}, fp {}, fn {})",
            tally.precision(),
            tally.recall(),
            tally.true_positives,
            tally.false_positives,
            tally.false_negatives
        );
    }
    if !by_rule.is_empty() {
        let worst: Vec<String> =
            by_rule.iter().map(|(rule, (fp, fn_))| format!("{rule} (fp {fp}, fn {fn_})")).collect();
        println!("  reframe  disagreements by rule: {}", worst.join(", "));
    }
}

/// Prints the median time to analyse a 1,000-word story built from the movement's own texts.
fn speed(dir: &Path) {
    let story = std::fs::read_to_string(dir.join("story.txt")).expect("core/corpus/story.txt");
    let words = story.split_whitespace().count();
    let findings = analyse(&story).len();
    for _ in 0..500 {
        black_box(analyse(black_box(&story)));
    }
    let mut times: Vec<f64> = (0..5000)
        .map(|_| {
            let start = Instant::now();
            black_box(analyse(black_box(&story)));
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "reframe  {words}-word story ({findings} findings): median {:.1} µs, p90 {:.1} µs, min {:.1} µs per analysis (5000 runs after 500 warm-up)",
        times[times.len() / 2],
        times[times.len() * 9 / 10],
        times[0]
    );
}
