use crate::app::StoryContext;
use crate::components::field_id;
use crate::services::{document, timing};
use gloo_timers::callback::Timeout;
use story_core::flow::Action;
use story_core::locale::fill;
use story_core::validate::Field;
use yew::prelude::*;

/// How long typing must pause before a screen reader hears the new count.
const ANNOUNCE_DELAY_MS: u32 = 1500;

/// The reframing engine's gentle suggestions for one text box: the words, why, other words to
/// use in one click, and "keep my words". Never blocks, never moves focus while someone types.
pub fn suggestions(context: &StoryContext, field: Field, text: &str) -> Html {
    let flow = context.flow();
    let (lang, ui) = (flow.lang, &flow.lang.locale().ui);
    let findings = timing::measure("story-builder:reframe", || flow.findings(text));
    let has_findings = !findings.is_empty();
    let summary = match findings.len() {
        0 => ui.suggestions_none.to_owned(),
        n => ui.suggestions_count.format(lang, n as u64, &[]),
    };
    let box_id = field_id(&field);
    let items = findings.into_iter().map(|finding| {
        let key = format!("{}:{}", finding.start, finding.rule);
        let words = finding.text.clone();
        let show = {
            let (start, end) = (finding.start_utf16, finding.end_utf16);
            Callback::from(move |_: MouseEvent| document::select_text(box_id, start, end))
        };
        let uses = finding.suggestions.iter().map(|suggestion| {
            let action = Action::UseSuggestion {
                field: field.clone(),
                finding: finding.clone(),
                suggestion: suggestion.clone(),
            };
            let onclick = context.send.reform(move |_: MouseEvent| {
                document::focus(&format!("#{box_id}"));
                action.clone()
            });
            html! {
                <li key={suggestion.clone()}>
                    <button type="button" class="button button-secondary button-small" {onclick}>
                        { fill(ui.suggestion_use, &[("words", suggestion)]) }
                        <span class="visually-hidden">{ fill(ui.suggestion_instead, &[("words", &words)]) }</span>
                    </button>
                </li>
            }
        });
        let keep = {
            let finding = finding.clone();
            context.send.reform(move |_: MouseEvent| {
                document::focus(&format!("#{box_id}"));
                Action::KeepWords(finding.clone())
            })
        };
        html! {
            <li class={classes!("suggestion", format!("suggestion-{}", finding.severity.code()))} {key}>
                <p class="suggestion-words">
                    <button type="button" class="link-button" onclick={show}>
                        { fill(ui.suggestion_words, &[("words", &words)]) }
                    </button>
                </p>
                <p class="suggestion-why">{ finding.why }</p>
                <ul class="suggestion-actions">
                    { for uses }
                    <li key="keep">
                        <button type="button" class="link-button" onclick={keep}>
                            { ui.suggestion_keep }
                            <span class="visually-hidden">{ fill(ui.suggestion_instead_keep, &[("words", &words)]) }</span>
                        </button>
                    </li>
                </ul>
            </li>
        }
    });
    let heading_id = format!("{box_id}-suggestions");
    html! {
        <div class="suggestions-area">
            if has_findings {
                <aside class="suggestions" aria-labelledby={heading_id.clone()}>
                    <h2 id={heading_id} class="heading-small">{ ui.suggestions_heading }</h2>
                    <p class="hint">{ ui.suggestions_lead }</p>
                    <ul class="suggestion-list">{ for items }</ul>
                </aside>
            }
            <Announcement message={summary} quiet={!has_findings} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct AnnouncementProps {
    message: String,
    /// Nothing worth saying unless something was said before ("no suggestions" after some).
    quiet: bool,
}

/// A polite live region that speaks only once the message has stayed the same for a moment,
/// so a screen reader is not interrupted at every keystroke.
#[component]
fn Announcement(props: &AnnouncementProps) -> Html {
    let spoken = use_state(String::new);
    {
        let spoken = spoken.clone();
        use_effect_with((props.message.clone(), props.quiet), move |(message, quiet)| {
            let message = message.clone();
            let timeout =
                (!*quiet || !spoken.is_empty()).then(|| Timeout::new(ANNOUNCE_DELAY_MS, move || spoken.set(message)));
            move || drop(timeout)
        });
    }
    html! { <p class="visually-hidden" aria-live="polite">{ (*spoken).clone() }</p> }
}
