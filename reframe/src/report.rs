//! The output formats.

use serde_json::{Value, json};
use std::fmt::Write as _;
use story_core::reframe::{Finding, rules};

/// `FILE:LINE:COL  SEVERITY  RULE  "TEXT" -> SUGGESTION`, one finding a line.
pub fn human(name: &str, text: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    let (mut line, mut line_start, mut scanned) = (1, 0, 0);
    for finding in findings {
        // Findings are in order, so one pass over the text finds every line number.
        for (i, c) in text[scanned..finding.start].char_indices() {
            if c == '\n' {
                line += 1;
                line_start = scanned + i + 1;
            }
        }
        scanned = finding.start;
        let column = text[line_start..finding.start].chars().count() + 1;
        let words = finding.text.replace(['\n', '\r'], " ");
        write!(out, "{name}:{line}:{column}  {}  {}  \"{words}\"", finding.severity.code(), finding.rule).unwrap();
        match finding.suggestions.first() {
            Some(suggestion) => writeln!(out, " -> {suggestion}").unwrap(),
            None => writeln!(out, "  ({})", finding.why).unwrap(),
        }
    }
    out
}

fn finding(f: &Finding) -> Value {
    json!({
        "rule": f.rule,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "suggestions": f.suggestions,
        "severity": f.severity.code(),
        "why": f.why,
    })
}

pub fn json(file: Option<&str>, findings: &[Finding]) -> Value {
    let mut object = json!({ "findings": findings.iter().map(finding).collect::<Vec<_>>() });
    if let Some(file) = file {
        object["file"] = json!(file);
    }
    object
}

pub fn json_line(file: Option<&str>, line: usize, findings: &[Finding]) -> Value {
    let mut object = json!({ "line": line, "findings": findings.iter().map(finding).collect::<Vec<_>>() });
    if let Some(file) = file {
        object["file"] = json!(file);
    }
    object
}

/// Every rule, for `--rules`.
pub fn rule_list() -> String {
    let mut out = String::new();
    for rule in rules() {
        writeln!(out, "{:<28} {:<8} {:<9} {}", rule.id, rule.severity.code(), rule.theme.code(), rule.why).unwrap();
    }
    out
}
