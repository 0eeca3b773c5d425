//! A campaign's colours on the page.

/// The campaign's colours as the widget's CSS custom properties (assets/style.css). Core has
/// checked them for contrast already; a theme that failed is empty and changes nothing.
pub fn apply_theme(theme: &story_core::campaign::Theme) {
    let mut properties = Vec::new();
    if let Some(primary) = &theme.primary {
        properties.extend([("--brand", primary.as_str()), ("--link", primary), ("--button", primary)]);
    }
    if let Some(background) = &theme.background {
        properties.push(("--background", background.as_str()));
    }
    crate::services::document::set_css_properties(&properties);
}
