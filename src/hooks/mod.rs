//! Where the widget's side effects live. Each hook owns one effect (a request to the collector, a
//! timer, a listener, storage) and hands pages only state to render and callbacks to call, so a
//! page never fetches, stores or listens itself.

pub mod campaign;
pub mod checking;
pub mod draft_saving;
pub mod embed_events;
pub mod funnel;
pub mod lexicon;
pub mod sending;
pub mod sharing;
pub mod wall;
pub mod withdrawing;
