//! The `reframe` binary end to end: every output format and every exit status.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn reframe(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reframe"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("reframe-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

const STORY: &str = "Mum is happy at home.\nShe was a service user, and ‘wheelchair-bound’ they said.\nNow 👩‍🦽 she is wheelchair-bound no more.\n";

#[test]
fn human_output_names_file_line_and_character_column() {
    let path = file("story.txt", STORY.as_bytes());
    let out = reframe(&[path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let name = path.display();
    // The quoted "wheelchair-bound" is only a note, below the default --min-severity. Columns count
    // characters (Unicode scalar values): the wheelchair emoji is three of them, joined.
    assert_eq!(
        stdout(&out),
        format!(
            "{name}:2:11  suggest  service-user  \"service user\" -> person who draws on support\n\
             {name}:3:16  strong  wheelchair-bound  \"wheelchair-bound\" -> wheelchair user\n"
        )
    );
}

#[test]
fn clean_text_exits_zero() {
    let out = reframe(&[], Some(b"We all want to live in the place we call home."));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn min_severity_sets_what_counts() {
    let out = reframe(&["--min-severity", "strong"], Some(b"She is a service user."));
    assert_eq!(out.status.code(), Some(0));
    let out = reframe(&["--min-severity=note"], Some("They call it ‘respite’.".as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("<stdin>:1:15  note  respite"), "{}", stdout(&out));
}

#[test]
fn stdin_by_dash_and_by_default() {
    for args in [&["-"][..], &[][..]] {
        let out = reframe(args, Some(b"the elderly"));
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stdout(&out), "<stdin>:1:1  suggest  the-elderly  \"the elderly\" -> older people\n");
    }
}

#[test]
fn json_has_byte_offsets_into_the_file() {
    let path = file("story.json.txt", STORY.as_bytes());
    let out = reframe(&["--format", "json", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let value: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let findings = value["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    for f in findings {
        let (start, end) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(&STORY[start..end], f["text"].as_str().unwrap());
        for key in ["rule", "suggestions", "severity"] {
            assert!(f.get(key).is_some(), "{key} missing");
        }
    }
    assert_eq!(findings[1]["rule"], "wheelchair-bound");
    assert_eq!(findings[1]["severity"], "strong");
    assert!(value.get("file").is_none(), "one file: just the findings");
}

#[test]
fn json_for_several_files_names_each() {
    let a = file("a.txt", b"care packages");
    let b = file("b.txt", b"a good life");
    let out = reframe(&["--format", "json", a.to_str().unwrap(), b.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let objects: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(objects.len(), 2);
    assert_eq!(objects[0]["file"], a.to_str().unwrap());
    assert_eq!(objects[1]["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn jsonl_analyses_each_line_with_offsets_within_it() {
    let out = reframe(&["--format", "jsonl"], Some(b"A good day.\r\nThe elderly\n\ncare package\n"));
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["line"], i + 1);
    }
    assert_eq!(lines[0]["findings"].as_array().unwrap().len(), 0);
    assert_eq!(lines[1]["findings"][0]["start"], 0);
    assert_eq!(lines[1]["findings"][0]["end"], 11);
    assert_eq!(lines[3]["findings"][0]["rule"], "care-package");
}

#[test]
fn non_utf8_input_names_the_file_and_the_offset() {
    let path = file("latin1.txt", b"Caf\xe9 society and service users");
    let out = reframe(&[path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(3));
    let message = stderr(&out);
    assert!(message.contains(path.to_str().unwrap()) && message.contains("offset 3"), "{message}");
    assert!(message.contains("not UTF-8"), "{message}");
}

#[test]
fn an_unreadable_file_is_reported_and_the_rest_still_checked() {
    let good = file("good.txt", b"the elderly");
    let out = reframe(&["/no/such/file.txt", good.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("cannot read /no/such/file.txt"), "{}", stderr(&out));
    assert!(stdout(&out).contains("the-elderly"));
}

#[test]
fn usage_errors_exit_two() {
    for args in [&["--colour"][..], &["--format", "xml"][..], &["--min-severity"][..], &["--min-severity", "loud"][..]]
    {
        let out = reframe(args, Some(b""));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).starts_with("reframe: "), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn help_documents_formats_and_exit_statuses() {
    let out = reframe(&["--help"], None);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    for needle in ["--format", "jsonl", "--min-severity", "exit status", "  2  ", "  3  "] {
        assert!(help.contains(needle), "{needle}");
    }
}

#[test]
fn campaign_options_allow_and_deny() {
    let out =
        reframe(&["--allow", "the-elderly", "--deny", "wellbeing hub"], Some(b"the elderly at the wellbeing hub"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "<stdin>:1:20  suggest  campaign  \"wellbeing hub\"  (Your campaign asks writers to use other words for this.)\n"
    );
}

#[test]
fn rules_lists_every_rule() {
    let out = reframe(&["--rules"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).lines().count() >= 150);
}
