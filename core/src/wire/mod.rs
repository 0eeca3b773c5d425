//! The JSON that crosses between the widget and the collector, each shape defined once: what the
//! widget writes and what the collector reads sit side by side, so a field added to one is seen
//! missing from the other in review and by the round-trip tests.

pub mod campaign;
pub mod status;
pub mod story;
pub mod wall;
