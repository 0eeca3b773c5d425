//! The guided flow as a pure reducer: the widget renders a `Flow` and sends it `Action`s.

use crate::campaign_words::PromptSet;
use crate::consent::{ConsentError, NameDisplay};
use crate::draft::{Draft, Restored, SetAsideReason};
use crate::locale::{Lang, PromptText};
use crate::reframe::{self, Finding};
use crate::step::Step;
use crate::story::{KeptWords, Story, answers_within};
use crate::submission::{Outcome, SendState};
use crate::validate::{Field, FieldError, check_answer, check_story};
use crate::wire::story::Outgoing;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    pub campaign: String,
    pub lang: Lang,
    pub step: Step,
    pub story: Story,
    /// Problems found when the person last pressed Continue on this page.
    pub errors: Vec<FieldError>,
    /// Problems found when the person last pressed Send on the consent page.
    pub consent_errors: Vec<ConsentError>,
    /// Where "Continue your story" leads: the last page they were on.
    pub resume_at: Step,
    /// Something stored earlier could not be used and was kept aside.
    pub set_aside: Option<SetAsideReason>,
    /// The welcome page is asking "are you sure?" before deleting the draft.
    pub confirming_restart: bool,
    /// The welcome page is asking "are you sure?" before deleting everything kept on this device.
    pub confirming_forget: bool,
    /// Everything kept on this device was just deleted (the welcome page says so).
    pub forgotten: bool,
    /// The campaign's own questions, once its settings have arrived; the built-in ones until then.
    pub campaign_prompts: Option<&'static PromptSet>,
    /// Easy read or standard text, as the person chose; `None` until they choose.
    pub easy_read: Option<bool>,
    /// The campaign's default when the person has not chosen.
    pub campaign_easy_read: bool,
    /// The version of the campaign's questions, once its settings have arrived: sent with the story.
    pub prompts_version: Option<String>,
    /// The suggestions taken or turned down since the page loaded, as funnel events
    /// (`funnel::suggestion_event`), each once. Not kept in the draft: a reload starts afresh.
    pub suggestion_events: Vec<String>,
    /// Whether the reframing engine has its lexicon yet (`reframe::is_ready`): kept in the flow so
    /// that its arrival changes the state and the suggestions are drawn.
    pub lexicon_ready: bool,
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
    /// "Delete everything on this device": for a shared computer. The app clears the browser's
    /// storage; the flow forgets the story in memory and anything it had set aside.
    AskForget,
    CancelForget,
    ConfirmForget,
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
    /// Ask the campaign's questions (from its settings) instead of the built-in ones.
    UseCampaignPrompts(&'static PromptSet),
    /// Easy read (true) or standard text, chosen by the person at any point; nothing is lost.
    SetEasyRead(bool),
    /// The campaign's default mode, used until the person chooses one.
    CampaignEasyRead(bool),
    /// The version of the campaign's questions, from its settings.
    CampaignPromptsVersion(String),
    /// Dictated words, added to the end of an answer (never in place of it).
    AppendToAnswer {
        prompt_id: String,
        text: String,
    },
    /// The clock when the person began (milliseconds since 1970); kept for a story already begun.
    MarkStarted(u64),
    /// A change on the consent page.
    Consent(ConsentChange),
    /// Send with the consent given; `key` becomes the idempotency key if the story has none yet.
    Send {
        key: String,
    },
    /// The collector's answer to a send.
    Delivered(Outcome),
    /// Try a queued or refused story again.
    Retry,
    /// The collector has deleted the story at the person's request.
    Withdrawn,
    /// Put one of the reframing engine's suggestions in place of the words it found.
    UseSuggestion {
        field: Field,
        finding: Finding,
        suggestion: String,
    },
    /// "Keep my words": no more suggestions for these words.
    KeepWords(Finding),
    /// The reframing engine's lexicon has arrived (the widget fetches it): suggestions can be shown.
    LexiconReady,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsentChange {
    Share(bool),
    Publish(bool),
    Contact(bool),
    NameDisplay(NameDisplay),
    Name(String),
    Email(String),
    Area(String),
}

impl Flow {
    pub fn new(campaign: &str, lang: Lang) -> Flow {
        Flow {
            campaign: campaign.to_owned(),
            lang,
            step: Step::Welcome,
            story: Story::default(),
            errors: Vec::new(),
            consent_errors: Vec::new(),
            resume_at: Step::Question(1),
            set_aside: None,
            confirming_restart: false,
            confirming_forget: false,
            forgotten: false,
            campaign_prompts: None,
            easy_read: None,
            campaign_easy_read: false,
            prompts_version: None,
            suggestion_events: Vec::new(),
            lexicon_ready: reframe::is_ready(),
        }
    }

    fn note_suggestion(&mut self, rule: &str, changed: bool) {
        let event = crate::funnel::suggestion_event(rule, changed);
        if !self.suggestion_events.contains(&event) {
            self.suggestion_events.push(event);
        }
    }

    /// Whether the pages are shown in easy read: the person's choice, else the campaign's default.
    pub fn is_easy_read(&self) -> bool {
        self.easy_read.unwrap_or(self.campaign_easy_read)
    }

    pub fn prompts(&self) -> &'static [PromptText] {
        self.campaign_prompts.map_or(self.lang.locale().prompts, |set| set.get(self.lang))
    }

    /// What the reframing engine suggests for `text`, less the words the person chose to keep.
    pub fn findings(&self, text: &str) -> Vec<Finding> {
        let options = reframe::Options {
            kept: self.story.kept_words.iter().map(|k| (k.rule.clone(), k.words.clone())).collect(),
            ..reframe::Options::default()
        };
        reframe::analyse_with(text, &options)
    }

    /// The prompt on the current page, if it is a question.
    pub fn current_prompt(&self) -> Option<&'static PromptText> {
        match self.step {
            Step::Question(n) => self.prompts().get(n - 1),
            _ => None,
        }
    }

    /// The body of `POST /api/v1/stories` for the story as it stands.
    /// The story exactly as the person approved it on the check page: answers they edited away
    /// there stay on the device.
    pub fn outgoing_json(&self) -> String {
        let story = &self.story;
        let body = story.body(self.prompts());
        let answers = answers_within(&body, &story.answers);
        let mut outgoing =
            Outgoing::new(&self.campaign, self.lang, &story.title, &body, &answers, &story.consent, story.started_at);
        outgoing.prompts_version = self.prompts_version.clone();
        outgoing.to_json()
    }

    pub fn has_story_in_progress(&self) -> bool {
        !self.story.is_empty()
    }

    /// Whether this device may be keeping something of theirs: a story, a choice, something set aside.
    pub fn keeps_anything(&self) -> bool {
        self.has_story_in_progress() || self.set_aside.is_some() || self.draft().is_some()
    }

    /// What to keep on the device now; `None` means there is nothing worth keeping.
    /// A choice of mode is worth keeping on its own: it is how the person reads every page.
    pub fn draft(&self) -> Option<Draft> {
        (self.has_story_in_progress() || self.easy_read.is_some()).then(|| Draft {
            easy_read: self.easy_read,
            ..Draft::new(&self.campaign, self.lang, self.resume_at, self.story.clone())
        })
    }

    pub fn apply(&mut self, action: Action) {
        let questions = self.prompts().len();
        match action {
            Action::Restore(Restored::Draft(draft)) => {
                self.lang = draft.lang;
                self.story = draft.story;
                self.resume_at = draft.step;
                self.easy_read = draft.easy_read;
            }
            Action::Restore(Restored::SetAside(reason)) => self.set_aside = Some(reason),
            Action::Restore(Restored::Nothing) => {}
            Action::Start => {
                let to = if self.has_story_in_progress() { self.resume_at } else { Step::Question(1) };
                self.go_to(to);
            }
            Action::AskRestart => {
                self.confirming_restart = true;
                self.confirming_forget = false;
            }
            Action::CancelRestart => self.confirming_restart = false,
            Action::AskForget => {
                self.confirming_forget = true;
                self.confirming_restart = false;
                self.forgotten = false;
            }
            Action::CancelForget => self.confirming_forget = false,
            Action::ConfirmForget => {
                self.story = Story::default();
                self.resume_at = Step::Question(1);
                self.set_aside = None;
                self.easy_read = None;
                self.confirming_forget = false;
                self.forgotten = true;
                self.go_to(Step::Welcome);
            }
            Action::ConfirmRestart => {
                self.story = Story::default();
                self.resume_at = Step::Question(1);
                self.set_aside = None;
                self.go_to(Step::Question(1));
            }
            Action::Answer { prompt_id, text } => self.story.set_answer(&prompt_id, &text),
            Action::SetTitle(title) => self.story.title = title,
            Action::EditBody(text) => self.story.edit_body(self.prompts(), &text),
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
            Action::UseCampaignPrompts(set) => {
                self.campaign_prompts = Some(set);
                // With fewer questions, a page past the last one becomes the last one.
                let last = self.prompts().len().max(1);
                for step in [&mut self.step, &mut self.resume_at] {
                    if let Step::Question(n) = step {
                        *n = (*n).min(last);
                    }
                }
            }
            Action::SetEasyRead(on) => self.easy_read = Some(on),
            Action::CampaignEasyRead(on) => self.campaign_easy_read = on,
            Action::CampaignPromptsVersion(version) => self.prompts_version = Some(version),
            Action::AppendToAnswer { prompt_id, text } => self.story.append_to_answer(&prompt_id, &text),
            Action::MarkStarted(now) => {
                if self.story.started_at == 0 {
                    self.story.started_at = now;
                }
            }
            Action::Consent(change) => {
                let consent = &mut self.story.consent;
                match change {
                    ConsentChange::Share(on) => consent.share_with_campaign = on,
                    ConsentChange::Publish(on) => consent.publish = on,
                    ConsentChange::Contact(on) => consent.contact = on,
                    ConsentChange::NameDisplay(display) => consent.name_display = Some(display),
                    ConsentChange::Name(name) => consent.name = name,
                    ConsentChange::Email(email) => consent.email = email,
                    ConsentChange::Area(area) => consent.area = area,
                }
            }
            Action::Send { key } => {
                self.consent_errors = self.story.consent.check();
                if self.consent_errors.is_empty() {
                    let payload = self.outgoing_json();
                    let submission = &mut self.story.submission;
                    if submission.state == SendState::Withdrawn {
                        // Sending again after withdrawing is a new story to the collector.
                        *submission = Default::default();
                    }
                    // A key stands for one story exactly as sent: the collector may already hold
                    // the earlier words under the old key (a reply lost on the way), and would
                    // refuse changed ones under it. The same story keeps its key, so a retry never
                    // stores it twice.
                    if submission.payload.as_ref() != Some(&payload) {
                        submission.idempotency_key = Some(key);
                        submission.payload = Some(payload);
                    }
                    submission.state = SendState::Sending;
                    submission.problem = None;
                    submission.retry_after = None;
                    self.go_to(Step::Sent);
                }
            }
            Action::Delivered(outcome) => self.story.submission.record(outcome),
            Action::Retry => {
                if matches!(self.story.submission.state, SendState::Waiting | SendState::Refused) {
                    self.story.submission.state = SendState::Sending;
                }
            }
            Action::Withdrawn => self.story.submission.state = SendState::Withdrawn,
            Action::UseSuggestion { field, finding, suggestion } => {
                let prompts = self.prompts();
                let changed = match field {
                    Field::Answer(id) => {
                        let text = reframe::apply(self.story.answer(&id), &finding, &suggestion);
                        let changed = text != self.story.answer(&id);
                        self.story.set_answer(&id, &text);
                        changed
                    }
                    Field::Title => {
                        let text = reframe::apply(&self.story.title, &finding, &suggestion);
                        std::mem::replace(&mut self.story.title, text) != self.story.title
                    }
                    Field::Body => {
                        let body = self.story.body(prompts).into_owned();
                        let text = reframe::apply(&body, &finding, &suggestion);
                        self.story.edit_body(prompts, &text);
                        text != body
                    }
                };
                if changed {
                    self.note_suggestion(finding.rule, true);
                }
            }
            Action::LexiconReady => self.lexicon_ready = reframe::is_ready(),
            Action::KeepWords(finding) => {
                let kept =
                    KeptWords { rule: finding.rule.to_owned(), words: reframe::words::lower_case(&finding.text) };
                if !self.story.kept_words.contains(&kept) {
                    self.story.kept_words.push(kept);
                }
                self.note_suggestion(finding.rule, false);
            }
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
        // The pages after the check page need a finished story: arriving there any other way
        // lands on the check page with its problems listed. Nothing sent yet means no sent page.
        let needs_finished = matches!(step, Step::Finish | Step::Consent | Step::Sent);
        let problems =
            if needs_finished { check_story(&self.story.title, &self.story.body(self.prompts())) } else { Vec::new() };
        self.step = match step {
            _ if !problems.is_empty() => Step::Check,
            Step::Sent if self.story.submission.state == SendState::NotSent => Step::Consent,
            step => step,
        };
        self.errors = problems;
        self.consent_errors.clear();
        self.confirming_restart = false;
        self.confirming_forget = false;
        if self.step != Step::Welcome {
            self.forgotten = false;
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
    fn a_campaign_that_asks_fewer_questions_is_followed_wherever_the_person_is() {
        let mut f = flow();
        f.apply(Action::Start);
        answer(&mut f, "Tea in the garden.");
        for _ in 0..4 {
            f.apply(Action::Skip);
        }
        assert_eq!(f.step, Step::Question(5));
        let settings = miniserde::json::from_str(
            r#"{"steps":["good-day","community"],"prompts":[{"id":"community","label":"My club"}]}"#,
        );
        let Ok(miniserde::json::Value::Object(settings)) = settings else { panic!() };
        let set = crate::campaign_words::CampaignQuestions::from_json(&settings).prompt_set().unwrap();
        f.apply(Action::UseCampaignPrompts(set));
        assert_eq!(f.step, Step::Question(2), "the last question it asks");
        assert_eq!(f.current_prompt().unwrap().label, "My club");
        f.apply(Action::Skip);
        assert_eq!(f.step, Step::Check);
        f.apply(Action::SetLang(Lang::Cy));
        assert_eq!(f.prompts().len(), 2, "in every language");
        assert!(f.story.body(f.prompts()).contains("Tea in the garden."));
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
        again.apply(Action::Restore(Restored::Draft(Box::new(draft))));
        assert_eq!(again.step, Step::Welcome);
        assert!(again.has_story_in_progress());
        again.apply(Action::Start);
        assert_eq!(again.step, Step::Question(2));
        assert_eq!(again.story.answer("good-day"), "Tea.");
    }

    #[test]
    fn deleting_everything_on_the_device_asks_first_then_forgets_it_all() {
        let mut f = flow();
        f.apply(Action::Restore(Restored::SetAside(SetAsideReason::Unreadable)));
        f.apply(Action::SetEasyRead(true));
        f.apply(Action::Start);
        answer(&mut f, "Tea.");
        f.apply(Action::GoTo(Step::Welcome));
        assert!(f.keeps_anything());
        f.apply(Action::AskForget);
        assert!(f.confirming_forget && !f.confirming_restart);
        f.apply(Action::CancelForget);
        assert!(!f.confirming_forget && f.has_story_in_progress(), "cancelling keeps everything");
        f.apply(Action::AskForget);
        f.apply(Action::ConfirmForget);
        assert_eq!(f.step, Step::Welcome);
        assert!(f.forgotten && !f.confirming_forget);
        assert!(!f.keeps_anything() && f.draft().is_none(), "nothing left to save: {:?}", f.draft());
        assert_eq!(f.set_aside, None);
        f.apply(Action::Start);
        assert_eq!(f.step, Step::Question(1));
        assert!(!f.forgotten, "the notice goes once they move on");
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

    fn finished() -> Flow {
        let mut f = flow();
        f.apply(Action::Start);
        answer(&mut f, "Tea in my own kitchen.");
        f.apply(Action::SetTitle("Tea".into()));
        f.apply(Action::GoTo(Step::Finish));
        assert_eq!(f.step, Step::Finish);
        f
    }

    /// A finished story, shared anonymously and sent with `key`.
    fn sent_with_key(key: &str) -> Flow {
        let mut f = finished();
        f.apply(Action::Consent(ConsentChange::Share(true)));
        f.apply(Action::Consent(ConsentChange::NameDisplay(NameDisplay::Anonymous)));
        f.apply(Action::Send { key: key.into() });
        f
    }

    #[test]
    fn sending_needs_consent_then_queues_with_one_key_for_every_retry() {
        let mut f = finished();
        f.apply(Action::GoTo(Step::Sent));
        assert_eq!(f.step, Step::Consent, "nothing sent yet, so there is no sent page");
        f.apply(Action::Send { key: "k1".into() });
        assert_eq!(f.consent_errors.len(), 2);
        assert_eq!(f.step, Step::Consent);
        f.apply(Action::Consent(ConsentChange::Share(true)));
        f.apply(Action::Consent(ConsentChange::NameDisplay(NameDisplay::Anonymous)));
        f.apply(Action::Send { key: "k1".into() });
        assert_eq!(f.step, Step::Sent);
        assert_eq!(f.story.submission.state, SendState::Sending);
        f.apply(Action::Delivered(Outcome::TryAgain));
        assert_eq!(f.story.submission.state, SendState::Waiting);
        f.apply(Action::Retry);
        f.apply(Action::Send { key: "k2".into() });
        assert_eq!(f.story.submission.idempotency_key.as_deref(), Some("k1"), "the same story keeps its key");
        let receipt = crate::submission::Receipt { id: "st_1".into(), delete_token: "t".into() };
        f.apply(Action::Delivered(Outcome::Stored(receipt)));
        assert_eq!(f.story.submission.state, SendState::Sent);
        f.apply(Action::Withdrawn);
        assert_eq!(f.story.submission.state, SendState::Withdrawn);
    }

    #[test]
    fn the_story_says_which_version_of_the_questions_it_answers() {
        let mut f = finished();
        assert!(f.outgoing_json().contains(r#""prompts_version":null"#), "before the settings arrive");
        f.apply(Action::CampaignPromptsVersion("q-0123456789ab".into()));
        assert!(f.outgoing_json().contains(r#""prompts_version":"q-0123456789ab""#), "{}", f.outgoing_json());
    }

    #[test]
    fn words_edited_away_on_the_check_page_are_not_sent() {
        let mut f = flow();
        f.apply(Action::Start);
        answer(&mut f, "I live with Sam at 4 Elm Road");
        f.apply(Action::Skip);
        answer(&mut f, "My sister visits on Sundays.");
        f.apply(Action::SetTitle("Home".into()));
        f.apply(Action::GoTo(Step::Check));
        let body = f.story.body(f.prompts()).replace("I live with Sam at 4 Elm Road", "I live with a friend");
        f.apply(Action::EditBody(body));
        let sent = f.outgoing_json();
        assert!(!sent.contains("Elm Road"), "what was edited away stays on the device: {sent}");
        assert!(sent.contains("I live with a friend"), "{sent}");
        assert!(sent.contains(r#""answers":{"#) && sent.contains("My sister visits on Sundays."), "{sent}");
    }

    #[test]
    fn a_story_changed_after_sending_goes_with_a_new_key_and_a_retry_sends_what_was_sent() {
        let mut f = sent_with_key("k1");
        let sent = f.story.submission.payload.clone().expect("the story as sent is kept");
        assert_eq!(sent, f.outgoing_json());
        assert!(sent.contains("Tea in my own kitchen."), "{sent}");
        f.apply(Action::Delivered(Outcome::TryAgain));

        // Words changed while the story waits are not slipped into the next attempt...
        f.apply(Action::SetTitle("Tea and toast".into()));
        f.apply(Action::Retry);
        assert_eq!(f.story.submission.payload.as_ref(), Some(&sent));
        assert_eq!(f.story.submission.idempotency_key.as_deref(), Some("k1"));
        // ...they go when the person sends them, under a key of their own.
        f.apply(Action::Send { key: "k2".into() });
        let submission = &f.story.submission;
        assert_eq!(submission.idempotency_key.as_deref(), Some("k2"));
        assert!(submission.payload.as_ref().is_some_and(|p| p.contains("Tea and toast")));
        // Sending the same story again keeps its key.
        f.apply(Action::Send { key: "k3".into() });
        assert_eq!(f.story.submission.idempotency_key.as_deref(), Some("k2"));
        // A change of choices is a change too.
        f.apply(Action::Consent(ConsentChange::Publish(true)));
        f.apply(Action::Send { key: "k4".into() });
        assert_eq!(f.story.submission.idempotency_key.as_deref(), Some("k4"));
    }

    #[test]
    fn a_story_queued_before_payloads_were_kept_still_restores() {
        let mut f = sent_with_key("k1");
        f.apply(Action::Delivered(Outcome::TryAgain));
        let json = f.draft().unwrap().to_json();
        let payload = f.story.submission.payload.clone().unwrap();
        let old = json.replacen(&format!(",\"payload\":{}", miniserde::json::to_string(&payload)), "", 1);
        assert_ne!(old, json, "the test removed the payload");
        let Restored::Draft(draft) = Draft::restore(Some(&old), "socialcarefuture") else { panic!("restores") };
        assert!(draft.story.submission.is_queued());
        assert_eq!(
            (draft.story.submission.idempotency_key.as_deref(), draft.story.submission.payload),
            (Some("k1"), None)
        );
    }

    #[test]
    fn a_queued_story_survives_the_draft() {
        let mut f = sent_with_key("k1");
        f.apply(Action::Delivered(Outcome::TryAgain));
        let json = f.draft().unwrap().to_json();
        let Restored::Draft(draft) = Draft::restore(Some(&json), "socialcarefuture") else { panic!("restores") };
        assert!(draft.story.submission.is_queued());
        assert_eq!(draft.story.submission.idempotency_key.as_deref(), Some("k1"));
    }

    #[test]
    fn a_suggestion_replaces_only_the_words_found_and_kept_words_stay_quiet() {
        let mut f = flow();
        f.apply(Action::Start);
        answer(&mut f, "My care package starts at nine. Service users like me go to the choir.");
        let found = f.findings(f.story.answer("good-day"));
        assert_eq!(found.len(), 2, "{found:?}");
        let first = found[0].clone();
        let suggestion = first.suggestions[0].clone();
        let field = Field::Answer("good-day".into());
        f.apply(Action::UseSuggestion { field: field.clone(), finding: first.clone(), suggestion: suggestion.clone() });
        let text = f.story.answer("good-day").to_owned();
        assert!(text.starts_with(&format!("My {suggestion} starts at nine.")), "{text}");
        assert!(text.ends_with(" like me go to the choir."), "{text}");
        // A stale finding (the words have moved) changes nothing, and is not counted as taken.
        let rule = first.rule;
        f.apply(Action::UseSuggestion { field, finding: first, suggestion });
        assert_eq!(f.story.answer("good-day"), text);
        assert_eq!(f.suggestion_events, [format!("changed:{rule}")]);

        let remaining = f.findings(&text);
        assert_eq!(remaining.len(), 1);
        f.apply(Action::KeepWords(remaining[0].clone()));
        f.apply(Action::KeepWords(remaining[0].clone()));
        assert_eq!(f.suggestion_events, [format!("changed:{rule}"), format!("kept:{}", remaining[0].rule)]);
        assert!(f.findings(&text).is_empty());
        assert!(f.findings(&text.to_uppercase()).is_empty(), "kept whatever the case");
    }

    #[test]
    fn the_start_time_is_the_first_one() {
        let mut f = flow();
        f.apply(Action::MarkStarted(10));
        f.apply(Action::MarkStarted(20));
        assert_eq!(f.story.started_at, 10);
    }

    #[test]
    fn easy_read_follows_the_campaign_until_the_person_chooses_and_survives_a_reload() {
        let mut f = flow();
        assert!(!f.is_easy_read());
        assert_eq!(f.draft(), None, "nothing chosen, nothing written: nothing to keep");
        f.apply(Action::CampaignEasyRead(true));
        assert!(f.is_easy_read());
        f.apply(Action::SetEasyRead(false));
        assert!(!f.is_easy_read(), "the person's choice wins over the campaign's");
        f.apply(Action::CampaignEasyRead(true));
        assert!(!f.is_easy_read());
        f.apply(Action::SetEasyRead(true));
        let json = f.draft().expect("the choice alone is kept").to_json();

        let mut again = flow();
        again.apply(Action::Restore(Draft::restore(Some(&json), "socialcarefuture")));
        assert!(again.is_easy_read());
        assert!(!again.has_story_in_progress(), "a choice is not a story in progress");
    }

    #[test]
    fn switching_mode_mid_story_keeps_every_answer_and_the_page() {
        let mut f = flow();
        f.apply(Action::Start);
        answer(&mut f, "Tea in my own kitchen.");
        f.apply(Action::Continue);
        answer(&mut f, "My flat.");
        let before = f.story.clone();
        f.apply(Action::SetEasyRead(true));
        assert_eq!((f.step, &f.story), (Step::Question(2), &before));
        let prompt = f.current_prompt().unwrap();
        assert_eq!(prompt.wording(f.is_easy_read()).question, "Tell us about your home and the people you love.");
        f.apply(Action::SetEasyRead(false));
        assert_eq!(f.current_prompt().unwrap().wording(f.is_easy_read()).question, prompt.question);
        assert_eq!(f.story, before);
    }

    #[test]
    fn dictated_words_are_added_after_the_answer_with_a_space() {
        let mut f = flow();
        f.apply(Action::Start);
        let append = |f: &mut Flow, text: &str| {
            f.apply(Action::AppendToAnswer { prompt_id: "good-day".into(), text: text.into() })
        };
        append(&mut f, " tea first");
        assert_eq!(f.story.answer("good-day"), "tea first");
        append(&mut f, "then the allotment ");
        assert_eq!(f.story.answer("good-day"), "tea first then the allotment");
        answer(&mut f, "Typed.\n");
        append(&mut f, "spoken");
        assert_eq!(f.story.answer("good-day"), "Typed.\nspoken");
        append(&mut f, "   ");
        assert_eq!(f.story.answer("good-day"), "Typed.\nspoken", "silence adds nothing");
    }

    #[test]
    fn a_set_aside_draft_is_reported_once_restored() {
        let mut f = flow();
        f.apply(Action::Restore(Restored::SetAside(SetAsideReason::Unreadable)));
        assert_eq!(f.set_aside, Some(SetAsideReason::Unreadable));
        assert!(!f.has_story_in_progress());
    }
}
