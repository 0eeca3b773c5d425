//! The lexicon as data: every rule is complete, every theme of the guide is covered, and the engine
//! finds every pattern a rule declares.

use std::collections::BTreeSet;
use story_core::reframe::{Theme, analyse, rule_count, rules};

#[test]
fn at_least_150_rules() {
    assert!(rule_count() >= 150, "only {} rules", rule_count());
    assert_eq!(rules().len(), rule_count());
}

#[test]
fn every_rule_is_complete() {
    let mut ids = BTreeSet::new();
    for rule in rules() {
        assert!(ids.insert(rule.id), "{} twice", rule.id);
        assert!(!rule.why.is_empty() && rule.why.ends_with('.'), "{}: why", rule.id);
        assert!(!rule.source.is_empty(), "{}: source", rule.id);
        assert!(!rule.suggestions.is_empty(), "{}: no suggestion", rule.id);
        assert!(rule.suggestions.iter().all(|s| !s.trim().is_empty()), "{}: empty suggestion", rule.id);
        assert!(!rule.patterns.is_empty(), "{}: no pattern", rule.id);
    }
}

#[test]
fn every_theme_of_the_guide_has_rules() {
    for theme in [Theme::Service, Theme::Deficit, Theme::Crisis, Theme::Identity, Theme::Jargon] {
        let n = rules().iter().filter(|r| r.theme == theme).count();
        assert!(n >= 10, "theme {} has only {n} rules", theme.code());
    }
}

#[test]
fn unverified_sources_are_only_notes() {
    for rule in rules().iter().filter(|r| r.source == "unverified") {
        assert_eq!(rule.severity, story_core::reframe::Severity::Note, "{}", rule.id);
    }
}

/// Each pattern, alone in a neutral sentence, is found by its own rule (or by a longer pattern of
/// another rule that contains it, which is the longest-match rule at work). Conditions never fire in
/// this sentence, so a pattern the engine could never find shows up here.
#[test]
fn the_engine_finds_every_pattern() {
    let mut missed = Vec::new();
    for rule in rules() {
        for pattern in &rule.patterns {
            let text = format!("Then {pattern} came.");
            let findings = analyse(&text);
            let covered = findings.iter().any(|f| {
                f.text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase() == pattern.to_lowercase()
                    || f.text.len() >= pattern.len() && f.text.to_lowercase().contains(&pattern.to_lowercase())
            });
            if !covered {
                missed.push(format!(
                    "{}: {pattern:?} -> {:?}",
                    rule.id,
                    findings.iter().map(|f| f.rule).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(missed.is_empty(), "{} patterns never found:\n{}", missed.len(), missed.join("\n"));
}
