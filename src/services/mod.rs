//! The browser's edges, each behind a small API. Pages and components never call web-sys directly.

pub mod card;
pub mod clipboard;
pub mod clock;
pub mod collector;
pub mod dictation;
pub mod document;
pub mod download;
pub mod drafts;
pub mod embed;
pub mod events;
pub mod funnel;
pub mod http;
pub mod ids;
pub mod lexicon;
pub mod location;
pub mod network;
pub mod proof_of_work;
pub mod share;
pub mod speech;
pub mod theme;
pub mod timing;
