//! The story builder's bundle (`index.html`).

fn main() {
    story_builder::start_builder();
}
