//! Erasure requests: someone asks for everything they sent to be deleted. A moderator finds their
//! stories by email address or name, checks the list, confirms, and they are deleted for good
//! (receivers that may hold one are told `story.withdrawn`, by the deletion trigger). The audit log
//! records who did it, when, and which story ids: never a word of the stories or who sent them.

use super::AdminState;
use super::pages::{self, error_message, error_summary, layout};
use super::session::{self, Moderator};
use crate::clock::{now_ms, show as show_time};
use crate::store::StoredStory;
use crate::tokens::random_hex;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

const HEADING: &str = "Delete a person's stories";

#[derive(Default, serde::Deserialize)]
pub struct Find {
    #[serde(default)]
    who: Option<String>,
    #[serde(default)]
    deleted: Option<u32>,
}

/// The search form, and what it found; `?deleted=N` after an erasure.
pub async fn show(State(state): State<AdminState>, moderator: Moderator, Query(find): Query<Find>) -> Response {
    let notice = find.deleted.map(|n| format!("{n} {} deleted for good.", stories_word(n as usize)));
    let Some(who) = find.who.as_deref().map(str::trim) else {
        return respond(&moderator, StatusCode::OK, form("", None, notice.as_deref()));
    };
    if let Some(error) = who_error(who) {
        return respond(&moderator, StatusCode::UNPROCESSABLE_ENTITY, form(who, Some(error), None));
    }
    let stories = match matching(&state, &moderator, who).await {
        Ok(stories) => stories,
        Err(error) => return pages::server_error(&error),
    };
    let content = html! {
        (form(who, None, None))
        h2 { (found_heading(stories.len(), who)) }
        @if stories.is_empty() {
            p { "Check the spelling, or try their email address instead of their name." }
        } @else {
            (story_list(&stories))
            p { a.button.button-warning href={ "/admin/erase/confirm?" (who_query(who)) } { "Delete these stories" } }
        }
    };
    respond(&moderator, StatusCode::OK, content)
}

/// "Are you sure?": the same list, and the one button that deletes.
pub async fn confirm(State(state): State<AdminState>, moderator: Moderator, Query(find): Query<Find>) -> Response {
    let who = find.who.as_deref().map(str::trim).unwrap_or_default();
    if let Some(error) = who_error(who) {
        return respond(&moderator, StatusCode::UNPROCESSABLE_ENTITY, form(who, Some(error), None));
    }
    let stories = match matching(&state, &moderator, who).await {
        Ok(stories) => stories,
        Err(error) => return pages::server_error(&error),
    };
    if stories.is_empty() {
        return (StatusCode::SEE_OTHER, [(LOCATION, format!("/admin/erase?{}", who_query(who)))]).into_response();
    }
    let ids: Vec<&str> = stories.iter().map(|s| s.id.as_str()).collect();
    let content = html! {
        h1 { "Are you sure you want to delete " (stories.len()) " " (stories_word(stories.len())) " for good?" }
        div.warning-text role="note" {
            p { "They are deleted from this collector at once and cannot be brought back. Campaign systems that received them are told to delete their copies. Backups keep them until they expire." }
        }
        h2 { "The stories to delete" }
        (story_list(&stories))
        form method="post" action="/admin/erase" {
            input type="hidden" name="csrf" value=(moderator.csrf);
            input type="hidden" name="who" value=(who);
            input type="hidden" name="ids" value=(ids.join(","));
            p.button-row {
                button.button.button-warning type="submit" { "Yes, delete them for good" }
                a href={ "/admin/erase?" (who_query(who)) } { "No, go back" }
            }
        }
    };
    respond(&moderator, StatusCode::OK, content)
}

#[derive(serde::Deserialize)]
pub struct Erase {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    who: String,
    /// The ids the moderator saw on the confirmation page: a story that arrived since is not deleted unseen.
    #[serde(default)]
    ids: String,
}

pub async fn erase(State(state): State<AdminState>, moderator: Moderator, Form(form): Form<Erase>) -> Response {
    if !moderator.csrf_matches(&form.csrf) {
        return session::csrf_refused();
    }
    let who = form.who.trim();
    if who_error(who).is_some() {
        return (StatusCode::SEE_OTHER, [(LOCATION, "/admin/erase".to_owned())]).into_response();
    }
    let seen: Vec<&str> = form.ids.split(',').filter(|id| !id.is_empty()).collect();
    let stories = match matching(&state, &moderator, who).await {
        Ok(stories) => stories,
        Err(error) => return pages::server_error(&error),
    };
    // Only stories that were on the page and still belong to this person.
    let ids: Vec<&str> = stories.iter().map(|s| s.id.as_str()).filter(|id| seen.contains(id)).collect();
    match delete(&state, &ids, &moderator.username).await {
        Ok(deleted) => (StatusCode::SEE_OTHER, [(LOCATION, format!("/admin/erase?deleted={deleted}"))]).into_response(),
        Err(error) => pages::server_error(&error),
    }
}

/// Deletes the stories and records that it was done, in one transaction.
async fn delete(state: &AdminState, ids: &[&str], moderator: &str) -> Result<u64, sqlx::Error> {
    let mut tx = state.store().begin().await?;
    let mut deleted = 0;
    for id in ids {
        deleted += sqlx::query("DELETE FROM stories WHERE id = $1").bind(*id).execute(&mut *tx).await?.rows_affected();
    }
    sqlx::query(
        "INSERT INTO audit_log (id, at, moderator, action, stories, story_ids) VALUES ($1, $2, $3, 'erasure', $4, $5)",
    )
    .bind(random_hex(16))
    .bind(now_ms())
    .bind(moderator)
    .bind(deleted as i64)
    .bind(ids.join(","))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(deleted)
}

/// An email address matches exactly (ignoring case); anything else is part of the name they gave.
/// Only in the campaigns the moderator may see.
async fn matching(state: &AdminState, moderator: &Moderator, who: &str) -> Result<Vec<StoredStory>, sqlx::Error> {
    let ids: Vec<String> = if who.contains('@') {
        sqlx::query_scalar("SELECT id FROM stories WHERE LOWER(email) = LOWER($1) ORDER BY created_at, id")
            .bind(who)
            .fetch_all(state.store().pool())
            .await?
    } else {
        let escaped = crate::store::like_escaped(&who.to_lowercase());
        sqlx::query_scalar("SELECT id FROM stories WHERE LOWER(name) LIKE $1 ESCAPE '\\' ORDER BY created_at, id")
            .bind(format!("%{escaped}%"))
            .fetch_all(state.store().pool())
            .await?
    };
    let mut stories = Vec::with_capacity(ids.len());
    for id in ids {
        stories.extend(state.store().get_story(&id).await?.filter(|story| moderator.scope.sees(&story.sent.campaign)));
    }
    Ok(stories)
}

fn who_error(who: &str) -> Option<&'static str> {
    match who.chars().count() {
        0 => Some("Enter the person's email address or name"),
        1 => Some("Enter at least 2 letters of the person's name, or their email address"),
        _ => None,
    }
}

fn form(who: &str, error: Option<&str>, notice: Option<&str>) -> Markup {
    let errors: Vec<(&str, String)> = error.iter().map(|e| ("who", (*e).to_owned())).collect();
    html! {
        (error_summary(&errors))
        @if let Some(notice) = notice {
            div.notice role="status" { p { (notice) } }
        }
        h1 { (HEADING) }
        p { "When someone asks for everything they sent to be deleted, find their stories here. Nothing is deleted until you confirm." }
        form method="get" action="/admin/erase" novalidate {
            div.form-group.form-group-error[error.is_some()] {
                label.label for="who" { "Their email address or name" }
                p.hint id="who-hint" { "An email address finds exactly that address; a name finds every story whose name contains it." }
                @if let Some(error) = error { (error_message("who", error)) }
                input.input id="who" name="who" type="text" spellcheck="false" value=(who)
                    aria-describedby={ "who-hint" @if error.is_some() { " who-error" } };
            }
            button.button type="submit" { "Find their stories" }
        }
    }
}

fn story_list(stories: &[StoredStory]) -> Markup {
    html! {
        ol.story-list {
            @for story in stories {
                li {
                    h3 { a href={ "/admin/stories/" (story.id) } { (story.shown_title()) } }
                    p.meta {
                        (story.sent.campaign) " · received " (show_time(story.created_at)) " · " (story.status.as_str())
                        " · from " (story.sent.name.as_deref().unwrap_or("no name")) " " (story.sent.email.as_deref().unwrap_or(""))
                    }
                }
            }
        }
    }
}

fn found_heading(n: usize, who: &str) -> String {
    match n {
        0 => format!("No stories found for “{who}”"),
        _ => format!("{n} {} found for “{who}”", stories_word(n)),
    }
}

fn stories_word(n: usize) -> &'static str {
    if n == 1 { "story" } else { "stories" }
}

fn who_query(who: &str) -> String {
    serde_urlencoded::to_string([("who", who)]).expect("a string pair encodes")
}

fn respond(moderator: &Moderator, status: StatusCode, content: Markup) -> Response {
    (status, layout(HEADING, Some((&moderator.username, &moderator.csrf)), content)).into_response()
}
