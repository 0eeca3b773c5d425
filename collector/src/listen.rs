//! Accepting connections: HTTP/1.1 with a deadline for each request's headers (hyper applies it
//! only with a timer, which `axum::serve` does not give it, so a client sending headers a byte a
//! minute could hold a connection for ever), and a shutdown that stops accepting, lets every
//! request already received be answered, and then returns, waiting at most `drain`.

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long each of the connection's deadlines is.
#[derive(Clone, Copy, Debug)]
pub struct Deadlines {
    /// For a request's headers to arrive, from the first byte (or from the last answer, between
    /// requests on a kept-alive connection).
    pub headers: Duration,
    /// For requests already received to be answered once shutdown begins.
    pub drain: Duration,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines { headers: Duration::from_secs(10), drain: Duration::from_secs(20) }
    }
}

pub async fn serve(listener: TcpListener, app: Router, deadlines: Deadlines, shutdown: impl Future<Output = ()>) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(deadlines.headers);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                Err(error) => {
                    // Out of file descriptors, most often: wait for some to close rather than spin.
                    tracing::error!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = app.clone().map_request(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            request
        });
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away or misbehaves ends only its own connection.
            let _ = connection.await;
        });
    }
    drop(listener);
    if tokio::time::timeout(deadlines.drain, graceful.shutdown()).await.is_err() {
        tracing::warn!(
            seconds = deadlines.drain.as_secs(),
            "some requests were still unanswered after the signal to stop; stopping anyway"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::SocketAddr;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn started(
        deadlines: Deadlines,
    ) -> (SocketAddr, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new().route(
            "/",
            axum::routing::get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.ip().to_string() }),
        );
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, app, deadlines, async {
            let _ = stopped.await;
        }));
        (addr, stop, server)
    }

    #[tokio::test]
    async fn headers_that_never_finish_lose_the_connection() {
        let deadlines = Deadlines { headers: Duration::from_millis(300), ..Deadlines::default() };
        let (addr, _stop, _server) = started(deadlines).await;
        let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
        slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        let mut rest = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut rest)).await;
        assert!(read.is_ok(), "the connection was closed by the header deadline");

        let mut quick = tokio::net::TcpStream::connect(addr).await.unwrap();
        quick.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.unwrap();
        let mut answer = String::new();
        quick.read_to_string(&mut answer).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("127.0.0.1"), "{answer}");
    }

    #[tokio::test]
    async fn stopping_answers_what_was_received_then_returns() {
        let (addr, stop, server) = started(Deadlines::default()).await;
        let mut open = tokio::net::TcpStream::connect(addr).await.unwrap();
        open.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
        let mut first = [0u8; 12];
        open.read_exact(&mut first).await.unwrap();
        assert_eq!(&first, b"HTTP/1.1 200");
        stop.send(()).unwrap();
        // The idle kept-alive connection is closed and the server returns well within the drain.
        tokio::time::timeout(Duration::from_secs(5), server).await.expect("the server stops").unwrap();
        assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "no longer listening");
    }
}
