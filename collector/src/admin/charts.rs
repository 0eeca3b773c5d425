//! Charts for the console, drawn on the server as SVG so they need no JavaScript: each is a picture
//! for sighted readers with a data table beside it that carries every figure (the picture is
//! labelled as such, and its marks are hidden from screen readers, who get the table).

use maud::{Markup, html};

/// Share of `part` in `whole` as a whole percentage, or a dash when there is no whole.
pub fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 { "–".to_owned() } else { format!("{}%", (part * 100 + whole / 2) / whole) }
}

/// One row of a bar chart: its label and a value for each series.
pub struct Row {
    pub label: String,
    pub values: Vec<i64>,
}

/// A series of a bar chart: its name (in the legend and the table's heading) and its CSS class.
pub struct Series {
    pub name: &'static str,
    pub class: &'static str,
}

const WIDTH: i64 = 640;
const LABEL_WIDTH: i64 = 220;
const VALUE_WIDTH: i64 = 60;
const BAR_HEIGHT: i64 = 18;

/// Horizontal bars, one group per row and one bar per series, scaled to the largest value; each bar
/// has its value written after it. `id` must be unique on the page.
pub fn bars(id: &str, title: &str, series: &[Series], rows: &[Row]) -> Markup {
    let max = rows.iter().flat_map(|row| row.values.iter().copied()).max().unwrap_or(0).max(1);
    let group_height = BAR_HEIGHT * series.len() as i64 + 10;
    let legend_height = if series.len() > 1 { 24 } else { 0 };
    let height = legend_height + group_height * rows.len().max(1) as i64;
    let span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    html! {
        svg.chart role="img" aria-labelledby={ (id) "-title" } viewBox={ "0 0 " (WIDTH) " " (height) }
            width=(WIDTH) height=(height) {
            title id={ (id) "-title" } { (title) ". The figures are in the table below." }
            @if series.len() > 1 {
                @for (index, one) in series.iter().enumerate() {
                    @let x = LABEL_WIDTH + index as i64 * 140;
                    rect class=(one.class) x=(x) y="4" width="14" height="14" {}
                    text.chart-text x=(x + 20) y="16" { (one.name) }
                }
            }
            @for (index, row) in rows.iter().enumerate() {
                @let top = legend_height + index as i64 * group_height;
                text.chart-text x=(LABEL_WIDTH - 8) y=(top + BAR_HEIGHT * series.len() as i64 / 2 + 5)
                    text-anchor="end" { (clip(&row.label, 32)) }
                @for (place, (one, value)) in series.iter().zip(&row.values).enumerate() {
                    @let y = top + place as i64 * BAR_HEIGHT;
                    @let length = value * span / max;
                    rect class=(one.class) x=(LABEL_WIDTH) y=(y) width=(length) height=(BAR_HEIGHT - 3) {}
                    text.chart-text x=(LABEL_WIDTH + length + 6) y=(y + BAR_HEIGHT - 6) { (value) }
                }
            }
        }
    }
}

/// A column for each day, scaled to the busiest day, with the first and last day written under
/// the axis and the busiest day's count beside it.
pub fn columns(id: &str, title: &str, days: &[(String, i64)]) -> Markup {
    let (left, top, plot_width, plot_height) = (48_i64, 10_i64, WIDTH - 56, 160_i64);
    let max = days.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let step = plot_width as f64 / days.len().max(1) as f64;
    let bottom = top + plot_height;
    html! {
        svg.chart role="img" aria-labelledby={ (id) "-title" } viewBox={ "0 0 " (WIDTH) " " (bottom + 30) }
            width=(WIDTH) height=(bottom + 30) {
            title id={ (id) "-title" } { (title) ". The figures are in the table below." }
            line.chart-axis x1=(left) y1=(bottom) x2=(left + plot_width) y2=(bottom) {}
            line.chart-axis x1=(left) y1=(top) x2=(left) y2=(bottom) {}
            text.chart-text x=(left - 6) y=(top + 10) text-anchor="end" { (max) }
            text.chart-text x=(left - 6) y=(bottom) text-anchor="end" { "0" }
            @for (index, (_, count)) in days.iter().enumerate() {
                @let height = count * plot_height / max;
                rect.bar x=(format!("{:.1}", left as f64 + index as f64 * step + 1.0)) y=(bottom - height)
                    width=(format!("{:.1}", (step - 2.0).max(1.0))) height=(height) {}
            }
            @if let (Some((first, _)), Some((last, _))) = (days.first(), days.last()) {
                text.chart-text x=(left) y=(bottom + 20) { (first) }
                text.chart-text x=(left + plot_width) y=(bottom + 20) text-anchor="end" { (last) }
            }
        }
    }
}

/// A data table: caption, column headings, and rows whose first cell heads the row.
pub fn table(caption: &str, headings: &[&str], rows: &[Vec<String>]) -> Markup {
    html! {
        div.table-wrap {
            table.table {
                caption.table-caption { (caption) }
                thead { tr { @for heading in headings { th scope="col" { (heading) } } } }
                tbody {
                    @for row in rows {
                        tr {
                            @for (index, cell) in row.iter().enumerate() {
                                @if index == 0 { th scope="row" { (cell) } } @else { td.numeric { (cell) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn clip(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_and_a_missing_whole_is_a_dash() {
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(2, 3), "67%");
        assert_eq!(percent(5, 0), "–");
    }

    #[test]
    fn bars_are_scaled_to_the_largest_and_labelled_for_screen_readers() {
        let series = [Series { name: "Stories", class: "bar" }];
        let rows = [Row { label: "Home".into(), values: vec![10] }, Row { label: "<Work>".into(), values: vec![5] }];
        let svg = bars("q", "Questions answered", &series, &rows).into_string();
        assert!(svg.contains(r#"role="img" aria-labelledby="q-title""#), "{svg}");
        assert!(svg.contains("Questions answered. The figures are in the table below."));
        let span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        assert!(svg.contains(&format!(r#"width="{span}""#)) && svg.contains(&format!(r#"width="{}""#, span / 2)));
        assert!(svg.contains("&lt;Work&gt;") && !svg.contains("<Work>"), "escaped");
    }

    #[test]
    fn columns_show_each_day_and_the_range() {
        let days = vec![("1 Dec".to_owned(), 0), ("2 Dec".to_owned(), 4), ("3 Dec".to_owned(), 2)];
        let svg = columns("d", "Stories each day", &days).into_string();
        assert_eq!(svg.matches("<rect").count(), 3, "{svg}");
        assert!(svg.contains(">1 Dec<") && svg.contains(">3 Dec<") && svg.contains(">4<"));
    }
}
