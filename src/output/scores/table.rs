//! `score --format table`: the scores for people at a terminal, on the 0–100 scale.

use super::Exporter;
use crate::analysis::gaps::{Band, GapKind};
use crate::analysis::scores::{NpsScores, Scores};
use crate::analysis::Analysis;
use crate::input::diagnostics::Problems;
use crate::model::assessment::Assessment;
use crate::output::number::Numbers;

pub struct Table;

impl Exporter for Table {
    fn export(&self, assessment: &Assessment, analysis: &Analysis) -> Result<Vec<u8>, Problems> {
        Ok(table(assessment, &analysis.scores).into_bytes())
    }
}

fn number(value: Option<f64>) -> String {
    value.map_or("–".to_string(), |v| Numbers::plain(".").number(v, 1))
}

fn signed(value: Option<f64>) -> String {
    value.map_or("–".to_string(), |v| Numbers::plain(".").signed(v, 1))
}

fn band(gap: Option<f64>, band: Option<Band>) -> String {
    match (gap, band) {
        (Some(g), Some(b)) => match GapKind::of(g) {
            GapKind::Aligned => "aligned".to_string(),
            GapKind::BlindSpot => format!("{} blind spot", b.id()),
            GapKind::HiddenStrength => format!("{} hidden strength", b.id()),
        },
        _ => String::new(),
    }
}

/// The scores for people: dimensions, overall, NPS and the largest gaps, on the 0–100 scale.
fn table(assessment: &Assessment, scores: &Scores) -> String {
    let q = &assessment.questionnaire;
    let lang = assessment.language.code();
    let level = |l: Option<usize>| {
        l.map_or("–".to_string(), |l| {
            format!("{l} {}", q.levels[l - 1].name.get(lang))
        })
    };
    let mut out = format!(
        "{} · wave {} · {} {}\nrespondents: {} self, {} customer\nscores on a 0–100 scale; gap = self − customer\n\n",
        assessment.client,
        assessment.wave,
        q.id,
        q.version,
        scores.respondents.self_view,
        scores.respondents.customer
    );
    out += &format!(
        "{:<16} {:>6} {:>4} {:>9} {:>4} {:>7}  {}\n",
        "dimension", "self", "n", "customer", "n", "gap", "band"
    );
    for d in &scores.dimensions {
        out += &format!(
            "{:<16} {:>6} {:>4} {:>9} {:>4} {:>7}  {}\n",
            d.id,
            number(d.self_view.score),
            d.self_view.n,
            number(d.customer.score),
            d.customer.n,
            signed(d.gap),
            band(d.gap, d.band)
        );
    }
    let o = &scores.overall;
    out += &format!(
        "{:<16} {:>6} {:>4} {:>9} {:>4} {:>7}  {}\n\n",
        "overall",
        number(o.self_view.score),
        "",
        number(o.customer.score),
        "",
        signed(o.gap),
        band(o.gap, o.band)
    );
    out += &format!(
        "level  self: {}\n       customer: {}\n",
        level(o.self_view.level),
        level(o.customer.level)
    );
    if let Some(nps) = &scores.nps {
        let show = |s: &Option<NpsScores>| {
            s.as_ref().map_or("not asked".to_string(), |s| {
                format!("{} (n = {})", signed(s.score), s.n)
            })
        };
        out += &format!(
            "NPS    self: {}\n       customer: {}\n",
            show(&nps.self_view),
            show(&nps.customer)
        );
    }
    // only gaps outside the aligned band, as the column "band" calls them; none is said
    for (title, items, none) in [
        (
            "largest blind spots",
            scores.blind_spots(),
            "no item where the company sees itself clearly better than its customers do",
        ),
        (
            "largest hidden strengths",
            scores.hidden_strengths(),
            "no item where customers see the company clearly better than it sees itself",
        ),
    ] {
        if items.is_empty() {
            out += &format!("\n{title}: none outside the aligned band ({none})\n");
            continue;
        }
        out += &format!("\n{title}:\n");
        for item in items.iter().take(3).map(|&i| &scores.items[i]) {
            out += &format!(
                "  {:<26} {:>7}  (self {}, customer {})\n",
                item.id,
                signed(item.gap),
                number(item.self_view.as_ref().and_then(|v| v.score)),
                number(item.customer.as_ref().and_then(|v| v.score))
            );
        }
    }
    out
}
