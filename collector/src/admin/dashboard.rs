//! `/admin/campaigns/{id}`: the campaign at a glance, for a span of days (the last 30 unless asked):
//! stories received each day, how far people get (the widget's funnel counts), which questions
//! stories answer, the suggested words people changed or kept, and the languages and easy read
//! used. Every chart has its figures in a table beside it; nothing needs JavaScript.

use super::AdminState;
use super::charts::{self, Row, Series, percent};
use super::pages::{self, date_field, error_message, error_summary, layout};
use super::session::Moderator;
use crate::campaigns::Campaign;
use crate::clock::{DAY_MS, date_only, now_ms};
use crate::store::StoryFigures;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use story_core::funnel;
use story_core::locale::{Lang, PromptText};

/// Days shown when none are asked for.
const DEFAULT_DAYS: i64 = 30;
/// The longest span a page shows: a column a day stays readable up to a year.
const MAX_DAYS: i64 = 366;
/// How many of the reframing lexicon's rules the "changed or kept" chart shows.
const TOP_RULES: usize = 10;

#[derive(Default, serde::Deserialize)]
pub struct Span {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// The days asked for: the first and last (midnight UTC, inclusive), and what was wrong with the
/// request, field by field (a bad field falls back to its default, so the page still shows figures).
fn days(span: &Span, today: i64) -> (i64, i64, Vec<(&'static str, String)>) {
    let mut errors = Vec::new();
    let from = date_field(&mut errors, "from", &span.from, "From");
    let to = date_field(&mut errors, "to", &span.to, "To");
    let last = to.unwrap_or(today);
    let first = from.unwrap_or(last - (DEFAULT_DAYS - 1) * DAY_MS);
    if first > last {
        errors.push(("from", "From must be the same as or before To".to_owned()));
        return (last - (DEFAULT_DAYS - 1) * DAY_MS, last, errors);
    }
    if (last - first) / DAY_MS + 1 > MAX_DAYS {
        errors.push(("from", format!("Show at most {MAX_DAYS} days at once: move From or To closer together")));
        return (last - (MAX_DAYS - 1) * DAY_MS, last, errors);
    }
    (first, last, errors)
}

pub async fn show(
    State(state): State<AdminState>,
    moderator: Moderator,
    Path(id): Path<String>,
    Query(span): Query<Span>,
) -> Response {
    let Some(campaign) = state.campaigns().get(&id).filter(|c| moderator.scope.sees(&c.id)) else {
        let page = pages::message_page("Campaign not found", "There is no campaign you can see at this address.");
        return (StatusCode::NOT_FOUND, page).into_response();
    };
    let today = now_ms().div_euclid(DAY_MS) * DAY_MS;
    let (first, last, errors) = days(&span, today);
    let asked = asked_prompts(campaign);
    let ids: Vec<&str> = asked.iter().map(|p| p.id).collect();
    let store = state.store();
    let figures = store.story_figures(&campaign.id, first, last + DAY_MS, &ids).await;
    let events = store.event_totals(&campaign.id, &date_only(first), &date_only(last)).await;
    let (figures, events) = match (figures, events) {
        (Ok(figures), Ok(events)) => (figures, events),
        (Err(error), _) | (_, Err(error)) => return pages::server_error(&error),
    };
    let view = View { asked: &asked, first, last, figures: &figures, events: &events };
    let content = html! {
        (error_summary(&errors))
        h1 { (campaign.name) ": the campaign at a glance" }
        (span_form(&span, &errors))
        p { "From " (date_only(first)) " to " (date_only(last)) " (UTC): " strong { (count(figures.total, "story", "stories")) } " received." }
        (stories_per_day(&view))
        (funnel_section(&view))
        (questions_section(&view))
        (suggestions_section(&view))
        (languages_section(&view))
        p { a href={ "/admin?campaign=" (campaign.id) "&status=all" } { "See these stories in the queue" } }
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let title = format!("{}: dashboard", campaign.name);
    (status, layout(&title, Some((&moderator.username, &moderator.csrf)), content)).into_response()
}

struct View<'a> {
    asked: &'a [&'static PromptText],
    first: i64,
    last: i64,
    figures: &'a StoryFigures,
    events: &'a [(String, i64)],
}

impl View<'_> {
    fn event(&self, name: &str) -> i64 {
        self.events.iter().find(|(event, _)| event == name).map_or(0, |(_, n)| *n)
    }
}

/// The questions the campaign asks, in the order it asks them.
fn asked_prompts(campaign: &Campaign) -> Vec<&'static PromptText> {
    story_core::campaign_words::asked(Lang::En.locale().prompts, campaign.steps.as_deref()).collect()
}

fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn span_form(span: &Span, errors: &[(&'static str, String)]) -> Markup {
    let error = |field: &str| errors.iter().find(|(f, _)| *f == field).map(|(_, message)| message.clone());
    html! {
        form.filters method="get" {
            @for (field, label, value) in [("from", "From", &span.from), ("to", "To", &span.to)] {
                @let message = error(field);
                div.form-group.form-group-error[message.is_some()] {
                    label.label for=(field) { (label) }
                    @if let Some(message) = &message { (error_message(field, message)) }
                    input.input id=(field) name=(field) type="date" value=(value)
                        aria-describedby=[message.is_some().then(|| format!("{field}-error"))];
                }
            }
            button.button type="submit" { "Show these days" }
        }
    }
}

fn stories_per_day(view: &View) -> Markup {
    let mut days = Vec::new();
    let mut day = view.first;
    while day <= view.last {
        let n = view.figures.per_day.iter().find(|(d, _)| *d == day).map_or(0, |(_, n)| *n);
        days.push((date_only(day), n));
        day += DAY_MS;
    }
    let rows: Vec<Vec<String>> = days.iter().map(|(day, n)| vec![day.clone(), n.to_string()]).collect();
    html! {
        section aria-labelledby="per-day" {
            h2 id="per-day" { "Stories received each day" }
            (charts::columns("per-day-chart", "Stories received each day", &days))
            (charts::table("Stories received each day", &["Day", "Stories"], &rows))
        }
    }
}

fn funnel_section(view: &View) -> Markup {
    let started = view.event("started");
    let mut steps = vec![("Began (the first question)".to_owned(), started)];
    for prompt in view.asked {
        steps.push((format!("Reached “{}”", prompt.label), view.event(&format!("{}{}", funnel::QUESTION, prompt.id))));
    }
    steps.push(("Reached the check page".to_owned(), view.event("check")));
    steps.push(("Sent their story".to_owned(), view.event("sent")));
    let rows: Vec<Row> = steps.iter().map(|(label, n)| Row { label: label.clone(), values: vec![*n] }).collect();
    let table: Vec<Vec<String>> =
        steps.iter().map(|(label, n)| vec![label.clone(), n.to_string(), percent(*n, started)]).collect();
    html! {
        section aria-labelledby="funnel" {
            h2 id="funnel" { "How far people get" }
            p.hint {
                "Counted by the widget once per page load, with no cookie and nothing about the person. "
                "Browsers that ask not to be tracked are not counted, so these are lower than the true numbers. "
                "Each page load counts on its own: someone who comes back to their story later is counted again "
                "at the step they come back to, so a later step can show more than began."
            }
            (charts::bars("funnel-chart", "How far people get", &[Series { name: "Page loads", class: "bar" }], &rows))
            (charts::table("How far people get", &["Step", "Page loads", "Of those who began"], &table))
        }
    }
}

fn questions_section(view: &View) -> Markup {
    let total = view.figures.total;
    let answering = |id: &str| view.figures.answering.iter().find(|(p, _)| p == id).map_or(0, |(_, n)| *n);
    let rows: Vec<Row> =
        view.asked.iter().map(|p| Row { label: p.label.to_owned(), values: vec![answering(p.id)] }).collect();
    let table: Vec<Vec<String>> = view
        .asked
        .iter()
        .map(|p| vec![p.label.to_owned(), answering(p.id).to_string(), percent(answering(p.id), total)])
        .collect();
    html! {
        section aria-labelledby="questions" {
            h2 id="questions" { "Which questions stories answer" }
            (charts::bars("questions-chart", "Stories answering each question", &[Series { name: "Stories", class: "bar" }], &rows))
            (charts::table("Stories answering each question", &["Question", "Stories", "Of the stories received"], &table))
        }
    }
}

fn suggestions_section(view: &View) -> Markup {
    let mut rules: Vec<(&str, i64, i64)> = Vec::new();
    for (event, n) in view.events {
        let (rule, changed) = match (event.strip_prefix(funnel::CHANGED), event.strip_prefix(funnel::KEPT)) {
            (Some(rule), _) => (rule, true),
            (_, Some(rule)) => (rule, false),
            _ => continue,
        };
        let at = rules.iter().position(|(r, _, _)| *r == rule).unwrap_or_else(|| {
            rules.push((rule, 0, 0));
            rules.len() - 1
        });
        if changed { rules[at].1 += n } else { rules[at].2 += n }
    }
    rules.sort_by(|a, b| (b.1 + b.2).cmp(&(a.1 + a.2)).then(a.0.cmp(b.0)));
    rules.truncate(TOP_RULES);
    let series = [Series { name: "Changed", class: "bar" }, Series { name: "Kept", class: "bar-second" }];
    let rows: Vec<Row> = rules.iter().map(|(rule, c, k)| Row { label: words_of(rule), values: vec![*c, *k] }).collect();
    let table: Vec<Vec<String>> =
        rules.iter().map(|(rule, c, k)| vec![words_of(rule), c.to_string(), k.to_string()]).collect();
    html! {
        section aria-labelledby="suggestions" {
            h2 id="suggestions" { "Suggested words: changed or kept" }
            p.hint {
                "When the widget suggested other words, how often people used them (changed) or chose to keep "
                "their own (kept), once per page load. The words people wrote are never sent."
            }
            @if rules.is_empty() {
                p { "No suggestions were used or turned down on these days." }
            } @else {
                (charts::bars("suggestions-chart", "Suggested words changed or kept", &series, &rows))
                (charts::table("Suggested words changed or kept", &["Words", "Changed", "Kept"], &table))
            }
        }
    }
}

/// The words a rule of the lexicon looks for, as a person would recognise them: its shortest
/// pattern ("care package" rather than "care and support packages"), spaced rather than hyphenated.
fn words_of(rule: &str) -> String {
    static WORDS: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let shortest = |patterns: Vec<String>| {
            patterns.into_iter().min_by_key(|p| (p.chars().count(), p.contains('-'))).unwrap_or_default()
        };
        story_core::reframe::rules().into_iter().map(|r| (r.id, shortest(r.patterns))).collect()
    });
    words.iter().find(|(id, _)| *id == rule).map_or_else(|| rule.to_owned(), |(_, words)| format!("“{words}”"))
}

fn languages_section(view: &View) -> Markup {
    let name = |code: &str| match Lang::from_code(code) {
        Some(Lang::En) => "English".to_owned(),
        Some(Lang::Cy) => "Welsh (Cymraeg)".to_owned(),
        _ => code.to_owned(),
    };
    let total = view.figures.total;
    let languages: Vec<Vec<String>> =
        view.figures.languages.iter().map(|(code, n)| vec![name(code), n.to_string(), percent(*n, total)]).collect();
    let rows: Vec<Row> =
        view.figures.languages.iter().map(|(code, n)| Row { label: name(code), values: vec![*n] }).collect();
    let started = view.event("started");
    let uses = [("Easy read", view.event("easy-read")), ("Welsh", view.event("welsh"))];
    let use_rows: Vec<Vec<String>> =
        uses.iter().map(|(what, n)| vec![(*what).to_owned(), n.to_string(), percent(*n, started)]).collect();
    html! {
        section aria-labelledby="languages" {
            h2 id="languages" { "Languages and easy read" }
            @if rows.is_empty() {
                p { "No stories were received on these days." }
            } @else {
                (charts::bars("languages-chart", "Stories in each language", &[Series { name: "Stories", class: "bar" }], &rows))
                (charts::table("Stories in each language", &["Language", "Stories", "Of the stories received"], &languages))
            }
            (charts::table(
                "Page loads past the welcome page using easy read or Welsh",
                &["Used", "Page loads", "Of those who began"],
                &use_rows,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_date;

    fn span(from: &str, to: &str) -> Span {
        Span { from: from.into(), to: to.into() }
    }

    #[test]
    fn the_days_default_to_the_last_thirty_and_bad_dates_say_why() {
        let today = parse_date("2026-12-07").unwrap();
        let (first, last, errors) = days(&span("", ""), today);
        assert_eq!((date_only(first), date_only(last), errors.len()), ("2026-11-08".into(), "2026-12-07".into(), 0));

        let (first, _, errors) = days(&span("2026-02-30", "2026-12-01"), today);
        assert_eq!(errors, [("from", "From must be a real date, like 2026-11-26".to_owned())]);
        assert_eq!(date_only(first), "2026-11-02", "the default in its place");

        let (_, _, errors) = days(&span("2026-12-05", "2026-12-01"), today);
        assert_eq!(errors[0].1, "From must be the same as or before To");

        let (first, last, errors) = days(&span("2020-01-01", "2026-12-01"), today);
        assert!(errors[0].1.starts_with("Show at most 366 days"), "{errors:?}");
        assert_eq!((last - first) / DAY_MS + 1, MAX_DAYS);

        let (first, last, errors) = days(&span("2026-12-01", "2026-12-01"), today);
        assert_eq!((first, last, errors.len()), (last, parse_date("2026-12-01").unwrap(), 0));
    }
}
