//! A PostgreSQL server for the collector's tests: the one named by TEST_DATABASE_URL, or the
//! machine's own on 127.0.0.1:5432, started if it is installed but stopped.

use crate::process::output;
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::time::Duration;

pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The URL the tests should use, or a message saying how to give them one.
pub fn ensure() -> Result<String, String> {
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        return Ok(url);
    }
    let addr: SocketAddr = "127.0.0.1:5432".parse().expect("a valid address");
    let reachable = || TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_ok();
    if !reachable() {
        start_local_cluster();
        for _ in 0..20 {
            if reachable() {
                break;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    }
    if reachable() {
        Ok(DEFAULT_URL.to_owned())
    } else {
        Err("the collector's tests need PostgreSQL, and none answers on 127.0.0.1:5432.\n\
             Point them at a server you can create databases on, for example:\n    \
             TEST_DATABASE_URL=postgres://user:password@host:5432/postgres cargo xtask test\n\
             or install one (Debian: apt-get install postgresql) and run this again."
            .into())
    }
}

/// Debian's clusters are started with pg_ctlcluster; a machine without it is left alone.
fn start_local_cluster() {
    let Some(versions) = std::fs::read_dir("/etc/postgresql").ok() else { return };
    for version in versions.flatten() {
        let version = version.file_name().to_string_lossy().into_owned();
        eprintln!("Starting the local PostgreSQL {version} cluster for the collector's tests");
        let _ = output(Command::new("pg_ctlcluster").args(["--skip-systemctl-redirect", &version, "main", "start"]));
    }
}
