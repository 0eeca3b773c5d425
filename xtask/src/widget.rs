//! Builds the widget for the browser with trunk, in release mode, offline, with the reframing
//! lexicon it fetches beside it, and the brotli and gzip copies of its files that the collector sends.

use crate::process::{self, cargo};
use crate::{compress, tools};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds into `dist/` and returns its path.
pub fn build(root: &Path) -> Result<PathBuf, String> {
    tools::ensure_widget_tools(root)?;
    // trunk runs cargo offline, so every crate must already be in cargo's cache.
    process::run(cargo(root).args(["fetch", "--quiet"]))?;
    let dist = root.join("dist");
    let mut trunk = Command::new("trunk");
    trunk
        .current_dir(root)
        .env("PATH", tools::path(root))
        .args(["build", "--release", "--offline", "--dist"])
        .arg(&dist);
    process::run(&mut trunk)?;
    // The widget fetches the reframing lexicon when a person starts writing (core's
    // `bundled-lexicon` is off for it): the same text, under the name that build knows.
    let lexicon = dist.join(story_core::reframe::LEXICON_FILE);
    std::fs::write(&lexicon, story_core::reframe::lexicon_text())
        .map_err(|e| format!("could not write {}: {e}", lexicon.display()))?;
    compress::write_copies(&dist)?;
    Ok(dist)
}
