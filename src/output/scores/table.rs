//! `score --format table`: the scores for people at a terminal, on the 0–100 scale.

use super::Exporter;
use crate::analysis::gaps::{Band, GapKind};
use crate::analysis::scores::{NpsScores, Scores};
use crate::analysis::Analysis;
use crate::input::diagnostics::Problems;
use crate::model::assessment::Assessment;
use crate::model::language::Language;
use crate::output::locale::Locale;
use crate::output::number::Numbers;

/// The table, its words in `language` (`score --lang`, else the assessment's language).
pub struct Table {
    pub language: Language,
}

impl Exporter for Table {
    fn export(&self, assessment: &Assessment, analysis: &Analysis) -> Result<Vec<u8>, Problems> {
        assessment.questionnaire.require_language(self.language)?;
        let locale = Locale::built_in(self.language)?;
        Ok(table(assessment, &analysis.scores, &locale).into_bytes())
    }
}

fn number(value: Option<f64>) -> String {
    value.map_or("–".to_string(), |v| Numbers::plain(".").number(v, 1))
}

fn signed(value: Option<f64>) -> String {
    value.map_or("–".to_string(), |v| Numbers::plain(".").signed(v, 1))
}

fn band(gap: Option<f64>, band: Option<Band>, locale: &Locale) -> String {
    let t = |key| locale.t(key);
    let band_word = format!("band_{}", band.map_or("", Band::id));
    let kind = |key| t(key).replace("{band}", locale.t(&band_word));
    match (gap, band) {
        (Some(g), Some(_)) => match GapKind::of(g) {
            GapKind::Aligned => t("score_aligned").to_string(),
            GapKind::BlindSpot => kind("score_blind_spot"),
            GapKind::HiddenStrength => kind("score_hidden_strength"),
        },
        _ => String::new(),
    }
}

/// The scores for people: dimensions, overall, NPS and the largest gaps, on the 0–100 scale.
fn table(assessment: &Assessment, scores: &Scores, locale: &Locale) -> String {
    let q = &assessment.questionnaire;
    let lang = locale.language.code();
    let t = |key| locale.t(key);
    let level = |l: Option<usize>| {
        l.map_or("–".to_string(), |l| {
            format!("{l} {}", q.levels[l - 1].name.get(lang))
        })
    };
    let mut out = format!(
        "{} · {} {} · {} {}\n{}\n{}\n\n",
        assessment.client,
        t("score_wave"),
        assessment.wave,
        q.id,
        q.version,
        t("score_respondents")
            .replace("{self}", &scores.respondents.self_view.to_string())
            .replace("{customer}", &scores.respondents.customer.to_string()),
        t("score_scale"),
    );
    out += &format!(
        "{:<16} {:>6} {:>4} {:>9} {:>4} {:>7}  {}\n",
        t("score_dimension"),
        t("score_self"),
        "n",
        t("score_customer"),
        "n",
        t("score_gap"),
        t("score_band")
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
            band(d.gap, d.band, locale)
        );
    }
    let o = &scores.overall;
    out += &format!(
        "{:<16} {:>6} {:>4} {:>9} {:>4} {:>7}  {}\n\n",
        t("score_overall"),
        number(o.self_view.score),
        "",
        number(o.customer.score),
        "",
        signed(o.gap),
        band(o.gap, o.band, locale)
    );
    // "level  self: …" with "customer: …" under "self: …", whatever the words' lengths
    let width = t("score_level").chars().count().max(3) + 2;
    let views = |label: &str, self_view: String, customer: String| {
        format!(
            "{label:<width$}{}: {self_view}\n{:<width$}{}: {customer}\n",
            t("score_self_view"),
            "",
            t("score_customer_view")
        )
    };
    out += &views(
        t("score_level"),
        level(o.self_view.level),
        level(o.customer.level),
    );
    if let Some(nps) = &scores.nps {
        let show = |s: &Option<NpsScores>| {
            s.as_ref().map_or(t("score_not_asked").to_string(), |s| {
                format!("{} (n = {})", signed(s.score), s.n)
            })
        };
        out += &views("NPS", show(&nps.self_view), show(&nps.customer));
    }
    // only gaps outside the aligned band, as the column "band" calls them; none is said
    for (title, items, none) in [
        (
            t("score_blind_spots"),
            scores.blind_spots(),
            t("no_blind_spots"),
        ),
        (
            t("score_hidden_strengths"),
            scores.hidden_strengths(),
            t("no_hidden_strengths"),
        ),
    ] {
        if items.is_empty() {
            out += &format!("\n{title}: {none}\n");
            continue;
        }
        out += &format!("\n{title}:\n");
        for item in items.iter().take(3).map(|&i| &scores.items[i]) {
            out += &format!(
                "  {:<26} {:>7}  ({})\n",
                item.id,
                signed(item.gap),
                t("score_item_views")
                    .replace(
                        "{self}",
                        &number(item.self_view.as_ref().and_then(|v| v.score))
                    )
                    .replace(
                        "{customer}",
                        &number(item.customer.as_ref().and_then(|v| v.score))
                    )
            );
        }
    }
    out
}
