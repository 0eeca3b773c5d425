//! A campaign's own words, from its settings (`GET /api/v1/campaigns/{id}`): the consent and
//! privacy texts, its wording of the questions, and which questions it asks. Each text is given for
//! one language or several; where a language has none, the widget's own words are used.

use crate::locale::{Lang, PromptText};
use miniserde::json::{Object, Value};

/// One text in the languages the campaign wrote it in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Localised(Vec<(Lang, String)>);

/// Longer than any label or hint a person should have to read; longer texts are not used.
pub const TEXT_MAX_CHARS: usize = 600;

impl Localised {
    /// A plain string is English; an object maps language codes to texts. Blank, overlong and
    /// unknown-language texts are left out, so the widget's own words stand in.
    pub fn from_json(value: Option<&Value>) -> Localised {
        let usable = |text: &str| {
            let text = text.trim();
            (!text.is_empty() && text.chars().count() <= TEXT_MAX_CHARS).then(|| text.to_owned())
        };
        match value {
            Some(Value::String(text)) => Localised(usable(text).map(|t| (Lang::En, t)).into_iter().collect()),
            Some(Value::Object(texts)) => Localised(
                texts
                    .iter()
                    .filter_map(|(code, text)| match text {
                        Value::String(text) => Some((Lang::from_code(code)?, usable(text)?)),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => Localised::default(),
        }
    }

    pub fn get(&self, lang: Lang) -> Option<&str> {
        self.0.iter().find(|(l, _)| *l == lang).map(|(_, text)| text.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The campaign's words beside each consent choice, and what it says about keeping stories safe.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsentTexts {
    pub share_with_campaign: Localised,
    pub publish: Localised,
    pub contact: Localised,
    pub privacy: Localised,
}

impl ConsentTexts {
    pub fn from_json(fields: &Object) -> ConsentTexts {
        ConsentTexts {
            share_with_campaign: Localised::from_json(fields.get("share_with_campaign")),
            publish: Localised::from_json(fields.get("publish")),
            contact: Localised::from_json(fields.get("contact")),
            privacy: Localised::from_json(fields.get("privacy")),
        }
    }
}

/// A campaign's wording of one question (the meaning and the order stay the movement's).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PromptWords {
    pub id: String,
    pub label: Localised,
    pub question: Localised,
    pub hint: Localised,
    pub example: Localised,
    /// The same, for easy read: short sentences, one idea per line.
    pub easy_question: Localised,
    pub easy_hint: Localised,
    pub easy_example: Localised,
}

impl PromptWords {
    fn texts(&self) -> [&Localised; 7] {
        [
            &self.label,
            &self.question,
            &self.hint,
            &self.example,
            &self.easy_question,
            &self.easy_hint,
            &self.easy_example,
        ]
    }
}

/// The questions a campaign asks: fewer than all of them, or in its own words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CampaignQuestions {
    pub words: Vec<PromptWords>,
    /// The ids of the questions asked; all of them when absent. Always asked in the tested order.
    pub steps: Option<Vec<String>>,
}

/// The questions in every language, in the campaign's words, for a flow to use in place of the
/// built-in ones.
#[derive(Debug, PartialEq, Eq)]
pub struct PromptSet(Vec<(Lang, &'static [PromptText])>);

impl PromptSet {
    pub fn get(&self, lang: Lang) -> &'static [PromptText] {
        self.0.iter().find(|(l, _)| *l == lang).map_or(lang.locale().prompts, |(_, prompts)| prompts)
    }
}

impl CampaignQuestions {
    pub fn from_json(fields: &Object) -> CampaignQuestions {
        let words = match fields.get("prompts") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| {
                    let Value::Object(prompt) = item else { return None };
                    let Some(Value::String(id)) = prompt.get("id") else { return None };
                    Some(PromptWords {
                        id: id.clone(),
                        label: Localised::from_json(prompt.get("label")),
                        question: Localised::from_json(prompt.get("question")),
                        hint: Localised::from_json(prompt.get("hint")),
                        example: Localised::from_json(prompt.get("example")),
                        easy_question: Localised::from_json(prompt.get("easy_question")),
                        easy_hint: Localised::from_json(prompt.get("easy_hint")),
                        easy_example: Localised::from_json(prompt.get("easy_example")),
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        let steps = match fields.get("steps") {
            Some(Value::Array(ids)) => {
                let ids: Vec<String> = ids
                    .iter()
                    .filter_map(|id| if let Value::String(id) = id { Some(id.clone()) } else { None })
                    .collect();
                // A list that names no question we know would leave nothing to ask: ask everything.
                let known = ids.iter().any(|id| Lang::En.locale().prompts.iter().any(|p| p.id == id));
                known.then_some(ids)
            }
            _ => None,
        };
        CampaignQuestions { words, steps }
    }

    pub fn is_default(&self) -> bool {
        self.steps.is_none() && self.words.iter().all(|w| w.texts().iter().all(|t| t.is_empty()))
    }

    /// The questions asked in `lang`, in the tested order, in the campaign's words where it has them.
    /// Its texts are leaked: only [`CampaignQuestions::prompt_set`] calls it, once per page load.
    fn leaked_prompts(&self, lang: Lang) -> Vec<PromptText> {
        asked(lang.locale().prompts, self.steps.as_deref())
            .map(|base| match self.words.iter().find(|w| w.id == base.id) {
                None => PromptText { ..*base },
                Some(words) => PromptText {
                    label: leak(words.label.get(lang)).unwrap_or(base.label),
                    question: leak(words.question.get(lang)).unwrap_or(base.question),
                    hint: leak(words.hint.get(lang)).unwrap_or(base.hint),
                    example: leak(words.example.get(lang)).unwrap_or(base.example),
                    easy_question: leak(words.easy_question.get(lang)).unwrap_or(base.easy_question),
                    easy_hint: leak(words.easy_hint.get(lang)).unwrap_or(base.easy_hint),
                    easy_example: leak(words.easy_example.get(lang)).unwrap_or(base.easy_example),
                    ..*base
                },
            })
            .collect()
    }

    /// The questions for every language, made once when the campaign's settings arrive; `None`
    /// when the campaign keeps the built-in questions.
    pub fn prompt_set(&self) -> Option<&'static PromptSet> {
        if self.is_default() {
            return None;
        }
        let set = Lang::ALL
            .into_iter()
            .map(|lang| (lang, &*Box::leak(self.leaked_prompts(lang).into_boxed_slice())))
            .collect();
        Some(Box::leak(Box::new(PromptSet(set))))
    }
}

/// The campaign's words live as long as the page, like the built-in ones, so every page can keep
/// borrowing prompts for `'static`; they are made once per page load ([`CampaignQuestions::prompt_set`]).
fn leak(text: Option<&str>) -> Option<&'static str> {
    text.map(|t| &*Box::leak(t.to_owned().into_boxed_str()))
}

/// Every word of the built-in questions, in every language, in one text: what a version of the
/// questions is made from (with the campaign's own words), so rewording them in a release makes a
/// new version too. Fields are joined by a character no question contains.
pub fn builtin_prompt_words() -> String {
    let mut words = String::new();
    for lang in Lang::ALL {
        for p in lang.locale().prompts {
            let fields = [p.id, p.label, p.question, p.hint, p.example, p.easy_question, p.easy_hint, p.easy_example];
            for field in fields {
                words.push_str(field);
                words.push('\u{1f}');
            }
            words.push('\u{1e}');
        }
    }
    words
}

/// The questions a campaign asks of `prompts`: those its `steps` name (all, without steps), always
/// in the tested order.
pub fn asked<'p>(prompts: &'p [PromptText], steps: Option<&[String]>) -> impl Iterator<Item = &'p PromptText> {
    prompts.iter().filter(move |p| steps.is_none_or(|steps| steps.iter().any(|id| id == p.id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniserde::json;

    fn object(text: &str) -> Object {
        match json::from_str::<Value>(text).unwrap() {
            Value::Object(o) => o,
            _ => panic!("not an object"),
        }
    }

    #[test]
    fn a_plain_text_is_english_and_a_table_names_its_languages() {
        let consent = ConsentTexts::from_json(&object(
            r#"{"publish":"You may publish it","contact":{"en":"Contact me","cy":"Cysylltwch â fi","fr":"x"},"privacy":"  "}"#,
        ));
        assert_eq!(consent.publish.get(Lang::En), Some("You may publish it"));
        assert_eq!(consent.publish.get(Lang::Cy), None, "the widget's own Welsh stands in");
        assert_eq!(consent.contact.get(Lang::Cy), Some("Cysylltwch â fi"));
        assert!(consent.privacy.is_empty() && consent.share_with_campaign.is_empty());
        let long = format!(r#"{{"publish":"{}"}}"#, "a".repeat(TEXT_MAX_CHARS + 1));
        assert!(ConsentTexts::from_json(&object(&long)).publish.is_empty());
    }

    #[test]
    fn a_campaign_asks_fewer_questions_in_the_tested_order_and_its_own_words() {
        let questions = CampaignQuestions::from_json(&object(
            r#"{"steps":["what-helps","good-day","no-such"],
                "prompts":[{"id":"good-day","question":{"en":"What makes a good day at the club?","cy":"Beth sy'n gwneud diwrnod da yn y clwb?"}},
                           {"id":"what-helps","hint":"Think of the club.","easy_question":"Who helps you?\nWhat do they do?"}]}"#,
        ));
        let set = questions.prompt_set().unwrap();
        let english = set.get(Lang::En);
        assert_eq!(english.iter().map(|p| p.id).collect::<Vec<_>>(), ["good-day", "what-helps"]);
        assert_eq!(english[0].question, "What makes a good day at the club?");
        assert_eq!(english[0].hint, Lang::En.locale().prompts[0].hint);
        assert_eq!(english[1].hint, "Think of the club.");
        assert_eq!(english[1].easy_question, "Who helps you?\nWhat do they do?");
        assert_eq!(english[0].easy_question, Lang::En.locale().prompts[0].easy_question);
        let welsh = set.get(Lang::Cy);
        assert_eq!(welsh[0].question, "Beth sy'n gwneud diwrnod da yn y clwb?");
        assert_eq!(welsh[1].hint, Lang::Cy.locale().prompts[3].hint, "English words never replace Welsh ones");
        assert_eq!(welsh.len(), 2);
    }

    #[test]
    fn without_changes_the_built_in_questions_are_used() {
        let questions = CampaignQuestions::from_json(&object(r#"{"prompts":[{"id":"good-day"}],"steps":["nothing"]}"#));
        assert!(questions.is_default());
        assert_eq!(questions.prompt_set(), None);
    }
}
