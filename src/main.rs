//! Story Builder's widget: mounts the app into `#story-builder` (never wiping the host page).

mod app;
mod components;
mod hooks;
mod pages;
mod services;

fn main() {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let root = document.get_element_by_id("story-builder").expect("index.html has #story-builder");
    // A partner's page may ask for the story wall instead of the builder (embed/embed.js).
    if services::location::param("view").as_deref() == Some("wall") {
        yew::Renderer::<pages::Wall>::with_root(root).render();
    } else {
        yew::Renderer::<app::App>::with_root(root).render();
    }
}
