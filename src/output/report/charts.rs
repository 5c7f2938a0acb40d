//! Charts as inline SVG. Only geometry is computed here; colours and fonts come from the
//! report's stylesheet through class names, so a template can restyle them. Every text is
//! escaped.

use std::f64::consts::PI;
use std::fmt::Write;

use tera::escape_html as escape;

use crate::analysis::gaps::{GapKind, ALIGNED};
use crate::output::number::Numbers;

/// One axis of the radar chart.
pub struct RadarAxis {
    pub label: String,
    pub self_score: Option<f64>,
    pub customer_score: Option<f64>,
}

/// Both views' dimension scores (0–100) on a spider chart.
pub fn radar(axes: &[RadarAxis], title: &str) -> String {
    let (width, height) = (560.0, 440.0);
    let (cx, cy, radius) = (width / 2.0, 222.0, 150.0);
    let n = axes.len().max(1) as f64;
    let point = |i: usize, score: f64| {
        let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n;
        let r = radius * score.clamp(0.0, 100.0) / 100.0;
        (cx + r * angle.cos(), cy + r * angle.sin())
    };
    let mut svg = open_svg(width, height, title);
    for ring in [25.0, 50.0, 75.0, 100.0] {
        let points: Vec<String> = (0..axes.len())
            .map(|i| {
                let (x, y) = point(i, ring);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            svg,
            r#"<polygon class="grid" points="{}"/>"#,
            points.join(" ")
        );
    }
    for (i, axis) in axes.iter().enumerate() {
        let (x, y) = point(i, 100.0);
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{cx:.1}" y1="{cy:.1}" x2="{x:.1}" y2="{y:.1}"/>"#
        );
        let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n;
        let (lx, ly) = (
            cx + (radius + 16.0) * angle.cos(),
            cy + (radius + 16.0) * angle.sin(),
        );
        let anchor = match angle.cos() {
            c if c.abs() < 0.2 => "middle",
            c if c > 0.0 => "start",
            _ => "end",
        };
        let dy = if angle.sin() < -0.9 {
            -4.0
        } else if angle.sin() > 0.5 {
            12.0
        } else {
            4.0
        };
        let _ = write!(
            svg,
            r#"<text class="axis-label" x="{lx:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            ly + dy,
            escape(&axis.label)
        );
    }
    for ring in [25.0, 50.0, 75.0, 100.0] {
        let (x, y) = point(0, ring);
        let _ = write!(
            svg,
            r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{ring}</text>"#,
            x - 7.0,
            y + 4.0
        );
    }
    for (class, scores) in [
        (
            "self",
            axes.iter().map(|a| a.self_score).collect::<Vec<_>>(),
        ),
        ("customer", axes.iter().map(|a| a.customer_score).collect()),
    ] {
        if scores.iter().all(Option::is_some) && !scores.is_empty() {
            let points: Vec<String> = scores
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let (x, y) = point(i, s.unwrap_or(0.0));
                    format!("{x:.1},{y:.1}")
                })
                .collect();
            let _ = write!(
                svg,
                r#"<polygon class="area {class}" points="{}"/>"#,
                points.join(" ")
            );
        }
        for (i, score) in scores.iter().enumerate() {
            if let Some(score) = score {
                let (x, y) = point(i, *score);
                svg += &marker(class, x, y);
            }
        }
    }
    svg += "</svg>";
    svg
}

/// A marker that differs by shape, not only by colour: a square for the self-view, a
/// circle for the customer view.
fn marker(class: &str, x: f64, y: f64) -> String {
    if class == "self" {
        format!(
            r#"<rect class="dot self" x="{:.1}" y="{:.1}" width="9" height="9"/>"#,
            x - 4.5,
            y - 4.5
        )
    } else {
        format!(r#"<circle class="dot customer" cx="{x:.1}" cy="{y:.1}" r="5"/>"#)
    }
}

fn open_svg(width: f64, height: f64, title: &str) -> String {
    format!(
        r#"<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{0}" xmlns="http://www.w3.org/2000/svg"><title>{0}</title>"#,
        escape(title)
    )
}

/// One row of the gap chart.
pub struct GapRow {
    pub label: String,
    pub gap: Option<f64>,
    /// The gap as the report writes it (`+15,2`).
    pub value: String,
    /// Marked with an asterisk and an outline, not by colour alone.
    pub significant: bool,
}

/// Diverging bars: blind spots to the right of zero, hidden strengths to the left, with
/// the "aligned" zone (|gap| < [`ALIGNED`]) shaded.
/// With `positive_is_good` (changes between waves) a bar to the right is an improvement and
/// drawn as such; for gaps, a bar to the right is a blind spot.
pub fn gap_bars(
    rows: &[GapRow],
    title: &str,
    left_caption: &str,
    right_caption: &str,
    positive_is_good: bool,
    numbers: &Numbers,
) -> String {
    let row_height = 34.0;
    let (label_width, plot_left, plot_right) = (190.0, 200.0, 760.0);
    let width = 800.0;
    let top = 10.0;
    let height = top + row_height * rows.len() as f64 + 44.0;
    let largest = rows
        .iter()
        .filter_map(|r| r.gap)
        .fold(0.0_f64, |m, g| m.max(g.abs()));
    let domain = if largest <= 50.0 { 50.0 } else { 100.0 };
    let zero = (plot_left + plot_right) / 2.0;
    let x = |gap: f64| zero + gap.clamp(-domain, domain) / domain * (plot_right - plot_left) / 2.0;
    let bottom = top + row_height * rows.len() as f64;

    let mut svg = open_svg(width, height, title);
    let _ = write!(
        svg,
        r#"<rect class="aligned-zone" x="{:.1}" y="{top}" width="{:.1}" height="{:.1}"/>"#,
        x(-ALIGNED),
        x(ALIGNED) - x(-ALIGNED),
        bottom - top
    );
    let step = domain / 4.0;
    for k in -4..=4 {
        let g = k as f64 * step;
        let class = if k == 0 { "zero" } else { "grid" };
        let _ = write!(
            svg,
            r#"<line class="{class}" x1="{0:.1}" y1="{top}" x2="{0:.1}" y2="{bottom:.1}"/><text class="tick" x="{0:.1}" y="{1:.1}" text-anchor="middle">{2}</text>"#,
            x(g),
            bottom + 14.0,
            numbers.exact_signed(g)
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let y = top + row_height * i as f64;
        let mid = y + row_height / 2.0;
        let _ = write!(
            svg,
            r#"<text class="axis-label" x="{label_width}" y="{:.1}" text-anchor="end">{}</text>"#,
            mid + 4.0,
            escape(&row.label)
        );
        if let Some(gap) = row.gap {
            let (x0, x1) = (zero.min(x(gap)), zero.max(x(gap)));
            // a change between waves is better or worse, however small; a gap has its bands
            let class = match positive_is_good {
                true if gap > 0.0 => "hidden",
                true if gap < 0.0 => "blind",
                true => "aligned",
                false => GapKind::of(gap).id(),
            };
            let significant = if row.significant { " significant" } else { "" };
            let _ = write!(
                svg,
                r#"<rect class="bar {class}{significant}" x="{x0:.1}" y="{:.1}" width="{:.1}" height="16"/>"#,
                mid - 8.0,
                (x1 - x0).max(1.0)
            );
            let (tx, anchor) = if gap >= 0.0 {
                (x1 + 5.0, "start")
            } else {
                (x0 - 5.0, "end")
            };
            let _ = write!(
                svg,
                r#"<text class="value" x="{tx:.1}" y="{:.1}" text-anchor="{anchor}">{}{}</text>"#,
                mid + 4.0,
                escape(&row.value),
                if row.significant { " *" } else { "" }
            );
        }
    }
    let caption_y = bottom + 34.0;
    let _ = write!(
        svg,
        r#"<text class="caption" x="{:.1}" y="{caption_y:.1}" text-anchor="end">{}</text><text class="caption" x="{:.1}" y="{caption_y:.1}">{}</text></svg>"#,
        zero - 6.0,
        escape(left_caption),
        zero + 6.0,
        escape(right_caption)
    );
    svg
}

/// One bar of a distribution: the counts of each step, worst experience first.
pub struct DistributionBar {
    /// "S" or "K": the perspective, shortly.
    pub label: String,
    pub counts: Vec<u64>,
}

/// The class of a scale step: `neg-2 neg-1 neutral pos-1 pos-2` on a 1–5 scale.
pub fn step_class(step: usize, steps: usize) -> String {
    let centre = (steps as f64 - 1.0) / 2.0;
    let distance = step as f64 - centre;
    match distance {
        d if d.abs() < 0.25 => "neutral".to_string(),
        d if d < 0.0 => format!("neg-{}", (-d).ceil() as usize),
        d => format!("pos-{}", d.ceil() as usize),
    }
}

/// Diverging stacked bars of the answers: negative steps left of the centre line,
/// positive right, a neutral middle step split across it; one bar per perspective, with n.
pub fn distribution(bars: &[DistributionBar], title: &str) -> String {
    let (width, bar_height, gap) = (300.0, 13.0, 5.0);
    let (left, right) = (18.0, 270.0);
    let centre = (left + right) / 2.0;
    let half = (right - left) / 2.0;
    let height = bars.len() as f64 * (bar_height + gap) + 2.0;
    let mut svg = format!(
        r#"<svg class="distribution" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{0}" xmlns="http://www.w3.org/2000/svg"><title>{0}</title>"#,
        escape(title)
    );
    for (row, bar) in bars.iter().enumerate() {
        let y = 1.0 + row as f64 * (bar_height + gap);
        let n: u64 = bar.counts.iter().sum();
        let _ = write!(
            svg,
            r#"<text class="bar-label" x="0" y="{:.1}">{}</text><text class="bar-n" x="{width}" y="{:.1}" text-anchor="end">{n}</text>"#,
            y + 10.5,
            escape(&bar.label),
            y + 10.5
        );
        if n == 0 {
            continue;
        }
        let steps = bar.counts.len();
        let share = |k: usize| bar.counts[k] as f64 / n as f64;
        // The negative side, and half of a neutral middle step, lie left of the centre.
        let centre_step = (steps % 2 == 1).then_some(steps / 2);
        let mut x = centre
            - half * (0..steps / 2).map(share).sum::<f64>()
            - half * centre_step.map_or(0.0, |c| share(c) / 2.0);
        for k in 0..steps {
            let w = half * share(k);
            if w > 0.0 {
                let _ = write!(
                    svg,
                    r#"<rect class="step {}" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{bar_height}"/>"#,
                    step_class(k, steps)
                );
            }
            x += w;
        }
    }
    let _ = write!(
        svg,
        r#"<line class="zero" x1="{centre}" y1="0" x2="{centre}" y2="{height}"/></svg>"#
    );
    svg
}

/// One dimension on the target chart: the customer view with its interval, and its target.
pub struct TargetRow {
    pub label: String,
    pub score: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub target: Option<f64>,
    /// The target and the distance as the report writes them (`Ziel 60 · −15,0`), or empty.
    pub distance: String,
    /// Said beside the distance when the interval reaches the target, or empty.
    pub note: String,
}

/// The customer view's scores on a 0–100 line per dimension: the 95 % interval as a band, the
/// score as a dot, the target as a tick, and the distance written beside it; a row without a
/// target shows the score alone.
pub fn targets(rows: &[TargetRow], title: &str) -> String {
    // tighter than the gap chart: it shares the page with the radar, the gaps and the table
    let row_height = 28.0;
    let (label_width, plot_left, plot_right, text_left) = (190.0, 200.0, 560.0, 580.0);
    let (width, top) = (800.0, 10.0);
    let bottom = top + row_height * rows.len() as f64;
    let height = bottom + 24.0;
    let x = |score: f64| plot_left + score.clamp(0.0, 100.0) / 100.0 * (plot_right - plot_left);
    let mut svg = open_svg(width, height, title);
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{0:.1}" y1="{top}" x2="{0:.1}" y2="{bottom:.1}"/><text class="tick" x="{0:.1}" y="{1:.1}" text-anchor="middle">{tick}</text>"#,
            x(tick),
            bottom + 14.0
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let mid = top + row_height * (i as f64 + 0.5);
        let _ = write!(
            svg,
            r#"<text class="axis-label" x="{label_width}" y="{:.1}" text-anchor="end">{}</text>"#,
            mid + 4.0,
            escape(&row.label)
        );
        if let Some([low, high]) = row.ci95 {
            let _ = write!(
                svg,
                r#"<rect class="ci-band" x="{:.1}" y="{:.1}" width="{:.1}" height="10"/>"#,
                x(low),
                mid - 5.0,
                (x(high) - x(low)).max(1.0)
            );
        }
        if let Some(score) = row.score {
            svg += &marker("customer", x(score), mid);
        }
        // over the dot: a target just reached stays visible
        if let Some(target) = row.target {
            let _ = write!(
                svg,
                r#"<line class="target" x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}"/>"#,
                x(target),
                mid - 11.0,
                mid + 11.0
            );
        }
        if !row.distance.is_empty() {
            let note = match row.note.is_empty() {
                true => String::new(),
                false => format!(r#"<tspan class="caption"> · {}</tspan>"#, escape(&row.note)),
            };
            let _ = write!(
                svg,
                r#"<text class="value" x="{text_left}" y="{:.1}">{}{note}</text>"#,
                mid + 4.0,
                escape(&row.distance)
            );
        }
    }
    svg += "</svg>";
    svg
}

/// One view's answers to the NPS question.
pub struct NpsPanel {
    /// "Kundinnen und Kunden · NPS +14 · n = 70"
    pub title: String,
    /// How many answered 0, 1, …, 10.
    pub counts: [u64; 11],
}

/// The words of the NPS chart: its title, a description for screen readers, the categories.
pub struct NpsWords<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Detractors, passives, promoters: names short enough for the bracket of 7–8.
    pub categories: [&'a str; 3],
}

/// The NPS answers 0–10 as bars, one panel per view side by side, each bar with its count
/// above it and the answer below; the categories are coloured (`detractor`, `passive`,
/// `promoter`) and named under brackets, so colour is never the only sign. Bar heights are
/// shares of the view's answers on one scale for all panels, so views of different sizes
/// compare.
pub fn nps_bars(panels: &[NpsPanel], words: &NpsWords) -> String {
    let (width, height) = (800.0, 216.0);
    let gutter = 40.0;
    let panel_width =
        (width - gutter * (panels.len().max(1) - 1) as f64) / panels.len().max(1) as f64;
    let (baseline, tallest) = (164.0, 108.0);
    let slot = panel_width / 11.0;
    let bar = (slot * 0.7).min(28.0);
    let share = |counts: &[u64; 11], k: usize| {
        let n: u64 = counts.iter().sum();
        if n == 0 {
            0.0
        } else {
            counts[k] as f64 / n as f64
        }
    };
    let largest = panels
        .iter()
        .flat_map(|p| (0..11).map(|k| share(&p.counts, k)))
        .fold(0.0_f64, f64::max);
    let mut svg = format!(
        r#"<svg class="chart nps-chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{0}" xmlns="http://www.w3.org/2000/svg"><title>{0}</title><desc>{1}</desc>"#,
        escape(words.title),
        escape(words.description)
    );
    for (i, panel) in panels.iter().enumerate() {
        let left = i as f64 * (panel_width + gutter);
        let centre = |k: usize| left + slot * (k as f64 + 0.5);
        let _ = write!(
            svg,
            r#"<text class="axis-label" x="{left:.1}" y="16">{}</text><line class="zero" x1="{left:.1}" y1="{baseline}" x2="{:.1}" y2="{baseline}"/>"#,
            escape(&panel.title),
            left + panel_width
        );
        for k in 0..11 {
            let h = if largest > 0.0 {
                tallest * share(&panel.counts, k) / largest
            } else {
                0.0
            };
            // an answer nobody gave keeps a sliver of a bar: the slot is there, and empty
            let h = h.max(1.0);
            let x = centre(k);
            let _ = write!(
                svg,
                r#"<rect class="nps-bar {}" x="{:.1}" y="{:.1}" width="{bar:.1}" height="{h:.1}"/>"#,
                nps_class(k),
                x - bar / 2.0,
                baseline - h
            );
            let _ = write!(
                svg,
                r#"<text class="value" x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text><text class="tick" x="{x:.1}" y="{:.1}" text-anchor="middle">{k}</text>"#,
                baseline - h - 4.0,
                panel.counts[k],
                baseline + 13.0
            );
        }
        for (c, (from, to)) in [(0, 6), (7, 8), (9, 10)].into_iter().enumerate() {
            let (x0, x1) = (centre(from) - bar / 2.0, centre(to) + bar / 2.0);
            let y = baseline + 22.0;
            let _ = write!(
                svg,
                r#"<path class="bracket {}" d="M{x0:.1},{:.1}V{y:.1}H{x1:.1}V{:.1}"/><text class="caption" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                nps_class(from),
                y - 4.0,
                y - 4.0,
                (x0 + x1) / 2.0,
                y + 15.0,
                escape(words.categories[c])
            );
        }
    }
    svg += "</svg>";
    svg
}

/// The category of an NPS answer: `detractor` (0–6), `passive` (7–8), `promoter` (9–10).
fn nps_class(answer: usize) -> &'static str {
    match answer {
        0..=6 => "detractor",
        7..=8 => "passive",
        _ => "promoter",
    }
}

/// The maturity levels as a segmented bar from 0 to 100, with both views marked.
pub struct LevelMark {
    pub class: &'static str,
    pub score: Option<f64>,
    pub label: String,
}

pub fn level_scale(thresholds: &[f64], marks: &[LevelMark], title: &str) -> String {
    let (width, height, left, right) = (640.0, 92.0, 10.0, 630.0);
    let (bar_top, bar_height) = (34.0, 24.0);
    let x = |score: f64| left + score.clamp(0.0, 100.0) / 100.0 * (right - left);
    let mut svg = open_svg(width, height, title);
    for (i, &from) in thresholds.iter().enumerate() {
        let to = thresholds.get(i + 1).copied().unwrap_or(100.0);
        let _ = write!(
            svg,
            r#"<rect class="level level-{}" x="{:.1}" y="{bar_top}" width="{:.1}" height="{bar_height}"/><text class="level-number" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            i + 1,
            x(from),
            x(to) - x(from),
            (x(from) + x(to)) / 2.0,
            bar_top + 16.0,
            i + 1
        );
    }
    for mark in marks {
        let Some(score) = mark.score else { continue };
        let mx = x(score);
        // each label clear of its marker: the customer's above its dot, the self's below
        // its square
        let (label_y, line) = if mark.class == "customer" {
            (12.0, (20.0, bar_top))
        } else {
            (height - 6.0, (bar_top + bar_height, height - 20.0))
        };
        let anchor = if mx < 90.0 {
            "start"
        } else if mx > width - 90.0 {
            "end"
        } else {
            "middle"
        };
        let _ = write!(
            svg,
            r#"<line class="mark {0}" x1="{mx:.1}" y1="{1}" x2="{mx:.1}" y2="{2}"/>"#,
            mark.class, line.0, line.1
        );
        let marker_y = if mark.class == "customer" {
            line.0
        } else {
            line.1
        };
        svg += &marker(mark.class, mx, marker_y);
        let _ = write!(
            svg,
            r#"<text class="mark-label" x="{mx:.1}" y="{label_y}" text-anchor="{anchor}">{}</text>"#,
            escape(&mark.label)
        );
    }
    svg += "</svg>";
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number after `name="` in the first element of `class` in `svg`.
    fn attribute(svg: &str, class: &str, name: &str) -> f64 {
        let element = &svg[svg.find(class).unwrap()..];
        let value = &element[element.find(&format!(" {name}=\"")).unwrap() + name.len() + 3..];
        value[..value.find('"').unwrap()].parse().unwrap()
    }

    #[test]
    fn level_scale_labels_stay_clear_of_their_markers() {
        let marks = [
            LevelMark {
                class: "customer",
                score: Some(61.1),
                label: "Kundensicht 61,1".into(),
            },
            LevelMark {
                class: "self",
                score: Some(70.8),
                label: "Selbstbild 70,8".into(),
            },
        ];
        let svg = level_scale(&[0.0, 40.0, 55.0, 70.0, 85.0], &marks, "Reifegrad");
        let labels: Vec<f64> = svg
            .split(r#"<text class="mark-label""#)
            .skip(1)
            .map(|t| attribute(t, "", "y"))
            .collect();
        // the mark labels are 12px: about 9 above the baseline, 3 below
        let dot_top = attribute(&svg, r#"class="dot customer""#, "cy") - 5.0;
        assert!(labels[0] + 3.0 <= dot_top, "{} vs {dot_top}", labels[0]);
        let square_bottom = attribute(&svg, r#"class="dot self""#, "y") + 9.0;
        assert!(
            labels[1] - 9.0 >= square_bottom,
            "{} vs {square_bottom}",
            labels[1]
        );
    }

    #[test]
    fn chart_texts_are_escaped() {
        let axes = [RadarAxis {
            label: "<script>x</script>".into(),
            self_score: Some(50.0),
            customer_score: None,
        }];
        let svg = radar(&axes, "a \"title\"");
        assert!(!svg.contains("<script"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(!svg.contains("\"title\""));
    }

    #[test]
    fn nps_bars_have_eleven_bars_per_view_with_their_counts() {
        let mut counts = [0; 11];
        counts[3] = 2;
        counts[8] = 1;
        counts[10] = 4;
        let panels = [
            NpsPanel {
                title: "K".into(),
                counts,
            },
            NpsPanel {
                title: "S".into(),
                counts: [1; 11],
            },
        ];
        let words = NpsWords {
            title: "t",
            description: "d <b>",
            categories: ["Kritiker", "Passive", "Promotoren"],
        };
        let svg = nps_bars(&panels, &words);
        // every answer has its bar (a sliver when nobody gave it) and its count as text
        assert_eq!(svg.matches(r#"class="nps-bar "#).count(), 22);
        assert_eq!(svg.matches(r#"<text class="value""#).count(), 22);
        assert_eq!(svg.matches(r#"class="nps-bar detractor""#).count(), 14);
        assert!(svg.contains(r#"height="1.0""#), "a sliver for 0");
        assert!(svg.contains("<desc>d &lt;b&gt;</desc>"));
        assert_eq!(svg.matches(">Promotoren</text>").count(), 2);
        // 4 of 7 is the largest share: its bar is the tallest, 108 px
        assert!(svg.contains(r#"height="108.0""#), "{svg}");
    }

    #[test]
    fn steps_are_classed_around_the_centre() {
        let classes: Vec<String> = (0..5).map(|k| step_class(k, 5)).collect();
        assert_eq!(classes, ["neg-2", "neg-1", "neutral", "pos-1", "pos-2"]);
        let classes: Vec<String> = (0..4).map(|k| step_class(k, 4)).collect();
        assert_eq!(classes, ["neg-2", "neg-1", "pos-1", "pos-2"]);
    }

    #[test]
    fn a_distribution_centres_the_neutral_step() {
        // 1 × "2", 2 × "3", 1 × "4" of 4: the bar runs from 25 % left to 25 % right of centre
        let bars = [DistributionBar {
            label: "K".into(),
            counts: vec![0, 1, 2, 1, 0],
        }];
        let svg = distribution(&bars, "t");
        // centre 144, half 126: starts at 144 − 126·(0.25 + 0.25) = 81
        assert!(
            svg.contains(r#"<rect class="step neg-1" x="81.0" y="1.0" width="31.5""#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"<rect class="step neutral" x="112.5" y="1.0" width="63.0""#),
            "{svg}"
        );
        assert!(svg.contains(">4</text>"), "n is shown");
    }

    #[test]
    fn gap_bars_point_the_right_way() {
        let rows = [
            GapRow {
                label: "a".into(),
                gap: Some(20.0),
                value: "+20".into(),
                significant: true,
            },
            GapRow {
                label: "b".into(),
                gap: Some(-20.0),
                value: "−20".into(),
                significant: false,
            },
            GapRow {
                label: "c".into(),
                gap: None,
                value: String::new(),
                significant: false,
            },
            GapRow {
                label: "d".into(),
                gap: Some(12.4),
                value: "+12,4".into(),
                significant: false,
            },
        ];
        let svg = gap_bars(&rows, "t", "l", "r", false, &Numbers::typeset(","));
        // zero is at 480; +20 of ±50 over 280 px is 112 px to the right
        assert!(
            svg.contains(r#"<rect class="bar blind significant" x="480.0" y="19.0" width="112.0""#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"<rect class="bar hidden" x="368.0" y="53.0" width="112.0""#),
            "{svg}"
        );
        assert!(
            svg.contains(">+20 *</text>"),
            "a significant gap is marked by more than colour"
        );
        assert!(
            svg.contains(">+12,5</text>"),
            "ticks in the report's language"
        );
        // within ±12.5 the views count as aligned, and the bar says so
        assert!(
            svg.contains(r#"<rect class="bar aligned" x="480.0" y="121.0""#),
            "{svg}"
        );
        assert_eq!(
            svg.matches("class=\"bar ").count(),
            3,
            "no bar without a gap"
        );
    }
}
