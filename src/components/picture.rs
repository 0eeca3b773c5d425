//! The simple pictures beside each question in easy read: small hand-written SVG, shipped as
//! static text (markup in `html!` would cost far more wasm), drawn in the page's text colour
//! with a few fills, so they follow forced colours too.

use yew::prelude::*;

const OPEN: &str = r#"<svg viewBox="0 0 64 64" width="64" height="64" aria-hidden="true" focusable="false"><g fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">"#;
const CLOSE: &str = "</g></svg>";

/// The drawing for each prompt, by id (core/locales/*.toml says in words what each shows).
fn drawing(prompt_id: &str) -> Option<&'static str> {
    Some(match prompt_id {
        // The sun shining.
        "good-day" => {
            r##"<circle cx="32" cy="32" r="12" fill="#ffdd00"/><path d="M32 5v8M32 51v8M5 32h8M51 32h8M13 13l6 6M45 45l6 6M13 51l6-6M45 19l6-6"/>"##
        }
        // A house with a heart.
        "home-and-people" => {
            r##"<path d="M6 30 32 8l26 22"/><path d="M13 25v32h38V25" fill="#f3f2f1"/><path d="M32 50s-10-6-10-12a5 5 0 0 1 10-2 5 5 0 0 1 10 2c0 6-10 12-10 12z" fill="#d4351c"/>"##
        }
        // A group of people together.
        "community" => {
            r##"<circle cx="14" cy="22" r="6" fill="#1d70b8"/><circle cx="50" cy="22" r="6" fill="#00703c"/><path d="M3 50c0-9 5-16 11-16s11 7 11 16M39 50c0-9 5-16 11-16s11 7 11 16"/><circle cx="32" cy="20" r="7" fill="#ffdd00"/><path d="M19 58c0-12 6-20 13-20s13 8 13 20z" fill="#f3f2f1"/>"##
        }
        // A hand holding a heart.
        "what-helps" => {
            r##"<path d="M30 37s-9-5-9-11a4.5 4.5 0 0 1 9-2 4.5 4.5 0 0 1 9 2c0 6-9 11-9 11z" fill="#d4351c"/><path d="M5 40h11l12 6h13a4 4 0 0 1 0 8H26l-10-4H5z" fill="#f3f2f1"/><path d="M41 48l13-8a4 4 0 0 1 5 6L44 58"/>"##
        }
        // A barrier across a path.
        "what-gets-in-the-way" => {
            r##"<path d="M22 62l6-28h8l6 28" fill="#f3f2f1"/><path d="M12 30v16M52 30v16"/><rect x="5" y="18" width="54" height="12" fill="#ffdd00"/><path d="M15 18 7 30M27 18l-8 12M39 18l-8 12M51 18l-8 12M59 20l-6 10"/>"##
        }
        // A person speaking up.
        "who-can-help" => {
            r##"<circle cx="18" cy="30" r="7" fill="#1d70b8"/><path d="M5 58c0-10 6-16 13-16s13 6 13 16z" fill="#f3f2f1"/><path d="M30 6h29v21H43l-8 7v-7h-5z" fill="#fff"/><path d="M36 13h17M36 20h11"/>"##
        }
        _ => return None,
    })
}

/// The prompt's picture with its words as alt text; nothing for a prompt without a drawing.
pub fn picture(prompt_id: &str, alt: &'static str) -> Html {
    let Some(drawing) = drawing(prompt_id) else { return Html::default() };
    let svg = [OPEN, drawing, CLOSE].concat();
    html! {
        <div class="picture" role="img" aria-label={alt}>{ Html::from_html_unchecked(svg.into()) }</div>
    }
}
