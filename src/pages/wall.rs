//! The story wall (`view=wall`): published stories as cards, a page at a time, optionally only
//! those about one question (a theme), and the way to add one's own. It has its own small state
//! (the theme and page shown), so it is a component rather than a view of the story flow; what
//! it loads comes from hooks (crate::hooks::wall, and the campaign the builder uses too).

use crate::components::campaign_logo;
use crate::hooks::campaign::use_campaign;
use crate::hooks::wall::{Loaded, use_wall_document, use_wall_page};
use crate::services::collector::CampaignProblem;
use crate::services::events::input_value;
use crate::services::{document, location};
use std::rc::Rc;
use story_core::DEFAULT_CAMPAIGN;
use story_core::campaign::CampaignInfo;
use story_core::campaign_words::PromptSet;
use story_core::locale::{Lang, fill};
use story_core::wire::wall::WallStory;
use yew::prelude::*;

#[component]
pub fn Wall() -> Html {
    let campaign = use_memo((), |_| location::campaign().unwrap_or_else(|| DEFAULT_CAMPAIGN.to_owned()));
    let lang = location::current_lang().unwrap_or_default();
    let ui = &lang.locale().ui;
    let page = use_state(|| 1u32);
    // The theme shown (a prompt id), and the one chosen in the list but not yet applied.
    let theme = use_state(|| None::<&'static str>);
    let chosen = use_mut_ref(|| None::<&'static str>);
    // Said once the person applies a theme, so the initial load stays quiet.
    let showing = use_state(String::new);
    let attempt = use_state(|| 0u32);
    // Focus goes to the heading only after the person asked for another page.
    let focus_next = use_mut_ref(|| false);

    use_wall_document(lang);
    // The themes are the questions the campaign asks, in its words.
    let campaign_prompts = use_state(|| None::<&'static PromptSet>);
    let campaign_info = use_campaign(&campaign, {
        let campaign_prompts = campaign_prompts.clone();
        Callback::from(move |info: Rc<CampaignInfo>| campaign_prompts.set(info.questions.prompt_set()))
    });
    let campaign_info = campaign_info.unwrap_or_default();
    let loaded = use_wall_page(&campaign, *theme, *page, *attempt);
    use_effect({
        let (focus_next, ready) = (focus_next.clone(), matches!(loaded, Loaded::Ready(_)));
        move || {
            if ready && std::mem::take(&mut *focus_next.borrow_mut()) {
                document::focus("h1");
            }
        }
    });

    let go = |to: u32| {
        let (page, focus_next) = (page.clone(), focus_next.clone());
        Callback::from(move |_: MouseEvent| {
            *focus_next.borrow_mut() = true;
            page.set(to);
        })
    };
    let prompts = campaign_prompts.map_or(lang.locale().prompts, |set| set.get(lang));
    let choose = {
        let chosen = chosen.clone();
        Callback::from(move |event: Event| {
            let id = input_value(&event);
            *chosen.borrow_mut() = prompts.iter().map(|p| p.id).find(|known| *known == id);
        })
    };
    let apply = {
        let (theme, page, chosen, showing) = (theme.clone(), page.clone(), chosen.clone(), showing.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let wanted = *chosen.borrow();
            let label = prompts.iter().find(|p| Some(p.id) == wanted).map(|p| p.label);
            showing.set(label.map_or_else(
                || ui.wall_filter_showing_all.to_owned(),
                |label| fill(ui.wall_filter_showing, &[("theme", label)]),
            ));
            theme.set(wanted);
            page.set(1);
        })
    };
    let options = prompts.iter().map(|prompt| {
        html! { <option key={prompt.id} value={prompt.id} selected={*theme == Some(prompt.id)}>{ prompt.label }</option> }
    });
    let filter = html! {
        <form class="wall-filter" onsubmit={apply}>
            <label class="label" for="wall-theme">{ ui.wall_filter_label }</label>
            <div class="wall-filter-row">
                <select id="wall-theme" class="input" onchange={choose}>
                    <option value="" selected={theme.is_none()}>{ ui.wall_filter_all }</option>
                    { for options }
                </select>
                <button type="submit" class="button button-secondary">{ ui.wall_filter_apply }</button>
            </div>
            <p class="wall-filter-status" role="status">{ (*showing).clone() }</p>
        </form>
    };
    let content = match &loaded {
        Loaded::Loading => html! { <p role="status">{ ui.wall_loading }</p> },
        Loaded::Failed(CampaignProblem::Unknown) => html! {
            <div class="notice"><p>{ fill(ui.embed_unknown_body, &[("campaign", campaign.as_str())]) }</p></div>
        },
        Loaded::Failed(CampaignProblem::Unreachable) => {
            let attempt = attempt.clone();
            html! {
                <div class="notice" role="alert">
                    <p>{ ui.wall_failed }</p>
                    <button type="button" class="button button-secondary" onclick={move |_| attempt.set(*attempt + 1)}>
                        { ui.wall_try_again }
                    </button>
                </div>
            }
        }
        Loaded::Ready(wall) if wall.stories.is_empty() && wall.page == 1 => {
            html! { <p>{ if theme.is_some() { ui.wall_filter_empty } else { ui.wall_empty } }</p> }
        }
        Loaded::Ready(wall) => {
            let cards = wall.stories.iter().map(|story| card(story, lang));
            let newer = (wall.page > 1).then(|| {
                html! { <button type="button" class="button button-secondary" onclick={go(wall.page - 1)}>{ ui.wall_newer }</button> }
            });
            let older = wall.next_page.map(|next| {
                html! { <button type="button" class="button button-secondary" onclick={go(next)}>{ ui.wall_older }</button> }
            });
            html! {
                <>
                    <ul class="wall-list">{ for cards }</ul>
                    if newer.is_some() || older.is_some() {
                        <nav class="wall-pages button-group" aria-label={ui.wall_pagination_label}>
                            { for newer }
                            <span class="wall-page-number">{ fill(ui.wall_page, &[("page", &wall.page.to_string())]) }</span>
                            { for older }
                        </nav>
                    }
                </>
            }
        }
    };
    let unknown = matches!(loaded, Loaded::Failed(CampaignProblem::Unknown));
    html! {
        <main id="main-content" class="page wall" tabindex="-1">
            { campaign_logo(&campaign_info, lang) }
            <h1 tabindex="-1">{ if unknown { ui.embed_unknown_heading } else { ui.wall_heading } }</h1>
            if !unknown {
                <p class="lead">{ ui.wall_lead }</p>
                <p><a class="button" href={location::href_view("builder")}>{ ui.wall_add_yours }</a></p>
                { filter }
            }
            { content }
        </main>
    }
}

/// One story as a card: its title, its words, and the name and area as the person chose.
fn card(story: &WallStory, page_lang: Lang) -> Html {
    let ui = &page_lang.locale().ui;
    let heading_id = format!("story-{}", story.id);
    let paragraphs = story.body.split("\n\n").filter(|p| !p.trim().is_empty()).enumerate().map(|(i, paragraph)| {
        html! { <p key={i}>{ paragraph.to_owned() }</p> }
    });
    let byline = match &story.name {
        Some(name) => fill(ui.wall_by, &[("name", name)]),
        None => ui.wall_anonymous.to_owned(),
    };
    let area = story.area.as_ref().map(|area| html! { <>{ " · " }{ fill(ui.wall_area, &[("area", area)]) }</> });
    html! {
        <li key={story.id.clone()}>
            <article class="wall-card" aria-labelledby={heading_id.clone()} lang={story.lang.clone()} dir="auto">
                <h2 id={heading_id}>{ story.title.clone() }</h2>
                { for paragraphs }
                <p class="wall-byline" lang={page_lang.code()}>{ byline }{ for area }</p>
            </article>
        </li>
    }
}
