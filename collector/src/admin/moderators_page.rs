//! `/admin/moderators`, for admins only: who may moderate which campaigns, and removing someone
//! (which signs them out at once). Adding a moderator stays on the command line, where the
//! password is typed without being shown or sent anywhere.

use super::AdminState;
use super::moderators;
use super::pages::{self, layout};
use super::session::{self, Moderator, Scope};
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{IntoResponse, Response};
use maud::html;

#[derive(Default, serde::Deserialize)]
pub struct Done {
    #[serde(default)]
    removed: Option<String>,
}

pub async fn show(State(state): State<AdminState>, moderator: Moderator, Query(done): Query<Done>) -> Response {
    if !moderator.admin {
        return pages::not_found();
    }
    let everyone = match moderators::list(state.store()).await {
        Ok(everyone) => everyone,
        Err(error) => return pages::server_error(&error),
    };
    let content = html! {
        @if let Some(name) = &done.removed {
            div.notice role="status" { p { "Moderator " strong { (name) } " removed and signed out." } }
        }
        h1 { "Moderators" }
        p { "Add a moderator, or give one other campaigns, with " code { "collector add-moderator" } " on the server." }
        table.summary-list {
            caption.visually-hidden { "Moderators, the campaigns they see and their role" }
            thead { tr { th scope="col" { "Username" } th scope="col" { "Sees" } th scope="col" { "Role" } th scope="col" { "Action" } } }
            tbody {
                @for (name, scope, admin) in &everyone {
                    tr {
                        td { (name) }
                        td { @match scope { Scope::All => "Every campaign", Scope::Only(list) => (list.join(", ")) } }
                        td { (if *admin { "Admin" } else { "Moderator" }) }
                        td {
                            @if *name == moderator.username {
                                "You"
                            } @else {
                                form method="post" action="/admin/moderators/remove" {
                                    input type="hidden" name="csrf" value=(moderator.csrf);
                                    input type="hidden" name="username" value=(name);
                                    button.button.button-warning type="submit" { "Remove " span.visually-hidden { (name) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    (StatusCode::OK, layout("Moderators", Some((&moderator.username, &moderator.csrf)), content)).into_response()
}

#[derive(serde::Deserialize)]
pub struct Remove {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
}

pub async fn remove(State(state): State<AdminState>, moderator: Moderator, Form(form): Form<Remove>) -> Response {
    if !moderator.admin {
        return pages::not_found();
    }
    if !moderator.csrf_matches(&form.csrf) {
        return session::csrf_refused();
    }
    if form.username == moderator.username {
        let page =
            pages::message_page("You cannot remove yourself", "Ask another admin, or use collector remove-moderator.");
        return (StatusCode::UNPROCESSABLE_ENTITY, page).into_response();
    }
    match moderators::remove(state.store(), &form.username).await {
        Ok(_) => {
            let query = serde_urlencoded::to_string([("removed", form.username.as_str())]).expect("a pair encodes");
            (StatusCode::SEE_OTHER, [(LOCATION, format!("/admin/moderators?{query}"))]).into_response()
        }
        Err(error) => pages::server_error(&error),
    }
}
