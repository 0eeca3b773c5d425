//! `GET /api/v1/campaigns/{id}` (the widget's settings) and `GET /api/v1/campaigns/{id}/stories`
//! (the public story wall).

use crate::app::AppState;
use crate::campaigns::Campaign;
use crate::problem::Problem;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use story_core::campaign::Helpline;
use story_core::wire::campaign::{Endpoints, Limits, Settings};
use story_core::wire::wall;

pub async fn show(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(campaign) = state.campaigns.get(&id) else {
        return Problem::unknown_campaign(&id).into_response();
    };
    let body = Settings {
        id: campaign.id.clone(),
        name: campaign.name.clone(),
        hashtags: campaign.hashtags.clone(),
        link: campaign.link.clone(),
        share_targets: campaign.share_targets.clone(),
        privacy_url: campaign.privacy_url.clone(),
        consent: value(&campaign.consent),
        theme: theme(campaign),
        min_seconds: campaign.min_seconds,
        retention_days: campaign.retention_days,
        retention_applies_to: value(&campaign.retention_applies_to),
        prompts: value(&campaign.prompts),
        steps: campaign.steps.clone(),
        prompts_version: campaign.prompts_version.clone(),
        helpline: campaign
            .safeguarding
            .helpline
            .as_ref()
            .map(|line| Helpline { name: line.name.clone(), phone: line.phone.clone() }),
        proof_of_work: campaign.proof_of_work,
        easy_read: campaign.easy_read,
        themes: campaign.themes.clone(),
        endpoints: Endpoints::here(&campaign.id),
        limits: Limits::CORE,
    };
    let mut response = Json(body).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    response
}

/// A part of the campaign file as JSON (the campaign's words are the file's, as written).
fn value(part: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(part).unwrap_or_default()
}

/// The theme as the widget needs it: the logo by its address here, never by its file's path.
fn theme(campaign: &Campaign) -> serde_json::Value {
    let mut theme = value(&campaign.theme);
    if campaign.logo.is_some() {
        theme["logo"] = json!(format!("/api/v1/campaigns/{}/logo", campaign.id));
    }
    theme
}

/// The campaign's logo, from memory; browsers may keep it for an hour.
pub async fn logo(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(campaign) = state.campaigns.get(&id) else {
        return Problem::unknown_campaign(&id).into_response();
    };
    let Some(logo) = &campaign.logo else {
        return Problem::not_found(format!("The campaign `{id}` has no logo.")).into_response();
    };
    let headers = [(header::CONTENT_TYPE, logo.content_type), (header::CACHE_CONTROL, "public, max-age=3600")];
    (headers, logo.bytes.clone()).into_response()
}

/// A fresh proof-of-work challenge for a story to this campaign (difficulty 0 when it asks for none).
pub async fn challenge(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, Problem> {
    let campaign = state.campaigns.get(&id).ok_or_else(|| Problem::unknown_campaign(&id))?;
    let challenge =
        state.proof_of_work.challenge(&campaign.id, campaign.proof_of_work, crate::clock::now_ms() as u64).await?;
    let mut response = Json(challenge).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

pub const DEFAULT_PER_PAGE: u32 = 20;
pub const MAX_PER_PAGE: u32 = 100;
/// Far beyond any real wall; keeps the OFFSET (and so the query's cost) bounded.
pub const MAX_PAGE: u32 = 10_000;

/// What the wall's query string asks for: a page, its size, and optionally only the stories that
/// answer one prompt, or that a moderator tagged with one of the campaign's themes.
#[derive(Debug, PartialEq, Eq)]
struct WallQuery {
    page: u32,
    per_page: u32,
    prompt: Option<String>,
    theme: Option<String>,
}

/// `page`, `per_page`, `prompt` and `theme` from the query string; anything else there is ignored.
fn wall_query(query: Option<&str>, known: &[&str], themes: &[String]) -> Result<WallQuery, Problem> {
    let mut wanted = WallQuery { page: 1, per_page: DEFAULT_PER_PAGE, prompt: None, theme: None };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
        .map_err(|_| Problem::malformed("The query string could not be read: it must be UTF-8, percent-encoded."))?;
    for (key, value) in &pairs {
        let number = |max: u32| {
            value.parse::<u32>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(|| {
                Problem::malformed(format!("{key} must be a whole number from 1 to {max}."))
                    .with_field(Some(key.clone()))
            })
        };
        match key.as_str() {
            "page" => wanted.page = number(MAX_PAGE)?,
            "per_page" => wanted.per_page = number(MAX_PER_PAGE)?,
            "prompt" | "theme" if value.is_empty() => {}
            "prompt" => {
                if !known.contains(&value.as_str()) {
                    let detail = format!("prompt must be one of the questions' ids: {}.", known.join(", "));
                    return Err(Problem::malformed(detail).with_field(Some(key.clone())));
                }
                wanted.prompt = Some(value.clone());
            }
            "theme" => {
                let Some(theme) = crate::campaigns::theme_named(themes, value) else {
                    let detail = if themes.is_empty() {
                        "theme: this campaign has no themes.".to_owned()
                    } else {
                        format!("theme must be one of the campaign's themes: {}.", themes.join(", "))
                    };
                    return Err(Problem::malformed(detail).with_field(Some(key.clone())));
                };
                wanted.theme = Some(theme.to_owned());
            }
            _ => {}
        }
    }
    Ok(wanted)
}

pub async fn wall(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<wall::Page>, Problem> {
    let campaign = state.campaigns.get(&id).ok_or_else(|| Problem::unknown_campaign(&id))?;
    let WallQuery { page, per_page, prompt, theme } =
        wall_query(query.as_deref(), &campaign.prompt_ids(), &campaign.themes)?;
    let (stories, more) = state.store.published(&id, prompt.as_deref(), theme.as_deref(), page, per_page).await?;
    let next_page = more.then_some(page + 1);
    Ok(Json(wall::Page { campaign: id, prompt, theme, page, per_page, next_page, stories }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_defaults_and_bounds() {
        let paging = |query| wall_query(query, &[], &[]).map(|w| (w.page, w.per_page));
        assert_eq!(paging(None).unwrap(), (1, DEFAULT_PER_PAGE));
        assert_eq!(paging(Some("page=3&per_page=5&x=1")).unwrap(), (3, 5));
        assert_eq!(paging(Some("page=0")).unwrap_err().field.as_deref(), Some("page"));
        assert!(paging(Some("per_page=101")).is_err());
        assert!(paging(Some("page=abc")).is_err());
    }

    #[test]
    fn a_prompt_is_one_of_the_questions() {
        let known = ["good-day", "community"];
        assert_eq!(wall_query(Some("prompt=community"), &known, &[]).unwrap().prompt.as_deref(), Some("community"));
        assert_eq!(wall_query(Some("prompt="), &known, &[]).unwrap().prompt, None, "an empty choice is all stories");
        let refused = wall_query(Some("prompt=x%27%20OR%201"), &known, &[]).unwrap_err();
        assert_eq!(refused.field.as_deref(), Some("prompt"));
        assert!(refused.detail.contains("good-day"), "{}", refused.detail);
    }

    #[test]
    fn a_theme_is_one_of_the_campaigns_themes_in_any_case() {
        let themes = ["Home".to_owned(), "Direct payments".to_owned()];
        let theme = |query| wall_query(Some(query), &[], &themes).map(|w| w.theme);
        assert_eq!(theme("theme=direct+payments").unwrap().as_deref(), Some("Direct payments"));
        assert_eq!(theme("theme=Direct%20Payments").unwrap().as_deref(), Some("Direct payments"));
        assert_eq!(theme("theme=").unwrap(), None);
        let refused = theme("theme=Home%25").unwrap_err();
        assert_eq!(refused.field.as_deref(), Some("theme"));
        assert_eq!(refused.detail, "theme must be one of the campaign's themes: Home, Direct payments.");
        assert_eq!(wall_query(Some("theme=Home"), &[], &[]).unwrap_err().detail, "theme: this campaign has no themes.");
        assert!(theme("page=%FF").is_err(), "not UTF-8");
    }
}
