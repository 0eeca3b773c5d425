//! The widget built into the collector binary, for `cargo xtask dist`'s one-file deployments.
//!
//! With the `embed-widget` feature the built widget (the directory named by
//! `STORY_BUILDER_WIDGET_DIR` at build time) is compiled in. At start-up, when the widget
//! directory the collector is told to serve (by default `dist`) holds no `index.html`, the
//! built-in copy is written to a new private directory and served from there, so the files, their
//! content types and the Content Security Policy's script hashes are exactly what `--widget-dir`
//! gives. Without the feature this does nothing.

use crate::serve::ServeOptions;

pub fn use_built_in_if_absent(options: ServeOptions) -> Result<ServeOptions, String> {
    #[cfg(feature = "embed-widget")]
    return built_in::use_if_absent(options);
    #[cfg(not(feature = "embed-widget"))]
    Ok(options)
}

#[cfg(feature = "embed-widget")]
mod built_in {
    use crate::serve::ServeOptions;
    use std::path::PathBuf;

    #[derive(rust_embed::Embed)]
    #[folder = "$STORY_BUILDER_WIDGET_DIR"]
    struct Widget;

    pub fn use_if_absent(mut options: ServeOptions) -> Result<ServeOptions, String> {
        match &options.settings.widget_dir {
            // No widget wanted (an API-only instance), or a built widget on disk: serve as told.
            None => return Ok(options),
            Some(dir) if dir.join("index.html").is_file() => return Ok(options),
            Some(_) => {}
        }
        let dir = unpack()?;
        tracing::info!(dir = %dir.display(), "serving the built-in widget");
        options.settings.widget_dir = Some(dir);
        Ok(options)
    }

    /// A fresh directory each start, created (not reused) with owner-only permissions, so no other
    /// local user can have put files where the collector serves from.
    fn unpack() -> Result<PathBuf, String> {
        let dir = std::env::temp_dir().join(format!("story-builder-widget-{}", crate::tokens::random_hex(8)));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        let fail = |e: std::io::Error| format!("cannot unpack the built-in widget into {}: {e}", dir.display());
        builder.create(&dir).map_err(fail)?;
        for name in Widget::iter() {
            let Some(file) = Widget::get(&name) else { continue };
            let path = dir.join(&*name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(fail)?;
            }
            std::fs::write(&path, &file.data).map_err(fail)?;
        }
        Ok(dir)
    }
}
