//! `cargo xtask bench reframe`: the reframing engine's precision, recall and speed (the `reframe` bench
//! in core, run in release), then alex, the general-purpose inconsiderate-language linter, on the same
//! sentences and the same story in the same run.
//!
//! alex names its rules differently, so the two are compared on "any finding": a finding in a sentence
//! labelled with one counts as right, whatever its rule. alex runs with its default settings, as people
//! use it; it is one of the project's pinned npm packages (`package-lock.json`, a dev dependency: it
//! ships nowhere), installed into `node_modules/` like wasm-opt.
//!
//! Last, the engine's share of a wasm binary: a small probe crate built for wasm32 with the widget's
//! size profile, once calling `analyse` and `apply` and once not (both use strings, vectors, the
//! allocator and formatting, which the widget has anyway), then `wasm-opt -Oz` (the widget's trunk
//! build runs it: `data-wasm-opt="z"` in index.html) and custom sections stripped; the difference,
//! gzip -9 and brotli -11. The same wasm is timed on the story in Node.

use crate::bench_size::{brotli, gzip};
use crate::process::{self, output};
use std::path::Path;
use std::process::Command;

const CORPORA: [&str; 3] = ["sentences.tsv", "heldout.tsv", "heldout2.tsv"];

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
    let npm = crate::tools::ensure_npm_tools(root);
    match &npm {
        Ok(()) => compare_with_alex(root)?,
        Err(e) => println!("alex: skipped ({e})"),
    }
    wasm_share(root, npm.is_ok())
}

fn compare_with_alex(root: &Path) -> Result<(), String> {
    let corpus_dir = root.join("core/corpus");
    let story = corpus_dir.join("story.txt");
    let manifest = root.join("node_modules/alex/package.json");
    let manifest =
        std::fs::read_to_string(&manifest).map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let version = manifest
        .split("\"version\"")
        .nth(1)
        .and_then(|rest| rest.split('"').nth(1))
        .ok_or("node_modules/alex/package.json has no version")?;
    // The script sits under the workspace, so `import 'alex'` finds node_modules/alex.
    let dir = root.join("target/bench-tools/alex");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(dir.join("bench.mjs"), ALEX_SCRIPT).map_err(|e| format!("cannot write the alex script: {e}"))?;
    println!("alex {version} (node_modules, default settings), same sentences:");
    for file in CORPORA {
        let labelled = labelled(&corpus_dir.join(file))?;
        let sentences = dir.join(format!("{file}.sentences"));
        let text: String = labelled.iter().map(|(_, s)| format!("{s}\n")).collect();
        std::fs::write(&sentences, text).map_err(|e| format!("cannot write {}: {e}", sentences.display()))?;
        let report = node(&dir, &sentences, &story)?;
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

const PROBE_MANIFEST: &str = r#"[package]
name = "reframe-size-probe"
version = "0.0.0"
edition = "2024"
publish = false

[lib]
crate-type = ["cdylib"]
path = "lib.rs"

[features]
engine = ["dep:story-core"]

[dependencies]
story-core = { path = "CORE", optional = true }

# The widget's size profile (the workspace's wasm-release).
[profile.wasm-release]
inherits = "release"
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"

[workspace]
"#;

const PROBE_LIB: &str = r#"#[unsafe(no_mangle)]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len);
    let p = v.as_mut_ptr();
    core::mem::forget(v);
    p
}

/// What every widget has anyway: strings, vectors, the allocator, formatting and slicing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn baseline(ptr: *const u8, len: usize) -> usize {
    let text = core::str::from_utf8(unsafe { core::slice::from_raw_parts(ptr, len) }).unwrap_or("");
    let words: Vec<String> = text.to_lowercase().split_whitespace().map(String::from).collect();
    let label = format!("{} words, {}", words.len(), &text[len / 4..len / 2]);
    label.len() + words.iter().map(|w| w.replace('a', "b").len()).sum::<usize>()
}

#[cfg(feature = "engine")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn analyse(ptr: *const u8, len: usize) -> usize {
    let text = core::str::from_utf8(unsafe { core::slice::from_raw_parts(ptr, len) }).unwrap_or("");
    let findings = story_core::reframe::analyse(text);
    let applied = findings.first().map_or(0, |f| story_core::reframe::apply(text, f, &f.suggestions[0]).len());
    applied + findings.iter().map(|f| f.start_utf16 + f.why.len() + f.rule.len() + f.source.len()).sum::<usize>()
}
"#;

const PROBE_TIMER: &str = r#"import {readFileSync} from 'node:fs'
const {instance} = await WebAssembly.instantiate(readFileSync(process.argv[2]), {})
const story = readFileSync(process.argv[3])
const {memory, alloc, analyse} = instance.exports
const ptr = alloc(story.length)
new Uint8Array(memory.buffer, ptr, story.length).set(story)
const first = performance.now()
analyse(ptr, story.length)
const firstUs = (performance.now() - first) * 1000
for (let i = 0; i < 200; i++) analyse(ptr, story.length)
const times = []
for (let i = 0; i < 2000; i++) {
  const start = performance.now()
  analyse(ptr, story.length)
  times.push((performance.now() - start) * 1000)
}
times.sort((a, b) => a - b)
console.log(times[1000].toFixed(1) + ' ' + times[1800].toFixed(1) + ' ' + firstUs.toFixed(1))
"#;

/// The engine's share of a wasm binary, and its speed there.
fn wasm_share(root: &Path, npm_tools: bool) -> Result<(), String> {
    let targets = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        println!("wasm share: skipped (rustup target add wasm32-unknown-unknown to measure it)");
        return Ok(());
    }
    let dir = root.join("target/bench-tools/reframe-size");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let write =
        |name: &str, text: &str| std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"));
    write("Cargo.toml", &PROBE_MANIFEST.replace("CORE", &root.join("core").display().to_string()))?;
    write("lib.rs", PROBE_LIB)?;
    write("time.mjs", PROBE_TIMER)?;
    // wasm-opt from the pinned npm package `binaryen`, as the widget's trunk build uses it.
    let wasm_opt = Some(root.join("node_modules/.bin/wasm-opt")).filter(|path| npm_tools && path.exists());
    let mut sizes = Vec::new();
    for features in [&[][..], &["--features", "engine"][..]] {
        let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cargo
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .args(["build", "--quiet", "--target", "wasm32-unknown-unknown", "--profile", "wasm-release"])
            .args(features);
        process::run(&mut cargo)?;
        let built = dir.join("target/wasm32-unknown-unknown/wasm-release/reframe_size_probe.wasm");
        let name = if features.is_empty() { "baseline.wasm" } else { "engine.wasm" };
        let built = match &wasm_opt {
            Some(wasm_opt) => {
                let optimised = dir.join(format!("opt-{name}"));
                process::run(Command::new(wasm_opt).arg("-Oz").arg(&built).arg("-o").arg(&optimised))?;
                optimised
            }
            None => built,
        };
        let wasm = std::fs::read(&built).map_err(|e| format!("cannot read {}: {e}", built.display()))?;
        let stripped = without_custom_sections(&wasm);
        std::fs::write(dir.join(name), &stripped).map_err(|e| format!("cannot write {name}: {e}"))?;
        sizes.push([stripped.len(), gzip(&stripped), brotli(&stripped)]);
    }
    let share: Vec<usize> = (0..3).map(|i| sizes[1][i] - sizes[0][i]).collect();
    println!(
        "reframe  wasm share (probe with and without the engine, opt-level z, LTO, {}custom sections stripped): \
         raw {} B, gzip -9 {} B, brotli -11 {} B ({:.1} KiB)",
        if wasm_opt.is_some() { "wasm-opt -Oz, " } else { "no wasm-opt (npm missing), " },
        share[0],
        share[1],
        share[2],
        share[2] as f64 / 1024.0
    );
    let story = root.join("core/corpus/story.txt");
    let mut node = Command::new("node");
    node.current_dir(&dir).arg("time.mjs").arg(dir.join("engine.wasm")).arg(&story);
    match output(&mut node) {
        Some(times) => {
            let times: Vec<&str> = times.split_whitespace().collect();
            if let [median, p90, first] = times.as_slice() {
                println!(
                    "reframe  same story in wasm under Node: median {median} µs, p90 {p90} µs (2000 runs after 200); \
                     the first analysis (V8 compiling the module and the engine laying out its lexicon): {first} µs"
                );
            }
        }
        None => println!("reframe  wasm timing: skipped (node not found)"),
    }
    Ok(())
}

/// The wasm module without its custom sections (names, producers), as wasm-opt ships it.
fn without_custom_sections(wasm: &[u8]) -> Vec<u8> {
    let mut out = wasm[..8.min(wasm.len())].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (mut size, mut shift, mut next) = (0usize, 0, at + 1);
        while let Some(&byte) = wasm.get(next) {
            size |= usize::from(byte & 0x7f) << shift;
            (shift, next) = (shift + 7, next + 1);
            if byte < 0x80 {
                break;
            }
        }
        let end = (next + size).min(wasm.len());
        if id != 0 {
            out.extend_from_slice(&wasm[at..end]);
        }
        at = end;
    }
    out
}
