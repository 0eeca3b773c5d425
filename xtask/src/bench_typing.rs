//! `cargo xtask bench typing`: keystroke-to-screen time while editing a ~1,000-word story in
//! headless Chromium, the reframing engine's suggestions included (tests/browser/bench/typing.mjs).

use crate::test_collector::TestCollector;
use crate::{process, tools, widget};
use std::path::Path;
use std::process::Command;

pub fn run(root: &Path) -> Result<(), String> {
    let dist = widget::build(root)?;
    let collector = TestCollector::start(root, &dist)?;
    process::run(
        Command::new("node")
            .current_dir(root)
            .env("PATH", tools::path(root))
            .env("STORY_BUILDER_URL", collector.url())
            .env("CHROMIUM", tools::CHROMIUM)
            .arg("tests/browser/bench/typing.mjs"),
    )
}
