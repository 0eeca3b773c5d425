//! The collector's OpenAPI document checked against the running collector by schemathesis:
//! generated requests (valid and not) must never get a 5xx or a response the document does not
//! describe. schemathesis is installed at a pinned version into `.tools/venv` (gitignored).

use crate::process::{self, output};
use crate::test_collector::{Launch, TestCollector};
use std::path::{Path, PathBuf};
use std::process::Command;

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
    // No rate limit: schemathesis is one client sending hundreds of stories.
    let launch = Launch { binary: collector, widget_dir: None, database_url: None, working_dir: None, unlimited: true };
    let collector = TestCollector::start(&launch)?;
    let addr = collector.addr().to_owned();
    // One worker: with two, schemathesis 4.32.5's coverage phase now and then fails inside
    // hypothesis ("AST constructor recursion depth mismatch"), a race in the tool, not our API.
    let result = process::run(
        Command::new(schemathesis)
            .current_dir(std::env::temp_dir())
            .arg("run")
            .arg(format!("http://{addr}/api/v1/openapi.json"))
            .args(["--checks", CHECKS, "--max-examples", "60", "--seed", "1", "--workers", "1"])
            .args(["--phases", "examples,coverage,fuzzing", "--no-color"])
            .env("SCHEMATHESIS_HOOKS", ""),
    );
    drop(collector);
    result.map_err(|e| {
        format!("{e}\nschemathesis found responses that break the OpenAPI document (collector/src/api/openapi.json)")
    })
}
