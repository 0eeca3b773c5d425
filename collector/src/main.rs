//! The `collector` command. Subcommands:
//!   collector serve [options]   run the campaign endpoint (see `collector serve --help`)
//!   collector add-moderator --username NAME   create a moderator for /admin (password asked for)
//!   collector remove-moderator --username NAME   remove one and sign them out

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => collector::serve::serve(&args[1..]).await,
        Some("add-moderator") => collector::admin::cli::add_moderator(&args[1..]).await,
        Some("remove-moderator") => collector::admin::cli::remove_moderator(&args[1..]).await,
        _ => Err(format!("{}\n\n{}", collector::serve::USAGE, collector::admin::cli::USAGE)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("collector: {message}");
            ExitCode::FAILURE
        }
    }
}
