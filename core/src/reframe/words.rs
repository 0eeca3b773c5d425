//! What counts as a word, shared by the build script (which splits the lexicon's patterns) and the
//! matcher (which splits the text), so the two can never disagree about where a word ends.

/// Letters and digits of any script; everything else separates words.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() }
}

/// Apostrophes people actually type: straight, curly (what phones and word processors insert) and
/// the modifier letter used in Welsh and some transliterations.
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Appends `c` as the matcher compares it: lower case, every apostrophe straight.
#[inline]
pub fn fold_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if is_apostrophe(c) {
        out.push('\'');
    } else {
        out.extend(c.to_lowercase());
    }
}

/// The byte spans of the words in `text`: runs of word characters, joined across a single
/// apostrophe with word characters on both sides ("carer's", "don’t"). Hyphens separate words,
/// so "wheelchair-bound" and "wheelchair bound" are the same two words.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if is_word_char(c) {
                end = i + c.len_utf8();
                chars.next();
            } else if is_apostrophe(c) && text[i + c.len_utf8()..].chars().next().is_some_and(is_word_char) {
                chars.next();
            } else {
                break;
            }
        }
        spans.push((start, end));
    }
    spans
}

/// The folded words of `text`, as the matcher compares them.
pub fn folded_words(text: &str) -> Vec<String> {
    word_spans(text)
        .into_iter()
        .map(|(s, e)| {
            let mut w = String::new();
            text[s..e].chars().for_each(|c| fold_into(c, &mut w));
            w
        })
        .collect()
}

/// FNV-1a over a folded word: the build script lays out the lexicon in hash tables with it, and the
/// matcher hashes each word once as it splits the text, so most words cost a probe or two and no
/// string comparison.
pub fn hash(word: &[u8]) -> u32 {
    word.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The hash of two consecutive words, for the table of patterns by their first two words.
pub fn pair_hash(first: u32, second: u32) -> u32 {
    (first.rotate_left(5) ^ second).wrapping_mul(0x9e37_79b1)
}

/// Slots in the table of one-word patterns: a power of two, at least twice their number.
pub const SINGLE_SLOTS: usize = 512;
/// Slots in the table of first-two-word pairs: a power of two, at least twice their number.
pub const PAIR_SLOTS: usize = 2048;
