//! A chart on a 16:9 slide: the report's SVG nested unchanged, scaled to fit inside the
//! margins and centred, on white, with the legend the report writes beside it in HTML
//! drawn below it. There is no caption: a slide has its own title.

use std::fmt::Write;

use tera::escape_html as escape;

use crate::output::report::{Key, LegendKey};

/// The slide, in pixels of the PNG.
pub const WIDTH: f64 = 1920.0;
pub const HEIGHT: f64 = 1080.0;
const MARGIN_X: f64 = 96.0;
const MARGIN_Y: f64 = 64.0;
/// No chart is drawn larger than this: a small chart stays a chart, not a poster.
const LARGEST_SCALE: f64 = 3.0;
const LEGEND_FONT: f64 = 28.0;
const LEGEND_ROW: f64 = 48.0;
/// A line of the legend is this much narrower than the slide's margins allow, since its
/// text is measured by an estimate (see [`text_width`]).
const LEGEND_SLACK: f64 = 40.0;

/// The slide's SVG: `chart` (an SVG document of `width` × `height` user units) on white,
/// scaled to fit and centred above its legend, with `css` inside.
pub fn slide(chart: &str, (width, height): (f64, f64), legend: &[LegendKey], css: &str) -> String {
    let lines = legend_lines(legend);
    let legend_height = lines.len() as f64 * LEGEND_ROW;
    let legend_gap = if lines.is_empty() { 0.0 } else { 24.0 };
    let room = (
        WIDTH - 2.0 * MARGIN_X,
        HEIGHT - 2.0 * MARGIN_Y - legend_height - legend_gap,
    );
    let scale = (room.0 / width).min(room.1 / height).min(LARGEST_SCALE);
    let (drawn_width, drawn_height) = (width * scale, height * scale);
    let block = drawn_height + legend_gap + legend_height;
    let left = (WIDTH - drawn_width) / 2.0;
    let top = (HEIGHT - block) / 2.0;
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"><style>{css}</style><rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/><g transform="translate({left:.2} {top:.2}) scale({scale:.5})">{chart}</g>"##
    );
    // the legend starts where the chart does, or at the margin when it is wider
    let legend_left = left.min(WIDTH - MARGIN_X - widest(&lines)).max(MARGIN_X);
    for (row, keys) in lines.iter().enumerate() {
        let middle = top + drawn_height + legend_gap + LEGEND_ROW * (row as f64 + 0.5);
        let mut x = legend_left;
        for key in keys {
            x += legend_key(&mut svg, key, x, middle);
        }
    }
    svg += "</svg>";
    svg
}

/// Draws one key of the legend at `x`, centred on `middle`; returns its width with the space
/// after it.
fn legend_key(svg: &mut String, key: &LegendKey, x: f64, middle: f64) -> f64 {
    let class = escape(&key.class);
    let shape = match key.key {
        Key::Square => {
            let _ = write!(
                svg,
                r#"<rect class="{class}" x="{x:.1}" y="{:.1}" width="22" height="22"/>"#,
                middle - 11.0
            );
            22.0
        }
        Key::Circle => {
            let _ = write!(
                svg,
                r#"<circle class="{class}" cx="{:.1}" cy="{middle:.1}" r="12"/>"#,
                x + 12.0
            );
            24.0
        }
        Key::Band => {
            let _ = write!(
                svg,
                r#"<rect class="{class}" x="{x:.1}" y="{:.1}" width="40" height="16"/>"#,
                middle - 8.0
            );
            40.0
        }
        Key::Tick => {
            let _ = write!(
                svg,
                r#"<line class="{class}" x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}"/>"#,
                x + 4.0,
                middle - 15.0,
                middle + 15.0
            );
            8.0
        }
        Key::Note => 0.0,
    };
    let gap = if shape > 0.0 { 12.0 } else { 0.0 };
    let _ = write!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" font-size="{LEGEND_FONT}">{}</text>"#,
        x + shape + gap,
        middle + LEGEND_FONT * 0.35,
        escape(&key.label)
    );
    shape + gap + text_width(&key.label, LEGEND_FONT) + 40.0
}

/// The legend's keys in lines that fit the slide.
fn legend_lines(legend: &[LegendKey]) -> Vec<Vec<&LegendKey>> {
    let room = WIDTH - 2.0 * MARGIN_X - LEGEND_SLACK;
    let mut lines: Vec<Vec<&LegendKey>> = Vec::new();
    let mut used = room;
    for key in legend {
        let width = key_width(key);
        if used + width > room {
            lines.push(Vec::new());
            used = 0.0;
        }
        used += width;
        if let Some(line) = lines.last_mut() {
            line.push(key);
        }
    }
    lines
}

fn key_width(key: &LegendKey) -> f64 {
    let shape = match key.key {
        Key::Square => 34.0,
        Key::Circle => 36.0,
        Key::Band => 52.0,
        Key::Tick => 20.0,
        Key::Note => 0.0,
    };
    shape + text_width(&key.label, LEGEND_FONT) + 40.0
}

fn widest(lines: &[Vec<&LegendKey>]) -> f64 {
    lines
        .iter()
        .map(|line| line.iter().map(|k| key_width(k)).sum::<f64>())
        .fold(0.0, f64::max)
}

/// An estimate of a text's width in Liberation Sans (Arial's metrics): half an em a
/// character, a little wide for lower case; the space after each key absorbs the rest.
pub fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().count() as f64 * font_size * 0.5
}

/// The user units of an SVG document from its root's `viewBox` (`0 0 W H`).
pub fn size(svg: &str) -> Option<(f64, f64)> {
    let root = &svg[..svg.find('>')?];
    let start = root.find("viewBox=\"")? + "viewBox=\"".len();
    let end = root[start..].find('"')? + start;
    let numbers: Vec<f64> = root[start..end]
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers[..] {
        [_, _, width, height] if width > 0.0 && height > 0.0 => Some((width, height)),
        _ => None,
    }
}

/// The width of a dimension's statements panel, in the distributions' own units.
const STATEMENT_WIDTH: f64 = 440.0;
const STATEMENT_GAP: f64 = 24.0;
const STATEMENT_FONT: f64 = 12.0;
const STATEMENT_LINE: f64 = 15.0;
const ROW_GAP: f64 = 14.0;

/// A dimension's statements, each beside the report's chart of its answers, as one SVG
/// document; returns it with its size.
pub fn statements(rows: &[(String, String)]) -> (String, (f64, f64)) {
    let chart_width = rows
        .iter()
        .filter_map(|(_, svg)| size(svg))
        .map(|(w, _)| w)
        .fold(0.0, f64::max);
    let width = STATEMENT_WIDTH + STATEMENT_GAP + chart_width;
    let columns = (STATEMENT_WIDTH / (STATEMENT_FONT * 0.52)).floor() as usize;
    let mut body = String::new();
    let mut y = 0.0;
    for (text, chart) in rows {
        let lines = wrap(text, columns);
        let text_height = lines.len() as f64 * STATEMENT_LINE;
        let chart_height = size(chart).map_or(0.0, |(_, h)| h);
        let row_height = text_height.max(chart_height);
        let mut line_y = y + (row_height - text_height) / 2.0 + STATEMENT_FONT;
        for line in &lines {
            let _ = write!(
                body,
                r#"<text x="0" y="{line_y:.1}" font-size="{STATEMENT_FONT}">{}</text>"#,
                escape(line)
            );
            line_y += STATEMENT_LINE;
        }
        let _ = write!(
            body,
            r#"<g transform="translate({:.1} {:.1})">{chart}</g>"#,
            STATEMENT_WIDTH + STATEMENT_GAP,
            y + (row_height - chart_height) / 2.0
        );
        y += row_height + ROW_GAP;
    }
    let height = (y - ROW_GAP).max(1.0);
    let svg = format!(
        r#"<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">{body}</svg>"#
    );
    (svg, (width, height))
}

/// A text in lines of at most `columns` characters, broken between words (a longer word
/// gets a line of its own).
fn wrap(text: &str, columns: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= columns => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_scaled_to_fit_and_centred() {
        let chart = r#"<svg viewBox="0 0 800 200" width="800" height="200"></svg>"#;
        assert_eq!(size(chart), Some((800.0, 200.0)));
        let svg = slide(chart, (800.0, 200.0), &[], "");
        // 1728 / 800 = 2.16 across; 2.16 × 200 = 432 high, centred in 1080
        assert!(
            svg.contains(r#"<g transform="translate(96.00 324.00) scale(2.16000)">"#),
            "{svg}"
        );
    }

    #[test]
    fn a_long_legend_breaks_into_lines() {
        let key = |label: &str| LegendKey {
            key: Key::Square,
            class: "step neg-1".into(),
            label: label.into(),
        };
        let legend: Vec<LegendKey> = (0..8).map(|_| key("Stimme überhaupt nicht zu")).collect();
        assert!(legend_lines(&legend).len() > 1);
        assert_eq!(legend_lines(&legend[..1]).len(), 1);
    }

    #[test]
    fn statements_wrap_between_words() {
        assert_eq!(
            wrap("Wir rufen   zurück, wenn versprochen", 16),
            ["Wir rufen", "zurück, wenn", "versprochen"]
        );
    }
}
