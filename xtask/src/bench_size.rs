//! `cargo xtask bench size`: what every visitor downloads, file by file.

use crate::{compress, widget};
use std::path::{Path, PathBuf};

/// The budget from issue 2: the whole widget, brotli-compressed.
const BUDGET_BROTLI: usize = 90 * 1024;
/// The goal from issue 15: what a first visit fetches, brotli-compressed.
const FIRST_LOAD_BUDGET_BROTLI: usize = 100 * 1024;
/// The budget from issue 6: the embed loader every partner's page loads, brotli-compressed.
const LOADER_BUDGET_BROTLI: usize = 2 * 1024;

pub fn run(root: &Path) -> Result<(), String> {
    let dist = widget::build(root)?;
    let mut files = Vec::new();
    collect_files(&dist, &mut files).map_err(|e| format!("cannot list {}: {e}", dist.display()))?;
    files.sort();
    println!("\n{:<48} {:>10} {:>10} {:>10}", "file", "raw", "gzip -9", "brotli -11");
    let mut totals = [0usize; 3];
    for file in &files {
        let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let sizes = [bytes.len(), gzip(&bytes), brotli(&bytes)];
        let name = file.strip_prefix(&dist).unwrap_or(file).display().to_string();
        println!("{name:<48} {:>10} {:>10} {:>10}", sizes[0], sizes[1], sizes[2]);
        for (total, size) in totals.iter_mut().zip(sizes) {
            *total += size;
        }
    }
    println!("{:<48} {:>10} {:>10} {:>10}", "total", totals[0], totals[1], totals[2]);
    // What a first visit fetches before the first page shows: the page and what it names (trunk
    // names the stylesheet, the icon, the script and the wasm in it). Anything else is fetched
    // later, when it is needed.
    let page = std::fs::read_to_string(dist.join("index.html")).map_err(|e| format!("cannot read index.html: {e}"))?;
    let mut first = [0usize; 3];
    for file in &files {
        let name = file.strip_prefix(&dist).unwrap_or(file).to_string_lossy().into_owned();
        if name == "index.html" || page.contains(&format!("/{name}")) {
            let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            for (total, size) in first.iter_mut().zip([bytes.len(), gzip(&bytes), brotli(&bytes)]) {
                *total += size;
            }
        }
    }
    println!("{:<48} {:>10} {:>10} {:>10}", "first load (index.html and what it names)", first[0], first[1], first[2]);
    let verdict = if first[2] <= FIRST_LOAD_BUDGET_BROTLI { "within" } else { "OVER" };
    println!(
        "first load brotli {:.1} KiB: {verdict} the {} KiB goal",
        first[2] as f64 / 1024.0,
        FIRST_LOAD_BUDGET_BROTLI / 1024
    );
    let verdict = if totals[2] <= BUDGET_BROTLI { "within" } else { "OVER" };
    println!("brotli total {:.1} KiB: {verdict} the {} KiB budget", totals[2] as f64 / 1024.0, BUDGET_BROTLI / 1024);
    // The partner's page loads only the loader (the collector serves it at /embed.js).
    let loader = root.join("embed/embed.js");
    let bytes = std::fs::read(&loader).map_err(|e| format!("cannot read {}: {e}", loader.display()))?;
    let sizes = [bytes.len(), gzip(&bytes), brotli(&bytes)];
    println!("\n{:<48} {:>10} {:>10} {:>10}", "embed/embed.js (on partners' pages)", sizes[0], sizes[1], sizes[2]);
    let verdict = if sizes[2] <= LOADER_BUDGET_BROTLI { "within" } else { "OVER" };
    println!("loader brotli {} bytes: {verdict} the {} byte budget", sizes[2], LOADER_BUDGET_BROTLI);
    Ok(())
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            // trunk's staging folder is not shipped.
            if !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                collect_files(&path, files)?;
            }
        } else if !compress::is_copy(&path) {
            // The .br and .gz copies are the same files, sent instead of them, not as well.
            files.push(path);
        }
    }
    Ok(())
}

/// Size after gzip -9.
pub fn gzip(bytes: &[u8]) -> usize {
    compress::gzip(bytes).len()
}

/// Size after brotli -11 (window 22, as servers use).
pub fn brotli(bytes: &[u8]) -> usize {
    compress::brotli(bytes).len()
}
