//! Builds the widget for the browser with trunk, in release mode, offline: the story builder
//! (`index.html`) and the story wall (`wall.html`), each its own bundle, with the reframing
//! lexicon the builder fetches beside them, and the brotli and gzip copies of the files that the
//! collector sends.

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
    trunk_build(root, "index.html", &dist)?;
    // trunk names every page it writes index.html, and empties the folder it writes to first: the
    // wall is built beside, then moved in. Its file names carry their own hashes, so nothing clashes.
    let wall_stage = root.join("target/wall-dist");
    trunk_build(root, "wall.html", &wall_stage)?;
    for entry in std::fs::read_dir(&wall_stage).map_err(|e| format!("cannot list {}: {e}", wall_stage.display()))? {
        let from = entry.map_err(|e| format!("cannot list {}: {e}", wall_stage.display()))?.path();
        if from.is_dir() {
            continue;
        }
        let Some(name) = from.file_name().map(|n| n.to_string_lossy().into_owned()) else { continue };
        let to = dist.join(if name == "index.html" { "wall.html" } else { &name });
        std::fs::copy(&from, &to).map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))?;
    }
    // The widget fetches the reframing lexicon when a person starts writing (core's
    // `bundled-lexicon` is off for it): the same text, under the name that build knows.
    let lexicon = dist.join(story_core::reframe::LEXICON_FILE);
    std::fs::write(&lexicon, story_core::reframe::lexicon_text())
        .map_err(|e| format!("could not write {}: {e}", lexicon.display()))?;
    compress::write_copies(&dist)?;
    Ok(dist)
}

fn trunk_build(root: &Path, page: &str, dist: &Path) -> Result<(), String> {
    let mut trunk = Command::new("trunk");
    trunk
        .current_dir(root)
        .env("PATH", tools::path(root))
        .args(["build", page, "--release", "--offline", "--dist"])
        .arg(dist);
    process::run(&mut trunk)
}
