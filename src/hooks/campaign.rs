//! The campaign's settings, shared by the story builder and the wall.

use crate::services::collector::{self, CampaignProblem};
use crate::services::theme;
use std::rc::Rc;
use story_core::campaign::CampaignInfo;
use yew::prelude::*;

/// The campaign's settings from the collector, with its colours applied to the page: the
/// movement's defaults until they arrive, and kept if no collector answers (one may answer by the
/// time the story is sent). `on_loaded` hears the settings once they arrive.
#[hook]
pub fn use_campaign(id: &str, on_loaded: Callback<Rc<CampaignInfo>>) -> Result<Rc<CampaignInfo>, CampaignProblem> {
    let state = use_state(|| Ok(Rc::new(CampaignInfo::default())));
    {
        let (state, id) = (state.clone(), id.to_owned());
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                match collector::load_campaign(&id).await {
                    Ok(info) => {
                        theme::apply_theme(&info.theme);
                        let info = Rc::new(info);
                        on_loaded.emit(info.clone());
                        state.set(Ok(info));
                    }
                    Err(CampaignProblem::Unreachable) => {}
                    Err(problem) => state.set(Err(problem)),
                }
            });
        });
    }
    (*state).clone()
}
