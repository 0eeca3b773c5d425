//! Story Builder's campaign endpoint: receives, keeps, moderates and exports stories.
//!
//! `app::router` is the whole HTTP surface; `store::Store` is where stories are kept (SQLite or
//! PostgreSQL); `campaigns` is the configuration; `main.rs` only reads the command line.

pub mod abuse;
pub mod admin;
pub mod api;
pub mod app;
pub mod bundled_widget;
pub mod campaign_logo;
pub mod campaigns;
pub mod clock;
pub mod export;
pub mod listen;
pub mod logging;
pub mod metrics;
pub mod problem;
pub mod proof_of_work;
pub mod receipt;
pub mod retention;
pub mod serve;
pub mod store;
pub mod storyteller_email;
pub mod tokens;
pub mod web;
pub mod webhooks;
pub mod workers;
