//! `cargo xtask bench size`: what every visitor downloads, file by file.

use crate::{compress, widget};
use std::path::{Path, PathBuf};

/// The budget from issue 2: all a person who writes a story downloads, brotli-compressed.
const BUDGET_BROTLI: usize = 90 * 1024;
/// The goal from issue 15: what a first visit to either page fetches, brotli-compressed.
const FIRST_LOAD_BUDGET_BROTLI: usize = 100 * 1024;
/// The budget from issue 6: the embed loader every partner's page loads, brotli-compressed.
const LOADER_BUDGET_BROTLI: usize = 2 * 1024;

pub fn run(root: &Path) -> Result<(), String> {
    let dist = widget::build(root)?;
    let mut files = Vec::new();
    collect_files(&dist, &mut files).map_err(|e| format!("cannot list {}: {e}", dist.display()))?;
    files.sort();
    println!("\n{:<52} {:>10} {:>10} {:>10}", "file", "raw", "gzip -9", "brotli -11");
    // Each file compressed once (brotli -11 takes a while), then added up per page.
    let mut sized = Vec::new();
    for file in &files {
        let name = file.strip_prefix(&dist).unwrap_or(file).to_string_lossy().into_owned();
        let sizes = sizes_of(file)?;
        print_row(&name, sizes);
        sized.push((name, sizes));
    }
    print_row("all files", sum(sized.iter().map(|(_, sizes)| *sizes)));
    // What a first visit fetches before the first page shows: the page and what it names (trunk
    // names the stylesheet, the icon, the script and the wasm in it). Anything else is fetched
    // later, when it is needed: the builder's lexicon when a person starts writing.
    let builder = page_load(&dist, &sized, "index.html")?;
    let wall = page_load(&dist, &sized, "wall.html")?;
    let lexicon = sized.iter().filter(|(name, _)| name == story_core::reframe::LEXICON_FILE).map(|(_, sizes)| *sizes);
    let writer = sum(lexicon.chain([builder]));
    println!();
    print_row("builder: first load (index.html and what it names)", builder);
    print_row("builder: all a writer fetches (with the lexicon)", writer);
    print_row("wall: first load (wall.html and what it names)", wall);
    println!();
    for (page, sizes) in [("builder", builder), ("wall", wall)] {
        let verdict = if sizes[2] <= FIRST_LOAD_BUDGET_BROTLI { "within" } else { "OVER" };
        println!(
            "{page} first load brotli {:.1} KiB: {verdict} the {} KiB goal",
            sizes[2] as f64 / 1024.0,
            FIRST_LOAD_BUDGET_BROTLI / 1024
        );
    }
    let verdict = if writer[2] <= BUDGET_BROTLI { "within" } else { "OVER" };
    println!(
        "a writer's whole download brotli {:.1} KiB: {verdict} the {} KiB budget",
        writer[2] as f64 / 1024.0,
        BUDGET_BROTLI / 1024
    );
    // The partner's page loads only the loader (the collector serves it at /embed.js).
    let loader = root.join("embed/embed.js");
    let sizes = sizes_of(&loader)?;
    println!();
    print_row("embed/embed.js (on partners' pages)", sizes);
    let verdict = if sizes[2] <= LOADER_BUDGET_BROTLI { "within" } else { "OVER" };
    println!("loader brotli {} bytes: {verdict} the {} byte budget", sizes[2], LOADER_BUDGET_BROTLI);
    Ok(())
}

/// The page and every file it names, added up: raw, gzip and brotli.
fn page_load(dist: &Path, sized: &[(String, [usize; 3])], page: &str) -> Result<[usize; 3], String> {
    let html = std::fs::read_to_string(dist.join(page)).map_err(|e| format!("cannot read {page}: {e}"))?;
    let named = sized.iter().filter(|(name, _)| name == page || html.contains(&format!("/{name}")));
    Ok(sum(named.map(|(_, sizes)| *sizes)))
}

fn sum(all: impl Iterator<Item = [usize; 3]>) -> [usize; 3] {
    all.fold([0; 3], |total, sizes| [0, 1, 2].map(|i| total[i] + sizes[i]))
}

fn sizes_of(file: &Path) -> Result<[usize; 3], String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    Ok([bytes.len(), gzip(&bytes), brotli(&bytes)])
}

fn print_row(label: &str, sizes: [usize; 3]) {
    println!("{label:<52} {:>10} {:>10} {:>10}", sizes[0], sizes[1], sizes[2]);
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
