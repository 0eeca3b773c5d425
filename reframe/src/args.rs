//! The command line, parsed by hand: a handful of flags don't need a parser crate.

use story_core::reframe::Severity;

pub const HELP: &str = "\
reframe: suggests other words for service-centred, deficit and crisis language in writing about care
and support, following the #socialcarefuture movement's research. Suggestions, never rules: keep
your own words where they are right.

usage: reframe [OPTIONS] [FILE...]
       reframe --rules

Reads each FILE (or standard input when there is none, or for `-`).

options:
  --format human|json|jsonl   human (default): one finding a line,
                                FILE:LINE:COL  SEVERITY  RULE  \"TEXT\" -> SUGGESTION
                                (LINE and COL count from 1; COL in characters)
                              json: one object per file, {\"findings\": [{\"rule\", \"start\", \"end\",
                                \"text\", \"suggestions\", \"severity\", \"why\"}]}, byte offsets into the file
                              jsonl: each line analysed on its own; one object per input line,
                                {\"line\": N, \"findings\": [...]}, byte offsets within the line
                              With several files, json and jsonl objects also carry \"file\".
  --min-severity note|suggest|strong
                              report only findings at or above this (default: suggest)
  --allow RULE                switch a rule off (repeatable; ids from --rules)
  --deny PHRASE               also flag a phrase of your own (repeatable)
  --rules                     list every rule: id, severity, theme and why
  -h, --help                  this text

exit status:
  0  nothing found at or above --min-severity
  1  something found at or above --min-severity
  2  usage error (unknown option, missing or bad value)
  3  a file could not be read or is not UTF-8 text (the message names the file and the byte offset);
     the other files are still checked
";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Jsonl,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Check,
    Help,
    Rules,
}

#[derive(Debug)]
pub struct Args {
    pub command: Command,
    pub format: Format,
    pub min_severity: Severity,
    pub allow: Vec<String>,
    pub deny: Vec<String>,
    pub files: Vec<String>,
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        command: Command::Check,
        format: Format::Human,
        min_severity: Severity::Suggest,
        allow: Vec::new(),
        deny: Vec::new(),
        files: Vec::new(),
    };
    let mut args = args.into_iter();
    let mut only_files = false;
    while let Some(arg) = args.next() {
        if only_files || arg == "-" || !arg.starts_with('-') {
            parsed.files.push(arg);
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value =
            |name: &str| inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--" => only_files = true,
            "-h" | "--help" => parsed.command = Command::Help,
            "--rules" => parsed.command = Command::Rules,
            "--format" => {
                parsed.format = match value("--format")?.as_str() {
                    "human" => Format::Human,
                    "json" => Format::Json,
                    "jsonl" => Format::Jsonl,
                    other => return Err(format!("unknown format `{other}` (human, json or jsonl)")),
                }
            }
            "--min-severity" => {
                let v = value("--min-severity")?;
                parsed.min_severity =
                    Severity::parse(&v).ok_or_else(|| format!("unknown severity `{v}` (note, suggest or strong)"))?;
            }
            "--allow" => parsed.allow.push(value("--allow")?),
            "--deny" => parsed.deny.push(value("--deny")?),
            _ => return Err(format!("unknown option `{arg}`")),
        }
    }
    Ok(parsed)
}
