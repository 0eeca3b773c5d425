//! `cargo xtask bench lighthouse`: Lighthouse's four category scores for the widget's first page and
//! its check-your-story page, on the mobile preset, in Debian's headless Chromium against the real
//! collector serving the built widget (tests/browser/bench/lighthouse.mjs).

//!
//! `--busy` keeps one core busy with a second process for the whole run, as a phone's other apps
//! or a loaded laptop would: the scores that matter are the ones on a machine doing something else.

use std::path::Path;
use std::process::{Child, Command, Stdio};

pub fn run(root: &Path, args: &[&str]) -> Result<(), String> {
    let busy = match args {
        [] => None,
        ["--busy"] => Some(Busy::start()?),
        _ => return Err(format!("bench lighthouse takes only --busy, not `{}`", args.join(" "))),
    };
    if busy.is_some() {
        println!("bench lighthouse: one core kept busy by a second process (--busy)");
    }
    let result = crate::test_collector::run_browser_script(root, "tests/browser/bench/lighthouse.mjs");
    drop(busy);
    result
}

/// A shell spinning on one core until dropped.
struct Busy(Child);

impl Busy {
    fn start() -> Result<Busy, String> {
        let child = Command::new("sh")
            .args(["-c", "while :; do :; done"])
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the busy process: {e}"))?;
        Ok(Busy(child))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
