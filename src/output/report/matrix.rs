//! The driver analysis's charts as inline SVG, in the house style of [`super::charts`]:
//! geometry only, colours from the stylesheet's classes, every text escaped.

use std::fmt::Write;

use tera::escape_html as escape;

use crate::output::number::Numbers;

/// One dimension's bar: its LMG share of R² (percent) and the label beside it.
pub struct ShareRow {
    pub label: String,
    pub share: Option<f64>,
    /// The share and the relative weight as the report writes them.
    pub value: String,
}

/// Horizontal bars of each dimension's share of R², from 0 to the largest share.
pub fn share_bars(rows: &[ShareRow], title: &str) -> String {
    let row_height = 30.0;
    let (label_right, plot_left, plot_right, width) = (190.0, 200.0, 560.0, 800.0);
    let height = row_height * rows.len() as f64 + 8.0;
    let largest = rows
        .iter()
        .filter_map(|r| r.share)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let mut svg = open(width, height, title, None);
    for (i, row) in rows.iter().enumerate() {
        let mid = 4.0 + row_height * i as f64 + row_height / 2.0;
        let _ = write!(
            svg,
            r#"<text class="axis-label" x="{label_right}" y="{:.1}" text-anchor="end">{}</text>"#,
            mid + 4.0,
            escape(&row.label)
        );
        let w = row
            .share
            .map_or(0.0, |s| s.max(0.0) / largest * (plot_right - plot_left));
        if row.share.is_some() {
            let _ = write!(
                svg,
                r#"<rect class="bar share" x="{plot_left}" y="{:.1}" width="{:.1}" height="16"/>"#,
                mid - 8.0,
                w.max(1.0)
            );
        }
        let _ = write!(
            svg,
            r#"<text class="value" x="{:.1}" y="{:.1}">{}</text>"#,
            plot_left + w + 6.0,
            mid + 4.0,
            escape(&row.value)
        );
    }
    svg += "</svg>";
    svg
}

/// An item in the priority matrix.
pub struct MatrixPoint {
    /// Its number in the legend.
    pub number: usize,
    /// Correlation with the NPS answer (up).
    pub importance: f64,
    /// Customer score, 0–100 (across).
    pub performance: f64,
    /// Self score, 0–100: the arrow's head.
    pub self_score: Option<f64>,
    /// In "concentrate here": its arrow drawn strong, the others muted, so that the blind
    /// spots that matter stand out among many arrows.
    pub concentrate: bool,
}

/// The chart's words.
pub struct MatrixWords<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub x_axis: &'a str,
    pub y_axis: &'a str,
    pub crosshairs: &'a str,
    /// Top left, top right, bottom left, bottom right: concentrate here, keep up the good
    /// work, low priority, possible overkill.
    pub quadrants: [&'a str; 4],
}

/// The importance–performance matrix (Martilla & James, 1977): customer score across,
/// importance up, crosshairs at `means` (importance, performance), and from each item an
/// arrow to where the company's own people put it.
pub fn priority_matrix(
    points: &[MatrixPoint],
    means: (f64, f64),
    words: &MatrixWords,
    numbers: &Numbers,
) -> String {
    let (width, height) = (800.0, 560.0);
    let (left, right, top, bottom) = (70.0, 780.0, 40.0, 500.0);
    // Across: the scores shown, customers' and self, widened to whole tens.
    let scores = points
        .iter()
        .flat_map(|p| std::iter::once(p.performance).chain(p.self_score));
    let (low, high) = scores.fold((f64::MAX, f64::MIN), |(l, h), s| (l.min(s), h.max(s)));
    let x_low = ((low.min(means.1) - 5.0) / 10.0).floor().max(0.0) * 10.0;
    let x_high = (((high.max(means.1) + 5.0) / 10.0).ceil() * 10.0).min(100.0);
    // Up: the correlations, widened to tenths, and zero always in view.
    let (r_low, r_high) = points.iter().fold((0.0_f64, 0.0_f64), |(l, h), p| {
        (l.min(p.importance), h.max(p.importance))
    });
    let y_low = ((r_low - 0.05) * 10.0).floor() / 10.0;
    let y_high = (((r_high + 0.05) * 10.0).ceil() / 10.0).max(y_low + 0.1);
    let x = |s: f64| left + (s - x_low) / (x_high - x_low).max(1.0) * (right - left);
    let y = |r: f64| bottom - (r - y_low) / (y_high - y_low) * (bottom - top);

    let mut svg = open(width, height, words.title, Some(words.description));
    svg += r#"<defs><marker id="matrix-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto"><path class="arrow-head" d="M0,1 L10,5 L0,9 z"/></marker><marker id="matrix-arrow-muted" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto"><path class="arrow-head muted" d="M0,1 L10,5 L0,9 z"/></marker></defs>"#;
    let (cx, cy) = (x(means.1), y(means.0));
    // the quadrant "concentrate here" shaded, so it is found at a glance
    let _ = write!(
        svg,
        r#"<rect class="quadrant concentrate" x="{left}" y="{top}" width="{:.1}" height="{:.1}"/>"#,
        cx - left,
        cy - top
    );
    let mut tick = x_low;
    while tick <= x_high + 1e-9 {
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{0:.1}" y1="{top}" x2="{0:.1}" y2="{bottom}"/><text class="tick" x="{0:.1}" y="{1:.1}" text-anchor="middle">{2}</text>"#,
            x(tick),
            bottom + 16.0,
            numbers.exact(tick)
        );
        tick += 10.0;
    }
    let steps = ((y_high - y_low) * 10.0).round() as i64;
    for k in 0..=steps {
        let r = y_low + k as f64 / 10.0;
        let class = if r.abs() < 1e-9 { "zero" } else { "grid" };
        let _ = write!(
            svg,
            r#"<line class="{class}" x1="{left}" y1="{0:.1}" x2="{right}" y2="{0:.1}"/><text class="tick" x="{1:.1}" y="{2:.1}" text-anchor="end">{3}</text>"#,
            y(r),
            left - 6.0,
            y(r) + 4.0,
            numbers.number(r, 1)
        );
    }
    let _ = write!(
        svg,
        r#"<line class="crosshair" x1="{cx:.1}" y1="{top}" x2="{cx:.1}" y2="{bottom}"/><line class="crosshair" x1="{left}" y1="{cy:.1}" x2="{right}" y2="{cy:.1}"/>"#
    );
    let corners = [
        (left + 8.0, top + 16.0, "start"),
        (right - 8.0, top + 16.0, "end"),
        (left + 8.0, bottom - 8.0, "start"),
        (right - 8.0, bottom - 8.0, "end"),
    ];
    for ((qx, qy, anchor), label) in corners.iter().zip(words.quadrants) {
        let _ = write!(
            svg,
            r#"<text class="quadrant-label" x="{qx:.1}" y="{qy:.1}" text-anchor="{anchor}">{}</text>"#,
            escape(label)
        );
    }
    let dots: Vec<(f64, f64)> = points
        .iter()
        .map(|p| (x(p.performance), y(p.importance)))
        .collect();
    let labels: Vec<String> = points.iter().map(|p| p.number.to_string()).collect();
    let places = label_places(&dots, &labels);
    for ((p, &(px, py)), (lx, ly, anchor)) in points.iter().zip(&dots).zip(places) {
        if let Some(own) = p.self_score {
            let sx = x(own);
            // an arrow only where there is a distance to draw; the square marks the self-view
            if (sx - px).abs() > 9.0 {
                let end = sx - 5.0 * (sx - px).signum();
                let muted = if p.concentrate { "" } else { "-muted" };
                let _ = write!(
                    svg,
                    r#"<line class="arrow{muted}" x1="{:.1}" y1="{py:.1}" x2="{end:.1}" y2="{py:.1}" marker-end="url(#matrix-arrow{muted})"/>"#,
                    px + 5.0 * (sx - px).signum()
                );
            }
            let _ = write!(
                svg,
                r#"<rect class="dot self" x="{:.1}" y="{:.1}" width="7" height="7"/>"#,
                sx - 3.5,
                py - 3.5
            );
        }
        let _ = write!(
            svg,
            r#"<circle class="dot customer" cx="{px:.1}" cy="{py:.1}" r="5"/><text class="point-label" x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}">{}</text>"#,
            p.number
        );
    }
    let _ = write!(
        svg,
        r#"<text class="caption" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text class="caption" x="{:.1}" y="{:.1}" text-anchor="middle" transform="rotate(-90 {:.1} {:.1})">{}</text><text class="caption" x="{right}" y="{:.1}" text-anchor="end">{}</text></svg>"#,
        (left + right) / 2.0,
        bottom + 40.0,
        escape(words.x_axis),
        18.0,
        (top + bottom) / 2.0,
        18.0,
        (top + bottom) / 2.0,
        escape(words.y_axis),
        top - 12.0,
        escape(words.crosshairs)
    );
    svg
}

/// Where each point's number goes (x, y and text-anchor of its text): the first of eight
/// places around its dot that covers no dot and no number placed before it, so that the
/// numbers of a cluster of points stay readable; above left when every place is taken.
fn label_places(dots: &[(f64, f64)], labels: &[String]) -> Vec<(f64, f64, &'static str)> {
    // a box as (left, top, right, bottom); the numbers' font is about 7 px a digit, 11 high
    let overlaps = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| {
        a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
    };
    let dot_boxes: Vec<(f64, f64, f64, f64)> = dots
        .iter()
        .map(|&(x, y)| (x - 5.0, y - 5.0, x + 5.0, y + 5.0))
        .collect();
    let mut taken: Vec<(f64, f64, f64, f64)> = Vec::new();
    let mut places = Vec::with_capacity(dots.len());
    for (&(px, py), label) in dots.iter().zip(labels) {
        let w = 7.0 * label.chars().count() as f64;
        // (x, y of the baseline, anchor); the box follows from the anchor
        let candidates = [
            (px - 6.0, py - 5.0, "end"),
            (px + 6.0, py - 5.0, "start"),
            (px - 6.0, py + 14.0, "end"),
            (px + 6.0, py + 14.0, "start"),
            (px, py - 9.0, "middle"),
            (px, py + 19.0, "middle"),
            (px - 8.0, py + 4.0, "end"),
            (px + 8.0, py + 4.0, "start"),
        ];
        let boxed = |(lx, ly, anchor): (f64, f64, &str)| {
            let left = match anchor {
                "end" => lx - w,
                "middle" => lx - w / 2.0,
                _ => lx,
            };
            (left, ly - 10.0, left + w, ly + 1.0)
        };
        let free = candidates.iter().copied().find(|&c| {
            let b = boxed(c);
            !taken.iter().chain(&dot_boxes).any(|&o| overlaps(b, o))
        });
        let place = free.unwrap_or(candidates[0]);
        taken.push(boxed(place));
        places.push(place);
    }
    places
}

fn open(width: f64, height: f64, title: &str, description: Option<&str>) -> String {
    let desc = description.map_or_else(String::new, |d| format!("<desc>{}</desc>", escape(d)));
    format!(
        r#"<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{0}" xmlns="http://www.w3.org/2000/svg"><title>{0}</title>{desc}"#,
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> MatrixWords<'static> {
        MatrixWords {
            title: "Matrix <1>",
            description: "What it shows",
            x_axis: "Customer score",
            y_axis: "Importance",
            crosshairs: "Dashed: means",
            quadrants: ["Concentrate here", "Keep up", "Low priority", "Overkill"],
        }
    }

    #[test]
    fn numbers_of_points_close_together_do_not_cover_each_other() {
        let dots = [(100.0, 100.0), (103.0, 101.0), (98.0, 99.0), (300.0, 300.0)];
        let labels: Vec<String> = ["17", "21", "4", "9"].map(String::from).to_vec();
        let places = label_places(&dots, &labels);
        let boxes: Vec<(f64, f64, f64, f64)> = places
            .iter()
            .zip(&labels)
            .map(|(&(x, y, anchor), l)| {
                let w = 7.0 * l.len() as f64;
                let left = match anchor {
                    "end" => x - w,
                    "middle" => x - w / 2.0,
                    _ => x,
                };
                (left, y - 10.0, left + w, y + 1.0)
            })
            .collect();
        for i in 0..boxes.len() {
            for j in i + 1..boxes.len() {
                let (a, b) = (boxes[i], boxes[j]);
                let overlap = a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
                assert!(!overlap, "{} and {} overlap", labels[i], labels[j]);
            }
        }
        // a point alone keeps the usual place, above left of its dot
        assert_eq!(places[3], (294.0, 295.0, "end"));
    }

    #[test]
    fn the_matrix_names_its_quadrants_and_draws_arrows_to_the_self_view() {
        let points = [
            MatrixPoint {
                number: 1,
                importance: 0.4,
                performance: 40.0,
                self_score: Some(80.0),
                concentrate: true,
            },
            MatrixPoint {
                number: 2,
                importance: 0.1,
                performance: 85.0,
                self_score: None,
                concentrate: false,
            },
        ];
        let svg = priority_matrix(&points, (0.25, 62.5), &words(), &Numbers::plain("."));
        assert!(svg.contains("<title>Matrix &lt;1&gt;</title><desc>What it shows</desc>"));
        for label in ["Concentrate here", "Keep up", "Low priority", "Overkill"] {
            assert!(svg.contains(label), "{label}");
        }
        assert_eq!(
            svg.matches(r#"class="arrow""#).count(),
            1,
            "no self score, no arrow"
        );
        assert_eq!(svg.matches(r#"class="dot customer""#).count(), 2);
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn share_bars_write_their_values() {
        let rows = [
            ShareRow {
                label: "Reachability".into(),
                share: Some(40.0),
                value: "40 %".into(),
            },
            ShareRow {
                label: "Delight".into(),
                share: None,
                value: "–".into(),
            },
        ];
        let svg = share_bars(&rows, "Shares");
        assert_eq!(svg.matches(r#"class="bar share""#).count(), 1);
        assert!(svg.contains("40 %") && svg.contains("Delight"));
    }
}
