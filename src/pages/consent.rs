use crate::app::StoryContext;
use crate::components::{back_link, error_message, error_summary};
use crate::services::collector::new_idempotency_key;
use crate::services::events::{input_value, is_checked};
use story_core::consent::{ConsentField, NameDisplay};
use story_core::flow::{Action, ConsentChange};
use story_core::step::Step;
use yew::prelude::*;

/// What the campaign may do with the story, asked before anything is sent: separate choices,
/// none made for the person, as in the GOV.UK checkboxes and radios patterns.
pub fn consent(context: &StoryContext) -> Html {
    let flow = context.flow();
    let (lang, ui) = (flow.lang, &flow.lang.locale().ui);
    let consent = &flow.story.consent;
    let send = context.send.clone();
    let error_for =
        |field: ConsentField| flow.consent_errors.iter().find(|e| e.field == field).map(|e| e.message(lang));
    let errors: Vec<_> = flow.consent_errors.iter().map(|e| (e.field.id(), e.message(lang))).collect();
    let group = |error: &Option<String>| classes!("form-group", error.is_some().then_some("form-group-error"));
    let described = |hint: Option<&str>, id: &str, error: &Option<String>| {
        let parts = [hint.map(str::to_owned), error.as_ref().map(|_| format!("{id}-error"))];
        let joined = parts.into_iter().flatten().collect::<Vec<_>>().join(" ");
        (!joined.is_empty()).then_some(joined)
    };
    let checkbox = |id: &'static str, label: &'static str, checked: bool, change: fn(bool) -> ConsentChange| {
        let onchange = send.reform(move |e: Event| Action::Consent(change(is_checked(&e))));
        html! {
            <div class="checkbox">
                <input class="checkbox-input" type="checkbox" {id} {checked} {onchange} />
                <label class="checkbox-label" for={id}>{ label }</label>
            </div>
        }
    };
    let text_input = |id: &'static str,
                      kind: &'static str,
                      autocomplete: &'static str,
                      value: &str,
                      change: fn(String) -> ConsentChange| {
        let oninput = send.reform(move |e: InputEvent| Action::Consent(change(input_value(&e))));
        (id, kind, autocomplete, value.to_owned(), oninput)
    };

    let (share_error, name_display_error) =
        (error_for(ConsentField::ShareWithCampaign), error_for(ConsentField::NameDisplay));
    let (name_error, email_error, area_error) =
        (error_for(ConsentField::Name), error_for(ConsentField::Email), error_for(ConsentField::Area));

    let email = consent.contact.then(|| {
        let (id, kind, autocomplete, value, oninput) =
            text_input("consent-email", "email", "email", &consent.email, ConsentChange::Email);
        html! {
            <div class={classes!(group(&email_error), "conditional")}>
                <label class="label" for={id}>{ ui.consent_email_label }</label>
                <div id="consent-email-hint" class="hint">{ ui.consent_email_hint }</div>
                { error_message(id, &email_error, lang) }
                <input {id} name="email" type={kind} class="input" {autocomplete} spellcheck="false" {value} {oninput}
                    aria-describedby={described(Some("consent-email-hint"), id, &email_error)}
                    aria-invalid={email_error.is_some().then_some("true")} />
            </div>
        }
    });
    let name = matches!(consent.name_display, Some(NameDisplay::Full | NameDisplay::First)).then(|| {
        let (id, kind, autocomplete, value, oninput) =
            text_input("consent-name", "text", "name", &consent.name, ConsentChange::Name);
        html! {
            <div class={classes!(group(&name_error), "conditional")}>
                <label class="label" for={id}>{ ui.consent_name_label }</label>
                { error_message(id, &name_error, lang) }
                <input {id} name="name" type={kind} class="input" {autocomplete} dir="auto" {value} {oninput}
                    aria-describedby={described(None, id, &name_error)}
                    aria-invalid={name_error.is_some().then_some("true")} />
            </div>
        }
    });
    let radios = NameDisplay::ALL.into_iter().map(|display| {
        let id = format!("name-display-{}", display.code());
        let label = match display {
            NameDisplay::Full => ui.consent_name_full,
            NameDisplay::First => ui.consent_name_first,
            NameDisplay::Anonymous => ui.consent_name_anonymous,
        };
        let onchange = send.reform(move |_: Event| Action::Consent(ConsentChange::NameDisplay(display)));
        html! {
            <div class="radio" key={display.code()}>
                <input class="radio-input" type="radio" name="name-display" id={id.clone()}
                    checked={consent.name_display == Some(display)} {onchange} />
                <label class="radio-label" for={id}>{ label }</label>
            </div>
        }
    });
    let area = {
        let (id, kind, autocomplete, value, oninput) =
            text_input("consent-area", "text", "address-level2", &consent.area, ConsentChange::Area);
        html! {
            <div class={group(&area_error)}>
                <label class="label" for={id}>{ ui.consent_area_label }</label>
                <div id="consent-area-hint" class="hint">{ ui.consent_area_hint }</div>
                { error_message(id, &area_error, lang) }
                <input {id} name="area" type={kind} class="input input-medium" {autocomplete} dir="auto" {value} {oninput}
                    aria-describedby={described(Some("consent-area-hint"), id, &area_error)}
                    aria-invalid={area_error.is_some().then_some("true")} />
            </div>
        }
    };
    let privacy = context.campaign.privacy_url.clone().map(|href| {
        html! { <p><a {href} target="_blank" rel="noopener">{ ui.consent_privacy }{" "}{ ui.opens_in_new_tab }</a></p> }
    });
    let onsubmit = send.reform(|e: SubmitEvent| {
        e.prevent_default();
        Action::Send { key: new_idempotency_key() }
    });

    if context.campaign_unknown {
        return html! {
            <>
                { back_link(context, Step::Finish) }
                <h1 tabindex="-1">{ ui.consent_heading }</h1>
                <div class="notice" role="status"><p>{ ui.consent_campaign_unknown }</p></div>
            </>
        };
    }
    html! {
        <>
            { back_link(context, Step::Finish) }
            if !errors.is_empty() {
                { error_summary(errors, lang) }
            }
            <h1 tabindex="-1">{ ui.consent_heading }</h1>
            <p class="lead">{ ui.consent_lead }</p>
            <form novalidate=true {onsubmit}>
                <div class={group(&share_error)}>
                    <fieldset class="fieldset" aria-describedby={described(Some("consent-share-hint"), "consent-share", &share_error)}>
                        <legend class="legend">{ ui.consent_choices_legend }</legend>
                        <div id="consent-share-hint" class="hint">{ ui.consent_share_hint }</div>
                        { error_message("consent-share", &share_error, lang) }
                        { checkbox("consent-share", ui.consent_share, consent.share_with_campaign, ConsentChange::Share) }
                        { checkbox("consent-publish", ui.consent_publish, consent.publish, ConsentChange::Publish) }
                        { checkbox("consent-contact", ui.consent_contact, consent.contact, ConsentChange::Contact) }
                        { for email }
                    </fieldset>
                </div>
                <div class={group(&name_display_error)}>
                    <fieldset class="fieldset" aria-describedby={described(None, "name-display", &name_display_error)}>
                        <legend class="legend">{ ui.consent_name_legend }</legend>
                        { error_message("name-display", &name_display_error, lang) }
                        { for radios }
                        { for name }
                    </fieldset>
                </div>
                { area }
                <div class="inset">
                    <h2 class="heading-small">{ ui.consent_safety_heading }</h2>
                    <p>{ ui.consent_safety }</p>
                    { for privacy }
                </div>
                <button type="submit" class="button">{ ui.consent_send }</button>
            </form>
        </>
    }
}
