use crate::services::card::{self, CardShape, CardText};
use crate::services::download;
use crate::services::events::input_value;
use crate::services::share::{self, Shared};
use story_core::locale::{Lang, fill};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StoryCardProps {
    pub title: AttrValue,
    pub excerpt: AttrValue,
    pub campaign: AttrValue,
    pub lang: Lang,
    pub on_excerpt: Callback<String>,
    /// Tells the page's status region what happened.
    pub announce: Callback<&'static str>,
}

const PREVIEW_DELAY_MS: u32 = 250;
const FILE_NAME: &str = "my-story.png";

/// The story card: the person picks the words and the shape, sees a preview with alt text,
/// and downloads or shares the PNG. A component because it keeps its own preview.
#[component]
pub fn StoryCard(props: &StoryCardProps) -> Html {
    let shape = use_state(|| CardShape::Square);
    let preview = use_state(|| None::<String>);
    let ui = &props.lang.locale().ui;

    // Redraw a moment after the words or the shape change, not on every keystroke.
    {
        let preview = preview.clone();
        let deps = (*shape, props.title.clone(), props.excerpt.clone(), props.campaign.clone());
        use_effect_with(deps, move |(shape, title, excerpt, campaign)| {
            let (shape, title, excerpt, campaign) = (*shape, title.clone(), excerpt.clone(), campaign.clone());
            let timeout = gloo_timers::callback::Timeout::new(PREVIEW_DELAY_MS, move || {
                let text = CardText { title: &title, excerpt: &excerpt, campaign: &campaign };
                preview.set(card::draw(shape, &text).and_then(|canvas| card::png_data_url(&canvas)));
            });
            move || drop(timeout)
        });
    }

    let on_excerpt = props.on_excerpt.reform(|e: InputEvent| input_value(&e));
    let choose = |choice: CardShape| {
        let shape = shape.clone();
        Callback::from(move |_: Event| shape.set(choice))
    };
    let on_download = {
        let preview = preview.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(url) = preview.as_ref() {
                download::save_url(FILE_NAME, url);
            }
        })
    };
    let on_share = {
        let (shape, announce) = (*shape, props.announce.clone());
        let (title, excerpt, campaign) = (props.title.clone(), props.excerpt.clone(), props.campaign.clone());
        let failed = ui.share_failed;
        Callback::from(move |_: MouseEvent| {
            let (announce, title, excerpt, campaign) =
                (announce.clone(), title.clone(), excerpt.clone(), campaign.clone());
            yew::platform::spawn_local(async move {
                let text = CardText { title: &title, excerpt: &excerpt, campaign: &campaign };
                let Some(canvas) = card::draw(shape, &text) else { return announce.emit(failed) };
                let Some(file) = card::png_file(&canvas, FILE_NAME).await else { return announce.emit(failed) };
                if !share::can_share_files(&file) {
                    return announce.emit(failed);
                }
                if let Shared::Failed = share::share_file(&file, &title).await {
                    announce.emit(failed);
                }
            });
        })
    };
    let alt = fill(ui.card_preview_alt, &[("title", &props.title), ("excerpt", &props.excerpt)]);
    let radio = |id: &'static str, choice: CardShape, label: &'static str| {
        html! {
            <div class="radio">
                <input class="radio-input" type="radio" name="card-shape" {id} checked={*shape == choice}
                    onchange={choose(choice)} />
                <label class="radio-label" for={id}>{ label }</label>
            </div>
        }
    };

    html! {
        <section class="story-card" aria-labelledby="card-heading">
            <h2 id="card-heading">{ ui.card_heading }</h2>
            <p>{ ui.card_lead }</p>
            <div class="form-group">
                <label class="label" for="card-excerpt">{ ui.card_excerpt_label }</label>
                <div id="card-excerpt-hint" class="hint">{ ui.card_excerpt_hint }</div>
                <textarea id="card-excerpt" class="textarea" rows="3" dir="auto" aria-describedby="card-excerpt-hint"
                    value={props.excerpt.clone()} oninput={on_excerpt} />
            </div>
            <fieldset class="fieldset">
                <legend class="legend">{ ui.card_shape_legend }</legend>
                { radio("card-square", CardShape::Square, ui.card_shape_square) }
                { radio("card-wide", CardShape::Wide, ui.card_shape_wide) }
            </fieldset>
            <div class="card-preview">
                if let Some(url) = preview.as_ref() {
                    <img src={url.clone()} alt={alt} width={shape.size().0.to_string()} height={shape.size().1.to_string()} />
                }
            </div>
            <div class="button-group">
                <button type="button" class="button button-secondary" onclick={on_download} disabled={preview.is_none()}>
                    { ui.card_download }
                </button>
                if share::can_share() {
                    <button type="button" class="button button-secondary" onclick={on_share}>{ ui.card_share }</button>
                }
            </div>
        </section>
    }
}
