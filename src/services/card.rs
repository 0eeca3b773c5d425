//! Draws the story card on a canvas: the title, the picked lines and the campaign's name,
//! wrapped to fit (core decides where lines break; the canvas measures the text).

use story_core::share::wrap_lines;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardShape {
    Square,
    Wide,
}

impl CardShape {
    pub fn size(self) -> (u32, u32) {
        match self {
            CardShape::Square => (1080, 1080),
            CardShape::Wide => (1200, 630),
        }
    }
}

pub struct CardText<'a> {
    pub title: &'a str,
    pub excerpt: &'a str,
    pub campaign: &'a str,
}

/// The campaign's colours; white text on this blue passes WCAG AA at any size.
const BACKGROUND: &str = "#1d70b8";
const TEXT: &str = "#ffffff";
const ACCENT: &str = "#ffdd00";
const FONT: &str = "system-ui, 'Segoe UI', Roboto, Arial, sans-serif";

/// Draws the card and returns its canvas, ready to become a PNG.
pub fn draw(shape: CardShape, text: &CardText) -> Option<HtmlCanvasElement> {
    let document = web_sys::window()?.document()?;
    let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    let (width, height) = shape.size();
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let (w, h) = (f64::from(width), f64::from(height));
    let margin = (w * 0.075).round();
    // Whole pixels: formatting them as text for `ctx.font` then needs no float printer in the wasm.
    let (title_px, body_px, footer_px): (u32, u32, u32) = match shape {
        CardShape::Square => (72, 46, 36),
        CardShape::Wide => (56, 34, 28),
    };
    let (title_size, body_size, footer_size) = (f64::from(title_px), f64::from(body_px), f64::from(footer_px));
    let text_width = w - 2.0 * margin;

    ctx.set_fill_style_str(BACKGROUND);
    ctx.fill_rect(0.0, 0.0, w, h);
    ctx.set_fill_style_str(ACCENT);
    ctx.fill_rect(margin, margin, 120.0, 12.0);
    ctx.set_fill_style_str(TEXT);
    ctx.set_text_baseline("top");

    let mut y = margin + 48.0;
    ctx.set_font(&format!("700 {title_px}px {FONT}"));
    let measure = |s: &str| ctx.measure_text(s).map(|m| m.width()).unwrap_or(f64::MAX);
    for line in wrap_lines(text.title, text_width, 3, measure) {
        let _ = ctx.fill_text(&line, margin, y);
        y += title_size * 1.2;
    }
    y += body_size * 0.8;

    let footer_top = h - margin - footer_size;
    let body_line = body_size * 1.35;
    let room = ((footer_top - body_size - y) / body_line).floor().max(0.0) as usize;
    ctx.set_font(&format!("400 {body_px}px {FONT}"));
    let measure = |s: &str| ctx.measure_text(s).map(|m| m.width()).unwrap_or(f64::MAX);
    for line in wrap_lines(text.excerpt, text_width, room, measure) {
        let _ = ctx.fill_text(&line, margin, y);
        y += body_line;
    }

    ctx.set_font(&format!("700 {footer_px}px {FONT}"));
    let measure = |s: &str| ctx.measure_text(s).map(|m| m.width()).unwrap_or(f64::MAX);
    if let Some(footer) = wrap_lines(text.campaign, text_width, 1, measure).first() {
        let _ = ctx.fill_text(footer, margin, footer_top);
    }
    Some(canvas)
}

/// The canvas as a `data:` URL, for the preview and the download link.
pub fn png_data_url(canvas: &HtmlCanvasElement) -> Option<String> {
    canvas.to_data_url_with_type("image/png").ok()
}

/// The canvas as a PNG file, for sharing.
pub async fn png_file(canvas: &HtmlCanvasElement, name: &str) -> Option<web_sys::File> {
    let blob = js_sys::Promise::new(&mut |resolve, reject| {
        if canvas.to_blob_with_type(&resolve, "image/png").is_err() {
            let _ = reject.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let blob = wasm_bindgen_futures::JsFuture::from(blob).await.ok()?;
    let options = web_sys::FilePropertyBag::new();
    options.set_type("image/png");
    web_sys::File::new_with_blob_sequence_and_options(&js_sys::Array::of1(&blob), name, &options).ok()
}
