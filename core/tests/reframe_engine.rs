//! The engine through its public API: matching, conditions, offsets, options and `apply`.

use story_core::reframe::{Finding, Options, Severity, analyse, analyse_with, apply};

fn found(text: &str) -> Vec<(&'static str, String, Severity)> {
    analyse(text).into_iter().map(|f| (f.rule, f.text, f.severity)).collect()
}

fn rules(text: &str) -> Vec<&'static str> {
    analyse(text).into_iter().map(|f| f.rule).collect()
}

fn only(text: &str) -> Finding {
    let mut findings = analyse(text);
    assert_eq!(findings.len(), 1, "{text:?}: {findings:#?}");
    findings.remove(0)
}

// --- matching ------------------------------------------------------------------------------------

#[test]
fn plural_and_verb_forms_are_generated() {
    assert_eq!(only("Service users were not asked.").suggestions[0], "People who draw on support");
    assert_eq!(only("He is a service user.").suggestions[0], "person who draws on support");
    assert_eq!(only("Mum suffers from dementia.").suggestions, ["lives with", "has"]);
    assert_eq!(only("Mum suffered from arthritis.").suggestions, ["lived with", "had"]);
    assert_eq!(only("Dad is suffering from COPD.").suggestions, ["living with", "having"]);
    assert_eq!(rules("Two packages of care were cut."), ["care-package"]);
}

#[test]
fn hyphens_spaces_and_curly_apostrophes_match_alike() {
    for text in ["He is wheelchair-bound.", "He is wheelchair bound.", "He is wheelchair–bound."] {
        let f = only(text);
        assert_eq!((f.rule, f.severity), ("wheelchair-bound", Severity::Strong), "{text}");
    }
    assert_eq!(rules("They moved Nan to an old people’s home."), ["old-peoples-home"]);
    assert_eq!(rules("They moved Nan to an old people's home."), ["old-peoples-home"]);
}

#[test]
fn word_boundaries_are_whole_words() {
    assert!(rules("The retardant coating and the crisisline number").is_empty());
    assert!(rules("Disabilities, vulnerability and frailty").is_empty());
    assert_eq!(rules("(vulnerable)"), ["vulnerable"]);
}

#[test]
fn matching_ignores_case_but_acronyms_need_capitals() {
    assert_eq!(rules("THE ELDERLY deserve better"), ["the-elderly"]);
    assert_eq!(only("THE ELDERLY deserve better").suggestions, ["OLDER PEOPLE"]);
    assert_eq!(rules("The LA said no."), ["local-authority-acronym"]);
    assert!(rules("Tra la la, we sang.").is_empty());
    assert_eq!(only("The LA said no.").suggestions, ["the council"]);
    assert!(rules("Please send it to me").is_empty());
    assert_eq!(rules("His SEND support ended"), ["send-acronym"]);
}

#[test]
fn longest_match_wins_and_findings_never_overlap() {
    let f = analyse("Our dementia sufferers group and the frail elderly.");
    let got: Vec<_> = f.iter().map(|f| (f.rule, f.text.as_str())).collect();
    assert_eq!(got, [("dementia-sufferer", "dementia sufferers"), ("the-elderly", "the frail elderly")]);
    assert_eq!(rules("a social care crisis"), ["care-crisis"]);
    for pair in f.windows(2) {
        assert!(pair[0].end <= pair[1].start);
    }
}

#[test]
fn findings_are_sorted_by_start() {
    let f = analyse("The elderly, service users and care packages: all in crisis, a ticking time bomb.");
    assert!(f.len() >= 4, "{f:#?}");
    assert!(f.windows(2).all(|p| p[0].start < p[1].start));
}

// --- conditions: neighbouring words ----------------------------------------------------------------

#[test]
fn carers_assessment_is_a_legal_term() {
    assert!(rules("I finally got a carer's assessment.").is_empty());
    assert!(rules("I finally got a carer’s assessment.").is_empty());
    assert_eq!(rules("Then came the needs assessment."), ["assessment"]);
}

#[test]
fn mental_health_crisis_is_a_clinical_term() {
    assert!(rules("She had a mental health crisis and the crisis team came.").is_empty());
    assert_eq!(rules("The crisis in social care goes on."), ["care-crisis"]);
}

#[test]
fn disabled_alone_is_never_flagged() {
    assert!(rules("Someone had disabled the alarm.").is_empty());
    assert!(rules("Disabled people led the campaign.").is_empty());
    assert!(rules("We parked in the disabled bay by the disabled people's centre.").is_empty());
    assert_eq!(rules("Money for the disabled."), ["the-disabled"]);
}

#[test]
fn a_bed_of_ones_own_is_not_capacity() {
    assert!(rules("I want to sleep in my own bed.").is_empty());
    assert!(rules("The kids have bunk beds now.").is_empty());
    assert!(rules("She made the beds before breakfast.").is_empty());
    assert_eq!(rules("The council bought twenty beds in a nursing home."), ["beds"]);
    assert_eq!(rules("They are freeing up beds."), ["beds"]);
}

#[test]
fn safeguarding_vulnerable_adults_is_a_legal_term() {
    let f = only("She leads on safeguarding vulnerable adults.");
    assert_eq!((f.rule, f.severity), ("vulnerable", Severity::Note));
    assert_eq!(only("Services for vulnerable adults were cut.").severity, Severity::Suggest);
    assert!(rules("After the fall I felt vulnerable.").is_empty());
}

#[test]
fn work_placements_are_not_people_moved() {
    assert!(rules("My work placement at the library was great.").is_empty());
    assert_eq!(rules("His placement broke down after a month."), ["placement"]);
}

#[test]
fn victims_of_crime_are_victims() {
    assert!(rules("Mum was the victim of a scam.").is_empty());
    assert_eq!(rules("He was a victim of polio."), ["victim-of"]);
}

// --- conditions: quotes ----------------------------------------------------------------------------

#[test]
fn quoted_words_are_only_noted() {
    for text in [
        "They call it a \"care package\", I call it my life.",
        "They call it a “care package”, I call it my life.",
        "They call it a ‘care package’, I call it my life.",
        "They call it a 'care package', I call it my life.",
    ] {
        let f = only(text);
        assert_eq!((f.rule, f.severity), ("care-package", Severity::Note), "{text}");
    }
    assert_eq!(only("They call it a care package.").severity, Severity::Suggest);
}

// --- conditions: self-description ------------------------------------------------------------------

#[test]
fn self_description_wins() {
    assert!(rules("I am a service user and proud of it.").is_empty());
    assert!(rules("I’m a service user.").is_empty());
    assert!(rules("I have suffered from depression for years.").is_empty());
    assert!(rules("As an autistic person, I prefer quiet.").is_empty());
    assert!(rules("As a person with autism, I prefer quiet.").is_empty());
    assert!(rules("I use services and I draw on support.").is_empty());
    // The same words about someone else are flagged.
    assert_eq!(rules("I support service users."), ["service-user"]);
    assert_eq!(rules("I care for Mum, who suffers from dementia."), ["suffers-from"]);
    assert_eq!(rules("My son suffers from anxiety."), ["suffers-from"]);
}

// --- offsets ---------------------------------------------------------------------------------------

#[test]
fn utf16_offsets_count_emoji_and_accents() {
    let text = "Mae’r 👩‍🦽 yn ddefnyddiwr gwasanaeth; ond ‘wheelchair-bound’? Na. 🎉 the elderly";
    let f = analyse(text);
    assert_eq!(f.len(), 2, "{f:#?}");
    for finding in &f {
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let span = String::from_utf16(&utf16[finding.start_utf16..finding.end_utf16]).unwrap();
        assert_eq!(span, finding.text);
        assert_eq!(&text[finding.start..finding.end], finding.text);
    }
    assert_eq!(f[0].severity, Severity::Note, "quoted");
}

#[test]
fn accented_words_are_words() {
    assert!(rules("Then the crisis café opened.").is_empty());
    assert_eq!(rules("Crisis-hit café"), ["care-crisis"]);
    assert_eq!(rules("Ysbyty: the élderly"), Vec::<&str>::new());
}

// --- apply -----------------------------------------------------------------------------------------

#[test]
fn apply_keeps_the_text_around_the_span() {
    let text = "Before 👋\r\n  Service users   were asked. After ✨";
    let f = only(text);
    let out = apply(text, &f, &f.suggestions[0]);
    assert_eq!(out, "Before 👋\r\n  People who draw on support   were asked. After ✨");
}

#[test]
fn apply_to_a_changed_text_changes_nothing() {
    let f = only("She is a service user.");
    assert_eq!(apply("She is a client now.", &f, "person"), "She is a client now.");
    assert_eq!(apply("short", &f, "person"), "short");
    assert_eq!(apply("Shé is a service user.", &f, "person"), "Shé is a service user.");
}

// --- options ---------------------------------------------------------------------------------------

#[test]
fn a_campaign_can_switch_rules_off() {
    let options = Options { allow: vec!["social-care".into()], ..Options::default() };
    assert!(analyse_with("We need social care that works.", &options).is_empty());
    assert_eq!(rules("We need social care that works."), ["social-care"]);
    let options = Options { allow: vec!["the-elderly".into()], ..Options::default() };
    assert!(analyse_with("Help the elderly.", &options).is_empty(), "allowing a phrase allows its words");
}

#[test]
fn a_phrase_fine_in_context_leaves_the_words_inside_it_to_other_rules() {
    let f = only("Staff for the vulnerable children's unit.");
    assert_eq!((f.rule, f.text.as_str()), ("vulnerable", "vulnerable"));
}

#[test]
fn a_campaign_can_add_its_own_phrases() {
    let options = Options { deny: vec!["care users".into(), "Wellbeing hub".into()], ..Options::default() };
    let f = analyse_with("Care users visit the wellbeing-hub daily.", &options);
    let got: Vec<_> = f.iter().map(|f| (f.rule, f.text.as_str(), f.severity)).collect();
    assert_eq!(got, [("campaign", "Care users", Severity::Suggest), ("campaign", "wellbeing-hub", Severity::Suggest)]);
    assert!(f[0].suggestions.is_empty());
}

#[test]
fn kept_words_stay_kept_after_edits_elsewhere() {
    let options = Options { kept: vec![("service-user".into(), "service user".into())], ..Options::default() };
    assert!(analyse_with("I am proud. She is a Service User.", &options).is_empty());
    assert!(analyse_with("Years later, she is a service user still.", &options).is_empty());
    assert_eq!(analyse_with("She is a service user and a client.", &options)[0].rule, "client");
}

#[test]
fn minimum_severity_filters() {
    let text = "The social care sector calls him wheelchair-bound.";
    assert_eq!(found(text).len(), 2);
    let options = Options { min_severity: Some(Severity::Strong), ..Options::default() };
    let f = analyse_with(text, &options);
    assert_eq!(f.iter().map(|f| f.rule).collect::<Vec<_>>(), ["wheelchair-bound"]);
}

#[test]
fn severity_codes_round_trip() {
    for s in [Severity::Note, Severity::Suggest, Severity::Strong] {
        assert_eq!(Severity::parse(s.code()), Some(s));
    }
    assert_eq!(Severity::parse("loud"), None);
    assert!(Severity::Note < Severity::Suggest && Severity::Suggest < Severity::Strong);
}
