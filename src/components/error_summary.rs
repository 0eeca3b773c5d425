use crate::services::document;
use story_core::locale::Lang;
use story_core::validate::{Field, FieldError};
use yew::prelude::*;

/// The id of the form control a field's error points at.
pub fn field_id(field: &Field) -> &'static str {
    match field {
        Field::Answer(_) => "answer",
        Field::Title => "story-title",
        Field::Body => "story-body",
    }
}

/// The story's problems as the error summary lists them: the field's id and the sentence.
pub fn field_errors(errors: &[FieldError], lang: Lang) -> Vec<(&'static str, String)> {
    errors.iter().map(|error| (field_id(&error.field), error.message(lang))).collect()
}

/// The GOV.UK error summary: a titled list of the page's problems, each linking to its field.
/// The app moves focus here after a failed Continue, so screen readers announce it.
pub fn error_summary(errors: Vec<(&'static str, String)>, lang: Lang) -> Html {
    let ui = &lang.locale().ui;
    let items = errors.into_iter().map(|(id, message)| {
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            document::focus(&format!("#{id}"));
        });
        html! { <li key={id}><a href={format!("#{id}")} {onclick}>{ message }</a></li> }
    });
    html! {
        <div class="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
            <div role="alert">
                <h2 class="error-summary-title" id="error-summary-title">{ ui.error_summary_title }</h2>
                <ul class="error-summary-list">{ for items }</ul>
            </div>
        </div>
    }
}

/// The GOV.UK inline error above a field (`{id}-error`, for the field's aria-describedby), with a
/// hidden "Error:" so screen readers say what kind of message it is.
pub fn error_message(id: &str, error: &Option<String>, lang: Lang) -> Html {
    let Some(message) = error else { return Html::default() };
    html! {
        <p id={format!("{id}-error")} class="error-message">
            <span class="visually-hidden">{ lang.locale().ui.error_prefix }{" "}</span>{ message.clone() }
        </p>
    }
}
