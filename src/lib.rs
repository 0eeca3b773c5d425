//! Story Builder's widget, as two bundles that share this library: the story builder
//! (`src/main.rs`, served as `index.html`) and the story wall (`src/bin/wall.rs`, served as
//! `wall.html`). Each bundle carries only the code its page reaches, so the many people who only
//! read the wall never download the builder, and the builder's first page does not carry the wall.
//! Both mount into `#story-builder` (never wiping the host page).

mod app;
mod components;
mod hooks;
mod pages;
mod services;

/// The file the wall bundle is served as, beside `index.html`.
pub const WALL_PAGE: &str = "wall.html";

/// Starts the story builder, or sends a link made for the one-bundle widget (`/?view=wall`) on
/// to the wall's own page, so links partners already shared keep working.
pub fn start_builder() {
    if services::location::param("view").as_deref() == Some("wall") {
        services::location::replace_path(WALL_PAGE);
        return;
    }
    yew::Renderer::<app::App>::with_root(root()).render();
}

/// Starts the story wall.
pub fn start_wall() {
    yew::Renderer::<pages::Wall>::with_root(root()).render();
}

fn root() -> web_sys::Element {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    document.get_element_by_id("story-builder").expect("the page has #story-builder")
}
