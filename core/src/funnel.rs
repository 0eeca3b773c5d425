//! The campaign's funnel, as the widget reports it: which steps people reach, and which of the
//! reframing engine's suggestions they take or turn down, each counted once per page load, with no
//! cookie, no identifier and nothing about who they are. The collector keeps only a count per
//! campaign, day and event (never a row per visitor).

use crate::step::Step;

/// The steps every campaign has: the story begun, the check page reached, the story sent, and the
/// use of easy read and of Welsh. Each question reached is `question:` and its prompt id.
pub const STEPS: [&str; 5] = ["started", "check", "sent", "easy-read", "welsh"];

/// The prefix of a question reached: `question:good-day`.
pub const QUESTION: &str = "question:";

/// The prefix of a suggestion taken: the person used other words the engine offered for the words
/// of this rule (`changed:service-user`).
pub const CHANGED: &str = "changed:";

/// The prefix of a suggestion turned down: the person chose "keep my words" (`kept:service-user`).
pub const KEPT: &str = "kept:";

/// Whether `event` is one a campaign asking `prompt_ids` counts: a step, a question it asks, or a
/// suggestion of one of the lexicon's rules taken or turned down.
pub fn is_event(event: &str, prompt_ids: &[&str]) -> bool {
    STEPS.contains(&event)
        || event.strip_prefix(QUESTION).is_some_and(|id| prompt_ids.contains(&id))
        || [CHANGED, KEPT].iter().any(|prefix| event.strip_prefix(prefix).is_some_and(crate::reframe::is_rule_id))
}

/// The event of a suggestion of `rule` taken (`changed`) or turned down.
pub fn suggestion_event(rule: &str, changed: bool) -> String {
    format!("{}{rule}", if changed { CHANGED } else { KEPT })
}

/// What the widget's state shows was reached, as steps to count: `question` is the prompt id of the
/// question on screen, if one is. Beginning the first question is "started"; easy read and Welsh
/// count once the person is past the welcome page.
pub fn reached(step: Step, question: Option<&str>, sent: bool, easy_read: bool, welsh: bool) -> Vec<String> {
    let mut steps = Vec::new();
    match step {
        Step::Welcome => return steps,
        Step::Question(n) => {
            if n == 1 {
                steps.push("started".to_owned());
            }
            steps.extend(question.map(|id| format!("{QUESTION}{id}")));
        }
        Step::Check => steps.push("check".to_owned()),
        Step::Sent if sent => steps.push("sent".to_owned()),
        _ => {}
    }
    if easy_read {
        steps.push("easy-read".to_owned());
    }
    if welsh {
        steps.push("welsh".to_owned());
    }
    steps
}

/// The JSON the widget sends for one event: `{"event": "..."}`.
pub fn report_body(event: &str) -> String {
    format!("{{\"event\":{}}}", miniserde::json::to_string(&event.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_reached_names_its_steps_and_the_welcome_page_none() {
        assert!(reached(Step::Welcome, None, false, true, true).is_empty());
        assert_eq!(reached(Step::Question(1), Some("good-day"), false, false, false), ["started", "question:good-day"]);
        assert_eq!(
            reached(Step::Question(2), Some("community"), false, true, true),
            ["question:community", "easy-read", "welsh"]
        );
        assert_eq!(reached(Step::Check, None, false, false, false), ["check"]);
        assert!(reached(Step::Sent, None, false, false, false).is_empty(), "sending is not sent");
        assert_eq!(reached(Step::Sent, None, true, false, false), ["sent"]);
        assert_eq!(report_body("question:good-day"), r#"{"event":"question:good-day"}"#);
        for step in reached(Step::Question(1), Some("good-day"), true, true, true) {
            assert!(is_event(&step, &["good-day"]), "{step}");
        }
    }

    #[test]
    fn the_events_are_the_fixed_steps_the_campaigns_questions_and_the_lexicons_rules() {
        let ids = ["good-day", "community"];
        let rule = crate::reframe::rules()[0].id;
        let (changed, kept) = (suggestion_event(rule, true), suggestion_event(rule, false));
        assert_eq!(changed, format!("changed:{rule}"));
        for event in ["started", "check", "sent", "easy-read", "welsh", "question:community", &changed, &kept] {
            assert!(is_event(event, &ids), "{event}");
        }
        for event in
            ["question:elsewhere", "question:", "Started", "visitor:42", "", "changed:", "kept:no-such-rule", rule]
        {
            assert!(!is_event(event, &ids), "{event}");
        }
    }
}
