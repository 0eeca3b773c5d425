//! `/my-story?id=…&token=…`: the link a person keeps after sending, a page that says in plain words
//! what became of their story (waiting, published, not published, withdrawn), in English or Welsh
//! (`&lang=cy`). Works without JavaScript; never cached; the token never reaches the log (requests
//! are logged by path only) nor another site (no referrer is sent).

use crate::abuse::PeerAddr;
use crate::api::stories::limit;
use crate::app::AppState;
use crate::tokens::sha256_hex;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{DOCTYPE, Markup, html};
use story_core::wire::status::StoryState;

pub fn router() -> Router<AppState> {
    Router::new().route("/my-story", get(show))
}

#[derive(serde::Deserialize)]
pub struct Receipt {
    #[serde(default)]
    id: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    lang: String,
}

struct Words {
    lang: &'static str,
    title: &'static str,
    waiting: &'static str,
    published: &'static str,
    not_published: &'static str,
    withdrawn: &'static str,
    not_found: &'static str,
    incomplete: &'static str,
    keep: &'static str,
}

const EN: Words = Words {
    lang: "en",
    title: "What has happened to your story",
    waiting: "Your story is waiting to be read by the campaign team. Come back to this page later.",
    published: "Your story has been published on the campaign's story wall. Thank you for sharing it.",
    not_published: "The campaign team has read your story. It is kept for the campaign, but it has not been \
                    published on the story wall.",
    withdrawn: "You withdrew your story, and it has been deleted.",
    not_found: "We could not find your story. It may have been deleted: stories that are not published are \
                deleted after a while.",
    incomplete: "This link is not complete. Use the whole link you were given when you sent your story.",
    keep: "Keep this page's address to check again. Anyone with it can see this page, but not your story.",
};

// REVIEW: Welsh, first draft.
const CY: Words = Words {
    lang: "cy",
    title: "Beth sydd wedi digwydd i'ch stori",
    waiting: "Mae eich stori yn aros i dîm yr ymgyrch ei darllen. Dewch yn ôl i'r dudalen hon yn nes ymlaen.",
    published: "Mae eich stori wedi'i chyhoeddi ar wal straeon yr ymgyrch. Diolch am ei rhannu.",
    not_published: "Mae tîm yr ymgyrch wedi darllen eich stori. Mae'n cael ei chadw ar gyfer yr ymgyrch, ond nid yw \
                    wedi'i chyhoeddi ar y wal straeon.",
    withdrawn: "Fe wnaethoch chi dynnu eich stori yn ôl, ac mae wedi'i dileu.",
    not_found: "Allwn ni ddim dod o hyd i'ch stori. Efallai ei bod wedi'i dileu: mae straeon sydd heb eu \
                cyhoeddi yn cael eu dileu ar ôl ychydig.",
    incomplete: "Dydy'r ddolen hon ddim yn gyflawn. Defnyddiwch y ddolen gyfan a gawsoch pan wnaethoch anfon eich stori.",
    keep: "Cadwch gyfeiriad y dudalen hon i wirio eto. Gall unrhyw un sydd ag ef weld y dudalen hon, ond nid eich stori.",
};

pub async fn show(
    State(state): State<AppState>,
    peer: PeerAddr,
    headers: HeaderMap,
    Query(receipt): Query<Receipt>,
) -> Response {
    let words = if receipt.lang == "cy" { &CY } else { &EN };
    if let Err(problem) = limit(&state, peer, &headers).await {
        return problem.into_response();
    }
    let (status, text) = if receipt.id.trim().is_empty() || receipt.token.trim().is_empty() {
        (StatusCode::BAD_REQUEST, words.incomplete)
    } else {
        match state.store.state_by_receipt(receipt.id.trim(), &sha256_hex(receipt.token.trim().as_bytes())).await {
            Ok(Some(found)) => (StatusCode::OK, said(words, found)),
            Ok(None) => (StatusCode::NOT_FOUND, words.not_found),
            Err(error) => return crate::problem::Problem::from(error).into_response(),
        }
    };
    let mut response = (status, page(words, text, status == StatusCode::OK)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn said(words: &Words, state: StoryState) -> &'static str {
    match state {
        StoryState::Waiting => words.waiting,
        StoryState::Published => words.published,
        StoryState::NotPublished => words.not_published,
        StoryState::Withdrawn => words.withdrawn,
    }
}

fn page(words: &Words, text: &str, found: bool) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(words.lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (words.title) " – Story Builder" }
                link rel="stylesheet" href="/admin/admin.css";
            }
            body {
                main.width-container id="main-content" {
                    h1 { (words.title) }
                    p.notice role="status" { (text) }
                    @if found { p.hint { (words.keep) } }
                }
            }
        }
    }
}
