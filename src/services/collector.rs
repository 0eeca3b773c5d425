//! The collector's API: reads the campaign and its wall, sends a story, withdraws one.
//! What each answer means is decided in core.

use crate::services::http::{NO_REPLY, Reply, fetch};
use crate::services::proof_of_work::solve;
use std::rc::Rc;
use story_core::campaign::CampaignInfo;
use story_core::proof_of_work::challenge_from_json;
use story_core::wire::status::StoryState;
use story_core::wire::wall::WallPage;

/// The collector's API. The widget is served by the collector (also inside a partner's iframe),
/// so it is the same origin.
const API: &str = "/api/v1";
/// Where stories go unless the campaign's settings name another place.
const STORIES: &str = "/api/v1/stories";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CampaignProblem {
    /// The collector does not know this campaign.
    Unknown,
    /// No collector answered (offline, or the widget is served without one).
    Unreachable,
}

/// The campaign's public settings, or why there are none.
pub async fn load_campaign(campaign: &str) -> Result<CampaignInfo, CampaignProblem> {
    let url = format!("{API}/campaigns/{}", js_sys::encode_uri_component(campaign));
    let reply = fetch("GET", &url, &[("Accept", "application/json")], None).await;
    match reply.status {
        200 => CampaignInfo::from_json(&reply.body).ok_or(CampaignProblem::Unreachable),
        404 => Err(CampaignProblem::Unknown),
        _ => Err(CampaignProblem::Unreachable),
    }
}

/// Which of the campaign's published stories the wall shows.
#[derive(Clone, Debug, PartialEq)]
pub enum WallFilter {
    All,
    /// Those answering one question: its id.
    Prompt(&'static str),
    /// Those a moderator tagged with one of the campaign's themes.
    Theme(Rc<str>),
}

/// One page of the campaign's published stories: those `filter` asks for.
pub async fn load_wall(campaign: &str, filter: &WallFilter, page: u32) -> Result<WallPage, CampaignProblem> {
    let only = match filter {
        WallFilter::All => String::new(),
        WallFilter::Prompt(id) => format!("&prompt={}", js_sys::encode_uri_component(id)),
        WallFilter::Theme(name) => format!("&theme={}", js_sys::encode_uri_component(name)),
    };
    let url = format!(
        "{API}/campaigns/{}/stories?page={page}&per_page={WALL_PER_PAGE}{only}",
        js_sys::encode_uri_component(campaign),
    );
    let reply = fetch("GET", &url, &[("Accept", "application/json")], None).await;
    match reply.status {
        200 => WallPage::from_json(&reply.body).ok_or(CampaignProblem::Unreachable),
        404 => Err(CampaignProblem::Unknown),
        _ => Err(CampaignProblem::Unreachable),
    }
}

/// Stories on one page of the wall: enough to read, few enough to find the way to the next page.
pub const WALL_PER_PAGE: u32 = 10;

/// Sends a story. A campaign that asks for a proof of work gets one first: a fresh challenge is
/// fetched for every attempt (so a retry after the challenge expired still works) and solved here.
pub async fn send_story(campaign: &str, json: &str, idempotency_key: &str) -> Reply {
    // Fresh settings for every attempt: where stories go, and whether a proof of work is asked for.
    let settings = load_campaign(campaign).await.unwrap_or_default();
    let mut headers = vec![("Content-Type", "application/json"), ("Idempotency-Key", idempotency_key)];
    let proof;
    if settings.proof_of_work > 0 {
        let url = format!("{API}/campaigns/{}/challenge", js_sys::encode_uri_component(campaign));
        let reply = fetch("GET", &url, &[("Accept", "application/json")], None).await;
        let Some((challenge, difficulty)) = (reply.status == 200).then(|| challenge_from_json(&reply.body)).flatten()
        else {
            return reply;
        };
        let Some(solved) = solve(&challenge, difficulty).await else { return NO_REPLY };
        proof = solved;
        headers.push((story_core::proof_of_work::HEADER, &proof));
    }
    fetch("POST", settings.stories_endpoint.as_deref().unwrap_or(STORIES), &headers, Some(json)).await
}

/// Asks the collector to delete a story; true once it is gone.
/// What became of a sent story, asked with its receipt; None when the collector could not say.
pub async fn story_state(endpoint: Option<&str>, id: &str, delete_token: &str) -> Option<StoryState> {
    let url = format!("{}/{}", endpoint.unwrap_or(STORIES), js_sys::encode_uri_component(id));
    let authorization = format!("Bearer {delete_token}");
    let reply = fetch("GET", &url, &[("Accept", "application/json"), ("Authorization", &authorization)], None).await;
    (reply.status == 200).then(|| StoryState::from_json(&reply.body)).flatten()
}

pub async fn withdraw_story(endpoint: Option<&str>, id: &str, delete_token: &str) -> bool {
    let url = format!("{}/{}", endpoint.unwrap_or(STORIES), js_sys::encode_uri_component(id));
    let authorization = format!("Bearer {delete_token}");
    let reply = fetch("DELETE", &url, &[("Authorization", &authorization)], None).await;
    matches!(reply.status, 200 | 204 | 404 | 410)
}
