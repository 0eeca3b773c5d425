//! `cargo xtask bench reframe`: the reframing engine's precision, recall and speed (the `reframe` bench
//! in core, run in release), then alex, the general-purpose inconsiderate-language linter, on the same
//! sentences and the same story in the same run.
//!
//! alex names its rules differently, so the two are compared on "any finding": a finding in a sentence
//! labelled with one counts as right, whatever its rule. alex runs with its default settings, as people
//! use it; it is installed pinned, once, into target/bench-tools (it ships nowhere).

use crate::process::{self, output};
use std::path::{Path, PathBuf};
use std::process::Command;

const ALEX_VERSION: &str = "11.0.1";
const CORPORA: [&str; 2] = ["sentences.tsv", "heldout.tsv"];

/// Times alex in-process, like the Rust bench: the corpus once, then the story after a warm-up.
const ALEX_SCRIPT: &str = r#"import {text} from 'alex'
import {readFileSync} from 'node:fs'
const [, , sentencesPath, storyPath] = process.argv
const sentences = readFileSync(sentencesPath, 'utf8').split('\n').filter((s) => s.length > 0)
const started = performance.now()
const counts = sentences.map((s) => text(s).messages.length)
console.log('corpus_ms ' + (performance.now() - started).toFixed(2))
console.log('counts ' + counts.join(' '))
const story = readFileSync(storyPath, 'utf8')
for (let i = 0; i < 10; i++) text(story)
const times = []
for (let i = 0; i < 100; i++) {
  const start = performance.now()
  text(story)
  times.push((performance.now() - start) * 1000)
}
times.sort((a, b) => a - b)
console.log('story_us ' + times[50].toFixed(1) + ' ' + times[90].toFixed(1) + ' ' + text(story).messages.length)
"#;

pub fn run(root: &Path) -> Result<(), String> {
    process::run(process::cargo(root).args(["bench", "-p", "story-core", "--bench", "reframe"]))?;
    let Some(alex) = ensure_alex(root)? else {
        println!("alex: skipped (npm not found; install Node.js 20 or later to compare)");
        return Ok(());
    };
    let corpus_dir = root.join("core/corpus");
    let story = corpus_dir.join("story.txt");
    println!("alex {ALEX_VERSION} (default settings), same sentences:");
    for file in CORPORA {
        let labelled = labelled(&corpus_dir.join(file))?;
        let sentences = alex.join(format!("{file}.sentences"));
        let text: String = labelled.iter().map(|(_, s)| format!("{s}\n")).collect();
        std::fs::write(&sentences, text).map_err(|e| format!("cannot write {}: {e}", sentences.display()))?;
        let report = node(&alex, &sentences, &story)?;
        let counts: Vec<usize> = field(&report, "counts")?.split_whitespace().filter_map(|n| n.parse().ok()).collect();
        if counts.len() != labelled.len() {
            return Err(format!("alex answered for {} of {} sentences", counts.len(), labelled.len()));
        }
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for ((expected, _), found) in labelled.iter().zip(&counts) {
            let matched = (*expected).min(*found);
            (tp, fp, fn_) = (tp + matched, fp + found - matched, fn_ + expected - matched);
        }
        let ratio = |a: usize, b: usize| a as f64 / b.max(1) as f64;
        println!(
            "{file}: {} sentences; analysed in {} ms\n  alex     any finding  precision {:.3}  recall {:.3}  (tp {tp}, fp {fp}, fn {fn_})",
            labelled.len(),
            field(&report, "corpus_ms")?,
            ratio(tp, tp + fp),
            ratio(tp, tp + fn_),
        );
        if file == CORPORA[CORPORA.len() - 1] {
            let story_us: Vec<&str> = field(&report, "story_us")?.split_whitespace().collect();
            let words = std::fs::read_to_string(&story).map(|s| s.split_whitespace().count()).unwrap_or(0);
            if let [median, p90, findings] = story_us.as_slice() {
                println!(
                    "alex     {words}-word story ({findings} findings): median {median} µs, p90 {p90} µs per analysis \
                     (100 runs after 10 warm-up)"
                );
            }
        }
    }
    Ok(())
}

/// Each labelled sentence as (how many findings are expected, the sentence).
fn labelled(path: &Path) -> Result<Vec<(usize, String)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (labels, sentence) =
                l.split_once('\t').ok_or_else(|| format!("{}: a line without a tab", path.display()))?;
            let expected = if labels == "-" { 0 } else { labels.split(',').count() };
            Ok((expected, sentence.to_owned()))
        })
        .collect()
}

fn node(alex: &Path, sentences: &Path, story: &Path) -> Result<String, String> {
    let mut command = Command::new("node");
    command.current_dir(alex).arg("bench.mjs").arg(sentences).arg(story);
    output(&mut command).ok_or_else(|| format!("`{}` failed", process::describe(&command)))
}

fn field<'a>(report: &'a str, name: &str) -> Result<&'a str, String> {
    report
        .lines()
        .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
        .ok_or_else(|| format!("alex's report has no `{name}` line"))
}

/// alex, pinned, in target/bench-tools/alex (with the timing script beside it); `None` without npm.
fn ensure_alex(root: &Path) -> Result<Option<PathBuf>, String> {
    let dir = root.join("target/bench-tools/alex");
    let manifest = dir.join("node_modules/alex/package.json");
    let installed =
        std::fs::read_to_string(&manifest).is_ok_and(|m| m.contains(&format!("\"version\": \"{ALEX_VERSION}\"")));
    if !installed {
        if output(Command::new("npm").arg("--version")).is_none() {
            return Ok(None);
        }
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        process::run(Command::new("npm").current_dir(&dir).args([
            "install",
            "--prefix",
            ".",
            &format!("alex@{ALEX_VERSION}"),
            "--save-exact",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        ]))?;
    }
    std::fs::write(dir.join("bench.mjs"), ALEX_SCRIPT).map_err(|e| format!("cannot write the alex script: {e}"))?;
    Ok(Some(dir))
}
