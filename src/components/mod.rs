//! Small views used by several pages.

mod back_link;
mod error_summary;
mod word_count;

pub use back_link::BackLink;
pub use error_summary::{ErrorSummary, field_id};
pub use word_count::WordCount;
