//! Unit tests of the engine's private parts; the public behaviour is tested in core/tests/reframe_*.rs.

use super::words::{fold, lower_case, lower_latin};
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
fn lower_case_is_unicodes_for_the_latin_letters_the_matcher_folds() {
    for c in ('\0'..='\u{17F}').filter(|&c| c != '\u{130}') {
        assert_eq!(lower_case(&c.to_string()), c.to_lowercase().to_string(), "{c}");
    }
    assert_eq!(lower_case("Service USER’s"), "service user’s");
}

#[test]
fn utf16_lengths_count_surrogate_pairs() {
    assert_eq!(utf16_len("abc".as_bytes()), 3);
    assert_eq!(utf16_len("é’".as_bytes()), 2);
    assert_eq!(utf16_len("👩‍🦽".as_bytes()), "👩‍🦽".encode_utf16().count());
    // Every offset and length, across the eight-byte chunks.
    let text = "a é ’ 👩‍🦽 \u{10FFFF} ŵ—x\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000} end";
    for (start, _) in text.char_indices() {
        for (end, _) in text.char_indices().filter(|&(e, _)| e >= start) {
            assert_eq!(utf16_len(&text.as_bytes()[start..end]), text[start..end].encode_utf16().count());
        }
    }
}

#[test]
fn rules_come_from_the_compiled_lexicon() {
    assert_eq!(rule_count(), rules().len());
    let rule = rules().into_iter().find(|r| r.id == "service-user").unwrap();
    assert!(rule.patterns.contains(&"service users".to_owned()));
    assert_eq!(rule.suggestions[0], "person who draws on support");
}

#[test]
fn word_characters_are_letters_and_digits_of_any_script() {
    for c in (0..0x3_0000).filter_map(char::from_u32) {
        assert_eq!(words::is_word_char(c), c.is_alphanumeric(), "{c:?}");
    }
}

#[test]
fn only_the_lexicon_this_build_was_made_with_is_installed() {
    assert!(super::is_ready(), "built in");
    assert_eq!(super::install(super::lexicon_text()), Ok(()));
    let mut other = super::lexicon_text().to_owned();
    other.push(' ');
    assert_eq!(super::install(&other), Err(super::NotThisLexicon));
    assert!(super::LEXICON_FILE.starts_with("lexicon-") && super::LEXICON_FILE.len() == "lexicon-".len() + 16 + 4);
}
