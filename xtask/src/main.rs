//! `cargo xtask`: the only place that knows how this project's tools are installed and started.
//!
//!   cargo xtask setup            install the pinned tools the build and the tests need (run and test do this too)
//!   cargo xtask run              build everything and serve it on http://127.0.0.1:8080
//!   cargo xtask test             every check: format, lint, native tests, browser tests
//!   cargo xtask bench collector  durable story submissions per second, p99 and RSS, beside nginx (wrk)
//!   cargo xtask bench size       what each file the widget ships weighs (raw, gzip -9, brotli -11)
//!   cargo xtask bench typing     keystroke-to-screen time on a long story, in headless Chromium
//!   cargo xtask bench reframe    the reframing engine's quality and speed, beside alex's
//!   cargo xtask bench incoming   reading and checking one arriving story (the collector's pure part)
//!   cargo xtask bench export     100,000 stories exported as CSV and JSON Lines: time and peak memory
//!   cargo xtask bench dashboard  the campaign dashboard over 100,000 stories: time to serve the page
//!   cargo xtask bench lighthouse Lighthouse's scores for the first page and the check page (mobile);
//!                                `--busy` keeps one core busy meanwhile
//!   cargo xtask dist             one collector binary with the widget built in, at target/dist/collector

mod bench_collector;
mod bench_lighthouse;
mod bench_reframe;
mod bench_size;
mod bench_typing;
mod compress;
mod dist;
mod postgres;
mod process;
mod run;
mod schemathesis;
mod test;
mod test_collector;
mod tools;
mod widget;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <setup | run | test | bench size | bench typing | bench reframe | bench incoming | bench export | bench dashboard | bench collector | bench lighthouse | dist>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["setup"] => tools::ensure_widget_tools(&root).and_then(|()| tools::ensure_chromium()),
        ["run", rest @ ..] => run::run(&root, rest),
        ["test", rest @ ..] => test::run(&root, rest),
        ["bench", "size"] => bench_size::run(&root),
        ["bench", "typing"] => bench_typing::run(&root),
        ["bench", "lighthouse", rest @ ..] => bench_lighthouse::run(&root, rest),
        ["dist"] => dist::run(&root),
        ["bench", "reframe"] => bench_reframe::run(&root),
        ["bench", "incoming"] => {
            process::run(process::cargo(&root).args(["bench", "-p", "story-core", "--bench", "incoming"]))
        }
        ["bench", "collector", rest @ ..] => bench_collector::run(&root, rest),
        ["bench", bench @ ("export" | "dashboard")] => postgres::ensure().and_then(|database_url| {
            process::run(
                process::cargo(&root)
                    .args(["bench", "-p", "collector", "--bench", bench])
                    .env("TEST_DATABASE_URL", database_url),
            )
        }),
        ["help" | "--help" | "-h"] | [] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown command `{}`\n{USAGE}", args.join(" "))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the workspace").to_path_buf()
}
