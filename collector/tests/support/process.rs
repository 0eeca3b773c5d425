//! The real `collector` binary in a process of its own, for what only a process shows: a crash, a
//! signal, two instances on one database, its log.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `collector serve --addr ADDR ARGS...` run in `dir` on a free loopback port, once it accepts
/// connections; returns the process and its address.
pub fn start(dir: &Path, args: &[&str], stderr: Stdio) -> (Child, String) {
    let addr = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    let child = Command::new(env!("CARGO_BIN_EXE_collector"))
        .current_dir(dir)
        .args(["serve", "--addr", &addr])
        .args(args)
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(&addr).is_err() {
        assert!(Instant::now() < deadline, "the collector did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    (child, addr)
}

/// One request on a connection of its own (`head` is the request line and any headers); the whole
/// answer as it came.
/// A connection reset before any answer arrived (seen once in CI, on a loaded machine) is tried
/// again, twice at most.
pub fn request(addr: &str, head: &str, body: &str) -> String {
    let mut last_error = None;
    for _ in 0..3 {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let sent = write!(
            stream,
            "{head}\r\nHost: {addr}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let mut reply = String::new();
        match sent.and_then(|()| stream.read_to_string(&mut reply)) {
            Ok(_) => return reply,
            Err(_) if reply.starts_with("HTTP/1.1") => return reply,
            Err(error) => last_error = Some(error),
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no answer from {addr}: {last_error:?}")
}
