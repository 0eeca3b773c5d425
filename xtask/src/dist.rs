//! `cargo xtask dist`: one self-contained collector binary with the built widget inside, at
//! `target/dist/collector`, ready to copy to a server (see the README's production section).

use crate::process::{self, cargo};
use crate::widget;
use std::path::{Path, PathBuf};

pub fn run(root: &Path) -> Result<(), String> {
    let widget_dir = widget::build(root)?;
    // rust-embed reads the files at compile time, and cargo does not notice when only they
    // changed, so the one file that embeds them is marked changed.
    let embedding = root.join("collector/src/bundled_widget.rs");
    let source = std::fs::read(&embedding).map_err(|e| format!("cannot read {}: {e}", embedding.display()))?;
    std::fs::write(&embedding, source).map_err(|e| format!("cannot touch {}: {e}", embedding.display()))?;
    process::run(
        cargo(root)
            .args(["build", "--release", "--locked", "--package", "collector", "--features", "embed-widget"])
            .env("STORY_BUILDER_WIDGET_DIR", &widget_dir),
    )?;
    let built = target_dir(root).join("release/collector");
    let out_dir = root.join("target/dist");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let out = out_dir.join("collector");
    std::fs::copy(&built, &out).map_err(|e| format!("cannot copy {} to {}: {e}", built.display(), out.display()))?;
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!(
        "{} ({:.1} MB): the collector with the widget built in.\n\
         Try it:   {} serve --addr 127.0.0.1:8080\n\
         Deploy:   see \"Running the collector in production\" in README.md",
        out.display(),
        size as f64 / 1_000_000.0,
        out.display()
    );
    Ok(())
}

/// Where cargo puts its builds: `CARGO_TARGET_DIR` when set, else `target/` in the workspace.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"))
}
