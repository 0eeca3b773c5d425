//! The rules behind read aloud and dictation, kept apart from the browser's speech APIs
//! (src/services/speech.rs and dictation.rs) so they are tested natively.

use crate::locale::Lang;

/// The BCP 47 tag the browser should speak and listen in: Welsh as `cy`, English as British English.
pub fn speech_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en-GB",
        Lang::Cy => "cy",
    }
}

/// Which of the browser's voices (given by their `lang`) suits `lang` best: the exact tag, then
/// any voice of the same language (`cy-GB` for `cy`, `en-US` for `en-GB`). `None` leaves the
/// choice to the browser, which still follows the utterance's `lang`.
pub fn best_voice<'a>(voice_langs: impl IntoIterator<Item = &'a str>, lang: Lang) -> Option<usize> {
    let wanted = speech_tag(lang);
    let primary = lang.code();
    let mut same_language = None;
    for (i, tag) in voice_langs.into_iter().enumerate() {
        // Some systems (Android) write `en_GB`.
        let tag = tag.replace('_', "-");
        if tag.eq_ignore_ascii_case(wanted) {
            return Some(i);
        }
        let first = tag.split('-').next().unwrap_or("");
        if same_language.is_none() && first.eq_ignore_ascii_case(primary) {
            same_language = Some(i);
        }
    }
    same_language
}

/// What to read aloud for a question: the question, then its hint.
pub fn question_to_read(question: &str, hint: &str) -> String {
    format!("{question}\n{hint}")
}

/// Why dictation stopped, from the `error` of the browser's SpeechRecognitionErrorEvent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictationProblem {
    /// The person or the browser refused the microphone.
    NotAllowed,
    NoSpeech,
    /// The browser's provider could not be reached.
    Network,
    Other,
}

impl DictationProblem {
    /// `None` for "aborted": that is the widget stopping it, nothing to tell the person.
    pub fn from_code(code: &str) -> Option<DictationProblem> {
        Some(match code {
            "aborted" => return None,
            "not-allowed" | "service-not-allowed" | "audio-capture" => DictationProblem::NotAllowed,
            "no-speech" => DictationProblem::NoSpeech,
            "network" => DictationProblem::Network,
            _ => DictationProblem::Other,
        })
    }

    pub fn message(self, lang: Lang) -> &'static str {
        let ui = &lang.locale().ui;
        match self {
            DictationProblem::NotAllowed => ui.dictate_not_allowed,
            DictationProblem::NoSpeech => ui.dictate_no_speech,
            DictationProblem::Network => ui.dictate_network,
            DictationProblem::Other => ui.dictate_failed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_is_spoken_in_welsh_and_english_in_british_english() {
        assert_eq!(speech_tag(Lang::Cy), "cy");
        assert_eq!(speech_tag(Lang::En), "en-GB");
    }

    #[test]
    fn the_exact_voice_first_then_the_same_language_else_the_browsers_choice() {
        let voices = ["en-US", "cy-GB", "en_GB", "fr-FR"];
        assert_eq!(best_voice(voices, Lang::En), Some(2));
        assert_eq!(best_voice(voices, Lang::Cy), Some(1));
        assert_eq!(best_voice(["en-US", "en-AU"], Lang::En), Some(0));
        assert_eq!(best_voice(["en-GB", "CY"], Lang::Cy), Some(1));
        assert_eq!(best_voice(["en-GB", "fr-FR"], Lang::Cy), None, "no Welsh voice: not an English one");
        assert_eq!(best_voice([], Lang::En), None);
        assert_eq!(best_voice(["cym-GB"], Lang::Cy), None, "`cym` is not `cy`");
    }

    #[test]
    fn dictation_problems_are_told_in_plain_words_and_our_own_stop_is_not_one() {
        use DictationProblem::*;
        assert_eq!(DictationProblem::from_code("aborted"), None);
        assert_eq!(DictationProblem::from_code("not-allowed"), Some(NotAllowed));
        assert_eq!(DictationProblem::from_code("service-not-allowed"), Some(NotAllowed));
        assert_eq!(DictationProblem::from_code("no-speech"), Some(NoSpeech));
        assert_eq!(DictationProblem::from_code("network"), Some(Network));
        assert_eq!(DictationProblem::from_code("language-not-supported"), Some(Other));
        for lang in Lang::ALL {
            for problem in [NotAllowed, NoSpeech, Network, Other] {
                assert!(!problem.message(lang).is_empty());
            }
        }
        assert!(NotAllowed.message(Lang::En).contains("still here"), "the answer is never lost");
    }

    #[test]
    fn a_question_is_read_with_its_hint() {
        assert_eq!(
            question_to_read("Where do you belong?", "Think about friends."),
            "Where do you belong?\nThink about friends."
        );
    }
}
