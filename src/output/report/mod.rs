//! The HTML report: a typed view of the analysis for the templates ([`view`], made by
//! [`build`]), charts as inline SVG ([`charts`]), the brand colour made readable.
//!
//! Nothing is computed here but layout: every number comes from [`crate::analysis`].

mod build;
pub mod charts;
pub mod colour;
mod drivers;
mod matrix;
pub mod norms;
mod sections;
mod targets;
mod themes;
pub mod view;

use tera::Context;

use crate::analysis::Analysis;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::assessment::Assessment;
use crate::model::language::Language;
use crate::output::templates::{render_template, Templates};

/// Renders the report of an assessment in a language, with the shipped templates or a
/// consultant's own (see [`Templates`]).
pub fn render(
    assessment: &Assessment,
    analysis: &Analysis,
    language: Language,
    templates: &Templates,
) -> Result<String, Problems> {
    render_with_norms(assessment, analysis, language, templates, None)
}

/// [`render`], and with `standing` where the client stands among the norms of
/// `report --norms`.
pub fn render_with_norms(
    assessment: &Assessment,
    analysis: &Analysis,
    language: Language,
    templates: &Templates,
    standing: Option<&crate::analysis::norms::Standing>,
) -> Result<String, Problems> {
    let q = &assessment.questionnaire;
    q.require_language(language)?;
    let locale = templates.locale(language)?;
    let mut view = build::build(assessment, analysis, &locale);
    view.norms = standing.map(|s| norms::view(s, q, &locale));
    let tera = templates.tera()?;
    let context = Context::from_serialize(&view)
        .map_err(|e| Diagnostic::file("report.html", format!("cannot prepare the report: {e}")))?;
    render_template(&tera, "report.html", &context).map_err(|mut problems| {
        // name the consultant's own file when it is theirs that failed
        for d in &mut problems.0 {
            d.file = templates.origin("report.html");
        }
        problems
    })
}

/// The language of the consultant's summary, when a report in `language` shows one written
/// in another: a summary for every language (`summary = "summary.md"`) is in the
/// assessment's own language. `None` when the summary is in the report's language or none
/// is shown.
pub fn summary_language(assessment: &Assessment, language: Language) -> Option<Language> {
    if assessment.summary.contains_key(language.code()) {
        return None;
    }
    assessment.summary_for(language)?;
    (assessment.language != language).then_some(assessment.language)
}

/// A chart of the report, named by what it shows (`radar`, `gap-by-dimension`, …), with the
/// legend the report writes beside it in HTML.
pub struct Chart {
    pub name: String,
    pub body: ChartBody,
    pub legend: Vec<LegendKey>,
}

pub enum ChartBody {
    /// One of the report's SVGs, as the report has it.
    Svg(String),
    /// A dimension's statements, each with its text and the report's SVG of its answers.
    Statements(Vec<(String, String)>),
}

/// One entry of a legend: a key drawn with the chart's own classes, and its words.
#[derive(Clone)]
pub struct LegendKey {
    pub key: Key,
    /// The classes of the key's shape (`dot self`, `step neg-2`), as the chart uses them.
    pub class: String,
    pub label: String,
}

#[derive(Clone, Copy)]
pub enum Key {
    Square,
    Circle,
    /// A wide bar, as the interval band.
    Band,
    /// A short upright line, as the target.
    Tick,
    /// Words alone (the asterisk's footnote).
    Note,
}

/// The report's charts and the colours its stylesheet gives `--accent` and `--accent-text`.
pub struct Charts {
    pub accent: String,
    pub accent_text: String,
    pub charts: Vec<Chart>,
}

/// Every chart the report draws, by the very functions that draw the report, in the order
/// the report shows them; a chart the report leaves out (no targets, no NPS answers, no
/// driver analysis, no baseline) is left out here too.
pub fn charts(
    assessment: &Assessment,
    analysis: &Analysis,
    language: Language,
    templates: &Templates,
) -> Result<Charts, Problems> {
    assessment.questionnaire.require_language(language)?;
    let locale = templates.locale(language)?;
    let view = build::build(assessment, analysis, &locale);
    let t = |key: &str| locale.t(key).to_string();
    let key = |key: Key, class: &str, label: String| LegendKey {
        key,
        class: class.to_string(),
        label,
    };
    let views = || {
        vec![
            key(Key::Square, "dot self", t("legend_self")),
            key(Key::Circle, "dot customer", t("legend_customer")),
        ]
    };
    let mut charts = Vec::new();
    let mut add = |name: &str, svg: String, legend: Vec<LegendKey>| {
        if !svg.is_empty() {
            charts.push(Chart {
                name: name.to_string(),
                body: ChartBody::Svg(svg),
                legend,
            });
        }
    };
    // the report names the levels in its text; on a slide the scale names them below
    let levels = view
        .method
        .levels
        .iter()
        .map(|level| key(Key::Note, "", format!("{} {}", level.number, level.name)))
        .collect();
    add("level-scale", view.summary.level_scale_svg, levels);
    add("radar", view.views.radar_svg, views());
    let targets = vec![
        key(Key::Circle, "dot customer", t("legend_customer")),
        key(Key::Band, "ci-band", t("legend_interval")),
        key(Key::Tick, "target", t("legend_target")),
    ];
    add("targets", view.views.targets_svg, targets);
    let significance = vec![key(Key::Note, "", view.significance_note.clone())];
    add("gap-by-dimension", view.views.gap_svg, significance);
    if let Some(trend) = view.trend {
        let significance = vec![key(Key::Note, "", view.significance_note)];
        add("trend", trend.chart_svg, significance);
    }
    add("driver-shares", view.drivers.shares_svg, Vec::new());
    let matrix = vec![
        key(Key::Circle, "dot customer", t("matrix_legend_customer")),
        key(Key::Square, "dot self", t("matrix_legend_self")),
    ];
    add("priority-matrix", view.drivers.matrix_svg, matrix);
    if let Some(nps) = view.nps {
        let categories = ["detractor", "passive", "promoter"]
            .into_iter()
            .zip(["detractors", "passives", "promoters"])
            .map(|(class, words)| key(Key::Square, &format!("nps-bar {class}"), t(words)))
            .collect();
        add("nps", nps.chart_svg, categories);
    }
    let mut scale: Vec<LegendKey> = view
        .scale
        .into_iter()
        .map(|step| key(Key::Square, &format!("step {}", step.class), step.label))
        .collect();
    let initial = |word: String| word.chars().next().map(String::from).unwrap_or_default();
    scale.push(key(
        Key::Note,
        "",
        format!(
            "{} = {}, {} = {}",
            initial(t("self_short")),
            t("self_view"),
            initial(t("customer_short")),
            t("customer_view")
        ),
    ));
    for dimension in view.dimensions {
        let statements: Vec<(String, String)> = dimension
            .items
            .into_iter()
            .map(|item| (item.text, item.svg))
            .collect();
        if statements.is_empty() {
            continue;
        }
        charts.push(Chart {
            name: format!("distribution-{}", dimension.id),
            body: ChartBody::Statements(statements),
            legend: scale.clone(),
        });
    }
    Ok(Charts {
        accent: view.accent,
        accent_text: view.accent_text,
        charts,
    })
}
