//! The story wall's bundle (`wall.html`): what a reader of published stories downloads.

fn main() {
    story_builder::start_wall();
}
