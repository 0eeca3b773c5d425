//! The `collector` command. Subcommands:
//!   collector serve [options]   run the campaign endpoint (see `collector serve --help`)

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => collector::serve::serve(&args[1..]).await,
        _ => Err(format!("usage: collector serve [options]\n\n{}", collector::serve::USAGE)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("collector: {message}");
            ExitCode::FAILURE
        }
    }
}
