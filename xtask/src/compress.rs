//! gzip -9 and brotli -11, for `bench size` and for the copies the collector serves.

use std::io::Write;
use std::path::Path;

/// What browsers download compressed: text and WebAssembly (images such as PNG are compressed already).
const COMPRESSIBLE: [&str; 7] = ["html", "js", "css", "wasm", "svg", "json", "txt"];

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// Window 22, as servers use.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("compressing in memory");
    out
}

/// A compressed copy written by `write_copies`.
pub fn is_copy(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "br" || e == "gz")
}

/// Writes `file.br` and `file.gz` beside every compressible file in `dir` (not in trunk's hidden
/// staging folder), for the collector to send as they are (tower-http's precompressed files).
pub fn write_copies(dir: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if path.is_dir() && !hidden {
            write_copies(&path)?;
        } else if path.extension().is_some_and(|e| COMPRESSIBLE.iter().any(|c| e == *c)) {
            let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            for (suffix, copy) in [("br", brotli(&bytes)), ("gz", gzip(&bytes))] {
                let mut name = path.clone().into_os_string();
                name.push(format!(".{suffix}"));
                std::fs::write(&name, copy).map_err(|e| format!("cannot write {}: {e}", Path::new(&name).display()))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_decompress_to_the_original() {
        let dir = std::env::temp_dir().join(format!("xtask-compress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = "Tell your story. ".repeat(100);
        std::fs::write(dir.join("index.html"), &text).unwrap();
        std::fs::write(dir.join("card.png"), b"\x89PNG").unwrap();
        write_copies(&dir).unwrap();
        let mut unzipped = String::new();
        let gz = std::fs::read(dir.join("index.html.gz")).unwrap();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut unzipped).unwrap();
        assert_eq!(unzipped, text);
        let mut unbrotlied = Vec::new();
        let br = std::fs::read(dir.join("index.html.br")).unwrap();
        brotli::BrotliDecompress(&mut &br[..], &mut unbrotlied).unwrap();
        assert_eq!(unbrotlied, text.as_bytes());
        assert!(!dir.join("card.png.br").exists(), "PNG is compressed already");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
