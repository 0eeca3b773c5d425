//! `cargo bench -p story-core --bench incoming` (run by `cargo xtask bench incoming`): how long the
//! collector takes to read and check one story, the pure part of every submission: a 1,000-word
//! story of five answers (sent twice over: the answers, and the body they make), in plain text and
//! full of curly quotes and dashes (the slower path through the text check).

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;
use story_core::incoming::Rules;
use story_core::wire::story::parse;

fn story(sentence: &str) -> String {
    let answers: BTreeMap<String, String> =
        ["good-day", "home-and-people", "community", "what-matters", "what-would-help"]
            .iter()
            .map(|id| (id.to_string(), sentence.repeat(14).trim().to_owned()))
            .collect();
    let body = answers.values().cloned().collect::<Vec<_>>().join("\n\n");
    serde_json::json!({
        "campaign": "socialcarefuture", "lang": "en", "title": "My good day", "body": body, "answers": answers,
        "consent": {"share_with_campaign": true, "publish": true, "contact": false},
        "name_display": "first", "name": "Sam Jones", "email": null, "area": "Leeds", "website": "",
        "started_at": 1_732_612_345_678u64
    })
    .to_string()
}

/// Median and 90th percentile, in microseconds, of reading and checking `json`.
fn time(json: &str) -> (f64, f64) {
    let ids = ["good-day", "home-and-people", "community", "what-matters", "what-would-help"];
    let rules = Rules { prompt_ids: &ids, min_seconds: 20, now_ms: 1_732_612_345_678 + 600_000 };
    let mut times: Vec<f64> = (0..3000)
        .map(|_| {
            let start = Instant::now();
            let story = parse(black_box(json.as_bytes())).expect("the bench story is readable");
            story.check(&rules).expect("the bench story is within every limit");
            black_box(story);
            start.elapsed().as_secs_f64() * 1e6
        })
        .skip(300)
        .collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[times.len() * 9 / 10])
}

fn main() {
    let plain = story("I get up when I like and have tea in the garden with my neighbour. ");
    let curly = story("I get up when I like – and “my” tea’s in the garden with my neighbour. ");
    for (name, json) in [("plain text", &plain), ("curly quotes", &curly)] {
        let words = json.split_whitespace().count();
        let (median, p90) = time(json);
        println!(
            "incoming  {name:>12}: {} bytes, ~{words} words: read and checked in median {median:.1} µs, p90 {p90:.1} µs",
            json.len()
        );
    }
}
