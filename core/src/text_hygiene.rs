//! Characters no story needs. Control characters (NUL and the rest, other than a new line and a
//! tab) are refused: a database may not store them and nothing a person types makes them, so
//! they come from pasted binary or from a program. Invisible characters that only steer layout
//! (zero-width spaces, word joiners, byte-order marks, and the bidirectional embeddings, overrides
//! and isolates that can make text read differently from how it is stored) are removed: every
//! word the person wrote stays. Kept: the zero-width joiner (it builds emoji such as 👩‍👧 and
//! letters in many scripts), the zero-width non-joiner (Persian and Indic spelling), and the
//! left-to-right and right-to-left marks, which only nudge punctuation.

use std::borrow::Cow;

/// Removed: invisible, and the words read the same without them.
fn is_removed(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Refused: a control character (Unicode's Cc: C0, DEL and C1), other than the white space a
/// textarea holds. A carriage return is a new line written the Windows way, and becomes `\n`.
fn is_refused(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t' | '\r')
}

/// `text` with what is removed taken out and new lines made `\n`, or the first character that is
/// refused.
pub fn tidy(text: &str) -> Result<Cow<'_, str>, char> {
    // Every story passes through here, and most hold none of these: one look at the bytes says so.
    if !text.bytes().any(may_need_tidying) {
        return Ok(Cow::Borrowed(text));
    }
    let mut changes = false;
    for c in text.chars() {
        if is_refused(c) {
            return Err(c);
        }
        changes |= is_removed(c) || c == '\r';
    }
    if !changes {
        return Ok(Cow::Borrowed(text));
    }
    Ok(Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n").chars().filter(|&c| !is_removed(c)).collect()))
}

/// Whether `byte` could be part of a refused or removed character (or a `\r`): a control byte,
/// or the first byte of a C1 control (0xC2) or of the invisible characters (0xE2, 0xEF).
fn may_need_tidying(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\n' && byte != b'\t') || matches!(byte, 0x7F | 0xC2 | 0xE2 | 0xEF)
}

/// What a person is told when `field` holds the refused character `c`.
pub fn refusal_detail(field: &str, c: char) -> String {
    format!(
        "The {field} has a hidden control character (U+{:04X}) that cannot be stored. It can come in with \
         text pasted from another program: delete the part you pasted and type it again.",
        u32::from(c)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_and_named() {
        for c in ['\0', '\u{7}', '\u{1B}', '\u{7F}', '\u{85}', '\u{9F}'] {
            assert_eq!(tidy(&format!("tea{c}time")), Err(c), "{:04X}", u32::from(c));
        }
        assert!(refusal_detail("story", '\0').contains("(U+0000)"));
    }

    #[test]
    fn layout_tricks_are_removed_and_every_word_kept() {
        let tricky = "\u{FEFF}My \u{202E}garden\u{202C} and\u{200B} \u{2066}tea\u{2069}\u{2060}";
        assert_eq!(tidy(tricky).unwrap(), "My garden and tea");
        assert_eq!(tidy("one\r\ntwo\rthree").unwrap(), "one\ntwo\nthree");
    }

    #[test]
    fn the_quick_look_at_the_bytes_misses_no_character_the_rules_act_on() {
        let acted_on =
            (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| is_refused(c) || is_removed(c) || c == '\r');
        for c in acted_on {
            let first = c.to_string().as_bytes()[0];
            assert!(may_need_tidying(first), "U+{:04X} starts with {first:#04X}", u32::from(c));
        }
    }

    #[test]
    fn what_people_really_write_is_left_alone() {
        for text in ["Mum 👩\u{200D}👧 and me", "می\u{200C}خواهم", "a\tb\nc", "\u{200F}שלום, world", "e\u{301}"]
        {
            assert!(matches!(tidy(text), Ok(Cow::Borrowed(_))), "{text:?}");
        }
    }
}
