//! Small views used by several pages: plain functions of what they show, so that each costs
//! only its markup (a Yew component would also instantiate a whole lifecycle in the wasm).

mod back_link;
mod error_summary;
mod share_links;
mod story_card;
mod suggestions;
mod word_count;

pub use back_link::back_link;
pub use error_summary::{error_message, error_summary, field_errors, field_id};
pub use share_links::share_links;
pub use story_card::StoryCard;
pub use suggestions::suggestions;
pub use word_count::word_count;
