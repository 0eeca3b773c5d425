use story_core::campaign::CampaignInfo;
use story_core::locale::Lang;
use yew::prelude::*;

/// The campaign's logo (beside the widget's name, or atop the wall); always an element, so the
/// markup around it keeps its shape.
pub fn campaign_logo(campaign: &CampaignInfo, lang: Lang) -> Html {
    match &campaign.logo {
        Some(logo) => html! {
            <img class="campaign-logo" src={logo.src.clone()} alt={logo.alt(lang, &campaign.share.campaign_name).to_owned()} />
        },
        None => html! { <span class="campaign-logo-none"></span> },
    }
}
