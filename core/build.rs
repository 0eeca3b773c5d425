//! Compiles `locales/*.toml` into typed static tables (`$OUT_DIR/locales.rs`).
//!
//! Texts are data, but parsing TOML in the browser would cost every visitor a parser's worth of
//! wasm. Generating Rust at build time costs nothing at run time, and turns a missing or extra
//! key, or a placeholder that differs between languages, into a build error with a clear message.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use toml::{Table, Value};

#[path = "lexicon/compile.rs"]
mod lexicon;

const REFERENCE_LANG: &str = "en";
const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
const PROMPT_FIELDS: [&str; 9] =
    ["id", "label", "question", "hint", "example", "easy_question", "easy_hint", "easy_example", "picture"];

fn main() {
    let dir = Path::new("locales");
    println!("cargo::rerun-if-changed=locales");
    let mut locales: BTreeMap<String, Table> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("core/locales is missing") {
        let path = entry.expect("unreadable entry in core/locales").path();
        if path.extension().is_some_and(|e| e == "toml") {
            println!("cargo::rerun-if-changed={}", path.display());
            let code = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let table: Table =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: not valid TOML: {e}", path.display()));
            locales.insert(code, table);
        }
    }
    let reference = locales.get(REFERENCE_LANG).expect("core/locales/en.toml is the reference locale and must exist");
    let ui_keys = ui_shape(REFERENCE_LANG, reference);
    let prompt_ids = prompt_ids(REFERENCE_LANG, reference);

    let mut out = String::new();
    out.push_str("/// Every interface text, one field per key of the locale files.\n");
    out.push_str("#[derive(Debug)]\npub struct UiTexts {\n");
    for (key, is_plural) in &ui_keys {
        let ty = if *is_plural { "Plural" } else { "&'static str" };
        writeln!(out, "    pub {key}: {ty},").unwrap();
    }
    out.push_str("}\n\n");

    for (code, table) in &locales {
        check_against_reference(code, table, reference, &ui_keys, &prompt_ids);
        let meta = table.get("meta").and_then(Value::as_table).expect("[meta] missing");
        let name = meta.get("name").and_then(Value::as_str).expect("meta.name missing");
        writeln!(out, "pub static {}: Locale = Locale {{", code.to_uppercase()).unwrap();
        writeln!(out, "    name: {name:?},").unwrap();
        // Keys a native speaker has still to check ("*" for all of them).
        let review: Vec<&str> = meta
            .get("review")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        writeln!(out, "    needs_review: &{review:?},").unwrap();
        out.push_str("    prompts: &[\n");
        for prompt in prompts(table) {
            out.push_str("        PromptText {\n");
            for field in PROMPT_FIELDS {
                let v = prompt.get(field).and_then(Value::as_str).unwrap();
                writeln!(out, "            {field}: {v:?},").unwrap();
            }
            out.push_str("        },\n");
        }
        out.push_str("    ],\n    ui: UiTexts {\n");
        let ui = table.get("ui").and_then(Value::as_table).unwrap();
        for (key, is_plural) in &ui_keys {
            let value = &ui[key.as_str()];
            if *is_plural {
                let forms = value.as_table().unwrap();
                out.push_str(&format!("        {key}: Plural {{"));
                for form in PLURAL_FORMS {
                    match (form, forms.get(form).and_then(Value::as_str)) {
                        ("other", Some(s)) => write!(out, " other: {s:?},").unwrap(),
                        (_, Some(s)) => write!(out, " {form}: Some({s:?}),").unwrap(),
                        (_, None) => write!(out, " {form}: None,").unwrap(),
                    }
                }
                out.push_str(" },\n");
            } else {
                writeln!(out, "        {key}: {:?},", value.as_str().unwrap()).unwrap();
            }
        }
        out.push_str("    },\n};\n\n");
    }
    let out_dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out_dir).join("locales.rs"), out).unwrap();

    println!("cargo::rerun-if-changed=src/reframe/words.rs");
    lexicon::compile(Path::new("lexicon/rules.toml"), Path::new(&out_dir));
}

/// The `[ui]` keys of a locale, each marked plural (a table of forms) or plain.
fn ui_shape(code: &str, table: &Table) -> BTreeMap<String, bool> {
    let ui =
        table.get("ui").and_then(Value::as_table).unwrap_or_else(|| panic!("locales/{code}.toml: [ui] table missing"));
    ui.iter()
        .map(|(key, value)| {
            let is_plural = match value {
                Value::String(_) => false,
                Value::Table(forms) => {
                    for (form, text) in forms {
                        assert!(
                            PLURAL_FORMS.contains(&form.as_str()) && text.is_str(),
                            "locales/{code}.toml: ui.{key}.{form} is not a plural form with text"
                        );
                    }
                    assert!(forms.contains_key("other"), "locales/{code}.toml: ui.{key} needs `other`");
                    true
                }
                _ => panic!("locales/{code}.toml: ui.{key} must be text or a table of plural forms"),
            };
            (key.clone(), is_plural)
        })
        .collect()
}

fn prompts(table: &Table) -> Vec<&Table> {
    table
        .get("prompt")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_table).collect())
        .unwrap_or_default()
}

fn prompt_ids(code: &str, table: &Table) -> Vec<String> {
    let mut ids = Vec::new();
    for prompt in prompts(table) {
        for field in PROMPT_FIELDS {
            assert!(
                prompt.get(field).is_some_and(Value::is_str),
                "locales/{code}.toml: a [[prompt]] lacks text for `{field}`"
            );
        }
        if let Some(extra) = prompt.keys().find(|k| !PROMPT_FIELDS.contains(&k.as_str())) {
            panic!("locales/{code}.toml: a [[prompt]] has `{extra}`, which no prompt has");
        }
        ids.push(prompt["id"].as_str().unwrap().to_owned());
    }
    assert!(!ids.is_empty(), "locales/{code}.toml: no [[prompt]] entries");
    ids
}

fn check_against_reference(
    code: &str,
    table: &Table,
    reference: &Table,
    ui_keys: &BTreeMap<String, bool>,
    reference_ids: &[String],
) {
    let shape = ui_shape(code, table);
    let missing: Vec<_> = ui_keys.keys().filter(|k| !shape.contains_key(*k)).collect();
    let extra: Vec<_> = shape.keys().filter(|k| !ui_keys.contains_key(*k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "locales/{code}.toml: missing keys {missing:?}, extra keys {extra:?} (compared with en.toml)"
    );
    for (key, is_plural) in ui_keys {
        assert_eq!(shape[key], *is_plural, "locales/{code}.toml: ui.{key} plural in one file, not the other");
    }
    assert_eq!(
        prompt_ids(code, table),
        reference_ids,
        "locales/{code}.toml: prompt ids or their order differ from en.toml"
    );
    let (ui, ref_ui) = (&table["ui"], &reference["ui"]);
    for key in ui_keys.keys() {
        let (mine, theirs) = (placeholders(&ui[key.as_str()]), placeholders(&ref_ui[key.as_str()]));
        assert_eq!(mine, theirs, "locales/{code}.toml: ui.{key} placeholders differ from en.toml");
    }
}

/// The `{name}` placeholders a text (or all forms of a plural) uses.
fn placeholders(value: &Value) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut texts = Vec::new();
    match value {
        Value::String(s) => texts.push(s.as_str()),
        Value::Table(t) => texts.extend(t.values().filter_map(Value::as_str)),
        _ => {}
    }
    for text in texts {
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { break };
            found.insert(rest[open + 1..open + close].to_owned());
            rest = &rest[open + close + 1..];
        }
    }
    found
}
