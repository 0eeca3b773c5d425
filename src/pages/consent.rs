use crate::app::StoryContext;
use crate::components::{back_link, error_message, error_summary};
use crate::services::events::{input_value, is_checked};
use crate::services::ids::new_idempotency_key;
use story_core::campaign_words::Localised;
use story_core::consent::{ConsentField, NameDisplay};
use story_core::flow::{Action, ConsentChange};
use story_core::locale::fill;
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
    // The campaign's own words where it has them in this language, the widget's otherwise.
    let own = |words: &Localised, ours: &'static str| AttrValue::from(words.get(lang).unwrap_or(ours).to_owned());
    let texts = &context.campaign.consent;
    let checkbox = |id: &'static str, label: AttrValue, checked: bool, change: fn(bool) -> ConsentChange| {
        let onchange = send.reform(move |e: Event| Action::Consent(change(is_checked(&e))));
        html! {
            <div class="checkbox">
                <input class="checkbox-input" type="checkbox" {id} {checked} {onchange} />
                <label class="checkbox-label" for={id}>{ label }</label>
            </div>
        }
    };
    // One text box with its label, hint and error; the field's id comes from core, where the
    // error summary's links get it too.
    let text_field = |field_kind: FieldKind, label: &'static str, hint: Option<&'static str>| {
        type Change = fn(String) -> ConsentChange;
        let (field, value, change, kind, autocomplete): (_, &str, Change, _, _) = match field_kind {
            FieldKind::Email => (ConsentField::Email, &consent.email, ConsentChange::Email, "email", "email"),
            FieldKind::Name => (ConsentField::Name, &consent.name, ConsentChange::Name, "text", "name"),
            FieldKind::Area => (ConsentField::Area, &consent.area, ConsentChange::Area, "text", "address-level2"),
        };
        let (error, id) = (error_for(field), field.id());
        let oninput = send.reform(move |e: InputEvent| Action::Consent(change(input_value(&e))));
        let hint_id = hint.map(|_| format!("{id}-hint"));
        let conditional = !matches!(field_kind, FieldKind::Area);
        html! {
            <div class={classes!(group(&error), conditional.then_some("conditional"))}>
                <label class="label" for={id}>{ label }</label>
                if let Some(hint) = hint {
                    <div id={hint_id.clone()} class="hint">{ hint }</div>
                }
                { error_message(id, &error, lang) }
                <input {id} name={id} type={kind} class={classes!("input", (!conditional).then_some("input-medium"))}
                    {autocomplete} spellcheck="false" dir="auto" value={value.to_owned()} {oninput}
                    aria-describedby={described(hint_id.as_deref(), id, &error)}
                    aria-invalid={error.is_some().then_some("true")} />
            </div>
        }
    };

    let (share_error, name_display_error) =
        (error_for(ConsentField::ShareWithCampaign), error_for(ConsentField::NameDisplay));
    let email =
        consent.contact.then(|| text_field(FieldKind::Email, ui.consent_email_label, Some(ui.consent_email_hint)));
    let name = matches!(consent.name_display, Some(NameDisplay::Full | NameDisplay::First))
        .then(|| text_field(FieldKind::Name, ui.consent_name_label, None));
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
    let area = text_field(FieldKind::Area, ui.consent_area_label, Some(ui.consent_area_hint));
    let campaign_privacy = texts.privacy.get(lang).map(|text| html! { <p>{ text.to_owned() }</p> });
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
                        { checkbox("consent-share", own(&texts.share_with_campaign, ui.consent_share), consent.share_with_campaign, ConsentChange::Share) }
                        { checkbox("consent-publish", own(&texts.publish, ui.consent_publish), consent.publish, ConsentChange::Publish) }
                        { checkbox("consent-contact", own(&texts.contact, ui.consent_contact), consent.contact, ConsentChange::Contact) }
                        // Always one node, even when empty: Yew matches unkeyed children from the
                        // end, so a node appearing after the boxes would rebuild them and drop focus.
                        { email.unwrap_or_default() }
                    </fieldset>
                </div>
                <div class={group(&name_display_error)}>
                    <fieldset class="fieldset" aria-describedby={described(None, "name-display", &name_display_error)}>
                        <legend class="legend">{ ui.consent_name_legend }</legend>
                        { error_message("name-display", &name_display_error, lang) }
                        { for radios }
                        { name.unwrap_or_default() }
                    </fieldset>
                </div>
                { area }
                <div class="inset">
                    <h2 class="heading-small">{ ui.consent_safety_heading }</h2>
                    <p>{ ui.consent_safety }</p>
                    { for campaign_privacy }
                    { for privacy }
                </div>
                { at_risk(context) }
                <button type="submit" class="button">{ ui.consent_send }</button>
            </form>
        </>
    }
}

/// What happens if the story tells of someone at risk, and whom to call now.
fn at_risk(context: &StoryContext) -> Html {
    let ui = &context.flow().lang.locale().ui;
    // The sentence has the number in it as a link, so a phone dials it with a tap.
    let help = context.campaign.helpline.as_ref().map(|line| {
        let sentence = fill(ui.consent_risk_help, &[("name", &line.name)]);
        let (before, after) = sentence.split_once("{phone}").unwrap_or((&sentence, ""));
        html! { <p>{ before.to_owned() }<a href={line.tel_href()}>{ line.phone.clone() }</a>{ after.to_owned() }</p> }
    });
    html! {
        <div class="inset">
            <h2 class="heading-small">{ ui.consent_risk_heading }</h2>
            <p>{ ui.consent_risk }</p>
            { for help }
            <p>{ ui.consent_risk_emergency }</p>
        </div>
    }
}

/// The consent page's text boxes (the conditional email and name, and the area).
#[derive(Clone, Copy)]
enum FieldKind {
    Email,
    Name,
    Area,
}
