//! One story: everything the person sent, the findings marked, the decision buttons, the
//! redaction form and the history of what was changed.

use super::AdminState;
use super::highlight::{Highlight, findings, marked};
use super::moderation::{self, Decision, Published, Redaction};
use super::pages::{self, error_message, error_summary, layout};
use super::session::{self, Moderator};
use crate::clock::show as show_time;
use crate::store::StoredStory;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use story_core::consent::{AREA_MAX_CHARS, NAME_MAX_CHARS};
use story_core::validate::{Field, check_story};

#[derive(Default, serde::Deserialize)]
pub struct Done {
    #[serde(default)]
    done: String,
}

pub async fn show(
    State(state): State<AdminState>,
    moderator: Moderator,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Response {
    let notice = match done.done.as_str() {
        "approved" => Some("Story approved."),
        "rejected" => Some("Story rejected. It will be deleted when the campaign's retention period ends."),
        "redacted" => Some("The published version was changed. The original is kept."),
        "themes" => Some("Themes saved."),
        _ => None,
    };
    page(&state, &moderator, &id, notice, None).await
}

struct RedactAttempt {
    published: Published,
    errors: Vec<(&'static str, String)>,
}

async fn page(
    state: &AdminState,
    moderator: &Moderator,
    id: &str,
    notice: Option<&str>,
    attempt: Option<RedactAttempt>,
) -> Response {
    let story = match visible(state, moderator, id).await {
        Ok(story) => story,
        Err(page) => return page,
    };
    let history = match moderation::history(state.store(), id).await {
        Ok(history) => history,
        Err(error) => return pages::server_error(&error),
    };
    let status = if attempt.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let campaign = state.campaigns().get(&story.sent.campaign);
    let contact = campaign.and_then(|c| c.safeguarding.contact.clone());
    let themes = campaign.map_or(&[][..], |c| c.themes.as_slice());
    let content = html! {
        (safeguarding_notice(&story, contact.as_deref()))
        (view(&story, moderator, notice, attempt, &history))
        (themes_form(&story, moderator, themes))
    };
    (status, layout(story.shown_title(), Some((&moderator.username, &moderator.csrf)), content)).into_response()
}

/// Tagging the story with the campaign's themes, for the queue's, the exports' and the wall's filters.
fn themes_form(story: &StoredStory, moderator: &Moderator, themes: &[String]) -> Markup {
    html! {
        h2 id="themes-heading" { "Themes" }
        @if themes.is_empty() {
            p { "This campaign has no themes yet. They are set in campaigns.toml, for example "
                code { "themes = [\"Home\", \"Work\"]" } "." }
        } @else {
            form method="post" action={ "/admin/stories/" (story.id) "/themes" } aria-labelledby="themes-heading" {
                input type="hidden" name="csrf" value=(moderator.csrf);
                fieldset.fieldset aria-describedby="themes-hint" {
                    legend.legend { "What is this story about?" }
                    p.hint id="themes-hint" { "Select all that apply." }
                    @for (at, theme) in themes.iter().enumerate() {
                        div.checkbox {
                            input id={ "theme-" (at) } type="checkbox" name="theme" value=(theme)
                                checked[story.themes.contains(theme)];
                            label for={ "theme-" (at) } { (theme) }
                        }
                    }
                }
                button.button type="submit" { "Save themes" }
            }
        }
    }
}

/// First on the page of a story that may tell of harm: what was found and whom to tell.
fn safeguarding_notice(story: &StoredStory, contact: Option<&str>) -> Markup {
    let phrases: Vec<String> = story.safeguarding.iter().map(|p| format!("“{p}”")).collect();
    html! {
        @if !phrases.is_empty() {
            div.safeguarding role="note" aria-labelledby="safeguarding-heading" {
                h2 #safeguarding-heading { "Needs a person to look first" }
                p { "This story may tell of harm, abuse, neglect or a risk to someone's life. It mentions "
                    (phrases.join(", ")) ". Read it before anything else is done with it, and follow your \
                    safeguarding procedure if someone may be at risk." }
                @if let Some(contact) = contact { p { "Safeguarding contact: " strong { (contact) } } }
            }
        }
    }
}

fn view(
    story: &StoredStory,
    moderator: &Moderator,
    notice: Option<&str>,
    attempt: Option<RedactAttempt>,
    history: &[Redaction],
) -> Markup {
    let highlights = findings(&story.sent.body);
    let errors = attempt.as_ref().map(|a| a.errors.clone()).unwrap_or_default();
    let draft = attempt.as_ref().map_or_else(
        || Published {
            title: story.shown_title().to_owned(),
            body: story.shown_body().to_owned(),
            name: story.shown_name(),
            area: story.shown_area(),
        },
        |a| a.published.clone(),
    );
    let error_for = |field: &str| errors.iter().find(|(f, _)| *f == field).map(|(_, message)| message.clone());
    html! {
        (error_summary(&errors))
        @if let Some(notice) = notice { div.notice role="status" { p { (notice) } } }
        p { a href="/admin" { "Back to the queue" } }
        h1 { (story.sent.title) }
        (details(story))
        h2 { "Their story" }
        div.story-text { (marked(&story.sent.body, &highlights)) }
        @if !highlights.is_empty() { (findings_list(&highlights)) }
        @if !story.sent.answers.is_empty() {
            h2 { "Their answers" }
            dl.summary-list {
                @for (prompt, answer) in &story.sent.answers { dt { (question(prompt)) } dd.story-text { (answer) } }
            }
        }
        h2 { "Decision" }
        @if !story.sent.publish {
            p { "They did not agree to publication: approving keeps the story for the campaign, \
                 but it will not appear on the story wall." }
        }
        div.button-row {
            form method="post" action={ "/admin/stories/" (story.id) "/approve" } {
                input type="hidden" name="csrf" value=(moderator.csrf);
                button.button type="submit" { "Approve" }
            }
            form method="post" action={ "/admin/stories/" (story.id) "/reject" } {
                input type="hidden" name="csrf" value=(moderator.csrf);
                button.button.button-warning type="submit" { "Reject" }
            }
        }
        h2 id="redact-heading" { "Edit what is published" }
        p.hint { "Remove anything that identifies someone or should not be public. Their original stays as they wrote it." }
        form method="post" action={ "/admin/stories/" (story.id) "/redact" } aria-labelledby="redact-heading" {
            input type="hidden" name="csrf" value=(moderator.csrf);
            div.form-group.form-group-error[error_for("published_title").is_some()] {
                label.label for="published_title" { "Published title" }
                @if let Some(message) = error_for("published_title") { (error_message("published_title", &message)) }
                input.input id="published_title" name="published_title" type="text" value=(draft.title)
                    aria-describedby=[error_for("published_title").map(|_| "published_title-error")];
            }
            div.form-group.form-group-error[error_for("published_body").is_some()] {
                label.label for="published_body" { "Published story" }
                @if let Some(message) = error_for("published_body") { (error_message("published_body", &message)) }
                textarea id="published_body" name="published_body" rows="12"
                    aria-describedby=[error_for("published_body").map(|_| "published_body-error")] { (draft.body) }
            }
            (shown_with_story("published_name", "Name shown", draft.name.as_deref(), error_for("published_name")))
            (shown_with_story("published_area", "Area shown", draft.area.as_deref(), error_for("published_area")))
            button.button.button-secondary type="submit" { "Save the published version" }
        }
        @if !history.is_empty() { (history_table(history)) }
    }
}

/// A one-line field for what is shown beside the story (a name, an area): empty shows none.
fn shown_with_story(id: &str, label: &str, value: Option<&str>, error: Option<String>) -> Markup {
    let hint = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = if error.is_some() { format!("{hint} {error_id}") } else { hint.clone() };
    html! {
        div.form-group.form-group-error[error.is_some()] {
            label.label for=(id) { (label) }
            p.hint id=(hint) { "Leave it empty to show none." }
            @if let Some(message) = &error { (error_message(id, message)) }
            input.input id=(id) name=(id) type="text" value=(value.unwrap_or_default()) aria-describedby=(described);
        }
    }
}

/// The question an answer was given to, as the console's moderators read it (English).
fn question(prompt_id: &str) -> &str {
    let prompts = story_core::locale::Lang::En.locale().prompts;
    prompts.iter().find(|p| p.id == prompt_id).map_or(prompt_id, |p| p.question)
}

fn yes_no(value: bool) -> &'static str {
    if value { "Yes" } else { "No" }
}

fn details(story: &StoredStory) -> Markup {
    html! {
        dl.summary-list {
            dt { "Status" } dd { (story.status.as_str()) }
            dt { "Campaign" } dd { (story.sent.campaign) }
            dt { "Received" } dd { (show_time(story.created_at)) }
            dt { "Language" } dd { (story.sent.lang) }
            dt { "Shared with the campaign" } dd { (yes_no(story.sent.share_with_campaign)) }
            dt { "May be published" } dd { (yes_no(story.sent.publish)) }
            dt { "May be contacted" } dd { (yes_no(story.sent.contact)) }
            dt { "Name shown as" } dd { (story.sent.name_display) }
            @if let Some(name) = &story.sent.name { dt { "Name" } dd { (name) } }
            @if let Some(email) = &story.sent.email { dt { "Email" } dd { (email) } }
            @if let Some(area) = &story.sent.area { dt { "Area" } dd { (area) } }
            @if let Some(role) = &story.sent.role { dt { "Role" } dd { (role) } }
            @if let Some(version) = &story.sent.prompts_version { dt { "Questions version" } dd { (version) } }
            @if let Some(at) = story.published_email_at {
                dt { "Told it is published" } dd { "By email, " (show_time(at)) }
            }
            @if let (Some(by), Some(at)) = (&story.moderated_by, story.moderated_at) {
                dt { "Decided by" } dd { (by) ", " (show_time(at)) }
            }
            @if let (Some(by), Some(at)) = (&story.redacted_by, story.redacted_at) {
                dt { "Last edited by" } dd { (by) ", " (show_time(at)) }
            }
        }
    }
}

fn findings_list(highlights: &[Highlight]) -> Markup {
    html! {
        h2 { "Wording suggestions" }
        ul {
            @for h in highlights {
                li {
                    mark { (h.rule) } ": " (h.why)
                    @if !h.suggestions.is_empty() { " Try: " (h.suggestions.join("; ")) "." }
                }
            }
        }
    }
}

fn history_table(history: &[Redaction]) -> Markup {
    html! {
        h2 { "Changes to what is published" }
        table {
            caption.visually-hidden { "Each change, oldest first" }
            thead { tr { th scope="col" { "When" } th scope="col" { "Who" } th scope="col" { "Before" } th scope="col" { "After" } } }
            tbody {
                @for change in history {
                    tr {
                        td { (show_time(change.changed_at)) }
                        td { (change.moderator) }
                        td.story-text {
                            @match &change.old {
                                Some(old) => { (published_version(old)) }
                                None => { "(as they sent it)" }
                            }
                        }
                        td.story-text { (published_version(&change.new)) }
                    }
                }
            }
        }
    }
}

fn published_version(version: &Published) -> Markup {
    let shown = |text: &Option<String>| match text.as_deref().map(str::trim) {
        None => "as they chose".to_owned(),
        Some("") => "none".to_owned(),
        Some(text) => text.to_owned(),
    };
    html! {
        strong { (version.title) } "\n" (version.body) "\n"
        small { "Name: " (shown(&version.name)) ". Area: " (shown(&version.area)) "." }
    }
}

#[derive(serde::Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn approve(
    state: State<AdminState>,
    moderator: Moderator,
    id: Path<String>,
    form: Form<CsrfForm>,
) -> Response {
    decide(state, moderator, id, form, Decision::Approve).await
}

pub async fn reject(
    state: State<AdminState>,
    moderator: Moderator,
    id: Path<String>,
    form: Form<CsrfForm>,
) -> Response {
    decide(state, moderator, id, form, Decision::Reject).await
}

async fn decide(
    State(state): State<AdminState>,
    moderator: Moderator,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
    decision: Decision,
) -> Response {
    if !moderator.csrf_matches(&form.csrf) {
        return session::csrf_refused();
    }
    let story = match visible(&state, &moderator, &id).await {
        Ok(story) => story,
        Err(page) => return page,
    };
    match moderation::decide(state.store(), &id, decision, &moderator.username).await {
        Ok(true) => {
            let back = back_to_story(&id, decision.status().as_str());
            if decision == Decision::Approve
                && let Some(campaign) = state.campaigns().get(&story.sent.campaign).cloned()
            {
                let store = state.store().clone();
                // After the answer, so the moderator does not wait on the campaign's mail server.
                tokio::spawn(async move { crate::storyteller_email::on_publication(&store, &campaign, &id).await });
            }
            back
        }
        Ok(false) => pages::not_found(),
        Err(error) => pages::server_error(&error),
    }
}

#[derive(serde::Deserialize)]
pub struct RedactForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    published_title: String,
    #[serde(default)]
    published_body: String,
    /// Absent (a form from before names and areas could be changed): as the person chose.
    published_name: Option<String>,
    published_area: Option<String>,
}

pub async fn redact(
    State(state): State<AdminState>,
    moderator: Moderator,
    Path(id): Path<String>,
    Form(form): Form<RedactForm>,
) -> Response {
    if !moderator.csrf_matches(&form.csrf) {
        return session::csrf_refused();
    }
    if let Err(page) = visible(&state, &moderator, &id).await {
        return page;
    }
    let trimmed = |text: Option<String>| text.map(|t| t.trim().to_owned());
    let published = Published {
        title: form.published_title.trim().to_owned(),
        body: form.published_body.trim().to_owned(),
        name: trimmed(form.published_name),
        area: trimmed(form.published_area),
    };
    let errors = redaction_errors(&published);
    if !errors.is_empty() {
        return page(&state, &moderator, &id, None, Some(RedactAttempt { published, errors })).await;
    }
    match moderation::redact(state.store(), &id, &published, &moderator.username).await {
        Ok(true) => back_to_story(&id, "redacted"),
        Ok(false) => pages::not_found(),
        Err(error) => pages::server_error(&error),
    }
}

/// The themes form as sent: `csrf` once and `theme` once per box ticked.
pub async fn set_themes(
    State(state): State<AdminState>,
    moderator: Moderator,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let csrf = fields.iter().find(|(name, _)| name == "csrf").map_or("", |(_, value)| value.as_str());
    if !moderator.csrf_matches(csrf) {
        return session::csrf_refused();
    }
    let story = match visible(&state, &moderator, &id).await {
        Ok(story) => story,
        Err(page) => return page,
    };
    let Some(campaign) = state.campaigns().get(&story.sent.campaign) else { return pages::not_found() };
    let ticked: Vec<&str> =
        fields.iter().filter(|(name, _)| name == "theme").map(|(_, value)| value.as_str()).collect();
    if let Some(unknown) = ticked.iter().find(|t| campaign.theme_named(t).is_none()) {
        let message = format!("“{unknown}” is not one of this campaign's themes: choose from the list");
        return (StatusCode::UNPROCESSABLE_ENTITY, pages::message_page("Themes not saved", &message)).into_response();
    }
    // Kept in the campaign's order, each once, however the form listed them.
    let themes: Vec<String> = campaign
        .themes
        .iter()
        .filter(|theme| ticked.iter().any(|t| campaign.theme_named(t) == Some(theme)))
        .cloned()
        .collect();
    match state.store().set_themes(&id, &themes).await {
        Ok(true) => back_to_story(&id, "themes"),
        Ok(false) => pages::not_found(),
        Err(error) => pages::server_error(&error),
    }
}

/// The story, if this moderator may see it. One outside their campaigns is "not found", exactly as
/// one that does not exist, so its id tells them nothing.
async fn visible(state: &AdminState, moderator: &Moderator, id: &str) -> Result<StoredStory, Response> {
    match state.store().get_story(id).await {
        Ok(Some(story)) if moderator.scope.sees(&story.sent.campaign) => Ok(story),
        Ok(_) => Err(pages::not_found()),
        Err(error) => Err(pages::server_error(&error)),
    }
}

/// The published version keeps the same limits as anything a person can send.
fn redaction_errors(published: &Published) -> Vec<(&'static str, String)> {
    let mut errors: Vec<(&'static str, String)> = check_story(&published.title, &published.body)
        .iter()
        .map(|error| {
            let field = if error.field == Field::Title { "published_title" } else { "published_body" };
            (field, error.message(story_core::locale::Lang::En))
        })
        .collect();
    let too_long = |text: &Option<String>, max: usize| text.as_ref().is_some_and(|t| t.chars().count() > max);
    if too_long(&published.name, NAME_MAX_CHARS) {
        errors.push(("published_name", format!("The name shown must be {NAME_MAX_CHARS} characters or fewer")));
    }
    if too_long(&published.area, AREA_MAX_CHARS) {
        errors.push(("published_area", format!("The area shown must be {AREA_MAX_CHARS} characters or fewer")));
    }
    errors
}

/// Post/redirect/get: a reload after a decision does not send the form again.
fn back_to_story(id: &str, done: &str) -> Response {
    let location = format!("/admin/stories/{}?done={done}", percent_encode_path(id));
    (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response()
}

/// Story ids are generated by the collector, but a path segment is encoded anyway.
fn percent_encode_path(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
