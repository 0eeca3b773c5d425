//! Languages, their texts (compiled from `core/locales/*.toml`) and plural rules.

use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// A language the interface and the prompts are written in.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    miniserde::Serialize,
    miniserde::Deserialize,
)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "cy")]
    Cy,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Cy];

    /// The BCP 47 code, as used in `lang` attributes and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code))
    }

    pub fn locale(self) -> &'static Locale {
        match self {
            Lang::En => &EN,
            Lang::Cy => &CY,
        }
    }

    /// The CLDR plural category of `n` in this language (whole numbers).
    pub fn plural_category(self, n: u64) -> PluralCategory {
        match (self, n) {
            (Lang::En, 1) => PluralCategory::One,
            (Lang::En, _) => PluralCategory::Other,
            (Lang::Cy, 0) => PluralCategory::Zero,
            (Lang::Cy, 1) => PluralCategory::One,
            (Lang::Cy, 2) => PluralCategory::Two,
            (Lang::Cy, 3) => PluralCategory::Few,
            (Lang::Cy, 6) => PluralCategory::Many,
            (Lang::Cy, _) => PluralCategory::Other,
        }
    }
}

/// Everything a person reads in one language.
#[derive(Debug)]
pub struct Locale {
    /// The language's name in itself ("English", "Cymraeg").
    pub name: &'static str,
    /// Keys whose text a native speaker has still to check; `"*"` means all of them.
    pub needs_review: &'static [&'static str],
    /// The prompts in narrative order.
    pub prompts: &'static [PromptText],
    pub ui: UiTexts,
}

/// One question of the guided story, as written in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct PromptText {
    /// Stable across languages: answers are stored by this id.
    pub id: &'static str,
    /// A short name, used where the answers are listed.
    pub label: &'static str,
    pub question: &'static str,
    pub hint: &'static str,
    pub example: &'static str,
    /// The same question for easy read: short sentences, one idea per line (lines split by `\n`).
    pub easy_question: &'static str,
    pub easy_hint: &'static str,
    pub easy_example: &'static str,
    /// What the prompt's picture shows (its alt text); the picture itself ships with the widget.
    pub picture: &'static str,
}

/// The words of a prompt as shown in one mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wording {
    pub question: &'static str,
    pub hint: &'static str,
    pub example: &'static str,
}

impl PromptText {
    /// The question, hint and example in easy read or in standard text.
    pub fn wording(&self, easy_read: bool) -> Wording {
        if easy_read {
            Wording { question: self.easy_question, hint: self.easy_hint, example: self.easy_example }
        } else {
            Wording { question: self.question, hint: self.hint, example: self.example }
        }
    }
}

/// Easy-read text, one idea per line: its non-empty lines.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// A text with one form per plural category; `other` is always there.
#[derive(Debug)]
pub struct Plural {
    pub zero: Option<&'static str>,
    pub one: Option<&'static str>,
    pub two: Option<&'static str>,
    pub few: Option<&'static str>,
    pub many: Option<&'static str>,
    pub other: &'static str,
}

impl Plural {
    /// The form for `n` in `lang`, with `{n}` filled in, and any other placeholders from `args`.
    pub fn format(&self, lang: Lang, n: u64, args: &[(&str, &str)]) -> String {
        let form = match lang.plural_category(n) {
            PluralCategory::Zero => self.zero,
            PluralCategory::One => self.one,
            PluralCategory::Two => self.two,
            PluralCategory::Few => self.few,
            PluralCategory::Many => self.many,
            PluralCategory::Other => None,
        }
        .unwrap_or(self.other);
        let n = n.to_string();
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        fill(form, &all)
    }
}

/// Replaces each `{name}` in `template` with its value from `args`; unknown names stay as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match after.find('}') {
            Some(close) => {
                let name = &after[1..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&after[..=close]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_placeholders_and_keeps_unknown_ones() {
        assert_eq!(fill("Question {current} of {total}", &[("current", "2"), ("total", "6")]), "Question 2 of 6");
        assert_eq!(fill("{missing} and {", &[]), "{missing} and {");
        assert_eq!(fill("héllo {n} 👋", &[("n", "٣")]), "héllo ٣ 👋");
    }

    #[test]
    fn english_plurals_pick_one_and_other() {
        let words = &Lang::En.locale().ui.words_remaining;
        assert_eq!(words.format(Lang::En, 1, &[]), "You have 1 word remaining");
        assert_eq!(words.format(Lang::En, 0, &[]), "You have 0 words remaining");
        assert_eq!(words.format(Lang::En, 7, &[]), "You have 7 words remaining");
    }

    #[test]
    fn there_are_at_least_six_prompts_with_unique_ids() {
        for lang in Lang::ALL {
            let prompts = lang.locale().prompts;
            assert!(prompts.len() >= 6);
            let mut ids: Vec<_> = prompts.iter().map(|p| p.id).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), prompts.len(), "{lang:?} repeats a prompt id");
            assert!(prompts.iter().all(|p| !p.question.is_empty() && !p.hint.is_empty() && !p.example.is_empty()));
        }
    }

    #[test]
    fn welsh_plurals_follow_cldr() {
        use PluralCategory::*;
        let categories: Vec<_> = [0, 1, 2, 3, 4, 5, 6, 7, 10, 100].map(|n| Lang::Cy.plural_category(n)).to_vec();
        assert_eq!(categories, [Zero, One, Two, Few, Other, Other, Many, Other, Other, Other]);
    }

    #[test]
    fn a_plural_falls_back_to_other_when_a_form_is_not_written() {
        let words = &Lang::Cy.locale().ui.words_remaining;
        assert_eq!(words.format(Lang::Cy, 3, &[]), "Mae gennych 3 gair ar ôl");
        assert_eq!(words.format(Lang::Cy, 1, &[]), "Mae gennych 1 gair ar ôl");
    }

    #[test]
    fn every_language_has_the_same_prompts_and_says_what_needs_review() {
        let english: Vec<_> = Lang::En.locale().prompts.iter().map(|p| p.id).collect();
        for lang in Lang::ALL {
            let ids: Vec<_> = lang.locale().prompts.iter().map(|p| p.id).collect();
            assert_eq!(ids, english, "{lang:?}");
            let review = lang.locale().needs_review;
            if !review.is_empty() {
                println!("{}: {} still needs a native speaker's review", lang.code(), review.join(", "));
            }
        }
        assert!(Lang::En.locale().needs_review.is_empty());
    }

    #[test]
    fn easy_read_is_written_for_every_prompt_in_short_lines() {
        // Easy read guidance: short sentences, one idea per line. 12 words is already long.
        const MAX_WORDS_PER_LINE: usize = 12;
        for lang in Lang::ALL {
            for prompt in lang.locale().prompts {
                let easy = prompt.wording(true);
                assert_ne!(easy, prompt.wording(false), "{lang:?} {}", prompt.id);
                for text in [easy.question, easy.hint, easy.example, prompt.picture] {
                    assert!(!text.trim().is_empty(), "{lang:?} {}: empty easy-read text", prompt.id);
                    for line in lines(text) {
                        let words = line.split_whitespace().count();
                        assert!(words <= MAX_WORDS_PER_LINE, "{lang:?} {}: {words} words in `{line}`", prompt.id);
                    }
                }
                assert!(lines(easy.hint).count() >= 2, "{lang:?} {}: one idea per line", prompt.id);
            }
            let ui = &lang.locale().ui;
            for text in [ui.easy_welcome_lead, ui.easy_vision, ui.easy_welcome_how.format(lang, 6, &[]).as_str()] {
                assert!(lines(text).count() >= 2, "{lang:?}: `{text}` is one idea per line");
                assert!(lines(text).all(|l| l.split_whitespace().count() <= MAX_WORDS_PER_LINE), "{lang:?}: {text}");
            }
        }
    }

    #[test]
    fn lines_skip_blank_ones_and_trim() {
        assert_eq!(lines("One.\n\n  Two. \n").collect::<Vec<_>>(), ["One.", "Two."]);
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("xx"), None);
    }
}
