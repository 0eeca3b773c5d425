//! What counts as a word, shared by the build script (which splits the lexicon's patterns) and the
//! matcher (which splits the text), so the two can never disagree about where a word ends.

/// Letters and digits of any script; everything else separates words.
#[inline]
pub fn is_word_char(c: char) -> bool {
    // General Punctuation (curly quotes, dashes, spaces) has no letters or digits: spared the lookup
    // in Unicode's tables, the costliest part of splitting most text.
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { !matches!(c, '\u{2000}'..='\u{206F}') && c.is_alphanumeric() }
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
        out.push(lower_latin(c));
    }
}

/// Lower case for the Latin letters of Western European languages and Welsh (À-Þ, Ā-ž: "CAFÉ",
/// "ŴYR"), by arithmetic. Every pattern is in these scripts, and Unicode's full case tables would
/// cost the widget more than the whole lexicon; a letter of another script is compared as written.
#[inline]
pub fn lower_latin(c: char) -> char {
    let code = c as u32;
    let lower = match code {
        0xC0..=0xDE if code != 0xD7 => code + 0x20,
        // Latin Extended-A pairs capitals and small letters: even/odd up to U+0137, odd/even from
        // U+0139 to U+0148 and from U+0179 to U+017E, even/odd again from U+014A to U+0177.
        0x100..=0x137 | 0x14A..=0x177 if code.is_multiple_of(2) => code + 1,
        0x139..=0x148 | 0x179..=0x17E if !code.is_multiple_of(2) => code + 1,
        0x178 => 0xFF,
        _ => code,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// `text` in lower case as far as the matcher folds case (ASCII and Latin), apostrophes as written.
/// For these letters it is `str::to_lowercase` (except for U+0130, "İ"), without Unicode's tables.
pub fn lower_case(text: &str) -> String {
    text.chars().map(|c| lower_latin(c.to_ascii_lowercase())).collect()
}

/// `text` folded as the matcher compares words: lower case (ASCII and Latin), straight apostrophes.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    text.chars().for_each(|c| fold_into(c, &mut out));
    out
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

/// A cheap hash of a folded word: its length and four of its bytes. The build script lays out the
/// lexicon in hash tables with it, and the matcher hashes each word once as it splits the text, so most
/// words cost a probe or two; words that share a hash are told apart by comparing them.
#[inline]
pub fn hash(word: &[u8]) -> u32 {
    let byte = |i: usize| word.get(i).copied().unwrap_or(0);
    let head = u32::from_le_bytes([word.len() as u8, byte(0), byte(1), byte(word.len().wrapping_sub(1))]);
    head ^ u32::from(byte(word.len() / 2)) << 13
}

/// The digest of the lexicon's text (FNV-1a, 64 bits): the build script names the widget's lexicon
/// file with it, and the engine checks a fetched text against it.
pub fn text_digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// The hash of two consecutive words, for the table of patterns by their first two words.
pub fn pair_hash(first: u32, second: u32) -> u32 {
    first.rotate_left(5) ^ second
}

/// The slot of `hash` in a table of `size` (a power of two) slots: Fibonacci hashing, which takes the
/// top bits of a multiplication, because its low bits barely mix.
pub fn slot(hash: u32, size: usize) -> usize {
    (hash.wrapping_mul(0x9e37_79b1) >> (32 - size.trailing_zeros())) as usize
}

/// Slots in the table of one-word patterns: a power of two, at least twice their number (four times: fewer probes).
pub const SINGLE_SLOTS: usize = 1024;
/// Slots in the table of first-two-word pairs: a power of two, at least twice their number (four times: fewer probes).
pub const PAIR_SLOTS: usize = 4096;
