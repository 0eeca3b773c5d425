//! Small views used by several pages: plain functions of what they show, so that each costs
//! only its markup (a Yew component would also instantiate a whole lifecycle in the wasm).

mod back_link;
mod campaign_logo;
mod dictate;
mod easy_lines;
mod error_summary;
mod picture;
mod read_aloud;
mod share_links;
mod story_card;
mod suggestions;
mod word_count;

pub use back_link::back_link;
pub use campaign_logo::campaign_logo;
pub use dictate::Dictate;
pub use easy_lines::easy_lines;
pub use error_summary::{error_message, error_summary, field_errors, field_id};
pub use picture::picture;
pub use read_aloud::ReadAloud;
pub use share_links::share_links;
pub use story_card::StoryCard;
pub use suggestions::suggestions;
pub use word_count::word_count;
