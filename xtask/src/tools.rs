//! Installs, pinned, whatever the build and the tests need and the machine lacks.
//! Tools already installed at the right version are reused; nothing downloads a browser of its own.

use crate::process::{self, output};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const NGINX: &str = "/usr/sbin/nginx";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo"));
    home.join("bin")
}

/// PATH with the project's npm tools and cargo's installed binaries first.
pub fn path(root: &Path) -> OsString {
    let mut dirs = vec![root.join("node_modules/.bin"), cargo_bin()];
    dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(dirs).expect("PATH entries are valid")
}

fn version_of(root: &Path, program: &str) -> Option<String> {
    output(Command::new(program).arg("--version").env("PATH", path(root)))
}

/// The exact wasm-bindgen version Cargo.lock resolved: the CLI must match it to the letter.
pub fn locked_wasm_bindgen(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

/// The wasm32 target, trunk, the wasm-bindgen CLI and wasm-opt (binaryen, from npm).
pub fn ensure_widget_tools(root: &Path) -> Result<(), String> {
    let targets = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        process::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    ensure_cargo_tool(root, "trunk", TRUNK_VERSION, &["--locked"])?;
    // The wasm-bindgen CLI's own lock file does not resolve here, so it is installed without --locked.
    let bindgen = locked_wasm_bindgen(root)?;
    ensure_cargo_tool(root, "wasm-bindgen", &bindgen, &[])?;
    ensure_npm_tools(root)
}

fn ensure_cargo_tool(root: &Path, program: &str, version: &str, extra: &[&str]) -> Result<(), String> {
    let found = version_of(root, program);
    if found.as_deref().is_some_and(|v| v.split_whitespace().nth(1) == Some(version)) {
        return Ok(());
    }
    let package = if program == "wasm-bindgen" { "wasm-bindgen-cli" } else { program };
    eprintln!(
        "Installing {package} {version} (found: {}); this takes a few minutes, once.",
        found.as_deref().unwrap_or("none").trim()
    );
    let mut command = Command::new("cargo");
    command.args(["install", package, "--version", version, "--force"]).args(extra);
    process::run(&mut command)
}

/// The npm packages pinned in package.json and package-lock.json.
pub fn ensure_npm_tools(root: &Path) -> Result<(), String> {
    let installed = root.join("node_modules/.package-lock.json");
    let lock = root.join("package-lock.json");
    let fresh = match (std::fs::metadata(&installed), std::fs::metadata(&lock)) {
        (Ok(i), Ok(l)) => i.modified().ok() >= l.modified().ok(),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    if output(Command::new("npm").arg("--version")).is_none() {
        return Err(
            "npm is needed for the build tools (wasm-opt) and browser tests: install Node.js 20 or later".into()
        );
    }
    process::run(Command::new("npm").current_dir(root).args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]))
}

/// Debian's Chromium and ChromeDriver, and nginx (the browser tests run the README's proxy
/// config in front of a collector): installed with apt-get when missing and running as root.
pub fn ensure_chromium() -> Result<(), String> {
    if [CHROMIUM, CHROMEDRIVER, NGINX].iter().all(|program| Path::new(program).exists()) {
        return Ok(());
    }
    if !process::is_root() {
        return Err(format!(
            "the browser tests need Chromium at {CHROMIUM}, ChromeDriver at {CHROMEDRIVER} and nginx at {NGINX}.\n\
             Install them with: sudo apt-get install chromium chromium-driver nginx-light"
        ));
    }
    process::run(Command::new("apt-get").args(["update", "-qq"]))?;
    process::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver", "nginx-light"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}
