//! Story Builder's pure logic, shared by the widget, the collector and the `reframe` CLI.
//! Nothing here touches a browser, a network or a disk, so all of it is tested natively.

pub mod campaign;
pub mod campaign_words;
pub mod consent;
pub mod draft;
pub mod flow;
pub mod funnel;
pub mod incoming;
pub mod locale;
pub mod proof_of_work;
pub mod reframe;
pub mod safeguarding;
pub mod share;
pub mod speech;
pub mod step;
pub mod story;
pub mod submission;
pub mod text_hygiene;
pub mod validate;
pub mod wire;

/// The campaign served when no other is configured.
pub const DEFAULT_CAMPAIGN: &str = "socialcarefuture";
