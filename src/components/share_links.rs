use story_core::locale::{Lang, fill};
use story_core::share::{ShareSettings, ShareTarget, share_link};
use yew::prelude::*;

/// Links that open each of the campaign's services with the post written; they work in every
/// browser. Always one element, even with no services, so the page around it never shifts shape.
pub fn share_links(title: &str, story: &str, settings: &ShareSettings, lang: Lang) -> Html {
    let ui = &lang.locale().ui;
    if settings.targets.is_empty() {
        return html! { <div class="share-links-block"></div> };
    }
    let links = settings.targets.iter().copied().map(|target| {
        let label = match target {
            ShareTarget::Email => ui.finish_send_email.to_owned(),
            _ => fill(ui.finish_share_on, &[("service", target.name())]),
        };
        let href = share_link(target, title, story, settings);
        // Email opens the person's mail program, not a page, so it needs no new tab.
        let link = if target == ShareTarget::Email {
            html! { <a {href}>{ label }</a> }
        } else {
            html! {
                <a {href} target="_blank" rel="noopener noreferrer">
                    { label }<span class="visually-hidden">{" "}{ ui.opens_in_new_tab }</span>
                </a>
            }
        };
        html! { <li key={target.name()}>{ link }</li> }
    });
    html! {
        <div class="share-links-block">
            <h3>{ ui.finish_share_links_heading }</h3>
            <ul class="list share-links">{ for links }</ul>
        </div>
    }
}
