//! `cargo xtask bench lighthouse`: Lighthouse's four category scores for the widget's first page and
//! its check-your-story page, on the mobile preset, in Debian's headless Chromium against the real
//! collector serving the built widget (tests/browser/bench/lighthouse.mjs).

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
            .arg("tests/browser/bench/lighthouse.mjs"),
    )
}
