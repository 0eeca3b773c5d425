//! The story wall's page of stories, and what a partner's page hears from it.

use crate::services::collector::{self, CampaignProblem, WallFilter};
use crate::services::{document, embed};
use story_core::locale::Lang;
use story_core::wire::wall::WallPage;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub enum Loaded {
    Loading,
    Ready(WallPage),
    Failed(CampaignProblem),
}

/// The page's title and language, and the partner's page told the wall is ready (and its height).
#[hook]
pub fn use_wall_document(lang: Lang) {
    use_effect_with((), move |_| {
        let ui = &lang.locale().ui;
        document::set_title(&format!("{} – {}", ui.wall_heading, ui.page_title_suffix));
        document::set_lang(lang.code());
        let watcher = embed::start("wall");
        move || drop(watcher)
    });
}

/// Page `page` of the campaign's published stories (only those `filter` asks for), loaded again
/// whenever one of them or `attempt` changes. A failure is told to a partner's page.
#[hook]
pub fn use_wall_page(campaign: &str, filter: WallFilter, page: u32, attempt: u32) -> Loaded {
    let loaded = use_state(|| Loaded::Loading);
    {
        let (loaded, campaign) = (loaded.clone(), campaign.to_owned());
        use_effect_with((filter, page, attempt), move |(filter, page, _)| {
            let (filter, page) = (filter.clone(), *page);
            loaded.set(Loaded::Loading);
            yew::platform::spawn_local(async move {
                let result = collector::load_wall(&campaign, &filter, page).await;
                if let Err(problem) = result {
                    let code =
                        if problem == CampaignProblem::Unknown { "unknown-campaign" } else { "wall-unavailable" };
                    embed::post("error", &[("code", code)]);
                }
                loaded.set(result.map_or_else(Loaded::Failed, Loaded::Ready));
            });
        });
    }
    (*loaded).clone()
}
