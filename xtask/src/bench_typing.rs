//! `cargo xtask bench typing`: keystroke-to-screen time while editing a ~1,000-word story in
//! headless Chromium, the reframing engine's suggestions included (tests/browser/bench/typing.mjs).

use std::path::Path;

pub fn run(root: &Path) -> Result<(), String> {
    crate::test_collector::run_browser_script(root, "tests/browser/bench/typing.mjs")
}
