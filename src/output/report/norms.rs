//! The report with `--norms`: where the client stands among the consultant's portfolio,
//! overall and per dimension, for both views and the gap; the peers' spread drawn as bands.
//! Every number comes from [`crate::analysis::norms`]; this is wording and layout.

use std::fmt::Write;

use serde::Serialize;
use tera::escape_html as escape;

use crate::analysis::gaps::{GapKind, ALIGNED};
use crate::analysis::norms::{Percentile, Placement, Placements, Standing};
use crate::model::language::Language;
use crate::model::questionnaire::Questionnaire;
use crate::output::locale::Locale;

/// The part of the views section that compares with the norms (`templates/norms.html`).
#[derive(Serialize)]
pub struct NormsView {
    /// "Im Vergleich mit 42 Unternehmen"
    pub title: String,
    /// Where the norms come from: how many, which questionnaire, which dates and filters.
    pub intro: String,
    /// The customer view per dimension and overall among the peers' bands; empty when the
    /// norms have no customer view to compare.
    pub scores_svg: String,
    /// The gap the same way.
    pub gaps_svg: String,
    /// Overall first, then the dimensions.
    pub rows: Vec<NormsRow>,
}

#[derive(Serialize)]
pub struct NormsRow {
    pub name: String,
    pub customer: PlacementText,
    #[serde(rename = "self")]
    pub self_view: PlacementText,
    pub gap: PlacementText,
}

/// A value among its peers as the report writes it; empty strings where there is no norm.
#[derive(Serialize)]
pub struct PlacementText {
    /// `62,4` (or `+15,2` for a gap).
    pub value: String,
    /// "68", "< 10", "> 90".
    pub rank: String,
    /// "Perzentil 68 unter 42 Vergleichsunternehmen"
    pub text: String,
    /// The peers' middle half: `48,1 – 61,0`.
    pub middle: String,
    /// The peers' median.
    pub median: String,
}

impl PlacementText {
    fn none() -> PlacementText {
        PlacementText {
            value: String::new(),
            rank: String::new(),
            text: String::new(),
            middle: String::new(),
            median: String::new(),
        }
    }
}

/// The percentile as words: "Perzentil 68 unter 42 Vergleichsunternehmen", "68th
/// percentile among 42 peers".
fn percentile_text(locale: &Locale, percentile: Percentile, peers: usize) -> (String, String) {
    let (key, p) = match percentile {
        Percentile::Below10 => ("norms_below", 10),
        Percentile::Above90 => ("norms_above", 90),
        Percentile::At(p) => ("norms_percentile", p.round() as i64),
    };
    let rank = match percentile {
        Percentile::Below10 => "< 10".to_string(),
        Percentile::Above90 => "> 90".to_string(),
        Percentile::At(_) => p.to_string(),
    };
    let text = locale
        .t(key)
        .replace("{p}", &ordinal(locale.language, p))
        .replace("{n}", &peers.to_string());
    (rank, text)
}

/// `68` in German (the word "Perzentil" goes before it), `68th` in English.
fn ordinal(language: Language, n: i64) -> String {
    match language {
        Language::De => n.to_string(),
        Language::En => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

fn placement_text(locale: &Locale, placement: Option<&Placement>, signed: bool) -> PlacementText {
    let Some(p) = placement else {
        return PlacementText::none();
    };
    let number = |v: f64| match signed {
        true => locale.signed(v, 1),
        false => locale.number(v, 1),
    };
    let (rank, text) = percentile_text(locale, p.percentile, p.norm.n);
    let [q1, median, q3] = p.norm.quartiles;
    PlacementText {
        value: number(p.value),
        rank,
        text,
        middle: format!("{} – {}", number(q1), number(q3)),
        median: number(median),
    }
}

/// The comparison with the norms, in the report's words.
pub fn view(standing: &Standing, q: &Questionnaire, locale: &Locale) -> NormsView {
    let lang = locale.language.code();
    let mut named: Vec<(String, &Placements)> =
        vec![(locale.t("overall_score").to_string(), &standing.overall)];
    for (dimension, placements) in q.dimensions.iter().zip(&standing.dimensions) {
        if let Some(placements) = placements {
            named.push((dimension.name.get(lang).to_string(), placements));
        }
    }
    let rows: Vec<NormsRow> = named
        .iter()
        .map(|(name, p)| NormsRow {
            name: name.clone(),
            customer: placement_text(locale, p.views.customer.as_ref(), false),
            self_view: placement_text(locale, p.views.self_view.as_ref(), false),
            gap: placement_text(locale, p.gap.as_ref(), true),
        })
        .collect();
    let chart_rows = |pick: fn(&Placements) -> Option<&Placement>,
                      texts: fn(&NormsRow) -> &PlacementText| {
        named
            .iter()
            .zip(&rows)
            .map(|((name, p), row)| BandRow {
                label: name.clone(),
                placement: pick(p).cloned(),
                text: texts(row).text.clone(),
            })
            .collect::<Vec<_>>()
    };
    let scores = chart_rows(|p| p.views.customer.as_ref(), |r| &r.customer);
    let gaps = chart_rows(|p| p.gap.as_ref(), |r| &r.gap);
    let mut filters = Vec::new();
    if let Some(industry) = &standing.filters.industry {
        filters.push(
            locale
                .t("norms_filter_industry")
                .replace("{value}", industry),
        );
    }
    if let Some(size) = &standing.filters.size {
        filters.push(locale.t("norms_filter_size").replace("{value}", size));
    }
    let filters = match filters.is_empty() {
        true => String::new(),
        false => format!(" ({})", filters.join(", ")),
    };
    NormsView {
        title: locale
            .t("norms_title")
            .replace("{n}", &standing.assessments.to_string()),
        intro: locale
            .t("norms_intro")
            .replace("{n}", &standing.assessments.to_string())
            .replace("{questionnaire}", &q.id)
            .replace("{major}", &q.major.to_string())
            .replace("{from}", &locale.date(standing.waves.from))
            .replace("{to}", &locale.date(standing.waves.to))
            .replace("{filters}", &filters),
        scores_svg: match scores.iter().any(|r| r.placement.is_some()) {
            true => bands(&scores, Axis::Score, locale.t("norms_scores_chart")),
            false => String::new(),
        },
        gaps_svg: match gaps.iter().any(|r| r.placement.is_some()) {
            true => bands(&gaps, Axis::Gap, locale.t("norms_gaps_chart")),
            false => String::new(),
        },
        rows,
    }
}

/// One row of a norms chart: the client's value among the peers' spread.
struct BandRow {
    label: String,
    placement: Option<Placement>,
    /// The percentile in words, beside the row.
    text: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Axis {
    /// 0 to 100.
    Score,
    /// −50 to 50 (or −100 to 100 when something lies further out), the aligned band shaded.
    Gap,
}

/// Per row a line from the peers' 10th to 90th percentile, a band over their middle half
/// (25th to 75th), a tick at their median, and the client's value as a dot (the customer
/// view's circle for scores, a diamond coloured by the gap's kind for gaps), with the
/// percentile written beside it.
fn bands(rows: &[BandRow], axis: Axis, title: &str) -> String {
    let row_height = 30.0;
    let (label_width, plot_left, plot_right, text_left) = (190.0, 200.0, 500.0, 516.0);
    let (width, top) = (800.0, 8.0);
    let bottom = top + row_height * rows.len() as f64;
    let height = bottom + 22.0;
    let furthest = rows
        .iter()
        .filter_map(|r| r.placement.as_ref())
        .flat_map(|p| [p.value, p.norm.deciles[0], p.norm.deciles[8]])
        .fold(0.0_f64, |m, v| m.max(v.abs()));
    let (low, high) = match axis {
        Axis::Score => (0.0, 100.0),
        Axis::Gap if furthest <= 50.0 => (-50.0, 50.0),
        Axis::Gap => (-100.0, 100.0),
    };
    let x =
        |v: f64| plot_left + (v.clamp(low, high) - low) / (high - low) * (plot_right - plot_left);
    let mut svg = format!(
        r#"<svg class="chart norms-chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{0}" xmlns="http://www.w3.org/2000/svg"><title>{0}</title>"#,
        escape(title)
    );
    if axis == Axis::Gap {
        let _ = write!(
            svg,
            r#"<rect class="aligned-zone" x="{:.1}" y="{top}" width="{:.1}" height="{:.1}"/>"#,
            x(-ALIGNED),
            x(ALIGNED) - x(-ALIGNED),
            bottom - top
        );
    }
    for k in 0..=4 {
        let v = low + (high - low) * k as f64 / 4.0;
        let class = if axis == Axis::Gap && v == 0.0 {
            "zero"
        } else {
            "grid"
        };
        let label = match axis {
            Axis::Gap if v > 0.0 => format!("+{v}"),
            Axis::Gap if v < 0.0 => format!("−{}", -v),
            _ => format!("{v}"),
        };
        let _ = write!(
            svg,
            r#"<line class="{class}" x1="{0:.1}" y1="{top}" x2="{0:.1}" y2="{bottom:.1}"/><text class="tick" x="{0:.1}" y="{1:.1}" text-anchor="middle">{label}</text>"#,
            x(v),
            bottom + 14.0
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let mid = top + row_height * (i as f64 + 0.5);
        let class = if i == 0 {
            "axis-label overall"
        } else {
            "axis-label"
        };
        let _ = write!(
            svg,
            r#"<text class="{class}" x="{label_width}" y="{:.1}" text-anchor="end">{}</text>"#,
            mid + 4.0,
            escape(&row.label)
        );
        let Some(p) = &row.placement else {
            continue;
        };
        let (d, q) = (&p.norm.deciles, &p.norm.quartiles);
        let _ = write!(
            svg,
            r#"<line class="norm-range" x1="{:.1}" y1="{mid:.1}" x2="{:.1}" y2="{mid:.1}"/><rect class="norm-band" x="{:.1}" y="{:.1}" width="{:.1}" height="14"/>"#,
            x(d[0]),
            x(d[8]),
            x(q[0]),
            mid - 7.0,
            (x(q[2]) - x(q[0])).max(1.5),
        );
        let _ = write!(
            svg,
            r#"<line class="norm-median" x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}"/>"#,
            x(q[1]),
            mid - 9.0,
            mid + 9.0
        );
        let (cx, r) = (x(p.value), 5.5);
        match axis {
            Axis::Score => {
                let _ = write!(
                    svg,
                    r#"<circle class="dot customer norm-client" cx="{cx:.1}" cy="{mid:.1}" r="{r}"/>"#
                );
            }
            Axis::Gap => {
                let _ = write!(
                    svg,
                    r#"<path class="norm-client gap-{}" d="M{cx:.1},{:.1} L{:.1},{mid:.1} L{cx:.1},{:.1} L{:.1},{mid:.1} Z"/>"#,
                    GapKind::of(p.value).id(),
                    mid - 7.0,
                    cx + 7.0,
                    mid + 7.0,
                    cx - 7.0
                );
            }
        }
        let _ = write!(
            svg,
            r#"<text class="norm-text" x="{text_left}" y="{:.1}">{}</text>"#,
            mid + 4.0,
            escape(&row.text)
        );
    }
    svg += "</svg>";
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_ordinals() {
        let o = |n| ordinal(Language::En, n);
        assert_eq!(
            [
                o(1),
                o(2),
                o(3),
                o(4),
                o(11),
                o(12),
                o(13),
                o(21),
                o(22),
                o(68),
                o(90)
            ],
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "68th", "90th"]
        );
        assert_eq!(ordinal(Language::De, 68), "68");
    }
}
