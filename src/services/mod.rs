//! The browser's edges, each behind a small API. Pages and components never call web-sys directly.

pub mod card;
pub mod clipboard;
pub mod collector;
pub mod dictation;
pub mod document;
pub mod download;
pub mod drafts;
pub mod embed;
pub mod events;
pub mod location;
pub mod share;
pub mod speech;
pub mod timing;
