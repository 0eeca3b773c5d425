//! The one way xtask starts a collector (browser tests, schemathesis, the benches): a built
//! binary on a free loopback port, a fresh SQLite database unless told another, ready once
//! `/healthz` answers, and stopped (its database folder removed) however the caller ends.

use crate::process::{self, cargo};
use crate::tools;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Builds the widget, serves it from a real collector and runs a Node script against it in
/// Debian's Chromium (the browser benches).
pub fn run_browser_script(root: &Path, script: &str) -> Result<(), String> {
    let dist = crate::widget::build(root)?;
    let collector = TestCollector::for_browser(root, &dist)?;
    process::run(
        Command::new("node")
            .current_dir(root)
            .env("PATH", tools::path(root))
            .env("STORY_BUILDER_URL", collector.url())
            .env("CHROMIUM", tools::CHROMIUM)
            .arg(script),
    )
}

/// How to start one: which binary, what it serves, where it keeps stories.
pub struct Launch<'a> {
    pub binary: &'a Path,
    /// The built widget to serve at `/`; None serves an empty folder (API only).
    pub widget_dir: Option<&'a Path>,
    /// None: a fresh SQLite database in a folder of its own, removed afterwards.
    pub database_url: Option<&'a str>,
    /// Where it runs, so that folder's campaigns.toml is read; None: its own empty folder (the
    /// built-in campaign).
    pub working_dir: Option<&'a Path>,
    /// `--rate-limit 0`, for a single client sending many stories (schemathesis, wrk).
    pub unlimited: bool,
}

pub struct TestCollector {
    child: Child,
    addr: String,
    data: PathBuf,
}

impl TestCollector {
    /// Builds the debug collector and Chromium's prerequisites, then serves `dist`.
    pub fn for_browser(root: &Path, dist: &Path) -> Result<TestCollector, String> {
        tools::ensure_chromium()?;
        process::run(cargo(root).args(["build", "--package", "collector"]))?;
        let binary = root.join("target/debug/collector");
        let launch = Launch {
            binary: &binary,
            widget_dir: Some(dist),
            database_url: None,
            working_dir: Some(root),
            unlimited: false,
        };
        TestCollector::start(&launch)
    }

    pub fn start(launch: &Launch) -> Result<TestCollector, String> {
        let data = std::env::temp_dir().join(format!("story-builder-collector-{}-{}", std::process::id(), next_id()));
        std::fs::create_dir_all(&data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;
        let sqlite = format!("sqlite://{}?mode=rwc", data.join("stories.sqlite").display());
        let addr = free_local_addr()?;
        // Its log (a line per request) would drown the tests' output: it goes to a file, shown if
        // the collector fails to start.
        let log = std::fs::File::create(data.join("collector.log")).map_err(|e| format!("cannot create a log: {e}"))?;
        let mut command = Command::new(launch.binary);
        command
            .current_dir(launch.working_dir.unwrap_or(&data))
            .args(["serve", "--addr", &addr, "--database-url", launch.database_url.unwrap_or(&sqlite)])
            .arg("--widget-dir")
            .arg(launch.widget_dir.unwrap_or(&data))
            .stdout(Stdio::null())
            .stderr(log);
        if launch.unlimited {
            command.args(["--rate-limit", "0"]);
        }
        let child =
            command.spawn().map_err(|e| format!("could not start the collector ({}): {e}", launch.binary.display()))?;
        let mut collector = TestCollector { child, addr, data };
        collector.wait_until_healthy().map_err(|e| {
            let log = std::fs::read_to_string(collector.data.join("collector.log")).unwrap_or_default();
            format!("{e}\nits log:\n{log}")
        })?;
        Ok(collector)
    }

    pub fn addr(&self) -> &str {
        &self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    fn wait_until_healthy(&mut self) -> Result<(), String> {
        let addr = &self.addr;
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("the collector stopped before it was ready ({status})"));
            }
            if let Ok(mut stream) = TcpStream::connect(addr) {
                let _ = write!(stream, "GET /healthz HTTP/1.0\r\nHost: {addr}\r\n\r\n");
                let mut reply = String::new();
                let _ = stream.read_to_string(&mut reply);
                if reply.starts_with("HTTP/1.1 200") || reply.starts_with("HTTP/1.0 200") {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Err(format!("the collector did not answer http://{addr}/healthz within a minute"))
    }
}

/// Stops the collector however the tests end.
impl Drop for TestCollector {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

/// Two collectors started by one xtask (the bench's SQLite and PostgreSQL runs) get two folders.
fn next_id() -> u32 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

pub fn free_local_addr() -> Result<String, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port on 127.0.0.1: {e}"))?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.to_string())
}
