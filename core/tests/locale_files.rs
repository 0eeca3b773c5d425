//! Every language file has exactly the keys, prompts and placeholders of en.toml.
//! (The build refuses a file that doesn't; this test says so in the test report too.)

use std::collections::BTreeSet;
use std::path::Path;
use toml::{Table, Value};

fn load(code: &str) -> Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(format!("{code}.toml"));
    toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn ui_keys(table: &Table) -> BTreeSet<String> {
    table["ui"].as_table().unwrap().keys().cloned().collect()
}

fn placeholders(value: &Value) -> BTreeSet<String> {
    let texts: Vec<&str> = match value {
        Value::String(s) => vec![s],
        Value::Table(forms) => forms.values().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    texts
        .iter()
        .flat_map(|t| t.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned())))
        .collect()
}

#[test]
fn every_language_file_matches_english() {
    let english = load("en");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let code = entry.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned();
        let other = load(&code);
        let (mine, theirs) = (ui_keys(&other), ui_keys(&english));
        assert_eq!(mine.difference(&theirs).collect::<Vec<_>>(), Vec::<&String>::new(), "{code}.toml has extra keys");
        assert_eq!(theirs.difference(&mine).collect::<Vec<_>>(), Vec::<&String>::new(), "{code}.toml lacks keys");
        for key in &theirs {
            assert_eq!(
                placeholders(&other["ui"][key.as_str()]),
                placeholders(&english["ui"][key.as_str()]),
                "{code}.toml: ui.{key} has different placeholders"
            );
        }
        let ids = |t: &Table| -> Vec<String> {
            t["prompt"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect()
        };
        assert_eq!(ids(&other), ids(&english), "{code}.toml: prompts differ");
        // Every prompt has every text (standard and easy read, and its picture's words), in each language.
        let fields = |t: &Table| -> Vec<BTreeSet<String>> {
            t["prompt"].as_array().unwrap().iter().map(|p| p.as_table().unwrap().keys().cloned().collect()).collect()
        };
        assert_eq!(fields(&other), fields(&english), "{code}.toml: prompt texts differ");
        for prompt in english["prompt"].as_array().unwrap() {
            for easy in ["easy_question", "easy_hint", "easy_example", "picture"] {
                assert!(prompt.get(easy).is_some_and(Value::is_str), "en.toml: {easy} missing");
            }
        }
        checked += 1;
    }
    assert!(checked >= 2, "English and Welsh at least");
}
