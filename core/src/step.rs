//! The pages of the guided flow, and how each is named in the URL (`?step=question-2`),
//! so that the browser's Back button and a reload land on the same page.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Step {
    #[default]
    Welcome,
    /// A question, counted from 1 as people count.
    Question(usize),
    Check,
    Finish,
    /// The consent page, before anything is sent.
    Consent,
    /// Sending, sent, or waiting to be sent.
    Sent,
}

impl Step {
    /// Parses a URL name; anything unknown or out of range is `None`.
    pub fn parse(name: &str, questions: usize) -> Option<Step> {
        match name {
            "welcome" => Some(Step::Welcome),
            "check" => Some(Step::Check),
            "finish" => Some(Step::Finish),
            "send" => Some(Step::Consent),
            "sent" => Some(Step::Sent),
            _ => {
                let n: usize = name.strip_prefix("question-")?.parse().ok()?;
                (1..=questions).contains(&n).then_some(Step::Question(n))
            }
        }
    }

    /// The page after this one.
    pub fn next(self, questions: usize) -> Step {
        match self {
            Step::Welcome if questions > 0 => Step::Question(1),
            Step::Welcome => Step::Check,
            Step::Question(n) if n < questions => Step::Question(n + 1),
            Step::Question(_) => Step::Check,
            Step::Check | Step::Finish => Step::Finish,
            Step::Consent | Step::Sent => Step::Sent,
        }
    }

    /// The page the Back link leads to.
    pub fn previous(self, questions: usize) -> Step {
        match self {
            Step::Welcome | Step::Question(1) => Step::Welcome,
            Step::Question(n) => Step::Question(n - 1),
            Step::Check if questions > 0 => Step::Question(questions),
            Step::Check => Step::Welcome,
            Step::Finish => Step::Check,
            Step::Consent | Step::Sent => Step::Finish,
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Welcome => f.write_str("welcome"),
            Step::Question(n) => write!(f, "question-{n}"),
            Step::Check => f.write_str("check"),
            Step::Finish => f.write_str("finish"),
            Step::Consent => f.write_str("send"),
            Step::Sent => f.write_str("sent"),
        }
    }
}

impl From<Step> for String {
    fn from(step: Step) -> String {
        step.to_string()
    }
}

impl TryFrom<String> for Step {
    type Error = String;
    fn try_from(name: String) -> Result<Step, String> {
        Step::parse(&name, usize::MAX).ok_or_else(|| format!("unknown step {name:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_names_round_trip() {
        for step in
            [Step::Welcome, Step::Question(1), Step::Question(6), Step::Check, Step::Finish, Step::Consent, Step::Sent]
        {
            assert_eq!(Step::parse(&step.to_string(), 6), Some(step));
        }
    }

    #[test]
    fn unknown_or_out_of_range_names_are_refused() {
        for name in ["", "question-0", "question-7", "question-x", "QUESTION-1", "question-01x"] {
            assert_eq!(Step::parse(name, 6), None, "{name}");
        }
    }

    #[test]
    fn next_and_previous_walk_the_narrative_order() {
        let mut step = Step::Welcome;
        let mut walked = vec![step];
        while step != Step::Finish {
            step = step.next(3);
            walked.push(step);
        }
        use Step::*;
        assert_eq!(walked, [Welcome, Question(1), Question(2), Question(3), Check, Finish]);
        for pair in walked.windows(2) {
            assert_eq!(pair[1].previous(3), pair[0]);
        }
    }
}
