//! `cargo xtask bench collector`: how many durable story submissions per second the release
//! collector takes on this machine, beside nginx answering a fixed 201 on the same loopback (the
//! ceiling wrk and the kernel allow here).
//!
//!   cargo xtask bench collector [--sqlite | --postgres] [--seconds N] [--connections N]
//!
//! Both backends by default. PostgreSQL is the one named by BENCH_DATABASE_URL, else the local
//! server on 127.0.0.1:5432 (a fresh `story_builder_bench` database is made with psql). The
//! collector runs with `--rate-limit 0`: one wrk client would otherwise be throttled as a flood.
//!
//! wrk (2 threads), the collector (tokio's default: one worker thread per core, plus SQLite's own
//! worker thread) and nginx (2 workers) all share the machine's cores, as they would on a 2-core
//! host with a load generator beside it; the figures are only comparable at the same load, so the
//! load average is printed before each run.

use crate::process::{self, cargo, is_root, output};
use crate::test_collector::{Launch, TestCollector, free_local_addr};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Issue 4's targets, on SQLite with 2 cores.
const TARGET_RPS: f64 = 5_000.0;
const TARGET_P99_MS: f64 = 25.0;
const TARGET_RSS_MB: f64 = 60.0;

const LUA: &str = r#"
-- Each request is a distinct story with its own Idempotency-Key, so every one is really stored.
-- thread_id is set in each thread's state by setup(); counter counts that thread's requests.
local counter = 0
math.randomseed(os.time())
function setup(thread)
  thread:set("thread_id", math.random(1, 2000000000))
end
request = function()
  counter = counter + 1
  local key = string.format("bench-%010d-%012d", thread_id, counter)
  local body = '{"campaign":"socialcarefuture","lang":"en","title":"My good day ' .. counter ..
    '","body":"Tea first, then the allotment with my support worker, then the choir in the evening. Story ' ..
    key .. '.","answers":{"good-day":"Tea first, then the allotment."},' ..
    '"consent":{"share_with_campaign":true,"publish":true,"contact":false},' ..
    '"name_display":"first","name":"Sam","email":null,"area":"Leeds","role":"family",' ..
    '"website":"","started_at":1732612345678}'
  return wrk.format("POST", "/api/v1/stories",
    {["Content-Type"] = "application/json", ["Idempotency-Key"] = key}, body)
end
"#;

struct Options {
    sqlite: bool,
    postgres: bool,
    seconds: u32,
    connections: u32,
}

fn parse(args: &[&str]) -> Result<Options, String> {
    let mut options = Options { sqlite: true, postgres: true, seconds: 15, connections: 64 };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut number = || -> Result<u32, String> {
            args.next().and_then(|n| n.parse().ok()).ok_or_else(|| format!("{arg} needs a number"))
        };
        match *arg {
            "--sqlite" => options.postgres = false,
            "--postgres" => options.sqlite = false,
            "--seconds" => options.seconds = number()?,
            "--connections" => options.connections = number()?,
            other => return Err(format!("unknown option `{other}` for bench collector")),
        }
    }
    Ok(options)
}

/// What one wrk run measured.
struct Run {
    rps: f64,
    p99_ms: f64,
    non_2xx: u64,
    errors: String,
}

pub fn run(root: &Path, args: &[&str]) -> Result<(), String> {
    let options = parse(args)?;
    ensure_tools()?;
    process::run(cargo(root).args(["build", "--release", "--package", "collector"]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let binary = target.join("release/collector");
    let work = std::env::temp_dir().join(format!("story-builder-bench-{}", std::process::id()));
    std::fs::create_dir_all(work.join("widget")).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    std::fs::write(work.join("post.lua"), LUA).map_err(|e| e.to_string())?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "\nbench collector: {} s per run, {} connections, wrk with 2 threads, {cores} cores",
        options.seconds, options.connections
    );
    let nginx = bench_nginx(&work, &options)?;
    println!("nginx fixed 201 (ceiling): {:>9.0} requests/s, p99 {:.2} ms", nginx.rps, nginx.p99_ms);
    let mut backends = Vec::new();
    if options.sqlite {
        backends.push(("SQLite", format!("sqlite://{}?mode=rwc", work.join("bench.sqlite").display())));
    }
    if options.postgres {
        backends.push(("PostgreSQL", postgres_url()?));
    }
    let mut verdicts = Vec::new();
    for (name, url) in backends {
        let (run, rss_mb, stored) = bench_collector(root, &binary, &work, &url, &options)?;
        println!(
            "collector on {name:<10}: {:>9.0} requests/s, p99 {:.2} ms, peak RSS {:.1} MB, {:.0}% of nginx, \
             {stored} stories stored, {} non-2xx{}",
            run.rps,
            run.p99_ms,
            rss_mb,
            100.0 * run.rps / nginx.rps.max(1.0),
            run.non_2xx,
            run.errors
        );
        if name == "SQLite" {
            let pass = |ok: bool| if ok { "ok" } else { "MISSED" };
            verdicts.push(format!(
                "targets on SQLite: >= {TARGET_RPS} req/s {}, p99 <= {TARGET_P99_MS} ms {}, RSS <= {TARGET_RSS_MB} MB {}",
                pass(run.rps >= TARGET_RPS),
                pass(run.p99_ms <= TARGET_P99_MS),
                pass(rss_mb <= TARGET_RSS_MB)
            ));
        }
    }
    for verdict in verdicts {
        println!("{verdict}");
    }
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

fn ensure_tools() -> Result<(), String> {
    let missing: Vec<&str> = ["wrk", "nginx"].into_iter().filter(|tool| !on_path(tool)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !is_root() {
        return Err(format!(
            "the bench needs {}: install them with `sudo apt-get install wrk nginx-light` and run it again",
            missing.join(" and ")
        ));
    }
    let packages: Vec<&str> = missing.iter().map(|t| if *t == "nginx" { "nginx-light" } else { t }).collect();
    process::run(
        Command::new("apt-get").args(["install", "-y", "-q"]).args(&packages).env("DEBIAN_FRONTEND", "noninteractive"),
    )
    .or_else(|_| {
        process::run(Command::new("apt-get").arg("update").arg("-q"))?;
        process::run(
            Command::new("apt-get")
                .args(["install", "-y", "-q"])
                .args(&packages)
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    })
}

fn on_path(tool: &str) -> bool {
    output(Command::new("sh").args(["-c", &format!("command -v {tool}")])).is_some_and(|s| !s.trim().is_empty())
        || Path::new("/usr/sbin").join(tool).exists()
}

fn nginx_binary() -> &'static str {
    if Path::new("/usr/sbin/nginx").exists() { "/usr/sbin/nginx" } else { "nginx" }
}

/// nginx, killed however the bench ends.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn bench_nginx(work: &Path, options: &Options) -> Result<Run, String> {
    let addr = free_local_addr()?;
    let prefix = work.join("nginx");
    std::fs::create_dir_all(prefix.join("logs")).map_err(|e| e.to_string())?;
    let user = if is_root() { "user root;\n" } else { "" };
    let conf = format!(
        "{user}daemon off;\nworker_processes 2;\npid {p}/nginx.pid;\nerror_log {p}/logs/error.log;\n\
         events {{ worker_connections 4096; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {p}/body;\n  proxy_temp_path {p}/proxy;\n\
         fastcgi_temp_path {p}/fastcgi;\n  uwsgi_temp_path {p}/uwsgi;\n  scgi_temp_path {p}/scgi;\n\
         server {{\n    listen {addr};\n    location / {{\n      default_type application/json;\n\
         return 201 '{{\"id\":\"st_0\",\"delete_token\":\"t\"}}';\n    }}\n  }}\n}}\n",
        p = prefix.display()
    );
    std::fs::write(prefix.join("nginx.conf"), conf).map_err(|e| e.to_string())?;
    let child = Command::new(nginx_binary())
        .arg("-p")
        .arg(&prefix)
        .arg("-c")
        .arg(prefix.join("nginx.conf"))
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start nginx: {e}"))?;
    let _nginx = Guard(child);
    wait_for_port(&addr)?;
    wrk(work, &addr, options)
}

fn bench_collector(
    root: &Path,
    binary: &Path,
    work: &Path,
    url: &str,
    options: &Options,
) -> Result<(Run, f64, u64), String> {
    let widget = work.join("widget");
    let launch =
        Launch { binary, widget_dir: Some(&widget), database_url: Some(url), working_dir: Some(root), unlimited: true };
    let collector = TestCollector::start(&launch)?;
    let (addr, pid) = (collector.addr().to_owned(), collector.pid());
    let run = wrk(work, &addr, options)?;
    let rss_mb = peak_rss_kb(pid).unwrap_or(0) as f64 / 1024.0;
    let stored = http_get(&addr, "/metrics")
        .and_then(|text| {
            text.lines().find_map(|l| l.strip_prefix("stories_stored_total ").and_then(|n| n.trim().parse().ok()))
        })
        .unwrap_or(0);
    Ok((run, rss_mb, stored))
}

fn wrk(work: &Path, addr: &str, options: &Options) -> Result<Run, String> {
    let mut command = Command::new("wrk");
    command
        .args(["-t", "2", "-c", &options.connections.to_string(), "-d", &format!("{}s", options.seconds)])
        .args(["--latency", "--timeout", "5s", "-s"])
        .arg(work.join("post.lua"))
        .arg(format!("http://{addr}/api/v1/stories"));
    eprintln!("» {}", process::describe(&command));
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        eprintln!("  load average before this run: {}", load.split(' ').take(3).collect::<Vec<_>>().join(" "));
    }
    let out = command.output().map_err(|e| format!("could not run wrk: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        return Err(format!("wrk failed:\n{text}{}", String::from_utf8_lossy(&out.stderr)));
    }
    let rps = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:").and_then(|n| n.trim().parse().ok()))
        .ok_or_else(|| format!("no Requests/sec in wrk's output:\n{text}"))?;
    let p99_ms = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%").map(|v| parse_latency_ms(v.trim())))
        .flatten()
        .ok_or_else(|| format!("no 99% latency in wrk's output:\n{text}"))?;
    let non_2xx = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Non-2xx or 3xx responses:").and_then(|n| n.trim().parse().ok()))
        .unwrap_or(0);
    let errors =
        text.lines().find(|l| l.contains("Socket errors")).map(|l| format!(" ({})", l.trim())).unwrap_or_default();
    Ok(Run { rps, p99_ms, non_2xx, errors })
}

/// wrk prints latencies like `812.00us`, `3.21ms` or `1.02s`.
fn parse_latency_ms(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let value: f64 = text[..split].parse().ok()?;
    match &text[split..] {
        "us" => Some(value / 1000.0),
        "ms" => Some(value),
        "s" => Some(value * 1000.0),
        "m" => Some(value * 60_000.0),
        _ => None,
    }
}

fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// A fresh database for the PostgreSQL run.
fn postgres_url() -> Result<String, String> {
    if let Ok(url) = std::env::var("BENCH_DATABASE_URL") {
        return Ok(url);
    }
    let server = crate::postgres::ensure()?;
    let base = server.rsplit_once('/').map_or(server.as_str(), |(base, _)| base).to_owned();
    for sql in ["DROP DATABASE IF EXISTS story_builder_bench", "CREATE DATABASE story_builder_bench"] {
        process::run(Command::new("psql").args([server.as_str(), "-q", "-c", sql]))
            .map_err(|e| format!("{e}\nSet BENCH_DATABASE_URL to a PostgreSQL database the bench may fill."))?;
    }
    Ok(format!("{base}/story_builder_bench"))
}

fn wait_for_port(addr: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if TcpStream::connect(addr).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("nothing answered on {addr} within 30 s"))
}

fn http_get(addr: &str, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(addr).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").ok()?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).ok()?;
    Some(reply)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrks_latencies() {
        assert_eq!(parse_latency_ms("812.00us"), Some(0.812));
        assert_eq!(parse_latency_ms("3.21ms"), Some(3.21));
        assert_eq!(parse_latency_ms("1.02s"), Some(1020.0));
    }
}
