//! Unit tests of the engine's private parts; the public behaviour is tested in core/tests/reframe_*.rs.

use super::words::{fold, lower_latin};
use super::*;

#[test]
fn suggestions_take_the_writers_capitals() {
    assert_eq!(match_case("service user", "person who draws on support"), "person who draws on support");
    assert_eq!(match_case("Service user", "person who draws on support"), "Person who draws on support");
    assert_eq!(match_case("SERVICE USERS", "people who draw on support"), "PEOPLE WHO DRAW ON SUPPORT");
    assert_eq!(match_case("Respite", "BSL user"), "BSL user");
    // One capital letter is a sentence start, not shouting.
    assert_eq!(match_case("I", "me"), "Me");
}

#[test]
fn latin_letters_fold_to_lower_case() {
    assert_eq!(fold("CAFÉ ŴYR Ÿ Łódź ×"), "café ŵyr ÿ łódź ×");
    assert_eq!(fold("Carer’s ASSESSMENT"), "carer's assessment");
    for c in ['Σ', 'Ж', 'é', '1', 'ß'] {
        // Other scripts are compared as written; small letters stay small.
        assert_eq!(lower_latin(c), c);
    }
}

#[test]
fn utf16_lengths_count_surrogate_pairs() {
    assert_eq!(utf16_len("abc".as_bytes()), 3);
    assert_eq!(utf16_len("é’".as_bytes()), 2);
    assert_eq!(utf16_len("👩‍🦽".as_bytes()), "👩‍🦽".encode_utf16().count());
}

#[test]
fn rules_come_from_the_compiled_lexicon() {
    assert_eq!(rule_count(), rules().len());
    let rule = rules().into_iter().find(|r| r.id == "service-user").unwrap();
    assert!(rule.patterns.contains(&"service users".to_owned()));
    assert_eq!(rule.suggestions[0], "person who draws on support");
}
