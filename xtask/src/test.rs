//! `cargo xtask test`: every check the project has, the way CI runs them.
//! Format and lint first (fast), then native tests, then the widget in headless Chromium
//! against a real collector.

use crate::process::{self, cargo, describe};
use crate::test_collector::TestCollector;
use crate::{postgres, schemathesis, tools, widget};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// Counts of passed and failed tests across every runner.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    /// Reads a runner's summary line: cargo's `test result: ok. 3 passed; 0 failed; ...`,
    /// node's `ℹ pass 3` / `ℹ fail 0` (spec reporter).
    fn read(&mut self, line: &str) {
        if let Some(rest) = line.strip_prefix("test result: ") {
            let mut words = rest.split([';', '.']).map(str::trim);
            for part in words.by_ref() {
                if let Some(n) = part.strip_suffix(" passed").and_then(|n| n.parse::<u64>().ok()) {
                    self.passed += n;
                } else if let Some(n) = part.strip_suffix(" failed").and_then(|n| n.parse::<u64>().ok()) {
                    self.failed += n;
                }
            }
        } else if let Some(n) = line.strip_prefix("ℹ pass ").and_then(|n| n.trim().parse::<u64>().ok()) {
            self.passed += n;
        } else if let Some(n) = line.strip_prefix("ℹ fail ").and_then(|n| n.trim().parse::<u64>().ok()) {
            self.failed += n;
        }
    }
}

pub fn run(root: &Path, args: &[&str]) -> Result<(), String> {
    let browser = !args.contains(&"--no-browser");
    let mut tally = Tally::default();
    // Build the widget first: it installs the wasm tools that clippy's wasm check needs too.
    let dist = if browser { Some(widget::build(root)?) } else { None };
    if args.contains(&"--browser-only") {
        let dist = dist.ok_or("--browser-only and --no-browser exclude each other")?;
        let result = browser_tests(root, &dist, &mut tally);
        println!("\nsummary: {} passed, {} failed", tally.passed, tally.failed);
        return result;
    }
    process::run(cargo(root).args(["fmt", "--all", "--", "--check"]))
        .map_err(|e| format!("{e}\nRun `cargo fmt --all` to format the code."))?;
    process::run(cargo(root).args([
        "clippy",
        "--workspace",
        "--exclude",
        "story-builder",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    process::run(cargo(root).args([
        "clippy",
        "--package",
        "story-builder",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    let database_url = postgres::ensure()?;
    let native = run_counting(
        cargo(root).args(["test", "--workspace", "--exclude", "story-builder"]).env("TEST_DATABASE_URL", database_url),
        &mut tally,
    );
    // The collector's OpenAPI document against the running collector (schemathesis, about 20 s).
    let api = process::run(cargo(root).args(["build", "--package", "collector"]))
        .and_then(|()| schemathesis::run(root, &root.join("target/debug/collector")));
    let browser_result = match dist {
        Some(dist) => browser_tests(root, &dist, &mut tally),
        None => Ok(()),
    };
    println!("\nsummary: {} passed, {} failed", tally.passed, tally.failed);
    native.and(api).and(browser_result)
}

/// Runs a command, echoing its output while counting test results from it.
fn run_counting(command: &mut Command, tally: &mut Tally) -> Result<(), String> {
    eprintln!("» {}", describe(command));
    let mut child =
        command.stdout(Stdio::piped()).spawn().map_err(|e| format!("could not start `{}`: {e}", describe(command)))?;
    for line in BufReader::new(child.stdout.take().expect("piped")).lines().map_while(Result::ok) {
        println!("{line}");
        tally.read(&line);
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() { Ok(()) } else { Err(format!("`{}` failed ({status})", describe(command))) }
}

/// Serves the built widget from a real collector (fresh SQLite database) and drives it with
/// Playwright in Debian's headless Chromium.
fn browser_tests(root: &Path, dist: &Path, tally: &mut Tally) -> Result<(), String> {
    let collector = TestCollector::for_browser(root, dist)?;
    run_counting(
        Command::new("node")
            .current_dir(root)
            .env("PATH", tools::path(root))
            .env("STORY_BUILDER_URL", collector.url())
            // For tests that start (and stop) a collector of their own.
            .env("COLLECTOR_BIN", root.join("target/debug/collector"))
            .env("WIDGET_DIR", dist)
            .env("CHROMIUM", tools::CHROMIUM)
            .args(["--test", "--test-reporter=spec", "--test-concurrency=1", "tests/browser/"]),
        tally,
    )
}
