//! Words that may tell of harm, abuse, neglect or a risk to someone's life. A story that holds one
//! is put in front of a person before anything else is done with it: the collector marks it "Needs
//! a person to look first" at the top of the moderation queue and, where the campaign names a
//! safeguarding contact, tells them. Finding a phrase proves nothing; it only decides who reads
//! first, so the list leans towards asking a person.
//!
//! Phrases are matched as whole words within one sentence, folded as the reframing engine folds
//! them (case, curly apostrophes), so "hit me" is found in "He HIT me." but never in "white metal".

use crate::reframe::text::Words;

/// The built-in phrases, in English; a campaign adds its own (in any language) in campaigns.toml.
pub const PHRASES: &[&str] = &[
    // Harm and abuse
    "abuse",
    "abused",
    "abusing",
    "abusive",
    "hit me",
    "hits me",
    "hitting me",
    "beat me",
    "beats me",
    "hurt me",
    "hurts me",
    "hurting me",
    "pushed me",
    "slapped me",
    "kicked me",
    "punched me",
    "touched me",
    "threatened me",
    "threatens me",
    "scared of him",
    "scared of her",
    "scared of them",
    "afraid of him",
    "afraid of her",
    "frightened of him",
    "frightened of her",
    "not safe",
    "unsafe",
    "bruises",
    "locked in",
    "locks me in",
    "not allowed out",
    // Money taken
    "takes my money",
    "took my money",
    "steals from me",
    "stole from me",
    "stealing from me",
    // Neglect
    "neglect",
    "neglected",
    "left alone for days",
    "no food",
    "not fed",
    "starving",
    "left in bed",
    "left soiled",
    "left wet",
    // A risk to someone's life
    "suicide",
    "suicidal",
    "kill myself",
    "killing myself",
    "end my life",
    "end it all",
    "want to die",
    "better off dead",
    "self harm",
    "self-harm",
    "harm myself",
    "hurt myself",
    "overdose",
    // Feeling a burden is a known warning sign; the reframing engine is deliberately quiet when
    // people say it of themselves (their words win), so it is looked for here instead.
    "feel like a burden",
    "felt like a burden",
    "feeling like a burden",
    "feel a burden",
    "i am a burden",
    "i'm a burden",
    "just a burden",
];

/// The phrases found in `texts` (built-in, then `campaign`'s own), each once, as they are listed.
pub fn concerns(texts: &[&str], campaign: &[String]) -> Vec<String> {
    let texts: Vec<Words> = texts.iter().map(|text| Words::new(text)).collect();
    let wanted = PHRASES.iter().copied().map(folded).chain(campaign.iter().map(|p| folded(p)));
    let mut found: Vec<String> = Vec::new();
    for phrase in wanted.filter(|phrase| !phrase.is_empty()) {
        let seen = texts.iter().any(|words| (0..words.len()).any(|at| words.reads(at, &phrase)));
        if seen && !found.contains(&phrase) {
            found.push(phrase);
        }
    }
    found
}

/// A phrase as the matcher compares it: its folded words joined by single spaces ("self-harm"
/// is the words "self" and "harm").
fn folded(phrase: &str) -> String {
    let words = Words::new(phrase);
    (0..words.len()).map(|i| words.folded(i)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_is_found_as_whole_words_whatever_the_case() {
        assert_eq!(concerns(&["Some days he HIT me, and I was scared."], &[]), ["hit me"]);
        assert_eq!(concerns(&["I paint white metal chairs", "The hitman film"], &[]), Vec::<String>::new());
        assert_eq!(concerns(&["My title", "I want to die some days."], &[]), ["want to die"]);
        assert_eq!(concerns(&["Some days I feel like a burden to my family."], &[]), ["feel like a burden"]);
        assert_eq!(concerns(&["I’m a burden, I know it."], &[]), ["i'm a burden"]);
        assert!(concerns(&["Paperwork is a burden on the council."], &[]).is_empty());
    }

    #[test]
    fn a_phrase_does_not_run_across_sentences() {
        assert!(concerns(&["They hit. Me, I laughed."], &[]).is_empty());
    }

    #[test]
    fn each_phrase_is_named_once_and_campaigns_add_their_own() {
        let campaign = ["Taro fi".to_owned(), "  ".to_owned()];
        let found = concerns(&["She hurt me. She hurt me again. Weithiau mae'n taro fi."], &campaign);
        assert_eq!(found, ["hurt me", "taro fi"]);
        assert_eq!(concerns(&["I self-harm when it gets bad"], &[]), ["self harm"], "the hyphen is a word break");
    }

    #[test]
    fn everyday_stories_are_not_flagged() {
        let story = "I get up when I like. My neighbour pops in for tea, and on Thursdays I go to the \
                     choir. I'd like more help with the garden.";
        assert!(concerns(&[story], &[]).is_empty());
    }
}
