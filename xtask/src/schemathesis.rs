//! The collector's OpenAPI document checked against the running collector by schemathesis:
//! generated requests (valid and not) must never get a 5xx or a response the document does not
//! describe. schemathesis is installed at a pinned version into `.tools/venv` (gitignored).

use crate::process::{self, output};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const VERSION: &str = "4.32.5";
/// Checks that say "the API keeps its word"; the ones about what data ought to be accepted
/// (positive_data_acceptance, ...) judge business rules schemathesis cannot know.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
                      response_headers_conformance,response_schema_conformance";

/// Installs schemathesis if needed and returns its command.
fn ensure(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join(".tools/venv");
    let binary = venv.join("bin/schemathesis");
    let installed = output(Command::new(&binary).arg("--version")).is_some_and(|v| v.contains(VERSION));
    if !installed {
        eprintln!("Installing schemathesis {VERSION} into {} (once)", venv.display());
        if !venv.join("bin/pip").exists() {
            process::run(Command::new("python3").args(["-m", "venv"]).arg(&venv)).map_err(|e| {
                format!("{e}\nschemathesis needs Python 3 with venv (Debian: apt-get install python3-venv)")
            })?;
        }
        process::run(Command::new(venv.join("bin/pip")).args(["install", "-q", &format!("schemathesis=={VERSION}")]))?;
    }
    Ok(binary)
}

/// Starts the built debug collector on a fresh SQLite database and runs schemathesis against it.
pub fn run(root: &Path, collector: &Path) -> Result<(), String> {
    let schemathesis = ensure(root)?;
    let data = std::env::temp_dir().join(format!("story-builder-schemathesis-{}", std::process::id()));
    std::fs::create_dir_all(&data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;
    let addr = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.to_string();
    // No rate limit: schemathesis is one client sending hundreds of stories.
    let child = Command::new(collector)
        .current_dir(&data)
        .args(["serve", "--addr", &addr, "--rate-limit", "0", "--widget-dir", "."])
        .arg("--database-url")
        .arg(format!("sqlite://{}?mode=rwc", data.join("stories.sqlite").display()))
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start the collector: {e}"))?;
    let collector = Guard(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(&addr).is_err() {
        if Instant::now() > deadline {
            return Err("the collector did not start for schemathesis".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // One worker: with two, schemathesis 4.32.5's coverage phase now and then fails inside
    // hypothesis ("AST constructor recursion depth mismatch"), a race in the tool, not our API.
    let result = process::run(
        Command::new(schemathesis)
            .current_dir(&data)
            .arg("run")
            .arg(format!("http://{addr}/api/v1/openapi.json"))
            .args(["--checks", CHECKS, "--max-examples", "60", "--seed", "1", "--workers", "1"])
            .args(["--phases", "examples,coverage,fuzzing", "--no-color"])
            .env("SCHEMATHESIS_HOOKS", ""),
    );
    drop(collector);
    let _ = std::fs::remove_dir_all(&data);
    result.map_err(|e| {
        format!("{e}\nschemathesis found responses that break the OpenAPI document (collector/src/api/openapi.json)")
    })
}

struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
