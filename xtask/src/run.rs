//! `cargo xtask run`: builds the widget and the collector, then serves both from one process.

use crate::process::{self, cargo};
use crate::widget;
use std::path::Path;
use std::process::Command;

pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

pub fn run(root: &Path, extra: &[&str]) -> Result<(), String> {
    let dist = widget::build(root)?;
    process::run(cargo(root).args(["build", "--release", "--package", "collector"]))?;
    let mut serve = Command::new(root.join("target/release/collector"));
    serve.current_dir(root).arg("serve").arg("--widget-dir").arg(&dist);
    if !extra.contains(&"--addr") {
        serve.args(["--addr", DEFAULT_ADDR]);
    }
    serve.args(extra);
    eprintln!("Starting the collector: open http://{DEFAULT_ADDR} in your browser. Press Ctrl+C to stop.");
    process::run(&mut serve)
}
