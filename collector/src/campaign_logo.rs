//! A campaign's logo: a small image file named in its theme, read once at start-up and served by
//! the collector itself, so showing it asks nothing of any other site (no visitor's address
//! reaches a third party) and the widget's `img-src 'self'` policy holds.

use axum::body::Bytes;
use std::path::Path;

/// Far above a sensible logo; keeps a mistaken photo from being sent to every visitor.
pub const MAX_BYTES: usize = 100 * 1024;

#[derive(Clone, Debug)]
pub struct Logo {
    pub bytes: Bytes,
    pub content_type: &'static str,
}

impl Logo {
    /// Reads `file` (relative to the campaigns file's folder), checking its type and size.
    pub fn load(file: &str, base: Option<&Path>) -> Result<Logo, String> {
        let Some(base) = base else {
            return Err(
                "theme.logo needs a campaigns file on disk (--campaigns FILE); the logo is read beside it".into()
            );
        };
        let path = base.join(file);
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        let content_type = match extension.as_str() {
            "svg" => "image/svg+xml",
            "png" => "image/png",
            "webp" => "image/webp",
            "jpg" | "jpeg" => "image/jpeg",
            _ => return Err(format!("theme.logo: `{file}` must be an .svg, .png, .webp or .jpg file")),
        };
        let bytes = std::fs::read(&path).map_err(|e| format!("theme.logo: cannot read {}: {e}", path.display()))?;
        if bytes.len() > MAX_BYTES {
            return Err(format!(
                "theme.logo: {} is {} KB; a logo must be at most {} KB",
                path.display(),
                bytes.len() / 1024,
                MAX_BYTES / 1024
            ));
        }
        Ok(Logo { bytes: bytes.into(), content_type })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logo_is_a_small_image_beside_the_campaigns_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("club.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>").unwrap();
        std::fs::write(dir.path().join("huge.png"), vec![0u8; MAX_BYTES + 1]).unwrap();
        let logo = Logo::load("club.svg", Some(dir.path())).unwrap();
        assert_eq!(logo.content_type, "image/svg+xml");
        let error = |file: &str, base| Logo::load(file, base).unwrap_err();
        assert!(error("huge.png", Some(dir.path())).contains("at most 100 KB"));
        assert!(error("club.gif", Some(dir.path())).contains("must be an .svg"));
        assert!(error("missing.png", Some(dir.path())).contains("cannot read"));
        assert!(error("club.svg", None).contains("campaigns file on disk"));
    }
}
