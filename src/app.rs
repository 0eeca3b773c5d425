//! The story builder's root: the one top-level state, the URL and where focus goes. Its side
//! effects are hooks (crate::hooks); pages get state to render and callbacks to call.

use crate::components::campaign_logo;
use crate::hooks::campaign::use_campaign;
use crate::hooks::checking::use_checking;
use crate::hooks::draft_saving::use_draft_saving;
use crate::hooks::embed_events::use_embed_events;
use crate::hooks::funnel::use_funnel;
use crate::hooks::lexicon::use_lexicon;
use crate::hooks::sending::use_sending;
use crate::hooks::sharing::{Sharing, use_sharing};
use crate::hooks::withdrawing::use_withdrawing;
use crate::pages::{check, consent, finish, question, sent, welcome};
use crate::services::{clock, document, drafts, embed, location};
use std::rc::Rc;
use story_core::DEFAULT_CAMPAIGN;
use story_core::campaign::CampaignInfo;
use story_core::flow::{Action, Flow};
use story_core::locale::Lang;
use story_core::step::Step;
use story_core::submission::SendState;
use yew::prelude::*;

/// The flow as Yew's reducer state.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowState(pub Flow);

impl Reducible for FlowState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.0.apply(action);
        if next == *self { self } else { Rc::new(next) }
    }
}

/// What every page reads, and how it asks for change.
#[derive(Clone, PartialEq)]
pub struct StoryContext {
    pub flow: UseReducerHandle<FlowState>,
    pub send: Callback<Action>,
    /// The draft could not be kept on this device.
    pub save_failed: bool,
    /// A short message about what the person just did ("Your story has been copied"),
    /// shown in the page's status region so screen readers hear it too.
    pub status: UseStateHandle<Option<&'static str>>,
    /// The campaign's settings from the collector (the movement's defaults until they arrive).
    pub campaign: Rc<CampaignInfo>,
    /// The collector says it has no such campaign, so stories cannot be sent to it.
    pub campaign_unknown: bool,
    /// Withdraws the sent story.
    pub withdraw: Callback<()>,
    /// Asks what became of the sent story, and says it in the status region.
    pub check: Callback<()>,
    /// Copies, shares and downloads the story.
    pub sharing: Sharing,
}

impl StoryContext {
    pub fn flow(&self) -> &Flow {
        &self.flow.0
    }
}

/// After the next render, where should focus go?
#[derive(Clone, Copy, PartialEq)]
enum FocusAfter {
    Heading,
    ErrorsOrHeading,
}

#[component]
pub fn App() -> Html {
    let campaign = location::campaign().unwrap_or_else(|| DEFAULT_CAMPAIGN.to_owned());
    let flow = use_reducer(|| {
        let mut flow = Flow::new(&campaign, Lang::En);
        flow.apply(Action::Restore(drafts::load(&campaign)));
        if let Some(lang) = location::current_lang() {
            flow.apply(Action::SetLang(lang));
        }
        let questions = flow.prompts().len();
        if let Some(step) = location::current_step(questions) {
            flow.apply(Action::GoTo(step));
        }
        // A story left waiting on an earlier visit is tried again at once.
        if flow.story.submission.state == SendState::Waiting {
            flow.apply(Action::Retry);
        }
        FlowState(flow)
    });
    let focus_after = use_mut_ref(|| None::<FocusAfter>);
    let save_failed = use_state(|| false);
    let status = use_state(|| None::<&'static str>);
    let questions = flow.0.prompts().len();
    let campaign_info = use_campaign(&campaign, {
        let flow = flow.clone();
        Callback::from(move |info: Rc<CampaignInfo>| {
            if let Some(prompts) = info.questions.prompt_set() {
                flow.dispatch(Action::UseCampaignPrompts(prompts));
            }
            flow.dispatch(Action::CampaignEasyRead(info.easy_read));
            if let Some(version) = &info.prompts_version {
                flow.dispatch(Action::CampaignPromptsVersion(version.clone()));
            }
        })
    });

    let send = {
        let (flow, focus_after) = (flow.clone(), focus_after.clone());
        Callback::from(move |action: Action| {
            let focus = match action {
                Action::Continue | Action::Send { .. } => Some(FocusAfter::ErrorsOrHeading),
                Action::Start | Action::Skip | Action::GoTo(_) | Action::ConfirmRestart | Action::ConfirmForget => {
                    Some(FocusAfter::Heading)
                }
                _ => None,
            };
            if focus.is_some() {
                *focus_after.borrow_mut() = focus;
            }
            // The clock starts with the first thing the person does (kept only the first time).
            let starting = flow.0.story.started_at == 0
                && matches!(
                    action,
                    Action::Start
                        | Action::ConfirmRestart
                        | Action::Answer { .. }
                        | Action::SetTitle(_)
                        | Action::EditBody(_)
                );
            if action == Action::ConfirmForget {
                drafts::forget_everything();
            }
            flow.dispatch(action);
            if starting {
                flow.dispatch(Action::MarkStarted(clock::now_ms()));
            }
        })
    };

    // Back and Forward buttons: follow the URL.
    {
        let send = send.clone();
        use_effect_with((), move |_| {
            let listener = location::on_history_change(move || {
                send.emit(Action::SetLang(location::current_lang().unwrap_or_default()));
                if let Some(step) = location::current_step(questions) {
                    send.emit(Action::GoTo(step));
                }
            });
            move || drop(listener)
        });
    }

    // The URL, the title and the language follow the page shown.
    {
        let f = &flow.0;
        let title = page_title(f);
        use_effect_with((f.step, title, f.lang), move |(step, title, lang)| {
            location::push(*step, *lang, questions);
            document::set_title(title);
            document::set_lang(lang.code());
        });
    }

    // Easy read makes every page's text larger, from the root.
    use_effect_with(flow.0.is_easy_read(), |easy| document::set_root_class("easy-read", *easy));

    // Focus moves only after something the person did, never on arrival.
    use_effect({
        // The consent page keeps its own errors; go_to clears both, so only this page's count.
        let has_errors = !flow.0.errors.is_empty() || !flow.0.consent_errors.is_empty();
        let focus_after = focus_after.clone();
        move || {
            if let Some(after) = focus_after.borrow_mut().take() {
                let target = if after == FocusAfter::ErrorsOrHeading && has_errors { ".error-summary" } else { "h1" };
                document::focus(target);
            }
        }
    });

    use_draft_saving(&flow.0, save_failed.setter());
    use_sending(&flow, {
        let focus_after = focus_after.clone();
        Callback::from(move |()| *focus_after.borrow_mut() = Some(FocusAfter::Heading))
    });
    use_embed_events(&flow.0, campaign_info.is_err());
    // The collector's settings always carry the questions' version; the defaults do not.
    let campaign_known = campaign_info.as_ref().is_ok_and(|info| info.prompts_version.is_some());
    use_funnel(&flow.0, &campaign, campaign_known);
    use_lexicon(flow.0.step != Step::Welcome, {
        let flow = flow.clone();
        Callback::from(move |()| flow.dispatch(Action::LexiconReady))
    });

    // A status message belongs to the page it was shown on.
    {
        let status = status.clone();
        use_effect_with(flow.0.step, move |_| status.set(None));
    }
    let settings = campaign_info.as_ref().map_or_else(|_| Rc::new(CampaignInfo::default()), Rc::clone);
    let withdraw = use_withdrawing(&flow, &status, settings.stories_endpoint.clone());
    let check_state = use_checking(&flow, &status, settings.stories_endpoint.clone());
    let sharing = use_sharing(&status, flow.0.lang);
    let context = StoryContext {
        flow: flow.clone(),
        send,
        save_failed: *save_failed,
        status,
        campaign: settings,
        campaign_unknown: campaign_info.is_err(),
        withdraw,
        check: check_state,
        sharing,
    };
    let page = match flow.0.step {
        // Inside a partner's page, a wrong campaign id must say so, not show a story no one receives.
        _ if context.campaign_unknown && embed::is_embedded() => campaign_unknown(&campaign, flow.0.lang),
        Step::Welcome => welcome(&context),
        Step::Question(n) => question(&context, n),
        Step::Check => check(&context),
        Step::Finish => finish(&context),
        Step::Consent => consent(&context),
        Step::Sent => sent(&context),
    };
    let ui = &flow.0.lang.locale().ui;
    let languages = Lang::ALL.into_iter().filter(|l| *l != flow.0.lang).map(|lang| {
        let onclick = context.send.reform(move |e: MouseEvent| {
            e.prevent_default();
            Action::SetLang(lang)
        });
        html! {
            <a key={lang.code()} href={location::href_lang(lang)} lang={lang.code()} hreflang={lang.code()} {onclick}>
                { lang.locale().name }
            </a>
        }
    });
    let easy = flow.0.is_easy_read();
    let switch_mode = context.send.reform(move |_: MouseEvent| Action::SetEasyRead(!easy));
    html! {
        <>
            <a href="#main-content" class="skip-link">{ ui.skip_to_content }</a>
            <header class="site-header">
                <span class="site-brand">
                    { campaign_logo(&context.campaign, flow.0.lang) }
                    <span class="site-name">{ ui.app_name }</span>
                </span>
                <div class="header-tools">
                    <button type="button" class="link-button mode-switch" onclick={switch_mode}>
                        { if easy { ui.mode_switch_to_standard } else { ui.mode_switch_to_easy } }
                    </button>
                    <nav class="language-nav" aria-label={ui.language_nav_label}>{ for languages }</nav>
                </div>
            </header>
            // Keyed by step, so nothing of one page (an open example, say) lingers on the next.
            <main id="main-content" class="page" tabindex="-1" key={flow.0.step.to_string()}>{ page }</main>
        </>
    }
}

/// Shown in a partner's iframe when its snippet names a campaign the collector does not know.
fn campaign_unknown(campaign: &str, lang: Lang) -> Html {
    let ui = &lang.locale().ui;
    html! {
        <>
            <h1 tabindex="-1">{ ui.embed_unknown_heading }</h1>
            <p>{ story_core::locale::fill(ui.embed_unknown_body, &[("campaign", campaign)]) }</p>
        </>
    }
}

/// The browser tab's title: the page's heading, flagged when the page shows errors.
fn page_title(flow: &Flow) -> String {
    let ui = &flow.lang.locale().ui;
    let heading = match flow.step {
        Step::Welcome => ui.welcome_heading,
        Step::Question(_) => {
            flow.current_prompt().map_or(ui.welcome_heading, |p| p.wording(flow.is_easy_read()).question)
        }
        Step::Check => ui.check_heading,
        Step::Finish => ui.finish_heading,
        Step::Consent => ui.consent_heading,
        Step::Sent => match flow.story.submission.state {
            SendState::NotSent | SendState::Sending => ui.sent_sending_heading,
            SendState::Waiting => ui.sent_waiting_heading,
            SendState::Sent => ui.sent_heading,
            SendState::Refused => ui.sent_refused_heading,
            SendState::Withdrawn => ui.sent_withdrawn_heading,
        },
    };
    let title = format!("{heading} – {}", ui.page_title_suffix);
    if flow.errors.is_empty() && flow.consent_errors.is_empty() {
        title
    } else {
        format!("{} {title}", ui.error_prefix)
    }
}
