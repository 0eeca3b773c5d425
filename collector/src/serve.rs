//! `collector serve`: reads the options, opens the store, loads the campaigns and serves.

use crate::abuse::RateLimit;
use crate::app::{self, AppState, Settings};
use crate::campaigns::Campaigns;
use crate::logging::LogFormat;
use crate::store::{DEFAULT_DATABASE_URL, Store};
use std::path::PathBuf;

pub const USAGE: &str = "\
usage: collector serve [options]
  --addr HOST:PORT          where to listen (default 127.0.0.1:8080)
  --widget-dir DIR          the built widget to serve at / (default: dist)
  --database-url URL        sqlite://PATH?mode=rwc or postgres://... (default: $DATABASE_URL, else
                            sqlite://stories.sqlite?mode=rwc)
  --campaigns FILE          the campaigns file (default: ./campaigns.toml if present, else built in)
  --rate-limit N            story submissions per minute per client, after a burst (default 10;
                            0 turns the limit off, e.g. for benchmarks)
  --rate-burst N            submissions a client may make at once (default 20)
  --trust-forwarded-for     take the client's address from X-Forwarded-For (only behind your own proxy)
  --public-url URL          the address people reach the collector at, e.g. https://stories.example.org
                            (behind a reverse proxy: the widget's own pages then count as this site)
  --log-format text|json    how the log on stderr is written (default text; json: one object per line)
environment:
  RUST_LOG                  how much is logged: error, warn, info (default), debug or trace
  COLLECTOR_METRICS_TOKEN   /metrics also answers `Authorization: Bearer <token>` (otherwise only
                            this machine, asking directly, may read it)";

#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub addr: String,
    pub database_url: String,
    pub campaigns: Option<PathBuf>,
    pub log_format: LogFormat,
    pub settings: Settings,
}

impl ServeOptions {
    pub fn parse(args: &[String]) -> Result<ServeOptions, String> {
        let mut options = ServeOptions {
            addr: "127.0.0.1:8080".into(),
            database_url: std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.into()),
            campaigns: None,
            log_format: LogFormat::default(),
            settings: Settings {
                widget_dir: Some("dist".into()),
                metrics_token: std::env::var("COLLECTOR_METRICS_TOKEN").ok().filter(|t| !t.is_empty()),
                ..Settings::default()
            },
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || args.next().cloned().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
            let number =
                |text: String| text.parse::<u32>().map_err(|_| format!("{arg}: `{text}` is not a whole number"));
            match arg.as_str() {
                "--addr" => options.addr = value()?,
                "--widget-dir" => options.settings.widget_dir = Some(value()?.into()),
                "--database-url" => options.database_url = value()?,
                "--campaigns" => options.campaigns = Some(value()?.into()),
                "--rate-limit" => options.settings.rate_limit.per_minute = number(value()?)?,
                "--rate-burst" => options.settings.rate_limit.burst = number(value()?)?.max(1),
                "--trust-forwarded-for" => options.settings.trust_forwarded_for = true,
                "--public-url" => options.settings.public_origin = Some(public_origin(&value()?)?),
                "--log-format" => options.log_format = LogFormat::parse(&value()?)?,
                "--help" | "-h" => return Err(USAGE.into()),
                other => return Err(format!("unknown option `{other}`\n{USAGE}")),
            }
        }
        Ok(options)
    }
}

/// `https://host[:port]` from what was given, with any final `/`; a path or anything else is refused,
/// since an origin is all a browser sends.
fn public_origin(url: &str) -> Result<String, String> {
    let origin = url.trim().trim_end_matches('/');
    let refuse = || {
        format!(
            "--public-url: `{url}` is not a site's address: give its scheme and host, like https://stories.example.org"
        )
    };
    let (scheme, host) = origin.split_once("://").ok_or_else(refuse)?;
    let host_ok = !host.is_empty() && !host.contains(['/', '?', '#', '@', ' ']);
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") || !host_ok {
        return Err(refuse());
    }
    Ok(origin.to_ascii_lowercase())
}

/// Opens everything and builds the state, without listening yet (tests and `serve` share it).
pub async fn prepare(options: &ServeOptions) -> Result<AppState, String> {
    let (campaigns, source) = Campaigns::load(options.campaigns.as_deref())?;
    for warning in campaigns.warnings() {
        tracing::warn!("{warning}");
    }
    let store = Store::connect(&options.database_url)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", redact_url(&options.database_url)))?;
    tracing::info!(
        campaigns = campaigns.iter().count(),
        source = %source,
        database = %redact_url(&options.database_url),
        "campaigns loaded and the store opened"
    );
    Ok(AppState::new(store, campaigns, options.settings.clone()))
}

pub async fn serve(args: &[String]) -> Result<(), String> {
    let options = ServeOptions::parse(args)?;
    crate::logging::init(options.log_format);
    let options = crate::bundled_widget::use_built_in_if_absent(options)?;
    let limit: RateLimit = options.settings.rate_limit;
    let state = prepare(&options).await?;
    crate::workers::start(&state);
    let app = app::router(state);
    let listener = tokio::net::TcpListener::bind(&options.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", options.addr))?;
    if limit.per_minute == 0 {
        tracing::warn!("the per-client rate limit is off (--rate-limit 0)");
    }
    println!("Story Builder is serving on http://{}", options.addr);
    crate::listen::serve(listener, app, crate::listen::Deadlines::default(), shutdown()).await;
    // Every story answered before the signal was committed first: the writer has nothing left.
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}

/// A database URL fit for a log line: the password, if any, hidden.
fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_url_is_kept_as_an_origin_and_anything_else_explained() {
        assert_eq!(public_origin("https://Stories.Example.org/").unwrap(), "https://stories.example.org");
        assert_eq!(public_origin("http://127.0.0.1:9000").unwrap(), "http://127.0.0.1:9000");
        for wrong in ["stories.example.org", "https://stories.example.org/wall", "ftp://x.org", "https://"] {
            let error = public_origin(wrong).unwrap_err();
            assert!(error.contains(wrong) && error.contains("https://stories.example.org"), "{error}");
        }
    }
}
