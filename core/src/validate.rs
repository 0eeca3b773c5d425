//! Every limit a story must keep, and the sentence a person reads when it doesn't.
//! The widget and the collector both call these, so they always agree.

use crate::locale::{Lang, fill};
use crate::story::{char_count, word_count};

pub const ANSWER_MAX_WORDS: usize = 500;
pub const ANSWER_MAX_CHARS: usize = 5_000;
pub const STORY_MAX_WORDS: usize = 1_500;
pub const STORY_MAX_CHARS: usize = 15_000;
pub const TITLE_MAX_CHARS: usize = 100;

/// Which part of the story a problem is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    Answer(String),
    Title,
    Body,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Missing,
    TooManyWords { max: usize, over: usize },
    TooManyChars { max: usize, over: usize },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

/// How a text stands against a word limit, for a live count under the box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordAllowance {
    Remaining(usize),
    Over(usize),
}

pub fn word_allowance(text: &str, max_words: usize) -> WordAllowance {
    let words = word_count(text);
    if words <= max_words {
        WordAllowance::Remaining(max_words - words)
    } else {
        WordAllowance::Over(words - max_words)
    }
}

fn length_problem(text: &str, max_words: usize, max_chars: usize) -> Option<Problem> {
    if let WordAllowance::Over(over) = word_allowance(text, max_words) {
        return Some(Problem::TooManyWords { max: max_words, over });
    }
    let chars = char_count(text);
    (chars > max_chars).then(|| Problem::TooManyChars { max: max_chars, over: chars - max_chars })
}

/// An answer may be empty (every question can be skipped) but not too long.
pub fn check_answer(prompt_id: &str, text: &str) -> Option<FieldError> {
    length_problem(text, ANSWER_MAX_WORDS, ANSWER_MAX_CHARS)
        .map(|problem| FieldError { field: Field::Answer(prompt_id.to_owned()), problem })
}

/// A finished story needs a title and a body, each within its limits.
pub fn check_story(title: &str, body: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let title_chars = char_count(title.trim());
    if title_chars == 0 {
        errors.push(FieldError { field: Field::Title, problem: Problem::Missing });
    } else if title_chars > TITLE_MAX_CHARS {
        let problem = Problem::TooManyChars { max: TITLE_MAX_CHARS, over: title_chars - TITLE_MAX_CHARS };
        errors.push(FieldError { field: Field::Title, problem });
    }
    let problem = if body.trim().is_empty() {
        Some(Problem::Missing)
    } else {
        length_problem(body, STORY_MAX_WORDS, STORY_MAX_CHARS)
    };
    if let Some(problem) = problem {
        errors.push(FieldError { field: Field::Body, problem });
    }
    errors
}

impl FieldError {
    /// The sentence the person reads, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let ui = &lang.locale().ui;
        let plural = |p: &crate::locale::Plural, max: usize, over: usize| {
            p.format(lang, over as u64, &[("max", &max.to_string())])
        };
        let simple = |t: &str, max: usize| fill(t, &[("max", &max.to_string())]);
        match (&self.field, self.problem) {
            (Field::Answer(_), Problem::TooManyWords { max, over }) => plural(&ui.error_answer_too_long, max, over),
            (Field::Answer(_), Problem::TooManyChars { max, .. }) => simple(ui.error_answer_too_many_characters, max),
            (Field::Answer(_) | Field::Body, Problem::Missing) => ui.error_story_missing.to_owned(),
            (Field::Title, Problem::Missing) => ui.error_title_missing.to_owned(),
            (Field::Title, Problem::TooManyChars { max, .. } | Problem::TooManyWords { max, .. }) => {
                simple(ui.error_title_too_long, max)
            }
            (Field::Body, Problem::TooManyWords { max, over }) => plural(&ui.error_story_too_long, max, over),
            (Field::Body, Problem::TooManyChars { max, .. }) => simple(ui.error_story_too_many_characters, max),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_may_be_empty_but_not_too_long() {
        assert_eq!(check_answer("good-day", ""), None);
        let at_limit = "word ".repeat(ANSWER_MAX_WORDS);
        assert_eq!(check_answer("good-day", &at_limit), None);
        let over = "word ".repeat(ANSWER_MAX_WORDS + 2);
        let error = check_answer("good-day", &over).unwrap();
        assert_eq!(error.problem, Problem::TooManyWords { max: ANSWER_MAX_WORDS, over: 2 });
        assert_eq!(
            error.message(Lang::En),
            "Your answer must be 500 words or fewer. Remove 2 words, or split it across questions."
        );
    }

    #[test]
    fn one_enormous_word_is_caught_by_the_character_limit() {
        let pasted = "x".repeat(ANSWER_MAX_CHARS + 1);
        let error = check_answer("good-day", &pasted).unwrap();
        assert_eq!(error.problem, Problem::TooManyChars { max: ANSWER_MAX_CHARS, over: 1 });
    }

    #[test]
    fn a_story_needs_a_title_and_a_body() {
        let errors = check_story("  ", "");
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].message(Lang::En), "Enter a title for your story");
        assert!(errors[1].message(Lang::En).starts_with("Your story is empty"));
        assert!(check_story("Sundays", "Tea first.").is_empty());
    }

    #[test]
    fn a_long_title_and_a_long_story_explain_themselves() {
        let errors = check_story(&"é".repeat(TITLE_MAX_CHARS + 1), &"word ".repeat(STORY_MAX_WORDS + 1));
        assert_eq!(errors[0].message(Lang::En), "The title must be 100 characters or fewer");
        assert_eq!(errors[1].message(Lang::En), "Your story must be 1500 words or fewer. Remove 1 word.");
    }

    #[test]
    fn the_allowance_counts_down_then_over() {
        assert_eq!(word_allowance("one two", 3), WordAllowance::Remaining(1));
        assert_eq!(word_allowance("one two three four", 3), WordAllowance::Over(1));
    }
}
