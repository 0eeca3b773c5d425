//! Stub: serves the built widget until the collector proper exists.
//! Usage: collector serve [--addr 127.0.0.1:8080] [--widget-dir dist]

use axum::Router;
use axum::routing::get;
use tower_http::services::ServeDir;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let addr = flag("--addr").unwrap_or_else(|| "127.0.0.1:8080".into());
    let widget_dir = flag("--widget-dir").unwrap_or_else(|| "dist".into());
    let app = Router::new().route("/healthz", get(|| async { "ok" })).fallback_service(ServeDir::new(widget_dir));
    let listener = tokio::net::TcpListener::bind(&addr).await.unwrap_or_else(|e| {
        eprintln!("collector: cannot listen on {addr}: {e}");
        std::process::exit(1);
    });
    println!("Story Builder is serving on http://{addr}");
    axum::serve(listener, app).await.unwrap();
}
