//! `cargo xtask bench lighthouse`: Lighthouse's four category scores for the widget's first page and
//! its check-your-story page, on the mobile preset, in Debian's headless Chromium against the real
//! collector serving the built widget (tests/browser/bench/lighthouse.mjs).

use std::path::Path;

pub fn run(root: &Path) -> Result<(), String> {
    crate::test_collector::run_browser_script(root, "tests/browser/bench/lighthouse.mjs")
}
