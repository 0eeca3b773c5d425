//! The console's page frame and its simple pages. maud escapes every value put into markup.

use maud::{DOCTYPE, Markup, html};

pub const CSS: &str = include_str!("admin.css");

/// The frame of every console page: skip link, header with the signed-in moderator, main content.
pub fn layout(title: &str, signed_in: Option<(&str, &str)>, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (title) " – Story Builder moderation" }
                link rel="stylesheet" href="/admin/admin.css";
            }
            body {
                a.skip-link href="#main-content" { "Skip to main content" }
                header.site-header {
                    div.width-container {
                        a.service-name href="/admin" { "Story Builder moderation" }
                        @if let Some((username, csrf)) = signed_in {
                            form.sign-out method="post" action="/admin/logout" {
                                span { "Signed in as " strong { (username) } }
                                " "
                                input type="hidden" name="csrf" value=(csrf);
                                button.button.button-secondary type="submit" { "Sign out" }
                            }
                        }
                    }
                }
                main.width-container id="main-content" tabindex="-1" { (content) }
            }
        }
    }
}

/// A page that only says something, such as a refused form.
pub fn message_page(heading: &str, text: &str) -> Markup {
    layout(
        heading,
        None,
        html! { h1 { (heading) } p { (text) } p { a href="/admin" { "Go to the moderation queue" } } },
    )
}

pub fn not_found() -> axum::response::Response {
    use axum::response::IntoResponse;
    let page = message_page("Story not found", "There is no story at this address. It may have been withdrawn.");
    (axum::http::StatusCode::NOT_FOUND, page).into_response()
}

/// Logs the cause for the operator and tells the moderator plainly, without internals.
pub fn server_error(error: &dyn std::fmt::Display) -> axum::response::Response {
    use axum::response::IntoResponse;
    tracing::error!(%error, "a console page failed");
    let page = message_page(
        "Sorry, there is a problem with the service",
        "Nothing was changed. Try again in a few minutes; if it keeps happening, tell whoever runs this collector.",
    );
    (axum::http::StatusCode::INTERNAL_SERVER_ERROR, page).into_response()
}

/// GOV.UK-style error summary: announced on load (role="alert") and focused, linking to each field.
pub fn error_summary(errors: &[(&str, String)]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.error-summary role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus {
                h2 id="error-summary-title" { "There is a problem" }
                ul {
                    @for (field, message) in errors {
                        li { a href={ "#" (field) } { (message) } }
                    }
                }
            }
        }
    }
}

/// A field's error beside it, GOV.UK-style: `{field}-error`, for the field's `aria-describedby`.
pub fn error_message(field: &str, message: &str) -> Markup {
    html! { p.error-message id={ (field) "-error" } { span.visually-hidden { "Error: " } (message) } }
}

/// A date field's value (`YYYY-MM-DD`, midnight UTC) if it has one; if it cannot be read, a message
/// naming it by `label` goes into `errors` and it counts as empty.
pub fn date_field(
    errors: &mut Vec<(&'static str, String)>,
    field: &'static str,
    text: &str,
    label: &str,
) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parsed = crate::clock::parse_date(text);
    if parsed.is_none() {
        errors.push((field, format!("{label} must be a real date, like 2026-11-26")));
    }
    parsed
}

pub struct LoginView<'a> {
    pub username: &'a str,
    pub csrf: &'a str,
    pub error: Option<String>,
}

pub fn login(view: &LoginView) -> Markup {
    let errors: Vec<(&str, String)> = view.error.iter().map(|e| ("username", e.clone())).collect();
    let invalid = view.error.is_some();
    layout(
        "Sign in",
        None,
        html! {
            (error_summary(&errors))
            h1 { "Sign in to moderate stories" }
            form method="post" action="/admin/login" novalidate {
                input type="hidden" name="csrf" value=(view.csrf);
                div.form-group.form-group-error[invalid] {
                    label.label for="username" { "Username" }
                    @if let Some(error) = &view.error { (error_message("username", error)) }
                    input.input id="username" name="username" type="text" autocomplete="username"
                        spellcheck="false" value=(view.username)
                        aria-describedby=[invalid.then_some("username-error")];
                }
                div.form-group {
                    label.label for="password" { "Password" }
                    input.input id="password" name="password" type="password" autocomplete="current-password";
                }
                button.button type="submit" { "Sign in" }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_page_has_labels_skip_link_and_an_error_summary_when_wrong() {
        let page =
            login(&LoginView { username: "\"><img src=x onerror=alert(1)>", csrf: "t", error: Some("Wrong".into()) })
                .into_string();
        assert!(page.contains(r##"<a class="skip-link" href="#main-content">"##), "{page}");
        assert!(page.contains(r#"<label class="label" for="password">"#));
        assert!(page.contains("There is a problem") && page.contains(r##"href="#username""##));
        assert!(!page.contains("<img"), "{page}");
    }
}
