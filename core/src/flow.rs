//! The guided flow as a pure reducer: the widget renders a `Flow` and sends it `Action`s.

use crate::draft::{Draft, Restored, SetAsideReason};
use crate::locale::{Lang, PromptText};
use crate::step::Step;
use crate::story::Story;
use crate::validate::{FieldError, check_answer, check_story};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    pub campaign: String,
    pub lang: Lang,
    pub step: Step,
    pub story: Story,
    /// Problems found when the person last pressed Continue on this page.
    pub errors: Vec<FieldError>,
    /// Where "Continue your story" leads: the last page they were on.
    pub resume_at: Step,
    /// Something stored earlier could not be used and was kept aside.
    pub set_aside: Option<SetAsideReason>,
    /// The welcome page is asking "are you sure?" before deleting the draft.
    pub confirming_restart: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// What the device had stored, read once on arrival.
    Restore(Restored),
    /// Start (or continue) from the welcome page.
    Start,
    AskRestart,
    CancelRestart,
    ConfirmRestart,
    Answer {
        prompt_id: String,
        text: String,
    },
    SetTitle(String),
    EditBody(String),
    /// Drop the hand-edited body and use the assembled answers again.
    UseAnswers,
    /// The lines picked for the story card.
    SetCardExcerpt(String),
    /// The page's Continue button: check this page, then move on.
    Continue,
    Skip,
    /// A link, a Back link or the browser's own Back and Forward buttons.
    GoTo(Step),
    /// Switch language at any point; answers are kept by prompt, so nothing is lost.
    SetLang(Lang),
}

impl Flow {
    pub fn new(campaign: &str, lang: Lang) -> Flow {
        Flow {
            campaign: campaign.to_owned(),
            lang,
            step: Step::Welcome,
            story: Story::default(),
            errors: Vec::new(),
            resume_at: Step::Question(1),
            set_aside: None,
            confirming_restart: false,
        }
    }

    pub fn prompts(&self) -> &'static [PromptText] {
        self.lang.locale().prompts
    }

    /// The prompt on the current page, if it is a question.
    pub fn current_prompt(&self) -> Option<&'static PromptText> {
        match self.step {
            Step::Question(n) => self.prompts().get(n - 1),
            _ => None,
        }
    }

    pub fn has_story_in_progress(&self) -> bool {
        !self.story.is_empty()
    }

    /// What to keep on the device now; `None` means there is nothing worth keeping.
    pub fn draft(&self) -> Option<Draft> {
        self.has_story_in_progress().then(|| Draft::new(&self.campaign, self.lang, self.resume_at, self.story.clone()))
    }

    pub fn apply(&mut self, action: Action) {
        let questions = self.prompts().len();
        match action {
            Action::Restore(Restored::Draft(draft)) => {
                self.lang = draft.lang;
                self.story = draft.story;
                self.resume_at = draft.step;
            }
            Action::Restore(Restored::SetAside(reason)) => self.set_aside = Some(reason),
            Action::Restore(Restored::Nothing) => {}
            Action::Start => {
                let to = if self.has_story_in_progress() { self.resume_at } else { Step::Question(1) };
                self.go_to(to);
            }
            Action::AskRestart => self.confirming_restart = true,
            Action::CancelRestart => self.confirming_restart = false,
            Action::ConfirmRestart => {
                self.story = Story::default();
                self.resume_at = Step::Question(1);
                self.set_aside = None;
                self.go_to(Step::Question(1));
            }
            Action::Answer { prompt_id, text } => self.story.set_answer(&prompt_id, &text),
            Action::SetTitle(title) => self.story.title = title,
            Action::EditBody(text) => self.story.edit_body(self.lang.locale().prompts, &text),
            Action::UseAnswers => self.story.edited = None,
            Action::SetCardExcerpt(text) => self.story.card_excerpt = Some(text),
            Action::Continue => {
                self.errors = self.check_current();
                if self.errors.is_empty() {
                    self.go_to(self.step.next(questions));
                }
            }
            Action::Skip => self.go_to(self.step.next(questions)),
            // The URL naming the page already shown (a fragment link, a repeated popstate) changes nothing.
            Action::GoTo(step) if step == self.step => {}
            Action::GoTo(step) => self.go_to(step),
            Action::SetLang(lang) => self.lang = lang,
        }
    }

    fn check_current(&self) -> Vec<FieldError> {
        match self.current_prompt() {
            Some(prompt) => check_answer(prompt.id, self.story.answer(prompt.id)).into_iter().collect(),
            None if self.step == Step::Check => check_story(&self.story.title, &self.story.body(self.prompts())),
            None => Vec::new(),
        }
    }

    fn go_to(&mut self, step: Step) {
        // The finish page shows a finished story: arriving there any other way lands on the check
        // page with its problems listed.
        let blocked =
            step == Step::Finish && !check_story(&self.story.title, &self.story.body(self.prompts())).is_empty();
        self.step = if blocked { Step::Check } else { step };
        self.errors =
            if blocked { check_story(&self.story.title, &self.story.body(self.prompts())) } else { Vec::new() };
        self.confirming_restart = false;
        if self.step != Step::Welcome {
            self.resume_at = self.step;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{ANSWER_MAX_WORDS, Field};

    fn flow() -> Flow {
        Flow::new("socialcarefuture", Lang::En)
    }

    fn answer(f: &mut Flow, text: &str) {
        let prompt_id = f.current_prompt().unwrap().id.to_owned();
        f.apply(Action::Answer { prompt_id, text: text.to_owned() });
    }

    #[test]
    fn a_whole_story_from_welcome_to_finish() {
        let mut f = flow();
        f.apply(Action::Start);
        assert_eq!(f.step, Step::Question(1));
        answer(&mut f, "Tea in my own kitchen.");
        f.apply(Action::Continue);
        f.apply(Action::Skip);
        answer(&mut f, "The choir on Thursdays.");
        for _ in 3..=6 {
            f.apply(Action::Continue);
        }
        assert_eq!(f.step, Step::Check);
        f.apply(Action::Continue);
        assert_eq!(f.errors.iter().map(|e| e.field.clone()).collect::<Vec<_>>(), [Field::Title]);
        f.apply(Action::SetTitle("Thursdays".into()));
        f.apply(Action::Continue);
        assert_eq!(f.step, Step::Finish);
        assert_eq!(
            f.story.to_plain_text(f.prompts()),
            "Thursdays\n\nTea in my own kitchen.\n\nThe choir on Thursdays.\n"
        );
    }

    #[test]
    fn a_too_long_answer_stays_put_with_its_error_and_its_text() {
        let mut f = flow();
        f.apply(Action::Start);
        let long = "word ".repeat(ANSWER_MAX_WORDS + 1);
        answer(&mut f, &long);
        f.apply(Action::Continue);
        assert_eq!(f.step, Step::Question(1));
        assert_eq!(f.errors.len(), 1);
        assert_eq!(f.story.answer("good-day"), long, "nothing the person wrote is lost");
        f.apply(Action::GoTo(Step::Welcome));
        assert!(f.errors.is_empty(), "errors belong to the page they were found on");
    }

    #[test]
    fn the_finish_page_cannot_be_reached_with_an_unfinished_story() {
        let mut f = flow();
        f.apply(Action::GoTo(Step::Finish));
        assert_eq!(f.step, Step::Check);
        assert_eq!(f.errors.len(), 2);
    }

    #[test]
    fn a_restored_draft_is_continued_where_it_was_left() {
        let mut f = flow();
        f.apply(Action::Start);
        answer(&mut f, "Tea.");
        f.apply(Action::Continue);
        let draft = f.draft().unwrap();
        let mut again = flow();
        again.apply(Action::Restore(Restored::Draft(draft)));
        assert_eq!(again.step, Step::Welcome);
        assert!(again.has_story_in_progress());
        again.apply(Action::Start);
        assert_eq!(again.step, Step::Question(2));
        assert_eq!(again.story.answer("good-day"), "Tea.");
    }

    #[test]
    fn starting_again_asks_first_then_clears_the_story() {
        let mut f = flow();
        f.apply(Action::Start);
        answer(&mut f, "Tea.");
        f.apply(Action::GoTo(Step::Welcome));
        f.apply(Action::AskRestart);
        assert!(f.confirming_restart);
        f.apply(Action::CancelRestart);
        assert!(f.has_story_in_progress());
        f.apply(Action::AskRestart);
        f.apply(Action::ConfirmRestart);
        assert!(!f.has_story_in_progress());
        assert_eq!(f.step, Step::Question(1));
        assert_eq!(f.draft(), None);
    }

    #[test]
    fn switching_language_keeps_the_answers_the_page_and_the_errors() {
        let mut f = flow();
        f.apply(Action::Start);
        answer(&mut f, &"gair ".repeat(ANSWER_MAX_WORDS + 1));
        f.apply(Action::Continue);
        f.apply(Action::SetLang(Lang::Cy));
        assert_eq!(f.step, Step::Question(1));
        assert_eq!(f.current_prompt().unwrap().question, "Sut beth yw diwrnod da i chi?");
        assert_eq!(f.story.answer("good-day").split_whitespace().count(), ANSWER_MAX_WORDS + 1);
        assert!(f.errors[0].message(f.lang).starts_with("Rhaid i'ch ateb fod yn 500 gair neu lai."));
    }

    #[test]
    fn a_set_aside_draft_is_reported_once_restored() {
        let mut f = flow();
        f.apply(Action::Restore(Restored::SetAside(SetAsideReason::Unreadable)));
        assert_eq!(f.set_aside, Some(SetAsideReason::Unreadable));
        assert!(!f.has_story_in_progress());
    }
}
