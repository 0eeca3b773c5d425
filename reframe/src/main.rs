//! `reframe`: the reframing engine (`story_core::reframe`) for campaigners' own copy. Argument
//! parsing and output formats only; the work is in core.

mod args;
mod report;

use args::{Args, Format};
use std::io::{Read, Write};
use std::process::ExitCode;
use story_core::reframe::{Options, analyse_with};

/// Exit statuses, as `--help` documents them.
const FOUND: u8 = 1;
const USAGE: u8 = 2;
const BAD_INPUT: u8 = 3;

fn main() -> ExitCode {
    let args = match args::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("reframe: {message}\nTry `reframe --help`.");
            return ExitCode::from(USAGE);
        }
    };
    match args.command {
        args::Command::Help => {
            print!("{}", args::HELP);
            ExitCode::SUCCESS
        }
        args::Command::Rules => {
            print!("{}", report::rule_list());
            ExitCode::SUCCESS
        }
        args::Command::Check => check(&args),
    }
}

fn check(args: &Args) -> ExitCode {
    let options = Options {
        allow: args.allow.clone(),
        deny: args.deny.clone(),
        kept: Vec::new(),
        min_severity: Some(args.min_severity),
    };
    let inputs: Vec<&str> =
        if args.files.is_empty() { vec!["-"] } else { args.files.iter().map(String::as_str).collect() };
    let several = inputs.len() > 1;
    let (mut found, mut bad_input) = (false, false);
    let mut out = std::io::stdout().lock();
    for input in inputs {
        let text = match read(input) {
            Ok(text) => text,
            Err(message) => {
                eprintln!("reframe: {message}");
                bad_input = true;
                continue;
            }
        };
        let name = if input == "-" { "<stdin>" } else { input };
        let written = match args.format {
            Format::Human => {
                let findings = analyse_with(&text, &options);
                found |= !findings.is_empty();
                out.write_all(report::human(name, &text, &findings).as_bytes())
            }
            Format::Json => {
                let findings = analyse_with(&text, &options);
                found |= !findings.is_empty();
                writeln!(out, "{}", report::json(several.then_some(name), &findings))
            }
            Format::Jsonl => {
                let mut result = Ok(());
                for (index, line) in lines(&text).enumerate() {
                    let findings = analyse_with(line, &options);
                    found |= !findings.is_empty();
                    result = result.and_then(|()| {
                        writeln!(out, "{}", report::json_line(several.then_some(name), index + 1, &findings))
                    });
                }
                result
            }
        };
        if written.is_err() {
            // The reader went away (e.g. `reframe x | head`): nothing more to say.
            return ExitCode::SUCCESS;
        }
    }
    let status = if bad_input {
        BAD_INPUT
    } else if found {
        FOUND
    } else {
        0
    };
    ExitCode::from(status)
}

/// The whole of a file (or stdin for "-") as text, or a sentence saying why not.
fn read(input: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let (name, result) = if input == "-" {
        ("standard input", std::io::stdin().lock().read_to_end(&mut bytes).map(|_| ()))
    } else {
        (input, std::fs::File::open(input).and_then(|mut f| f.read_to_end(&mut bytes)).map(|_| ()))
    };
    result.map_err(|e| format!("cannot read {name}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        format!("{name} is not UTF-8 text: invalid byte at offset {offset} (save it as UTF-8 and try again)")
    })
}

/// The lines of `text` without their line endings ("\n" or "\r\n"); a final newline ends the last
/// line rather than starting an empty one.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let empty = text.is_empty();
    text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line)).filter(move |_| !empty)
}
