//! A real collector for the browser tests and benches: the debug build, on a free loopback port,
//! with a fresh SQLite database that goes when it does.

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
    let collector = TestCollector::start(root, &dist)?;
    process::run(
        Command::new("node")
            .current_dir(root)
            .env("PATH", tools::path(root))
            .env("STORY_BUILDER_URL", collector.url())
            .env("CHROMIUM", tools::CHROMIUM)
            .arg(script),
    )
}

pub struct TestCollector {
    child: Child,
    addr: String,
    data: PathBuf,
}

impl TestCollector {
    /// Builds the collector and Chromium's prerequisites, then serves `dist`.
    pub fn start(root: &Path, dist: &Path) -> Result<TestCollector, String> {
        tools::ensure_chromium()?;
        process::run(cargo(root).args(["build", "--package", "collector"]))?;
        let data = std::env::temp_dir().join(format!("story-builder-test-{}", std::process::id()));
        std::fs::create_dir_all(&data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;
        let addr = free_local_addr()?;
        let child = Command::new(root.join("target/debug/collector"))
            .current_dir(root)
            .arg("serve")
            .args(["--addr", &addr, "--widget-dir"])
            .arg(dist)
            .arg("--database-url")
            .arg(format!("sqlite://{}?mode=rwc", data.join("stories.sqlite").display()))
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start the collector: {e}"))?;
        let mut collector = TestCollector { child, addr, data };
        collector.wait_until_healthy()?;
        Ok(collector)
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
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

fn free_local_addr() -> Result<String, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port on 127.0.0.1: {e}"))?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.to_string())
}
