//! The collector's log: what happened to the service, for whoever runs it. It never holds what a
//! person wrote or how to reach them (story text, names, emails, areas, client addresses or query
//! strings); `tests/logs.rs` holds that.

use tracing::level_filters::LevelFilter;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LogFormat {
    /// One readable line per event.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

impl LogFormat {
    pub fn parse(text: &str) -> Result<LogFormat, String> {
        match text {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            other => Err(format!("--log-format: `{other}` is not a log format: use text or json")),
        }
    }
}

/// Logs to stderr at `RUST_LOG`'s level (info when unset or unreadable). Once per process: a second
/// call (a test starting a second server) keeps the first.
pub fn init(format: LogFormat) {
    let level =
        std::env::var("RUST_LOG").ok().and_then(|level| level.parse::<LevelFilter>().ok()).unwrap_or(LevelFilter::INFO);
    let builder = tracing_subscriber::fmt().with_writer(std::io::stderr).with_max_level(level).with_target(false);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().with_current_span(true).with_span_list(false).try_init(),
    };
}
