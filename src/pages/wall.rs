//! The story wall (`wall.html`, its own bundle): published stories as cards, a page at a time,
//! optionally only those answering one question or tagged with one of the campaign's themes, and
//! the way to add one's own. It has its own small state
//! (the theme and page shown), so it is a component rather than a view of the story flow; what
//! it loads comes from hooks (crate::hooks::wall, and the campaign the builder uses too).

use crate::components::campaign_logo;
use crate::hooks::campaign::use_campaign;
use crate::hooks::wall::{Loaded, use_wall_document, use_wall_page};
use crate::services::collector::CampaignProblem;
use crate::services::collector::WallFilter;
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
    // The stories shown (all, one question's, one theme's), and the choice in the list not yet applied.
    let theme = use_state(|| WallFilter::All);
    let chosen = use_mut_ref(|| WallFilter::All);
    // Said once the person applies a theme, so the initial load stays quiet.
    let showing = use_state(String::new);
    let attempt = use_state(|| 0u32);
    // Focus goes to the heading only after the person asked for another page.
    let focus_next = use_mut_ref(|| false);

    use_wall_document(lang);
    // The choices are the questions the campaign asks, in its words, and its themes.
    let campaign_prompts = use_state(|| None::<&'static PromptSet>);
    let campaign_info = use_campaign(&campaign, {
        let campaign_prompts = campaign_prompts.clone();
        Callback::from(move |info: Rc<CampaignInfo>| campaign_prompts.set(info.questions.prompt_set()))
    });
    let campaign_info = campaign_info.unwrap_or_default();
    let themes: Rc<[Rc<str>]> = campaign_info.themes.iter().map(|t| Rc::from(t.as_str())).collect();
    let loaded = use_wall_page(&campaign, (*theme).clone(), *page, *attempt);
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
    // An option's value says which kind it is: `q:` and a question's id, or `t:` and a theme.
    let choose = {
        let (chosen, themes) = (chosen.clone(), themes.clone());
        Callback::from(move |event: Event| {
            let value = input_value(&event);
            *chosen.borrow_mut() = if let Some(id) = value.strip_prefix("q:") {
                prompts.iter().map(|p| p.id).find(|known| *known == id).map_or(WallFilter::All, WallFilter::Prompt)
            } else if let Some(name) = value.strip_prefix("t:") {
                themes.iter().find(|t| &***t == name).map_or(WallFilter::All, |t| WallFilter::Theme(t.clone()))
            } else {
                WallFilter::All
            };
        })
    };
    let apply = {
        let (theme, page, chosen, showing) = (theme.clone(), page.clone(), chosen.clone(), showing.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let wanted = chosen.borrow().clone();
            let label = match &wanted {
                WallFilter::All => None,
                WallFilter::Prompt(id) => prompts.iter().find(|p| p.id == *id).map(|p| p.label.to_owned()),
                WallFilter::Theme(name) => Some(name.to_string()),
            };
            showing.set(label.map_or_else(
                || ui.wall_filter_showing_all.to_owned(),
                |label| fill(ui.wall_filter_showing, &[("theme", &label)]),
            ));
            theme.set(wanted);
            page.set(1);
        })
    };
    let options = prompts.iter().map(|prompt| {
        let selected = *theme == WallFilter::Prompt(prompt.id);
        html! { <option key={prompt.id} value={format!("q:{}", prompt.id)} {selected}>{ prompt.label }</option> }
    });
    let theme_options = themes.iter().map(|name| {
        let selected = *theme == WallFilter::Theme(name.clone());
        html! { <option key={name.to_string()} value={format!("t:{name}")} {selected}>{ name.to_string() }</option> }
    });
    // Only a campaign with themes has two groups to choose from.
    let choices = if themes.is_empty() {
        html! { { for options } }
    } else {
        html! {
            <>
                <optgroup label={ui.wall_filter_questions}>{ for options }</optgroup>
                <optgroup label={ui.wall_filter_themes}>{ for theme_options }</optgroup>
            </>
        }
    };
    let filter = html! {
        <form class="wall-filter" onsubmit={apply}>
            <label class="label" for="wall-theme">{ ui.wall_filter_label }</label>
            <div class="wall-filter-row">
                <select id="wall-theme" class="input" onchange={choose}>
                    <option value="" selected={*theme == WallFilter::All}>{ ui.wall_filter_all }</option>
                    { choices }
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
            let empty = match *theme {
                WallFilter::All => ui.wall_empty,
                WallFilter::Prompt(_) => ui.wall_filter_empty,
                WallFilter::Theme(_) => ui.wall_filter_theme_empty,
            };
            html! { <p>{ empty }</p> }
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
                <p><a class="button" href={location::href_builder()}>{ ui.wall_add_yours }</a></p>
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
